"""Recompute a draw from its record alone (spec §7): the digests, the times, the commitment, and
the letter and order drawn from the revealed seed and the witnesses' inputs."""

from __future__ import annotations

from concours.draw.checks import shown, structure_problems, time_problems
from concours.draw.lot import commitment_of, draw_order
from concours.draw.model import Method, Problem
from concours.draw.record import digests, read_candidates, read_inputs


def verify(record: object) -> list[Problem]:
    """Every problem with ``record`` (a parsed JSON value): malformed members with their JSON
    path, then digests, times, the commitment and the outcome that do not match. An empty list
    means the draw is verified. A record whose seed is not revealed yet cannot be: it has the
    problem ``seed: not revealed yet``."""
    problems = structure_problems(record)
    if problems:
        return problems
    assert isinstance(record, dict)
    computed = digests(record)
    recorded = record["digests"]
    for name in ("draw", "record"):
        if recorded[name] != computed[name]:
            problems.append(
                Problem(f"digests.{name}", f"recorded {recorded[name]}, computed {computed[name]}")
            )
    problems.extend(time_problems(record))
    seed = record["seed"]
    if seed is None:
        problems.append(Problem("seed", "not revealed yet, so the order cannot be recomputed"))
        return problems
    commitment = commitment_of(seed)
    if commitment != record["commitment"]:
        problems.append(
            Problem(
                "commitment",
                f"recorded {record['commitment']}, but the SHA-256 of the seed is {commitment}",
            )
        )
    outcome = draw_order(
        Method(record["method"]), read_candidates(record), seed, read_inputs(record)
    )
    if record["letter"] != outcome.letter:
        problems.append(
            Problem("letter", f"recorded {shown(record['letter'])}, recomputed “{outcome.letter}”")
        )
    order = record["order"]
    differ = [
        i for i, (left, right) in enumerate(zip(order, outcome.order, strict=True)) if left != right
    ]
    if differ:
        first = differ[0]
        problems.append(
            Problem(
                f"order[{first}]",
                f"recorded “{order[first]}”, recomputed “{outcome.order[first]}” "
                f"({len(differ)} of {len(order)} places differ)",
            )
        )
    return problems
