"""E-mails to participants, in their language with the other language below."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from concours.masterclasses.models import MasterClassApplication
from concours.masterclasses.selectors import lessons_of


def deliver_lessons_email(*, application: MasterClassApplication) -> None:
    user = application.applicant
    link = settings.CONCOURS_SITE_URL.rstrip("/") + reverse(
        "masterclasses:mine", kwargs={"slug": application.event.slug}
    )
    context = {
        "application": application, "event": application.event, "link": link,
        "lessons": list(lessons_of(application)), "zone": application.event.time_zone,
    }  # fmt: skip
    first = user.preferred_language
    second = "zh-hans" if first == "en" else "en"
    with translation.override(first):
        subject = render_to_string("masterclasses/email/lessons_subject.txt", context).strip()
        body = render_to_string("masterclasses/email/lessons_body.txt", context)
    with translation.override(second):
        body += "\n----\n\n" + render_to_string("masterclasses/email/lessons_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[user.email]).send()
