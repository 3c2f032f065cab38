"""Jury decisions: recorded beside the computed results, never by editing a number.

A jury confirms who advances, awards places (several candidates sharing one place ex aequo) and
withholds prizes. Each decision says who decided, when, and, when there was one, the vote. The
JSON form is described in ``docs/algorithms/results-record.md`` §5.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import ClassVar

from concours.scoring.model import StageResult

# --- Reading JSON with the path of every value (shared with ``record``) -----------------------


def expect_object(
    value: object, path: str, required: Collection[str], optional: Collection[str] = ()
) -> Mapping[str, object]:
    """``value`` as a JSON object with exactly the ``required`` keys and perhaps ``optional``."""
    if not isinstance(value, dict):
        raise ValueError(f"{path}: expected an object, found {json_type(value)}")
    missing = [key for key in required if key not in value]
    if missing:
        raise ValueError(f"{_join(path, missing[0])}: missing")
    unknown = sorted(key for key in value if key not in required and key not in optional)
    if unknown:
        raise ValueError(f"{_join(path, unknown[0])}: unknown field")
    return value


def expect_list(value: object, path: str) -> list[object]:
    if not isinstance(value, list):
        raise ValueError(f"{path}: expected a list, found {json_type(value)}")
    return value


def expect_str(value: object, path: str, *, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{path}: expected a string, found {json_type(value)}")
    if not empty and not value.strip():
        raise ValueError(f"{path}: must not be empty")
    return value


def expect_int(value: object, path: str, *, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{path}: expected a whole number, found {json_type(value)}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{path}: must be at least {minimum}, found {value}")
    return value


def expect_bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{path}: expected true or false, found {json_type(value)}")
    return value


def json_type(value: object) -> str:
    """How a JSON value is named in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# --- Decisions ----------------------------------------------------------------------------------


class FieldError(ValueError):
    """A decision field that is not acceptable; ``field`` is its name (``candidates[1]``)."""

    def __init__(self, field: str, message: str) -> None:
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


_FRACTION = re.compile(r"[0-9]+(/[0-9]+|\.[0-9]+)?")


@dataclass(frozen=True, slots=True)
class Vote:
    """A vote on a decision.

    It passes when ``in_favour ≥ required × base`` (``>`` when ``strict``), where ``base`` is
    ``in_favour + against``, plus ``abstaining`` when ``count_abstentions`` is true (abstentions
    then weigh like votes against). A vote with ``base = 0`` does not pass. Examples: two thirds
    of the votes cast: ``required=Fraction(2, 3)``; more than half: ``required=Fraction(1, 2),
    strict=True``; two thirds of the jurors present: add ``count_abstentions=True``.
    """

    in_favour: int
    against: int
    abstaining: int = 0
    required: Fraction = Fraction(1, 2)
    count_abstentions: bool = False
    strict: bool = False

    def __post_init__(self) -> None:
        for name in ("in_favour", "against", "abstaining"):
            count = getattr(self, name)
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise FieldError(name, f"must be a whole number ≥ 0, found {count!r}")
        if not isinstance(self.required, Fraction) or not 0 < self.required <= 1:
            raise FieldError("required", f"must be a fraction in (0, 1], found {self.required}")
        if self.in_favour + self.against + self.abstaining == 0:
            raise FieldError("in_favour", "a vote needs at least one juror")

    @property
    def base(self) -> int:
        """The number the required share is taken of."""
        return self.in_favour + self.against + (self.abstaining if self.count_abstentions else 0)

    @property
    def needed(self) -> Fraction:
        return self.required * self.base

    @property
    def passed(self) -> bool:
        if self.base == 0:
            return False
        if self.strict:
            return self.in_favour > self.needed
        return self.in_favour >= self.needed

    def describe(self) -> str:
        counted = "votes cast and abstentions" if self.count_abstentions else "votes cast"
        share = "more than" if self.strict else "at least"
        return (
            f"{self.in_favour} in favour, {self.against} against, {self.abstaining} abstaining; "
            f"{share} {self.required} of {self.base} {counted} needed"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "in_favour": self.in_favour,
            "against": self.against,
            "abstaining": self.abstaining,
            "required": str(self.required),
            "count_abstentions": self.count_abstentions,
            "strict": self.strict,
        }

    @classmethod
    def from_json(cls, data: object, path: str) -> Vote:
        fields = expect_object(
            data,
            path,
            ("in_favour", "against", "required"),
            ("abstaining", "count_abstentions", "strict"),
        )
        required = expect_str(fields["required"], f"{path}.required")
        if not _FRACTION.fullmatch(required):
            raise ValueError(
                f"{path}.required: must be a fraction such as “2/3” or “0.5”, found “{required}”"
            )
        try:
            share = Fraction(required)
        except ZeroDivisionError:
            raise ValueError(f"{path}.required: division by zero in “{required}”") from None
        try:
            return cls(
                in_favour=expect_int(fields["in_favour"], f"{path}.in_favour"),
                against=expect_int(fields["against"], f"{path}.against"),
                abstaining=expect_int(fields.get("abstaining", 0), f"{path}.abstaining"),
                required=share,
                count_abstentions=expect_bool(
                    fields.get("count_abstentions", False), f"{path}.count_abstentions"
                ),
                strict=expect_bool(fields.get("strict", False), f"{path}.strict"),
            )
        except FieldError as error:
            raise ValueError(f"{path}.{error.field}: {error.message}") from None


