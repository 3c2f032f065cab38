"""Validators shared by several apps, with translated messages."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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
