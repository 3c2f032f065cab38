"""The engine's vocabulary: marks, rules and results (spec §1, §3, §4). Plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from concours.scoring.numbers import RoundingMode, round_exact


class MarkStatus(StrEnum):
    SCORED = "scored"
    STUDENT = "S"  # the juror may not mark this candidate (own student, relative)
    ABSENT = "A"  # no mark: the juror was absent or abstained


@dataclass(frozen=True, slots=True)
class Mark:
    """A juror's mark for a candidate in one stage (spec §1)."""

    candidate: str
    juror: str
    status: MarkStatus
    value: Decimal | None = None
    vote: bool | None = None

    def __post_init__(self) -> None:
        if (self.status is MarkStatus.SCORED) != (self.value is not None):
            raise ValueError("a scored mark has a value; S and absent marks have none")

    @property
    def raw(self) -> str:
        """The mark as published: the number, ``S`` or ``A``."""
        return str(self.value) if self.value is not None else self.status.value


@dataclass(frozen=True, slots=True)
class Scale:
    """Allowed marks: ``minimum`` to ``maximum`` in steps of ``step`` from ``minimum`` (spec §3.1)."""

    minimum: Decimal
    maximum: Decimal
    step: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        if self.maximum <= self.minimum or self.step <= 0:
            raise ValueError("a scale needs minimum < maximum and a positive step")

    def contains(self, value: Decimal) -> bool:
        """Exact: the step is checked on fractions, not in a rounding decimal context."""
        offset = Fraction(value) - Fraction(self.minimum)
        return self.minimum <= value <= self.maximum and offset % Fraction(self.step) == 0

    def describe(self) -> str:
        return f"{self.minimum}–{self.maximum} in steps of {self.step}"


@dataclass(frozen=True, slots=True)
class Rounding:
    places: int = 2
    mode: RoundingMode = RoundingMode.HALF_UP

    def __post_init__(self) -> None:
        if self.places < 0:
            raise ValueError("rounding needs places ≥ 0")

    def apply(self, value: Fraction | Decimal) -> Decimal:
        return round_exact(value, self.places, self.mode)


class Method(StrEnum):
    MEAN = "mean"
    CLAMPED_MEAN = "clamped-mean"
    DELETE_OUTLIERS = "delete-outliers"
    TRIMMED_MEAN = "trimmed-mean"
    MEDIAN = "median"
    YES_COUNT = "yes-count"
    YES_SHARE = "yes-share"
    STANDARDISED = "standardised"


VOTE_METHODS = frozenset({Method.YES_COUNT, Method.YES_SHARE})


class TieAtCut(StrEnum):
    """What a tie that straddles the cut does (spec §4.3)."""

    ADVANCE = "advance"  # everyone tied with the last qualifier advances (Chopin: 11 finalists)
    EXCLUDE = "exclude"  # nobody of the tied group advances, so fewer than N do
    DECIDE = "decide"  # the tied group is left undecided: the jury decides (advanced = None)


class Abstention(StrEnum):
    """What an ``S`` or absent mark does (spec §3.4)."""

    EXCLUDE = "exclude"  # left out of the candidate's average (Chopin)
    IMPUTE_MEAN = "impute-mean"  # replaced by the mean of the other jurors' marks (Zemun)


@dataclass(frozen=True, slots=True)
class Rule:
    """A method with its parameters (spec §3). Parameters a method does not use are ignored."""

    method: Method
    scale: Scale
    rounding: Rounding = Rounding()
    abstention: Abstention = Abstention.EXCLUDE
    deviation: Decimal | None = None  # clamped mean: D
    round_first_average: bool = True  # clamped mean: round the first average before clamping
    outlier_limit: Decimal | None = None  # delete outliers: drop |mark − mean| ≥ limit
    trim: int = 1  # trimmed mean: drop this many highest and lowest marks …
    trim_min_marks: int = 3  # … when the candidate has at least this many marks
    yes_quorum: int | None = None  # YES methods: votes needed to advance
    lower_quorum_by_abstentions: bool = False  # YES methods: quorum − abstentions (Paderewski LA)
    min_marks_per_juror: int = 2  # standardised: fewer marks and a juror is left raw
    ties_at_cut: TieAtCut = TieAtCut.ADVANCE  # a tie across the number advancing (§4.3)

    def __post_init__(self) -> None:
        if self.method is Method.CLAMPED_MEAN and (self.deviation is None or self.deviation < 0):
            raise ValueError("the clamped mean needs a deviation D ≥ 0")
        if self.method is Method.DELETE_OUTLIERS and (
            self.outlier_limit is None or self.outlier_limit <= 0
        ):
            raise ValueError("deleting outliers needs a positive limit")
        if self.trim < 0 or self.trim_min_marks < 2 * self.trim + 1:
            raise ValueError("trimming needs trim ≥ 0 and at least 2 × trim + 1 marks")
        if self.yes_quorum is not None and self.yes_quorum < 1:
            raise ValueError("a YES quorum must be at least 1")
        if self.min_marks_per_juror < 2:
            raise ValueError("standardisation needs at least 2 marks per juror")

    @property
    def uses_votes(self) -> bool:
        return self.method in VOTE_METHODS


@dataclass(frozen=True, slots=True)
class MarkLine:
    """How one juror's mark was used for one candidate."""

    juror: str
    raw: str
    used: Fraction | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Every number behind a candidate's score, in the order it was computed (spec §4.2)."""

    marks: tuple[MarkLine, ...]
    steps: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class CandidateResult:
    candidate: str
    score: Decimal  # the published stage score
    key: tuple[Fraction, ...]  # what the ranking compares, highest first
    rank: int
    advanced: bool | None
    explanation: Explanation


@dataclass(frozen=True, slots=True)
class StageResult:
    rule: Rule
    results: tuple[CandidateResult, ...]
    advance: int | None = None
    warnings: tuple[str, ...] = field(default=())

    def by_candidate(self) -> dict[str, CandidateResult]:
        return {result.candidate: result for result in self.results}

    @property
    def advancers(self) -> tuple[str, ...]:
        return tuple(result.candidate for result in self.results if result.advanced)
