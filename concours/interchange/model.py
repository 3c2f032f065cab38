"""The interchange document as typed, frozen dataclasses (spec §3–§7).

Money and scores are exact: amounts are ``Decimal``, scores are kept as the decimal strings
they were published as. Lists keep the document's order, which is meaningful (divisions in
order, ranking from first to last).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

FORMAT: Final = "concours-edition"
#: The version this reader writes and reads (a reader of 1.x reads every 1.y, spec §2).
VERSION: Final = (1, 0)

EDITION_STATUSES: Final = ("announced", "running", "completed", "cancelled")
FEE_DUE: Final = ("on_submission", "on_admission")
ROUND_KINDS: Final = ("preselection", "live", "final")
PRIZE_KINDS: Final = ("place", "special")
MEDALS: Final = ("gold", "silver", "bronze")
PRIZE_OUTCOMES: Final = ("pending", "awarded", "shared", "withheld")
LISTINGS: Final = ("alphabetical", "ranked")

#: JSON values as read (no floats: see spec §1).
type Json = bool | int | str | list[Json] | dict[str, Json] | None


@dataclass(frozen=True)
class Text:
    """A text in English and Simplified Chinese; ``zh`` may be empty."""

    en: str
    zh: str = ""


@dataclass(frozen=True)
class City:
    code: str
    name: Text
    country: str
    time_zone: str


@dataclass(frozen=True)
class Competition:
    slug: str
    name: Text
    short_name: Text
    city: City
    founded_year: int
    website: str
    disciplines: tuple[str, ...]


@dataclass(frozen=True)
class Edition:
    year: int
    number: int | None
    title: Text
    status: str
    starts_on: dt.date
    ends_on: dt.date
    time_zone: str
    venue: Text
    applications_open_at: dt.datetime | None
    applications_close_at: dt.datetime | None


@dataclass(frozen=True)
class BirthWindow:
    earliest: dt.date | None
    latest: dt.date | None


@dataclass(frozen=True)
class Fee:
    amount: Decimal
    currency: str
    due: str


@dataclass(frozen=True)
class Scoring:
    preset: str
    parameters: dict[str, Json]


@dataclass(frozen=True)
class Round:
    number: int
    name: Text
    kind: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    advancing: int | None
    scoring: Scoring


@dataclass(frozen=True)
class Division:
    code: str
    name: Text
    discipline: str
    birth_window: BirthWindow
    ages_counted_on: dt.date | None
    min_members: int
    max_members: int
    fee: Fee | None
    rounds: tuple[Round, ...]


@dataclass(frozen=True)
class Prize:
    division: str | None
    kind: str
    place: int | None
    name: Text
    amount: Decimal | None
    currency: str | None
    medal: str | None
    outcome: str


@dataclass(frozen=True)
class Juror:
    name: Text
    country: str
    division: str | None
    chair: bool


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    native_name: str
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Award:
    place: int
    candidates: tuple[str, ...]
    withheld: bool


@dataclass(frozen=True)
class Ranked:
    candidate: str
    rank: int
    score: str
    advanced: bool | None


@dataclass(frozen=True)
class Result:
    division: str
    round: int
    published_at: dt.datetime
    listing: str
    record_digest: str | None
    candidates: tuple[Candidate, ...]
    advancers: tuple[str, ...]
    awards: tuple[Award, ...]
    ranking: tuple[Ranked, ...] | None


@dataclass(frozen=True)
class Document:
    competition: Competition
    edition: Edition
    divisions: tuple[Division, ...]
    prizes: tuple[Prize, ...]
    jury: tuple[Juror, ...]
    results: tuple[Result, ...]
    version: tuple[int, int] = VERSION
