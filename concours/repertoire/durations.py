"""Durations in whole seconds, written as ``m:ss`` or ``h:mm:ss`` (spec §2).

Candidates type durations; rules store them as ``timedelta``. This module is the one place that
turns one into the other, with errors precise enough to show next to the field.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

_DIGITS = frozenset("0123456789")
_MINUS_SIGNS = ("-", "\u2212")  # hyphen-minus and the minus sign


class DurationErrorCode(StrEnum):
    """Why a text is not a duration (spec §2.3), in the order the checks run; the values are
    stable, for translated messages."""

    EMPTY = "empty"
    NEGATIVE = "negative"
    NOT_A_NUMBER = "not_a_number"
    EMPTY_PART = "empty_part"
    NO_COLON = "no_colon"
    TOO_MANY_PARTS = "too_many_parts"
    SECONDS_TWO_DIGITS = "seconds_two_digits"
    SECONDS_OUT_OF_RANGE = "seconds_out_of_range"
    MINUTES_TWO_DIGITS = "minutes_two_digits"
    MINUTES_OUT_OF_RANGE = "minutes_out_of_range"
    ZERO = "zero"


class DurationFormatError(ValueError):
    """A text that is not a duration; ``code`` and ``params`` let a caller translate (§2.3)."""

    def __init__(self, code: DurationErrorCode, *, text: str) -> None:
        self.code = code
        self.params: Mapping[str, str] = MappingProxyType({"text": text})
        super().__init__(_DURATION_MESSAGES[code] % {"text": text})


_DURATION_MESSAGES: Mapping[DurationErrorCode, str] = MappingProxyType(
    {
        DurationErrorCode.EMPTY: "Enter a duration as minutes and seconds, such as 4:30.",
        DurationErrorCode.NO_COLON: (
            "“%(text)s” has no colon: write minutes and seconds, such as %(text)s:00 "
            "for %(text)s minutes."
        ),
        DurationErrorCode.TOO_MANY_PARTS: (
            "“%(text)s” has too many parts: write m:ss or h:mm:ss, such as 4:30 or 1:04:30."
        ),
        DurationErrorCode.NEGATIVE: "“%(text)s” is negative; a duration must be positive.",
        DurationErrorCode.NOT_A_NUMBER: (
            "“%(text)s” is not a duration: use digits and colons only, such as 4:30."
        ),
        DurationErrorCode.EMPTY_PART: (
            "“%(text)s” has a colon with no number beside it; write m:ss, such as 4:30."
        ),
        DurationErrorCode.SECONDS_TWO_DIGITS: (
            "In “%(text)s” the seconds need two digits, such as 4:05."
        ),
        DurationErrorCode.MINUTES_TWO_DIGITS: (
            "In “%(text)s” the minutes after the hours need two digits, such as 1:05:00."
        ),
        DurationErrorCode.SECONDS_OUT_OF_RANGE: (
            "In “%(text)s” the seconds are more than 59; a minute has 60 seconds (00 to 59)."
        ),
        DurationErrorCode.MINUTES_OUT_OF_RANGE: (
            "In “%(text)s” the minutes after the hours are more than 59; write h:mm:ss "
            "with minutes 00 to 59."
        ),
        DurationErrorCode.ZERO: "“%(text)s” is no time at all; a duration must be longer than 0:00.",
    }
)


def parse_duration(text: str) -> int:
    """Whole seconds from ``m:ss`` or ``h:mm:ss`` (spec §2.2).

    Spaces around the text are ignored; full-width digits and colons (as typed with a Chinese
    input method) are read as ASCII. Raises ``DurationFormatError`` with a precise ``code``.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        raise DurationFormatError(DurationErrorCode.EMPTY, text="")
    if cleaned.startswith(_MINUS_SIGNS):
        raise DurationFormatError(DurationErrorCode.NEGATIVE, text=cleaned)
    parts = cleaned.split(":")
    if any(not set(part) <= _DIGITS for part in parts):
        raise DurationFormatError(DurationErrorCode.NOT_A_NUMBER, text=cleaned)
    if not all(parts):
        raise DurationFormatError(DurationErrorCode.EMPTY_PART, text=cleaned)
    if len(parts) == 1:
        raise DurationFormatError(DurationErrorCode.NO_COLON, text=cleaned)
    if len(parts) > 3:
        raise DurationFormatError(DurationErrorCode.TOO_MANY_PARTS, text=cleaned)
    *leading, seconds_text = parts
    if len(seconds_text) != 2:
        raise DurationFormatError(DurationErrorCode.SECONDS_TWO_DIGITS, text=cleaned)
    if int(seconds_text) > 59:
        raise DurationFormatError(DurationErrorCode.SECONDS_OUT_OF_RANGE, text=cleaned)
    hours = 0
    if len(leading) == 2:
        hours_text, minutes_text = leading
        if len(minutes_text) != 2:
            raise DurationFormatError(DurationErrorCode.MINUTES_TWO_DIGITS, text=cleaned)
        if int(minutes_text) > 59:
            raise DurationFormatError(DurationErrorCode.MINUTES_OUT_OF_RANGE, text=cleaned)
        hours = int(hours_text)
    else:
        (minutes_text,) = leading
    total = (hours * 60 + int(minutes_text)) * 60 + int(seconds_text)
    if total == 0:
        raise DurationFormatError(DurationErrorCode.ZERO, text=cleaned)
    return total


def format_duration(seconds: int) -> str:
    """``m:ss`` below an hour, ``h:mm:ss`` from an hour on (spec §2.1). ``0`` is ``0:00``."""
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative ({seconds} seconds)")
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}:{secs:02d}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def seconds_of(delta: dt.timedelta) -> int:
    """A rule's ``timedelta`` (e.g. ``Round.max_duration``) as whole seconds (spec §2.4)."""
    if delta < dt.timedelta(0):
        raise ValueError("a duration cannot be negative")
    if delta.microseconds:
        raise ValueError("a duration must be a whole number of seconds")
    return delta.days * 86_400 + delta.seconds
