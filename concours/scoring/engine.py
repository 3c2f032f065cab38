"""A stage from marks to ranking (spec §4), and stages combined into a result (spec §6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from concours.scoring.methods import Computed, compute, juror_scales
from concours.scoring.model import (
    CandidateResult,
    Explanation,
    Mark,
    MarkStatus,
    Method,
    Rounding,
    Rule,
    StageResult,
    TieAtCut,
)


class InvalidMarks(ValueError):
    """Marks the rule cannot take; ``problems`` lists each with the mark it concerns."""

    def __init__(self, problems: Sequence[tuple[int, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(message for _index, message in self.problems))


def mark_problem(
    mark: Mark, rule: Rule, *, in_scale: dict[tuple[int, int], bool] | None = None
) -> str | None:
    """What is wrong with one mark under ``rule``, or ``None`` (spec §3.1). ``in_scale``
    remembers ``rule.scale.contains`` by exact value (numerator, denominator) across calls with
    the same rule: ``check_marks`` passes one for a whole stage, which repeats a few values."""
    in_scale = {} if in_scale is None else in_scale
    if mark.value is not None:
        ratio = mark.value.as_integer_ratio()
        if ratio not in in_scale:
            in_scale[ratio] = rule.scale.contains(mark.value)
        if not in_scale[ratio]:
            return f"mark {mark.value} is outside the scale {rule.scale.describe()}"
    if rule.uses_votes and mark.status is MarkStatus.SCORED and mark.vote is None:
        return "a YES/NO vote is required beside the points"
    return None


def check_marks(marks: Sequence[Mark], rule: Rule) -> None:
    """Raise ``InvalidMarks`` for marks off the scale, missing votes, duplicate pairs and
    candidates without any usable mark."""
    problems: list[tuple[int, str]] = []
    seen: set[tuple[str, str]] = set()
    usable: dict[str, bool] = {}
    in_scale: dict[tuple[int, int], bool] = {}
    for index, mark in enumerate(marks):
        problem = mark_problem(mark, rule, in_scale=in_scale)
        pair = (mark.candidate, mark.juror)
        if problem is None and pair in seen:
            problem = f"a second mark by “{mark.juror}” for “{mark.candidate}”"
        seen.add(pair)
        if problem is not None:
            problems.append((index, problem))
        usable[mark.candidate] = (
            usable.get(mark.candidate, False) or mark.status is MarkStatus.SCORED
        )
    for candidate, has_mark in usable.items():
        if not has_mark:
            index = next(i for i, mark in enumerate(marks) if mark.candidate == candidate)
            problems.append((index, f"candidate “{candidate}” has no usable mark"))
    if problems:
        raise InvalidMarks(problems)


def group_by_candidate(marks: Iterable[Mark]) -> dict[str, list[Mark]]:
    groups: dict[str, list[Mark]] = {}
    for mark in marks:
        groups.setdefault(mark.candidate, []).append(mark)
    return groups


def rank(keys: Mapping[str, tuple[Fraction, ...]]) -> list[tuple[str, int]]:
    """Standard competition ranking, highest key first (1, 2, 2, 4); equal keys share a rank;
    rows in rank order, then by candidate name in Unicode code-point order (spec §4.1)."""
    ordered = sorted(keys, key=lambda name: (tuple(-part for part in keys[name]), name))
    ranked: list[tuple[str, int]] = []
    for position, name in enumerate(ordered, start=1):
        if ranked and keys[name] == keys[ranked[-1][0]]:
            ranked.append((name, ranked[-1][1]))
        else:
            ranked.append((name, position))
    return ranked


def score_stage(marks: Sequence[Mark], rule: Rule, *, advance: int | None = None) -> StageResult:
    """Every candidate's score, rank, advancement and explanation for one stage (spec §4)."""
    check_marks(marks, rule)
    if advance is not None and advance < 1:
        raise ValueError("the number advancing must be at least 1")
    groups = group_by_candidate(marks)
    stage = juror_scales(marks) if rule.method is Method.STANDARDISED else None
    computed: dict[str, Computed] = {
        name: compute(group, rule, stage) for name, group in groups.items()
    }
    results = []
    ranked = rank({name: value.key for name, value in computed.items()})
    last_of_rank = _last_positions(ranked)
    for name, position in ranked:
        value = computed[name]
        results.append(
            CandidateResult(
                candidate=name,
                score=value.score,
                key=value.key,
                rank=position,
                advanced=_advanced(
                    position,
                    last_of_rank[position],
                    advance,
                    rule.ties_at_cut,
                    value.quorum_reached,
                ),
                explanation=Explanation(value.marks, value.steps),
            )
        )
    return StageResult(rule=rule, results=tuple(results), advance=advance)


def _last_positions(ranked: Sequence[tuple[str, int]]) -> dict[int, int]:
    """For each rank, the last position its tied group occupies (rank 4 shared by 3 → 6)."""
    last: dict[int, int] = {}
    for position, (_name, shared_rank) in enumerate(ranked, start=1):
        last[shared_rank] = position
    return last


def _advanced(
    rank_: int, last: int, advance: int | None, ties: TieAtCut, quorum_reached: bool | None
) -> bool | None:
    """Whether a candidate advances (spec §4.3): ranked within the top ``advance``, with a tie
    across the cut settled by ``ties``, and, for YES rules with a quorum, the quorum reached.
    ``None`` means nothing to decide (no cut, no quorum) or, with ``ties=decide``, the jury's
    decision."""
    if advance is None:
        return None if quorum_reached is None else quorum_reached
    if quorum_reached is False or rank_ > advance:
        return False
    if last <= advance or ties is TieAtCut.ADVANCE:
        return True
    return None if ties is TieAtCut.DECIDE else False


#: The default rounding of a cumulative result: 2 decimals, half-up (spec §6).
HALF_UP_2 = Rounding()


def combine(
    stages: Sequence[Mapping[str, Decimal]],
    weights: Sequence[Decimal],
    rounding: Rounding = HALF_UP_2,
    *,
    advance: int | None = None,
    ties_at_cut: TieAtCut = TieAtCut.ADVANCE,
) -> list[tuple[str, Decimal, int, bool | None]]:
    """Cumulative result: the weighted sum of the rounded stage scores of the candidates of the
    last stage, rounded (spec §6). Returns (candidate, result, rank, advanced) in rank order."""
    if len(stages) != len(weights):
        raise ValueError(f"{len(stages)} stages but {len(weights)} weights")
    if sum((Fraction(weight) for weight in weights), Fraction(0)) != 1:
        raise ValueError("the weights must add up to 1")
    results: dict[str, Decimal] = {}
    for candidate in stages[-1]:
        missing = [str(i + 1) for i, stage in enumerate(stages) if candidate not in stage]
        if missing:
            raise ValueError(f"candidate “{candidate}” has no score in stage {', '.join(missing)}")
        total = sum(
            (
                Fraction(weight) * Fraction(stage[candidate])
                for stage, weight in zip(stages, weights, strict=True)
            ),
            Fraction(0),
        )
        results[candidate] = rounding.apply(total)
    ranked = rank({name: (Fraction(value),) for name, value in results.items()})
    last_of_rank = _last_positions(ranked)
    return [
        (
            name,
            results[name],
            position,
            _advanced(position, last_of_rank[position], advance, ties_at_cut, None),
        )
        for name, position in ranked
    ]
