"""Plain, immutable descriptions of the demo content.

The data modules (``data``, ``schoenfeld``, ``people``) build these; ``services.load_demo`` turns
them into rows. Nothing here touches the database, so the content can be tested and compared
without one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from concours.applications.models import (
    ApplicationStatus,
    DocumentKind,
    FeeStatus,
    ItemKind,
    TeachingKind,
)
from concours.competitions.models import (
    EditionStatus,
    FeePolicy,
    Medal,
    PrizeKind,
    PrizeOutcome,
    RoundKind,
    ScoringPreset,
)


@dataclass(frozen=True)
class Text:
    """One piece of organiser-written content, in English and Simplified Chinese."""

    en: str
    zh: str

    def fields(self, name: str) -> dict[str, str]:
        """The two model fields for ``name``: ``{"name_en": …, "name_zh": …}``."""
        return {f"{name}_en": self.en, f"{name}_zh": self.zh}


NO_TEXT = Text("", "")


@dataclass(frozen=True)
class CodedSpec:
    """A discipline or an instrument: a code and a bilingual name."""

    code: str
    name: Text
    is_ensemble: bool = False


@dataclass(frozen=True)
class CitySpec:
    slug: str
    name: Text
    country: str
    time_zone: str
    unesco_city_of_music: bool = False
    description: Text = NO_TEXT


@dataclass(frozen=True)
class FederationSpec:
    short_name: str
    name: Text
    founded_year: int
    website: str
    description: Text


@dataclass(frozen=True)
class CategorySpec:
    """A repertoire category of an edition (“Paganini caprice”)."""

    code: str
    name: Text


@dataclass(frozen=True)
class RequirementSpec:
    """How many pieces of a category a round asks for."""

    category: str
    min_count: int = 1
    max_count: int | None = 1
    note: Text = NO_TEXT


@dataclass(frozen=True)
class RoundSpec:
    number: int
    name: Text
    kind: RoundKind
    format: Text
    starts_on: dt.date
    ends_on: dt.date
    advancing: int | None
    scoring_preset: ScoringPreset = ScoringPreset.MEAN
    scoring_parameters: dict[str, Any] = field(default_factory=dict)
    min_duration: dt.timedelta | None = None
    max_duration: dt.timedelta | None = None
    with_orchestra: bool = False
    requirements: tuple[RequirementSpec, ...] = ()


@dataclass(frozen=True)
class PrizeSpec:
    name: Text
    amount: Decimal | None
    currency: str = "USD"
    kind: PrizeKind = PrizeKind.PLACE
    place: int | None = None
    medal: Medal = Medal.NONE
    description: Text = NO_TEXT
    outcome: PrizeOutcome = PrizeOutcome.PENDING


@dataclass(frozen=True)
class DivisionSpec:
    slug: str
    discipline: str
    name: Text
    order: int
    born_on_or_after: dt.date | None
    born_on_or_before: dt.date | None
    min_members: int = 1
    max_members: int = 1
    instruments: tuple[str, ...] = ()
    max_total_age: int | None = None
    ages_counted_on: dt.date | None = None
    fee_policy: FeePolicy = FeePolicy.NONE
    fee_amount: Decimal | None = None
    fee_currency: str = ""
    rounds: tuple[RoundSpec, ...] = ()
    prizes: tuple[PrizeSpec, ...] = ()


@dataclass(frozen=True)
class EditionSpec:
    year: int
    status: EditionStatus
    starts_on: dt.date
    ends_on: dt.date
    venue: Text
    time_zone: str
    number: int | None = None
    title: Text = NO_TEXT
    applications_open_at: dt.datetime | None = None
    applications_close_at: dt.datetime | None = None
    rules: Text = NO_TEXT
    categories: tuple[CategorySpec, ...] = ()
    divisions: tuple[DivisionSpec, ...] = ()
    special_prizes: tuple[PrizeSpec, ...] = ()


@dataclass(frozen=True)
class CompetitionSpec:
    slug: str
    name: Text
    short_name: Text
    city: str
    disciplines: tuple[str, ...]
    founded_year: int
    member_since: int | None
    description: Text
    website: str = ""
    editions: tuple[EditionSpec, ...] = ()


@dataclass(frozen=True)
class LoginSpec:
    """A demo log-in: who it is, and what the role lets them see."""

    email: str
    #: Empty for the juror and the candidate: their accounts take the generated person's name.
    full_name: str
    role: str
    sees: str
    preferred_language: str = "en"
    is_superuser: bool = False
    #: Title on the role record (secretariat member, office staff).
    title: Text = NO_TEXT


# --- The applications of the open edition (``applicants``) -------------------------------------


@dataclass(frozen=True)
class PieceSpec:
    """One piece of a programme, as the candidate enters it (``repertoire``)."""

    composer: str
    work: str
    duration: int  # seconds
    categories: tuple[str, ...] = ()
    movements: str = ""


@dataclass(frozen=True)
class ProfileSpec:
    given: str
    family: str
    native: str
    birth_date: dt.date
    citizenship: str
    other_citizenships: tuple[str, ...]
    country_represented: str
    residence: str
    place_of_study: str
    phone: str
    email: str
    language: str

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.family}"


@dataclass(frozen=True)
class StepSpec:
    """One status change, ``at`` after the window opened, by the candidate or the office."""

    old: ApplicationStatus
    new: ApplicationStatus
    at: dt.timedelta
    by_candidate: bool
    note: str = ""


@dataclass(frozen=True)
class MemberSpec:
    given: str
    family: str
    native: str
    birth_date: dt.date
    instrument: str
    citizenship: str


@dataclass(frozen=True)
class TeacherSpec:
    name: str
    institution: str
    kind: TeachingKind
    started_on: dt.date
    ended_on: dt.date | None
    lessons: int | None = None
    #: The demo juror of the same name, for the conflict-of-interest rules ("" for none).
    juror: str = ""


@dataclass(frozen=True)
class RecordingSpec:
    url: str
    title: str
    #: Days after the window opened (negative: before); the loader takes the date.
    recorded: dt.timedelta
    declared: dt.timedelta


@dataclass(frozen=True)
class DocumentSpec:
    kind: DocumentKind
    uploaded: dt.timedelta
    #: "png" or "pdf".
    format: str


@dataclass(frozen=True)
class LetterSpec:
    referee_name: str
    referee_email: str
    requested: dt.timedelta
    received: dt.timedelta | None


@dataclass(frozen=True)
class FeeSpec:
    status: FeeStatus
    amount: str
    currency: str
    #: When the office confirmed the payment, the waiver or the refund; ``None`` if it has not.
    confirmed: dt.timedelta | None = None
    note: str = ""


@dataclass(frozen=True)
class ConsentSpec:
    guardian_name: str
    guardian_email: str
    requested: dt.timedelta
    confirmed: dt.timedelta | None


@dataclass(frozen=True)
class ExceptionSpec:
    waived: tuple[str, ...]
    reason: str
    decided: dt.timedelta


@dataclass(frozen=True)
class ReopeningSpec:
    item: ItemKind
    reason: str
    opened: dt.timedelta
    closed: dt.timedelta | None


@dataclass(frozen=True)
class ApplicantSpec:
    """One application to Schoenfeld 2027 and everything in it."""

    profile: ProfileSpec
    #: The demo candidate log-in's application (their profile exists already, from 2025).
    is_demo_login: bool
    division: str
    status: ApplicationStatus
    created: dt.timedelta
    submitted: dt.timedelta | None
    #: The last change to the application (its ``updated_at``).
    updated: dt.timedelta
    steps: tuple[StepSpec, ...] = ()
    #: ``(round number, piece)`` in programme order.
    pieces: tuple[tuple[int, PieceSpec], ...] = ()
    members: tuple[MemberSpec, ...] = ()
    teachers: tuple[TeacherSpec, ...] = ()
    recordings: tuple[RecordingSpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()
    letters: tuple[LetterSpec, ...] = ()
    fee: FeeSpec | None = None
    consent: ConsentSpec | None = None
    exception: ExceptionSpec | None = None
    reopenings: tuple[ReopeningSpec, ...] = ()
