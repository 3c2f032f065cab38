"""Validators shared by several apps, with translated messages."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: The largest id or size a database column holds (a signed 64-bit integer).
LARGEST_STORED = 2**63 - 1


def whole_number(text: str, maximum: int = LARGEST_STORED) -> int | None:
    """``text`` as a whole number if it is written in ASCII digits only and is at most
    ``maximum``, else ``None``: an id or a size from a URL, a header or a query parameter.

    ``str.isdigit`` alone also accepts "²" and other scripts' digits, which ``int`` refuses or
    reads; the length check keeps ``int`` away from absurdly long strings (and a number past
    64 bits away from the database, which would fail on it rather than find nothing)."""
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(maximum))):
        return None
    number = int(text)
    return number if number <= maximum else None


def validate_time_zone(value: str) -> None:
    """Reject anything that is not an IANA time zone name."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a known time zone; use a name such as Asia/Shanghai."),
            code="invalid_time_zone",
            params={"value": value},
        ) from None


def validate_currency(value: str) -> None:
    """Three capital letters, as in ISO 4217 (USD, CNY, EUR)."""
    if len(value) != 3 or not value.isascii() or not value.isalpha() or not value.isupper():
        raise ValidationError(
            _("“%(value)s” is not a currency code; use three capital letters such as USD or CNY."),
            code="invalid_currency",
            params={"value": value},
        )
