"""Single-purpose, expiring links sent by e-mail, signed with the site's secret key.

A token names its purpose (the signing salt) and the state it was issued for (the user and
their current e-mail address), so a verification link cannot be used to do anything else and
stops working once the address changes.
"""

from django.conf import settings
from django.core import signing

from concours.accounts.models import User

EMAIL_VERIFICATION = "concours.accounts.email-verification"


class InvalidToken(Exception):
    """The link is malformed, was altered, has expired, or no longer matches the account."""


def email_verification_token(user: User) -> str:
    return signing.TimestampSigner(salt=EMAIL_VERIFICATION).sign_object(
        {"user": user.pk, "email": user.email}
    )


def user_for_email_verification(token: str) -> User:
    try:
        data = signing.TimestampSigner(salt=EMAIL_VERIFICATION).unsign_object(
            token, max_age=settings.CONCOURS_EMAIL_VERIFICATION_MAX_AGE
        )
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature too
        raise InvalidToken(str(error)) from None
    try:
        return User.objects.get(pk=data["user"], email=data["email"], is_active=True)
    except (User.DoesNotExist, KeyError, TypeError):
        raise InvalidToken("the account no longer matches the link") from None
