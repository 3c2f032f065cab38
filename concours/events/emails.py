"""E-mails to registrants, in their language with the other language below."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from concours.events.models import Registration, Session


def _both_languages(template: str, context: dict[str, object], first: str) -> tuple[str, str]:
    with translation.override(first):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    second = "zh-hans" if first == "en" else "en"
    with translation.override(second):
        body += "\n----\n\n" + render_to_string(f"{template}_body.txt", context)
    return subject, body


def _absolute(path: str) -> str:
    return settings.CONCOURS_SITE_URL.rstrip("/") + path


def _send(registration: Registration, template: str, context: dict[str, object]) -> None:
    context = {
        "registration": registration, "event": registration.event, "user": registration.user,
        "link": _absolute(reverse("events:registration", args=[registration.pk])),
        **context,
    }  # fmt: skip
    first = registration.user.preferred_language or "en"
    subject, body = _both_languages(template, context, first)
    EmailMultiAlternatives(subject=subject, body=body, to=[registration.user.email]).send()


def deliver_registration_email(*, registration: Registration, kind: str) -> None:
    _send(registration, f"events/email/{kind}", {})


def deliver_session_email(*, registration: Registration, session: Session, kind: str) -> None:
    _send(registration, f"events/email/{kind}", {"session": session})
