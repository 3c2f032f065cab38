"""E-mails to candidates, in their language with the other language below."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from concours.applications.models import Application, GuardianConsent, ReferenceLetter


def _both_languages(template: str, context: dict[str, object], first: str) -> tuple[str, str]:
    with translation.override(first):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    second = "zh-hans" if first == "en" else "en"
    with translation.override(second):
        body += "\n----\n\n" + render_to_string(f"{template}_body.txt", context)
    return subject, body


def deliver_status_email(
    *, application: Application, attachments: list[tuple[str, bytes, str]] | None = None
) -> None:
    user = application.candidate.user
    if user is None:
        return
    link = settings.CONCOURS_SITE_URL.rstrip("/") + reverse(
        "candidate:application", kwargs={"reference": application.reference}
    )
    context = {"application": application, "candidate": application.candidate, "link": link}
    subject, body = _both_languages("applications/email/status", context, user.preferred_language)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[user.email])
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    message.send()


def _absolute(path: str) -> str:
    return settings.CONCOURS_SITE_URL.rstrip("/") + path


def deliver_consent_request(*, consent: GuardianConsent) -> None:
    from concours.applications.tokens import consent_token

    application = consent.application
    context = {
        "consent": consent, "application": application, "candidate": application.candidate,
        "link": _absolute(reverse("links:consent", kwargs={"token": consent_token(consent)})),
    }  # fmt: skip
    first = application.candidate.user.preferred_language if application.candidate.user else "en"
    subject, body = _both_languages("applications/email/consent", context, first)
    EmailMultiAlternatives(subject=subject, body=body, to=[consent.guardian_email]).send()


def deliver_letter_request(*, letter: ReferenceLetter) -> None:
    from concours.applications.tokens import letter_token

    application = letter.application
    context = {
        "letter": letter, "application": application, "candidate": application.candidate,
        "link": _absolute(reverse("links:letter", kwargs={"token": letter_token(letter)})),
    }  # fmt: skip
    subject, body = _both_languages("applications/email/letter", context, "en")
    EmailMultiAlternatives(subject=subject, body=body, to=[letter.referee_email]).send()


def deliver_reminder(*, application: Application, now: dt.datetime) -> None:
    from concours.applications.checks import submission_findings

    user = application.candidate.user
    if user is None:
        return
    with translation.override(user.preferred_language):
        findings = [
            f.message for f in submission_findings(application, now=now) if f.item != "deadline"
        ]
    context = {
        "application": application, "candidate": application.candidate, "findings": findings,
        "link": _absolute(reverse("candidate:application", kwargs={"reference": application.reference})),
    }  # fmt: skip
    subject, body = _both_languages("applications/email/reminder", context, user.preferred_language)
    EmailMultiAlternatives(subject=subject, body=body, to=[user.email]).send()
