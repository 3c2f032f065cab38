"""The values the conflict check takes and gives (spec §5, §6): jurors, candidates and their
teacher histories, jurors' declarations; reasons, findings and the assessment."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from concours.conflicts.policy import ParamValue, Policy


class Relation(StrEnum):
    """A kind of relationship between a juror and a candidate (§1)."""

    REGULAR_STUDY = "regular_study"
    PRIVATE_LESSONS = "private_lessons"
    MASTER_CLASS = "master_class"
    RELATIVE = "relative"
    SAME_INSTITUTION = "same_institution"
    OTHER = "other"

    @property
    def is_teaching(self) -> bool:
        """Study, private lessons and master classes: what a teacher history records."""
        return self in _TEACHING


_TEACHING = frozenset({Relation.REGULAR_STUDY, Relation.PRIVATE_LESSONS, Relation.MASTER_CLASS})


class Source(StrEnum):
    """Where a reason comes from (§6.1); a finding with reasons from both is ``BOTH``."""

    HISTORY = "history"
    DECLARATION = "declaration"
    BOTH = "both"


class Clause(StrEnum):
    """The part of the policy a reason applies (§2.1)."""

    STUDY = "study"
    PRIVATE_LESSONS = "private_lessons"
    MASTER_CLASSES = "master_classes"
    RELATIVES = "relatives"
    SAME_INSTITUTION = "same_institution"
    OTHER = "other"


#: The clause each relationship falls under.
CLAUSE_OF: Mapping[Relation, Clause] = MappingProxyType(
    {
        Relation.REGULAR_STUDY: Clause.STUDY,
        Relation.PRIVATE_LESSONS: Clause.PRIVATE_LESSONS,
        Relation.MASTER_CLASS: Clause.MASTER_CLASSES,
        Relation.RELATIVE: Clause.RELATIVES,
        Relation.SAME_INSTITUTION: Clause.SAME_INSTITUTION,
        Relation.OTHER: Clause.OTHER,
    }
)


class ReasonCode(StrEnum):
    """Stable codes (§6.2). The first seven flag a conflict; the others are notes on near
    misses. Reasons of one finding come in this order."""

    STUDY_CURRENT = "study_current"
    STUDY_RECENT = "study_recent"
    PRIVATE_LESSONS = "private_lessons"
    MASTER_CLASS = "master_class"
    RELATIVE = "relative"
    SAME_INSTITUTION = "same_institution"
    OTHER = "other"
    STUDY_BEFORE_WINDOW = "study_before_window"
    LESSONS_BELOW_THRESHOLD = "lessons_below_threshold"
    LESSONS_BEFORE_WINDOW = "lessons_before_window"
    MASTER_CLASS_EXEMPT = "master_class_exempt"
    MASTER_CLASS_BEFORE_WINDOW = "master_class_before_window"
    SAME_INSTITUTION_NOT_COUNTED = "same_institution_not_counted"
    NAME_INCOMPLETE = "name_incomplete"

    @property
    def is_conflict(self) -> bool:
        return self in _CONFLICT_CODES


_CONFLICT_CODES = frozenset(list(ReasonCode)[:7])


def _check_period(
    started_on: dt.date | None, ended_on: dt.date | None, lessons: int | None
) -> None:
    if started_on is not None and ended_on is not None and ended_on < started_on:
        raise ValueError(
            f"the period ends on {ended_on.isoformat()}, before it starts on "
            f"{started_on.isoformat()}"
        )
    if lessons is not None and lessons < 0:
        raise ValueError("a number of lessons must not be negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class Juror:
    """A juror (§5.1): a key unique among the jurors, every form of their name (English,
    Chinese, other spellings) and the institutions where they teach."""

    key: str
    names: tuple[str, ...]
    institutions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(self.names))
        object.__setattr__(self, "institutions", tuple(self.institutions))


@dataclass(frozen=True, slots=True, kw_only=True)
class TeacherEntry:
    """One line of a candidate's teacher history, as the candidate typed it (§5.2). An open
    period (no end) is current."""

    teacher: str
    relation: Relation = Relation.REGULAR_STUDY
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    lessons: int | None = None
    institution: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "relation", Relation(self.relation))
        if not self.relation.is_teaching:
            raise ValueError(f"a teacher history records teaching, not {self.relation}")
        _check_period(self.started_on, self.ended_on, self.lessons)


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A candidate (§5.2): a key unique among the candidates, their teacher history and the
    institutions where they study now."""

    key: str
    teachers: tuple[TeacherEntry, ...] = ()
    institutions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "teachers", tuple(self.teachers))
        object.__setattr__(self, "institutions", tuple(self.institutions))


@dataclass(frozen=True, slots=True, kw_only=True)
class Declaration:
    """A juror's own declaration of a relationship with a candidate (§5.3)."""

    juror: str
    candidate: str
    relation: Relation
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    lessons: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "relation", Relation(self.relation))
        _check_period(self.started_on, self.ended_on, self.lessons)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reason:
    """Why a pair is flagged, or why it came close (§6.2). ``params`` is read-only;
    ``message`` is the English rendering of ``code`` with ``params``."""

    code: ReasonCode
    source: Source
    clause: Clause
    params: Mapping[str, ParamValue] = dataclasses.field(hash=False)
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def to_json(self) -> dict[str, object]:
        return {
            "code": str(self.code),
            "source": str(self.source),
            "clause": str(self.clause),
            "params": dict(self.params),
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """A juror and a candidate with the reasons found for the pair (§6.1)."""

    juror: str
    candidate: str
    reasons: tuple[Reason, ...]

    @property
    def source(self) -> Source:
        """``HISTORY``, ``DECLARATION``, or ``BOTH`` when the reasons come from both."""
        sources = {reason.source for reason in self.reasons}
        return sources.pop() if len(sources) == 1 else Source.BOTH

    def to_json(self) -> dict[str, object]:
        return {
            "juror": self.juror,
            "candidate": self.candidate,
            "source": str(self.source),
            "reasons": [reason.to_json() for reason in self.reasons],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    """The outcome of :func:`~concours.conflicts.find_conflicts` (§6): the flagged pairs and,
    apart, the pairs that came close without being flagged."""

    on: dt.date
    policy: Policy
    conflicts: tuple[Finding, ...]
    notes: tuple[Finding, ...]

    def conflicted_pairs(self) -> frozenset[tuple[str, str]]:
        """The (juror, candidate) keys of every flagged pair."""
        return frozenset((finding.juror, finding.candidate) for finding in self.conflicts)
