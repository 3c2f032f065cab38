"""E-mails to candidates, in their language with the other language below."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from concours.applications.models import Application


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
