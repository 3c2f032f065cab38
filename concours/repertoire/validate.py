"""Checking programmes against round rules: per round and across an application (spec §5–§9)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from types import MappingProxyType

from concours.repertoire.durations import format_duration
from concours.repertoire.pieces import Piece
from concours.repertoire.problems import Problem, ProblemCode
from concours.repertoire.rules import RoundRules

_NO_ROUNDS: Mapping[RoundRules, Sequence[Piece]] = MappingProxyType({})
_NO_PARAMS: Mapping[str, int | str] = MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryTally:
    """How many pieces of the programme carry ``category`` (spec §9), with the round's bounds
    (``min_count`` is ``None`` for a category the round does not require)."""

    category: str
    count: int
    min_count: int | None = None
    max_count: int | None = None

    @property
    def missing(self) -> int:
        """Pieces still needed to reach ``min_count``; 0 when it is reached."""
        return max(0, (self.min_count or 0) - self.count)

    @property
    def excess(self) -> int:
        """Pieces over ``max_count``; 0 when within it."""
        return 0 if self.max_count is None else max(0, self.count - self.max_count)


@dataclass(frozen=True, slots=True, kw_only=True)
class RoundTotals:
    """The figures of one round's programme, for the live display in the form (spec §9).

    ``duration`` sums the pieces that have one; ``without_duration`` counts the others. Tallies
    list the round's required categories in the rules' order, then any other category a piece
    carries, by code.
    """

    rules: RoundRules
    pieces: int
    duration: int
    without_duration: int
    tallies: tuple[CategoryTally, ...]

    @property
    def duration_text(self) -> str:
        return format_duration(self.duration)

    @property
    def complete(self) -> bool:
        """Every piece has a duration, so ``duration`` is the programme's length."""
        return self.without_duration == 0

    @property
    def shortfall(self) -> int | None:
        """Seconds missing to the minimum (0 if reached); ``None`` without a minimum or while
        the total is not complete."""
        if self.rules.min_duration is None or not self.complete:
            return None
        return max(0, self.rules.min_duration - self.duration)

    @property
    def excess(self) -> int | None:
        """Seconds over the maximum (0 if within); ``None`` without a maximum or while the total
        is not complete."""
        if self.rules.max_duration is None or not self.complete:
            return None
        return max(0, self.duration - self.rules.max_duration)

    def count(self, category: str) -> int:
        """Pieces carrying ``category`` (0 for a category no piece carries)."""
        return next((tally.count for tally in self.tallies if tally.category == category), 0)


@dataclass(frozen=True, slots=True)
class Report:
    """The problems of one or more rounds in the order of §8, and each round's totals."""

    problems: tuple[Problem, ...]
    totals: tuple[RoundTotals, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(problem.message for problem in self.problems)

    def problems_of(self, round_number: int) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.round == round_number)

    def totals_of(self, round_number: int) -> RoundTotals:
        for totals in self.totals:
            if totals.rules.number == round_number:
                return totals
        raise KeyError(round_number)


def validate_programme(
    *,
    rules: RoundRules,
    pieces: Sequence[Piece],
    earlier_rounds: Mapping[RoundRules, Sequence[Piece]] = _NO_ROUNDS,
    categories: Set[str] = frozenset(),
) -> Report:
    """Check one round's programme (spec §6) and its repeats of ``earlier_rounds`` (§7).

    ``earlier_rounds`` maps the rules of rounds with smaller numbers to their programmes.
    ``categories`` are the category codes the edition defines; a piece may carry those and the
    codes the round's requirements name (§6.3).
    """
    numbers = [earlier.number for earlier in earlier_rounds]
    if len(set(numbers)) != len(numbers):
        raise ValueError("two earlier rounds have the same number")
    later = sorted(number for number in numbers if number >= rules.number)
    if later:
        raise ValueError(f"rounds {later} are not earlier than round {rules.number}")
    problems, totals = _check_round(rules, pieces, earlier_rounds, categories)
    return Report(problems=tuple(sorted(problems, key=_sort_key)), totals=(totals,))


