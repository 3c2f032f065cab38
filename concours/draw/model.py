"""The values of a draw and the rules for the texts in it (spec §2, §3).

Texts that people type — candidates' names, witnesses' names and their inputs — are normalised
once, when a draw is performed (NFC, trimmed); the record then holds them exactly as they are
used, so a verifier never normalises anything.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

#: The longest name, input or candidate id, in characters (spec §3).
MAX_TEXT = 200
#: The longest title, in characters.
MAX_TITLE = 500
#: At most this many candidates and this many witness inputs in one draw.
MAX_CANDIDATES = 10_000
MAX_INPUTS = 100

#: What ``str.strip()`` removes: Python's whitespace, listed in spec §3.
WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})"
)


class Method(StrEnum):
    """How the order is drawn (spec §5)."""

    RANDOM = "random"  # a uniformly random permutation
    CHOPIN = "chopin"  # a letter drawn from A–Z, then alphabetical from it, wrapping round


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate of the draw: a stable ``id`` (the application's number) and the names the
    alphabetical order uses, in Latin letters. An ensemble's name goes in ``family_name``."""

    id: str
    family_name: str
    given_name: str = ""


@dataclass(frozen=True, slots=True)
class WitnessInput:
    """What one witness contributed to the draw, with their name, in the order given."""

    witness: str
    input: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a record: the JSON path of the member (``candidates[2].id``; empty
    for the whole document) and what is wrong with it."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def normalise(text: str) -> str:
    """NFC, then without leading or trailing whitespace (spec §3)."""
    return unicodedata.normalize("NFC", text).strip()


def text_problem(text: str, *, limit: int = MAX_TEXT, empty: bool = False) -> str | None:
    """Why ``text`` cannot stand in a record as it is, or ``None`` when it can (spec §3)."""
    if not text:
        return None if empty else "must not be empty"
    if text != unicodedata.normalize("NFC", text):
        return "must be in Unicode normalisation form C (NFC)"
    if text[0] in WHITESPACE or text[-1] in WHITESPACE:
        return "must not begin or end with white space"
    if any(_is_control(character) for character in text):
        return "must not contain control characters"
    if len(text) > limit:
        return f"must be at most {limit} characters long, found {len(text)}"
    return None


def _is_control(character: str) -> bool:
    return character < " " or "\x7f" <= character <= "\x9f"


def parse_timestamp(text: str) -> dt.datetime | None:
    """The instant a timestamp names, or ``None`` when ``text`` is not one (spec §3)."""
    if not _TIMESTAMP.fullmatch(text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:  # 2026-02-30, 25:00, an offset of 24 hours
        return None


def timestamp(moment: dt.datetime) -> str:
    """An aware datetime as a record's timestamp, to the second, in UTC: ``…T16:30:00Z``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a timestamp needs a time zone")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
