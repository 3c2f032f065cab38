"""The same marks under several rules (spec scoring-analysis §4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from concours.scoring.analysis.stats import KendallTau, kendall_tau_b
from concours.scoring.engine import InvalidMarks, score_stage
from concours.scoring.model import Mark, Rule, StageResult


@dataclass(frozen=True, slots=True)
class MethodPair:
    """Two methods side by side: who advances under one and not the other, and how far their
    rankings agree (Kendall's tau-b, spec §2.1)."""

    first: str
    second: str
    only_first: tuple[str, ...]  # advance under ``first`` only, in ``first``'s rank order
    only_second: tuple[str, ...]  # advance under ``second`` only, in ``second``'s rank order
    tau: KendallTau


@dataclass(frozen=True, slots=True)
class MethodComparison:
    names: tuple[str, ...]
    results: tuple[StageResult, ...]  # one per name, same order
    pairs: tuple[MethodPair, ...]  # every pair of names, in the order given

    def result(self, name: str) -> StageResult:
        return self.results[self.names.index(name)]


def compare_methods(
    marks: Sequence[Mark], rules: Mapping[str, Rule], *, advance: int | None
) -> MethodComparison:
    """Score the marks under each named rule and compare every pair (spec §4). Raises
    ``ValueError`` naming the rule when a rule cannot take the marks."""
    if len(rules) < 2:
        raise ValueError("a comparison needs at least two methods")
    names = tuple(rules)
    results: list[StageResult] = []
    for name in names:
        try:
            results.append(score_stage(marks, rules[name], advance=advance))
        except InvalidMarks as error:
            raise ValueError(f"method “{name}” cannot take these marks: {error}") from None
    ranks = [{row.candidate: row.rank for row in result.results} for result in results]
    pairs = []
    for i, first in enumerate(names):
        for j in range(i + 1, len(names)):
            one, other = set(results[i].advancers), set(results[j].advancers)
            pairs.append(
                MethodPair(
                    first=first,
                    second=names[j],
                    only_first=tuple(name for name in results[i].advancers if name not in other),
                    only_second=tuple(name for name in results[j].advancers if name not in one),
                    tau=kendall_tau_b(ranks[i], ranks[j]),
                )
            )
    return MethodComparison(names, tuple(results), tuple(pairs))