def validate_application(
    *,
    rounds: Sequence[RoundRules],
    programmes: Mapping[int, Sequence[Piece]],
    categories: Set[str] = frozenset(),
) -> Report:
    """Check the programmes of every round of a division (spec §7.2).

    ``programmes`` maps round numbers to programmes; a round without one has an empty
    programme. Each round is checked as by ``validate_programme`` with all rounds of smaller
    number as its earlier rounds.
    """
    ordered = sorted(rounds, key=lambda rules: rules.number)
    numbers = [rules.number for rules in ordered]
    if len(set(numbers)) != len(numbers):
        raise ValueError("two rounds have the same number")
    unknown = sorted(set(programmes) - set(numbers))
    if unknown:
        raise ValueError(f"programmes for rounds that are not given: {unknown}")
    problems: list[Problem] = []
    all_totals: list[RoundTotals] = []
    for position, rules in enumerate(ordered):
        earlier = {before: programmes.get(before.number, ()) for before in ordered[:position]}
        round_problems, totals = _check_round(
            rules, programmes.get(rules.number, ()), earlier, categories
        )
        problems.extend(round_problems)
        all_totals.append(totals)
    return Report(problems=tuple(sorted(problems, key=_sort_key)), totals=tuple(all_totals))


def _sort_key(problem: Problem) -> tuple[int, int, int]:
    return problem.sort_key


def _check_round(
    rules: RoundRules,
    pieces: Sequence[Piece],
    earlier_rounds: Mapping[RoundRules, Sequence[Piece]],
    categories: Set[str],
) -> tuple[list[Problem], RoundTotals]:
    totals = _totals(rules, pieces)
    if not pieces:
        return [_problem(ProblemCode.EMPTY_PROGRAMME, rules)], totals
    problems = [
        *_piece_problems(rules, pieces, categories),
        *_repeat_problems(rules, pieces, earlier_rounds),
        *_category_problems(rules, totals),
        *_duration_problems(rules, totals),
    ]
    return problems, totals


def _problem(
    code: ProblemCode,
    rules: RoundRules,
    *,
    index: int | None = None,
    params: Mapping[str, int | str] = _NO_PARAMS,
) -> Problem:
    """A problem whose params start with the round's name and number (and the piece's)."""
    common: dict[str, int | str] = {"round": rules.name, "round_number": rules.number}
    if index is not None:
        common["piece"] = index + 1
    return Problem(code=code, round=rules.number, piece_index=index, params={**common, **params})


def _totals(rules: RoundRules, pieces: Sequence[Piece]) -> RoundTotals:
    counts: dict[str, int] = {}
    for piece in pieces:
        for category in piece.categories:
            counts[category] = counts.get(category, 0) + 1
    required = [
        CategoryTally(
            category=requirement.category,
            count=counts.get(requirement.category, 0),
            min_count=requirement.min_count,
            max_count=requirement.max_count,
        )
        for requirement in rules.requirements
    ]
    others = [
        CategoryTally(category=category, count=counts[category])
        for category in sorted(set(counts) - set(rules.categories))
    ]
    durations = [piece.duration for piece in pieces if piece.duration is not None]
    return RoundTotals(
        rules=rules,
        pieces=len(pieces),
        duration=sum(durations),
        without_duration=len(pieces) - len(durations),
        tallies=(*required, *others),
    )


