"""E-mails about sessions: the reminder the day before, and new times when the office moves a
session (``reschedule_session``)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.core.tasks import enqueue_on_commit
from concours.events import tasks
from concours.events.models import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    Registration,
    Session,
    SessionReminder,
)

#: Sessions starting within this window ahead are reminded of ("the day before").
REMINDER_AHEAD = dt.timedelta(hours=36)


def registrations_for_session(
    session: Session, statuses: tuple[str, ...]
) -> QuerySet[Registration]:
    """Registrations covering ``session``: those who chose it, or every one when the event
    offers no choice."""
    registrations = Registration.objects.filter(event_id=session.event_id, status__in=statuses)
    if session.event.choose_sessions:
        registrations = registrations.filter(chosen__session=session)
    return registrations


def _notify(session: Session, kind: str, statuses: tuple[str, ...]) -> int:
    ids = list(registrations_for_session(session, statuses).values_list("pk", flat=True))
    for registration_id in ids:
        enqueue_on_commit(tasks.send_session_email, registration_id, session.pk, kind)
    return len(ids)


def send_session_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind the people holding a place of each session starting within a day and a half that
    was not reminded of yet. Returns the number of e-mails queued. ``manage.py
    send_event_reminders`` runs it (daily or hourly)."""
    now = now or timezone.now()
    sent = 0
    due = Session.objects.select_related("event").filter(
        starts_at__gt=now, starts_at__lte=now + REMINDER_AHEAD, reminder__isnull=True,
        event__status="published",
    )  # fmt: skip
    for session in due:
        with transaction.atomic():
            _, created = SessionReminder.objects.get_or_create(
                session=session, defaults={"sent_at": now}
            )
            if created:
                sent += _notify(session, "reminder", HOLDING_STATUSES)
    return sent


def reschedule_session(*, session: Session, starts_at: dt.datetime, ends_at: dt.datetime) -> int:
    """Move a session and e-mail everyone registered for it. Returns the number of e-mails."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    with transaction.atomic():
        Session.objects.filter(pk=session.pk).update(starts_at=starts_at, ends_at=ends_at)
        session.starts_at, session.ends_at = starts_at, ends_at
        SessionReminder.objects.filter(session=session).delete()  # remind again at the new time
        return notify_rescheduled(session=session)


def notify_rescheduled(*, session: Session) -> int:
    """E-mail the new times of ``session`` (already saved, e.g. by the office's admin form)."""
    return _notify(session, "rescheduled", ACTIVE_STATUSES)
