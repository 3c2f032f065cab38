"""Writes for accounts: sign up, verify an e-mail address."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from concours.accounts.models import User
from concours.accounts.tokens import email_verification_token, user_for_email_verification
from concours.core.tasks import enqueue_on_commit


def sign_up(*, email: str, full_name: str, password: str, language: str) -> User:
    """Create an account and send the address a verification link (in the background)."""
    with transaction.atomic():
        user = User.objects.create_user(
            email, password, full_name=full_name, preferred_language=language
        )
        request_email_verification(user=user)
    return user


def request_email_verification(*, user: User) -> None:
    from concours.accounts.tasks import send_email_verification

    enqueue_on_commit(send_email_verification, user.pk)


def deliver_email_verification(*, user: User) -> None:
    """The verification e-mail, in the person's language (the other language follows)."""
    link = settings.CONCOURS_SITE_URL.rstrip("/") + reverse(
        "verify_email", kwargs={"token": email_verification_token(user)}
    )
    days = settings.CONCOURS_EMAIL_VERIFICATION_MAX_AGE // (24 * 3600)
    context = {"user": user, "link": link, "days": days}
    with translation.override(user.preferred_language):
        subject = render_to_string("accounts/email/verify_subject.txt", context).strip()
        body = render_to_string("accounts/email/verify_body.txt", context)
    other = "en" if user.preferred_language != "en" else "zh-hans"
    with translation.override(other):
        body += "\n----\n\n" + render_to_string("accounts/email/verify_body.txt", context)
    EmailMultiAlternatives(subject=subject, body=body, to=[user.email]).send()


def verify_email(*, token: str) -> User:
    """Mark the address of the link's account as verified; raises ``InvalidToken``."""
    user = user_for_email_verification(token)
    if user.email_verified_at is None:
        User.objects.filter(pk=user.pk, email_verified_at__isnull=True).update(
            email_verified_at=timezone.now()
        )
        user.refresh_from_db(fields=["email_verified_at"])
    return user
