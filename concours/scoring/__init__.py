"""The results engine: exact, explainable, verifiable jury scoring (a pure core, no Django).

Specified in ``docs/algorithms/scoring.md`` (methods and presets), ``results-record.md`` (the
verifiable record) and ``scoring-analysis.md`` (robustness, juror patterns, order of appearance).
Command line: ``python -m concours.scoring --help``.
"""

from concours.scoring.engine import InvalidMarks, combine, rank, score_stage
from concours.scoring.model import (
    Abstention,
    CandidateResult,
    Mark,
    MarkStatus,
    Method,
    Rounding,
    Rule,
    Scale,
    StageResult,
)
from concours.scoring.presets import build_rule, preset

__all__ = [
    "Abstention",
    "CandidateResult",
    "InvalidMarks",
    "Mark",
    "MarkStatus",
    "Method",
    "Rounding",
    "Rule",
    "Scale",
    "StageResult",
    "build_rule",
    "combine",
    "preset",
    "rank",
    "score_stage",
]
