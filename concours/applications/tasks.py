"""Background work of applications: e-mails after status changes (tasks take ids)."""

from django.tasks import task


@task()
def send_status_email(application_id: int, status: str) -> None:
    from concours.applications.emails import deliver_status_email
    from concours.applications.models import Application

    application = (
        Application.objects.select_related("candidate__user", "division__edition__competition")
        .filter(pk=application_id)
        .first()
    )
    if application is not None and application.status == status:  # not changed again meanwhile
        deliver_status_email(application=application)


@task()
def send_personal_link(kind: str, object_id: int) -> None:
    """The guardian's consent link or the referee's upload link, by e-mail."""
    from concours.applications.emails import deliver_consent_request, deliver_letter_request
    from concours.applications.models import GuardianConsent, ReferenceLetter

    if kind == "consent":
        consent = GuardianConsent.objects.filter(pk=object_id, confirmed_at__isnull=True).first()
        if consent is not None:
            deliver_consent_request(consent=consent)
    else:
        letter = ReferenceLetter.objects.filter(pk=object_id, received_at__isnull=True).first()
        if letter is not None:
            deliver_letter_request(letter=letter)
