"""Did the order of appearance matter? Spearman's rho and a permutation test (spec
scoring-analysis §6)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from operator import mul

from concours.scoring.analysis.stats import (
    coefficient,
    covariance_term,
    doubled_midranks,
    shown,
    variance_term,
)


@dataclass(frozen=True, slots=True)
class Appearance:
    candidate: str
    position: int  # 1 = first to play in the stage (spec §6.1)
    day: int | None
    position_in_day: int | None  # 1 = first to play that day
    score: Decimal


@dataclass(frozen=True, slots=True)
class RankCorrelation:
    """Spearman's rho between a position and the score, and its permutation test (spec §6.2)."""

    exact: Fraction | None  # rho, √ at PRECISION; None when positions or scores do not vary
    permutations: int
    as_extreme: int | None  # permutations whose |rho| is at least the observed |rho|

    @property
    def rho(self) -> Decimal | None:
        """rho rounded half-even to 4 decimals; positive when later performers score higher."""
        return shown(self.exact)

    @property
    def p_value(self) -> Fraction | None:
        """Two-sided: (as_extreme + 1) / (permutations + 1)."""
        if self.as_extreme is None:
            return None
        return Fraction(self.as_extreme + 1, self.permutations + 1)


@dataclass(frozen=True, slots=True)
class OrderEffect:
    appearances: tuple[Appearance, ...]  # in order of appearance
    seed: int
    overall: RankCorrelation  # overall position against score
    within_day: RankCorrelation | None  # position within the day against score (days given)


def order_effect(
    scores: Mapping[str, Decimal],
    order: Mapping[str, int],
    *,
    day: Mapping[str, int] | None = None,
    permutations: int = 10000,
    seed: int = 2025,
) -> OrderEffect:
    """Spearman's rho between order of appearance and score, overall and (with ``day``) within
    the day, each with a two-sided permutation test driven by ``random.Random(seed)`` (spec §6).
    Every scored candidate needs a position (and a day, if days are given), and no other."""
    if permutations < 1:
        raise ValueError("the permutation test needs at least 1 permutation")
    _same_candidates(scores, order, "position")
    if day is not None:
        _same_candidates(scores, day, "day")
    days: Mapping[str, int] = day or {}
    ordered = sorted(scores, key=lambda name: (days.get(name, 0), order[name], name))
    for before, after in pairwise(ordered):
        if (days.get(before), order[before]) == (days.get(after), order[after]):
            where = f"day {days[after]}, " if day is not None else ""
            raise ValueError(f"“{before}” and “{after}” both have {where}position {order[after]}")
    within: list[int] = []  # position within the day (all 1s without days: unused)
    for index, name in enumerate(ordered):
        same_day = day is not None and index > 0 and day[ordered[index - 1]] == day[name]
        within.append(within[-1] + 1 if same_day else 1)
    appearances = tuple(
        Appearance(
            candidate=name,
            position=index + 1,
            day=days.get(name),
            position_in_day=within[index] if day is not None else None,
            score=scores[name],
        )
        for index, name in enumerate(ordered)
    )
    ranked_scores = doubled_midranks([scores[name] for name in ordered])
    overall = _test(
        [2 * (index + 1) for index in range(len(ordered))],
        ranked_scores,
        [(0, len(ordered))],
        permutations,
        seed,
    )
    within_day = None
    if day is not None:
        bounds = [index for index in range(1, len(ordered)) if within[index] == 1]
        starts = [0, *bounds]
        groups = list(zip(starts, [*bounds, len(ordered)], strict=True))
        positions = doubled_midranks(within)
        within_day = _test(positions, ranked_scores, groups, permutations, seed)
    return OrderEffect(appearances, seed, overall, within_day)


def _same_candidates(scores: Mapping[str, Decimal], given: Mapping[str, int], what: str) -> None:
    missing = sorted(set(scores) - set(given))
    if missing:
        raise ValueError(f"no {what} for “{missing[0]}”")
    unknown = sorted(set(given) - set(scores))
    if unknown:
        raise ValueError(f"a {what} for “{unknown[0]}”, who has no score")


def _test(
    positions: Sequence[int],
    ranked: Sequence[int],
    groups: Sequence[tuple[int, int]],
    permutations: int,
    seed: int,
) -> RankCorrelation:
    """rho of two lists of doubled ranks, and how many of ``permutations`` shuffles of
    ``ranked`` within each group [start, end) give a |rho| at least as large (spec §6.3)."""
    spread = variance_term(positions) * variance_term(ranked)
    observed = covariance_term(positions, ranked)
    rho = coefficient(observed, spread)
    if rho is None:
        return RankCorrelation(None, permutations, None)
    # Shuffling keeps n, Σx, Σy and both variance terms, so |rho| ≥ |observed rho| exactly
    # when |n·Σxy − Σx·Σy| ≥ |observed|: integers, no square root needed.
    n, sums = len(positions), sum(positions) * sum(ranked)
    generator = random.Random(seed)
    extreme = 0
    for _ in range(permutations):
        shuffled: list[int] = []
        for start, end in groups:
            part = list(ranked[start:end])
            generator.shuffle(part)
            shuffled.extend(part)
        extreme += abs(n * sum(map(mul, positions, shuffled)) - sums) >= abs(observed)
    return RankCorrelation(rho, permutations, extreme)
