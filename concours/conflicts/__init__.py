"""Conflicts of interest between jurors and candidates as a pure core.

No Django here (a test enforces it): plain values in, plain values out. Teacher histories as
candidates typed them and jurors' own declarations are read against a competition's policy;
every flagged pair comes with stable reason codes and plain parameters, so the Django side
renders them in the reader's language. Specified in ``docs/algorithms/conflicts.md``.
"""

from concours.conflicts.model import (
    CLAUSE_OF,
    Assessment,
    Candidate,
    Clause,
    Declaration,
    Finding,
    Juror,
    Reason,
    ReasonCode,
    Relation,
    Source,
    TeacherEntry,
)
from concours.conflicts.names import (
    NameMatch,
    ParsedName,
    compare_names,
    compare_parsed,
    fold_word,
    institution_key,
    parse_name,
)
from concours.conflicts.policy import ParamValue, Policy, PolicyCode, PolicyError, PolicyProblem
from concours.conflicts.rules import find_conflicts, window_start

__all__ = [
    "CLAUSE_OF",
    "Assessment",
    "Candidate",
    "Clause",
    "Declaration",
    "Finding",
    "Juror",
    "NameMatch",
    "ParamValue",
    "ParsedName",
    "Policy",
    "PolicyCode",
    "PolicyError",
    "PolicyProblem",
    "Reason",
    "ReasonCode",
    "Relation",
    "Source",
    "TeacherEntry",
    "compare_names",
    "compare_parsed",
    "find_conflicts",
    "fold_word",
    "institution_key",
    "parse_name",
    "window_start",
]
