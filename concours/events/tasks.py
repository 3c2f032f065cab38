"""Background work of events: e-mails to registrants, expiring offers, reminders (tasks take ids,
re-fetch, and do nothing when the registration changed meanwhile)."""

from django.tasks import task


@task()
def send_registration_email(registration_id: int, kind: str) -> None:
    """``kind`` is the registration's status when the e-mail was asked for ("confirmed",
    "waitlisted", "offered"); nothing is sent if the status changed since."""
    from concours.events.emails import deliver_registration_email
    from concours.events.models import Registration

    registration = (
        Registration.objects.select_related("user", "event", "category")
        .filter(pk=registration_id, status=kind)
        .first()
    )
    if registration is not None:
        deliver_registration_email(registration=registration, kind=kind)


@task()
def send_session_email(registration_id: int, session_id: int, kind: str) -> None:
    """A reminder the day before a session ("reminder") or its new times ("rescheduled")."""
    from concours.events.emails import deliver_session_email
    from concours.events.models import ACTIVE_STATUSES, Registration, Session

    registration = (
        Registration.objects.select_related("user", "event")
        .filter(pk=registration_id, status__in=ACTIVE_STATUSES)
        .first()
    )
    session = Session.objects.select_related("room__venue").filter(pk=session_id).first()
    if registration is not None and session is not None:
        deliver_session_email(registration=registration, session=session, kind=kind)


@task()
def expire_offers_task() -> int:
    from concours.events.services import expire_offers

    return expire_offers()


@task()
def send_reminders_task() -> int:
    from concours.events.notifications import send_session_reminders

    return send_session_reminders()
