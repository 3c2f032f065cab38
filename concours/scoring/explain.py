"""A candidate's result in words and numbers, for people (spec §4.2)."""

from __future__ import annotations

from concours.scoring.model import CandidateResult, StageResult
from concours.scoring.numbers import text


def render(result: CandidateResult, stage: StageResult, *, title: str = "") -> str:
    width = max([len("juror"), *(len(line.juror) for line in result.explanation.marks)])
    lines = [title or result.candidate, ""]
    lines.append(f"{'juror':<{width}}  {'mark':>8}  {'used':>8}  note")
    for mark in result.explanation.marks:
        used = "—" if mark.used is None else text(mark.used)
        lines.append(f"{mark.juror:<{width}}  {mark.raw:>8}  {used:>8}  {mark.note}".rstrip())
    lines.append("")
    lines.extend(f"{label}: {value}" for label, value in result.explanation.steps)
    lines.append(f"rank: {result.rank} of {len(stage.results)}")
    if result.advanced is not None:
        lines.append(f"advanced: {'yes' if result.advanced else 'no'}")
    return "\n".join(lines) + "\n"
