"""Marks, the live round's state, computed results and jury decisions."""

from concours.results.models.live import (
    Absence,
    JurorSubmission,
    MarkOverride,
    RoundProgress,
    RoundStage,
    RoundStep,
)
from concours.results.models.marks import (
    CandidateScore,
    Computation,
    DecisionKind,
    JuryDecision,
    Mark,
    MarkStatus,
    RoundResults,
)

__all__ = [
    "Absence",
    "CandidateScore",
    "Computation",
    "DecisionKind",
    "JurorSubmission",
    "JuryDecision",
    "Mark",
    "MarkOverride",
    "MarkStatus",
    "RoundProgress",
    "RoundResults",
    "RoundStage",
    "RoundStep",
]
