"""Personal links for people without an account: a guardian confirming consent, a referee
uploading a letter. Each link names its purpose and the address it was sent to, expires, and
stops working once used."""

from django.core import signing

from concours.applications.models import GuardianConsent, ReferenceLetter

CONSENT = "concours.applications.guardian-consent"
LETTER = "concours.applications.reference-letter"
CONSENT_MAX_AGE = 14 * 24 * 3600
LETTER_MAX_AGE = 30 * 24 * 3600


class InvalidLink(Exception):
    """Malformed, altered, expired, used, or for another purpose."""


def consent_token(consent: GuardianConsent) -> str:
    return signing.TimestampSigner(salt=CONSENT).sign_object(
        {"id": consent.pk, "to": consent.guardian_email}
    )


def letter_token(letter: ReferenceLetter) -> str:
    return signing.TimestampSigner(salt=LETTER).sign_object(
        {"id": letter.pk, "to": letter.referee_email}
    )


def _unsign(token: str, salt: str, max_age: int) -> dict[str, object]:
    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.BadSignature:
        raise InvalidLink from None
    if not isinstance(data, dict):
        raise InvalidLink
    return data


def consent_for(token: str) -> GuardianConsent:
    data = _unsign(token, CONSENT, CONSENT_MAX_AGE)
    consent = (
        GuardianConsent.objects.select_related(
            "application__candidate", "application__division__edition__competition"
        )
        .filter(pk=data.get("id"), guardian_email=data.get("to"))
        .first()
    )
    if consent is None:
        raise InvalidLink
    return consent


def letter_for(token: str) -> ReferenceLetter:
    data = _unsign(token, LETTER, LETTER_MAX_AGE)
    letter = (
        ReferenceLetter.objects.select_related(
            "application__candidate", "application__division__edition__competition"
        )
        .filter(pk=data.get("id"), referee_email=data.get("to"))
        .first()
    )
    if letter is None or letter.received_at is not None:
        raise InvalidLink
    return letter