def _check_common(decided_by: str, decided_at: str, vote: Vote | None, note: str) -> None:
    if not isinstance(decided_by, str) or not decided_by.strip():
        raise FieldError("decided_by", "say who decided, e.g. “jury” or “chair”")
    if not isinstance(decided_at, str):
        raise FieldError("decided_at", "must be an ISO 8601 date or date-time string")
    try:
        datetime.fromisoformat(decided_at)
    except ValueError:
        raise FieldError(
            "decided_at",
            f"“{decided_at}” is not an ISO 8601 date or date-time (e.g. 2025-10-20T23:45+02:00)",
        ) from None
    if vote is not None and not isinstance(vote, Vote):
        raise FieldError("vote", "must be a Vote or None")
    if not isinstance(note, str):
        raise FieldError("note", "must be a string")


def _check_candidates(candidates: tuple[str, ...]) -> None:
    if not isinstance(candidates, tuple) or not candidates:
        raise FieldError("candidates", "name at least one candidate (a tuple of names)")
    seen: set[str] = set()
    for i, name in enumerate(candidates):
        if not isinstance(name, str) or not name.strip():
            raise FieldError(f"candidates[{i}]", "must be a candidate's name")
        if name in seen:
            raise FieldError(f"candidates[{i}]", f"“{name}” is named twice")
        seen.add(name)


def _check_place(place: int) -> None:
    if isinstance(place, bool) or not isinstance(place, int) or place < 1:
        raise FieldError("place", f"must be a whole number ≥ 1, found {place!r}")


def _check_prize_name(prize_name: str) -> None:
    if not isinstance(prize_name, str):
        raise FieldError("prize_name", "must be a string")


@dataclass(frozen=True, slots=True)
class ConfirmAdvancers:
    """The jury confirms that exactly these candidates advance (those the rule advanced)."""

    kind: ClassVar[str] = "confirm-advancers"
    candidates: tuple[str, ...]
    decided_by: str
    decided_at: str
    vote: Vote | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _check_candidates(self.candidates)
        _check_common(self.decided_by, self.decided_at, self.vote, self.note)


@dataclass(frozen=True, slots=True)
class AwardPlace:
    """A place (1 = first) to one candidate, or to several ex aequo."""

    kind: ClassVar[str] = "award-place"
    place: int
    candidates: tuple[str, ...]
    decided_by: str
    decided_at: str
    prize_name: str = ""
    vote: Vote | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _check_place(self.place)
        _check_candidates(self.candidates)
        _check_prize_name(self.prize_name)
        _check_common(self.decided_by, self.decided_at, self.vote, self.note)

    @property
    def ex_aequo(self) -> bool:
        return len(self.candidates) > 1


@dataclass(frozen=True, slots=True)
class WithholdPrize:
    """A place whose prize is not awarded."""

    kind: ClassVar[str] = "withhold-prize"
    place: int
    decided_by: str
    decided_at: str
    prize_name: str = ""
    vote: Vote | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _check_place(self.place)
        _check_prize_name(self.prize_name)
        _check_common(self.decided_by, self.decided_at, self.vote, self.note)


type Decision = ConfirmAdvancers | AwardPlace | WithholdPrize

KINDS = (ConfirmAdvancers.kind, AwardPlace.kind, WithholdPrize.kind)
_COMMON = ("type", "decided_by", "decided_at")
_COMMON_OPTIONAL = ("vote", "note")


def decision_to_json(decision: Decision) -> dict[str, object]:
    """One decision as a JSON object; every field is written, ``vote`` as ``null`` if none."""
    data: dict[str, object] = {"type": decision.kind}
    if not isinstance(decision, ConfirmAdvancers):
        data["place"] = decision.place
    if not isinstance(decision, WithholdPrize):
        data["candidates"] = list(decision.candidates)
    if not isinstance(decision, ConfirmAdvancers):
        data["prize_name"] = decision.prize_name
    data["decided_by"] = decision.decided_by
    data["decided_at"] = decision.decided_at
    data["vote"] = None if decision.vote is None else decision.vote.to_json()
    data["note"] = decision.note
    return data


def to_json(decisions: Sequence[Decision]) -> list[dict[str, object]]:
    return [decision_to_json(decision) for decision in decisions]