def _piece_problems(
    rules: RoundRules, pieces: Sequence[Piece], categories: Set[str]
) -> list[Problem]:
    """``bad_duration``, ``unknown_category`` and ``duplicate_in_round`` (§6.2, §6.3, §7.3)."""
    known = set(categories) | set(rules.categories)
    known_text = ", ".join(sorted(known))
    problems: list[Problem] = []
    first_index: dict[str, int] = {}
    for index, piece in enumerate(pieces):
        if piece.duration is None:
            problems.append(
                _problem(
                    ProblemCode.BAD_DURATION, rules, index=index, params={"title": piece.title}
                )
            )
        problems.extend(
            _problem(
                ProblemCode.UNKNOWN_CATEGORY,
                rules,
                index=index,
                params={"title": piece.title, "category": category, "known": known_text},
            )
            for category in sorted(piece.categories - known)
        )
        first = first_index.setdefault(piece.key, index)
        if first != index:
            problems.append(
                _problem(
                    ProblemCode.DUPLICATE_IN_ROUND,
                    rules,
                    index=index,
                    params={"title": piece.title, "first_piece": first + 1},
                )
            )
    return problems


def _repeat_problems(
    rules: RoundRules,
    pieces: Sequence[Piece],
    earlier_rounds: Mapping[RoundRules, Sequence[Piece]],
) -> list[Problem]:
    """``repeated_piece``: a piece of an earlier round, unless the round allows it (§7.1)."""
    if rules.may_repeat:
        return []
    played: dict[str, tuple[RoundRules, int]] = {}
    for earlier in sorted(earlier_rounds, key=lambda rules: rules.number):
        for index, piece in enumerate(earlier_rounds[earlier]):
            played.setdefault(piece.key, (earlier, index))
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, piece in enumerate(pieces):
        if piece.key in seen:  # a duplicate in this round: reported as such (§7.3)
            continue
        seen.add(piece.key)
        if piece.key in played:
            earlier, earlier_index = played[piece.key]
            problems.append(
                _problem(
                    ProblemCode.REPEATED_PIECE,
                    rules,
                    index=index,
                    params={
                        "title": piece.title,
                        "earlier_round": earlier.name,
                        "earlier_round_number": earlier.number,
                        "earlier_piece": earlier_index + 1,
                    },
                )
            )
    return problems


def _category_problems(rules: RoundRules, totals: RoundTotals) -> list[Problem]:
    """``missing_category`` and ``too_many_in_category``, in the rules' order (§6.4)."""
    problems: list[Problem] = []
    for tally in totals.tallies[: len(rules.requirements)]:
        if tally.missing:
            problems.append(
                _problem(
                    ProblemCode.MISSING_CATEGORY,
                    rules,
                    params={
                        "category": tally.category,
                        "minimum": tally.min_count or 0,
                        "count": tally.count,
                    },
                )
            )
        if tally.excess:
            problems.append(
                _problem(
                    ProblemCode.TOO_MANY_IN_CATEGORY,
                    rules,
                    params={
                        "category": tally.category,
                        "maximum": tally.max_count or 0,
                        "count": tally.count,
                    },
                )
            )
    return problems


def _duration_problems(rules: RoundRules, totals: RoundTotals) -> list[Problem]:
    """``too_short`` and ``too_long``, only when every piece has a duration (§6.5)."""
    duration: dict[str, int | str] = {
        "duration": format_duration(totals.duration),
        "duration_seconds": totals.duration,
    }
    if totals.shortfall:
        minimum = rules.min_duration or 0
        return [
            _problem(
                ProblemCode.TOO_SHORT,
                rules,
                params={
                    **duration,
                    "minimum": format_duration(minimum),
                    "minimum_seconds": minimum,
                    "shortfall": format_duration(totals.shortfall),
                    "shortfall_seconds": totals.shortfall,
                },
            )
        ]
    if totals.excess:
        maximum = rules.max_duration or 0
        return [
            _problem(
                ProblemCode.TOO_LONG,
                rules,
                params={
                    **duration,
                    "maximum": format_duration(maximum),
                    "maximum_seconds": maximum,
                    "excess": format_duration(totals.excess),
                    "excess_seconds": totals.excess,
                },
            )
        ]
    return []
