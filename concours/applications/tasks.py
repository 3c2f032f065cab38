"""Background work of applications: e-mails after status changes (tasks take ids)."""

import logging
from typing import TYPE_CHECKING

from django.tasks import task

if TYPE_CHECKING:
    from concours.applications.models import Application

logger = logging.getLogger(__name__)


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
        deliver_status_email(application=application, attachments=_status_attachments(application))


def _status_attachments(application: "Application") -> list[tuple[str, bytes, str]]:
    """The receipt goes with the "submitted" e-mail, the admission letter with "admitted"."""
    from concours.applications import documents
    from concours.applications.models import ApplicationStatus

    builders = {
        ApplicationStatus.SUBMITTED: ("receipt", documents.receipt_pdf),
        ApplicationStatus.ADMITTED: ("admission-letter", documents.admission_letter_pdf),
    }
    if application.status not in builders or application.candidate.user_id is None:
        return []  # no PDF for this status, or nobody to e-mail
    kind, build = builders[application.status]
    try:
        pdf = build(application)
    except Exception:  # a PDF that fails must not stop the e-mail: it goes without
        logger.exception("Could not build the %s PDF of application %s", kind, application.pk)
        return []
    return [(documents.filename(kind, application), pdf, "application/pdf")]


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


@task()
def send_reminder(application_id: int) -> None:
    """The deadline is near and the draft still misses something: say what, in both languages."""
    from django.utils import timezone

    from concours.applications.emails import deliver_reminder
    from concours.applications.models import Application, ApplicationStatus

    application = (
        Application.objects.select_related("candidate__user", "division__edition__competition")
        .filter(pk=application_id, status=ApplicationStatus.DRAFT)
        .first()
    )
    if application is not None:
        deliver_reminder(application=application, now=timezone.now())


@task()
def send_office_message(message_id: int) -> None:
    from django.core.mail import EmailMultiAlternatives

    from concours.applications.models import OfficeMessage

    message = (
        OfficeMessage.objects.select_related("application__candidate__user")
        .filter(pk=message_id)
        .first()
    )
    if message is None or message.application.candidate.user is None:
        return
    EmailMultiAlternatives(
        subject=message.subject, body=message.body, to=[message.application.candidate.user.email]
    ).send()