def decision_from_json(data: object, path: str) -> Decision:
    """One decision from its JSON object; ``ValueError`` names the field (``{path}.place``)."""
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object, found {json_type(data)}")
    kind = data.get("type")
    if kind not in KINDS:
        raise ValueError(
            f"{path}.type: must be one of {', '.join(KINDS)}, found "
            + (f"“{kind}”" if isinstance(kind, str) else json_type(kind))
        )
    required: tuple[str, ...] = _COMMON
    optional: tuple[str, ...] = _COMMON_OPTIONAL
    if kind != WithholdPrize.kind:
        required += ("candidates",)
    if kind != ConfirmAdvancers.kind:
        required += ("place",)
        optional += ("prize_name",)
    fields = expect_object(data, path, required, optional)
    decided_by = expect_str(fields["decided_by"], f"{path}.decided_by")
    decided_at = expect_str(fields["decided_at"], f"{path}.decided_at")
    note = expect_str(fields.get("note", ""), f"{path}.note")
    vote_data = fields.get("vote")
    vote = None if vote_data is None else Vote.from_json(vote_data, f"{path}.vote")
    place = expect_int(fields.get("place", 1), f"{path}.place")
    prize_name = expect_str(fields.get("prize_name", ""), f"{path}.prize_name")
    names = expect_list(fields.get("candidates", []), f"{path}.candidates")
    candidates = tuple(expect_str(name, f"{path}.candidates[{i}]") for i, name in enumerate(names))
    try:
        if kind == ConfirmAdvancers.kind:
            return ConfirmAdvancers(candidates, decided_by, decided_at, vote, note)
        if kind == AwardPlace.kind:
            return AwardPlace(place, candidates, decided_by, decided_at, prize_name, vote, note)
        return WithholdPrize(place, decided_by, decided_at, prize_name, vote, note)
    except FieldError as error:
        raise ValueError(f"{path}.{error.field}: {error.message}") from None


def from_json(data: object, path: str = "decisions") -> tuple[Decision, ...]:
    """Decisions from a JSON list; ``ValueError`` names the index and field
    (``decisions[2].vote.required: …``)."""
    items = expect_list(data, path)
    return tuple(decision_from_json(item, f"{path}[{i}]") for i, item in enumerate(items))


# --- Decisions against a stage's results --------------------------------------------------------


def decision_problems(
    decisions: Sequence[Decision], result: StageResult, *, path: str = "decisions"
) -> list[str]:
    """Every reason the decisions do not fit ``result``, one line each, naming the decision:

    - a candidate named is not in the stage;
    - a vote did not pass;
    - the advancers confirmed are not those the rule advanced, the stage has no advancement, or
      they are confirmed twice;
    - a candidate is awarded two places, a place is awarded by two decisions, or a place is both
      awarded and withheld (or withheld twice).

    Places are deliberately *not* checked against ranks: prizes are the jury's decision.
    """
    problems: list[str] = []
    candidates = {row.candidate for row in result.results}
    confirmed_in: int | None = None
    placed: dict[str, tuple[int, int]] = {}  # candidate → (place, decision index)
    places: dict[int, tuple[int, str]] = {}  # place → (decision index, what)
    for i, decision in enumerate(decisions):
        here = f"{path}[{i}]"
        if decision.vote is not None and not decision.vote.passed:
            problems.append(f"{here}.vote: the vote did not pass ({decision.vote.describe()})")
        names = () if isinstance(decision, WithholdPrize) else decision.candidates
        for j, name in enumerate(names):
            if name not in candidates:
                problems.append(
                    f"{here}.candidates[{j}]: “{name}” is not a candidate in this stage"
                )
        if isinstance(decision, ConfirmAdvancers):
            if confirmed_in is not None:
                problems.append(
                    f"{here}: the advancers are already confirmed in {path}[{confirmed_in}]"
                )
                continue
            confirmed_in = i
            problems.extend(_advancer_problems(decision, result, here))
            continue
        what = "awarded" if isinstance(decision, AwardPlace) else "withheld"
        if decision.place in places:
            earlier, earlier_what = places[decision.place]
            problems.append(
                f"{here}.place: place {decision.place} is already {earlier_what} in {path}[{earlier}]"
            )
        else:
            places[decision.place] = (i, what)
        for j, name in enumerate(names):
            if name in placed:
                place, earlier = placed[name]
                problems.append(
                    f"{here}.candidates[{j}]: “{name}” is already awarded place {place} "
                    f"in {path}[{earlier}]"
                )
            else:
                placed[name] = (decision.place, i)
    return problems


def _advancer_problems(decision: ConfirmAdvancers, result: StageResult, here: str) -> list[str]:
    if all(row.advanced is None for row in result.results):
        return [f"{here}: this stage has no advancement (give the number advancing)"]
    advanced = set(result.advancers)
    named = set(decision.candidates)
    problems = [
        f"{here}.candidates: “{name}” did not advance under the rule"
        for name in decision.candidates
        if name not in advanced and name in {row.candidate for row in result.results}
    ]
    problems.extend(
        f"{here}.candidates: “{name}” advanced under the rule but is not confirmed"
        for name in result.advancers
        if name not in named
    )
    return problems


def validate_decisions(decisions: Sequence[Decision], result: StageResult) -> None:
    """Raise ``ValueError`` listing every problem ``decision_problems`` finds."""
    problems = decision_problems(decisions, result)
    if problems:
        raise ValueError("; ".join(problems))
