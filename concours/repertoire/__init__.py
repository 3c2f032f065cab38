"""Repertoire rules as a pure core: a candidate's programme checked against a round's rules.

No Django here (a test enforces it): plain values in, a report of problems and totals out.
Specified in ``docs/algorithms/repertoire.md``.
"""

from concours.repertoire.durations import (
    DurationErrorCode,
    DurationFormatError,
    format_duration,
    parse_duration,
    seconds_of,
)
from concours.repertoire.pieces import Piece, normalise
from concours.repertoire.problems import Problem, ProblemCode
from concours.repertoire.rules import Requirement, RoundRules
from concours.repertoire.validate import (
    CategoryTally,
    Report,
    RoundTotals,
    validate_application,
    validate_programme,
)

__all__ = [
    "CategoryTally",
    "DurationErrorCode",
    "DurationFormatError",
    "Piece",
    "Problem",
    "ProblemCode",
    "Report",
    "Requirement",
    "RoundRules",
    "RoundTotals",
    "format_duration",
    "normalise",
    "parse_duration",
    "seconds_of",
    "validate_application",
    "validate_programme",
]
