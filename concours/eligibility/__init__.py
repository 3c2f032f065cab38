"""Eligibility rules as a pure core: exact ages, birth-date windows and a division's rules.

No Django here (a test enforces it): plain ``datetime.date`` values in, plain values out.
Specified in ``docs/algorithms/eligibility.md``.
"""

from concours.eligibility.ages import (
    BirthDateWindow,
    age_on,
    ages_in_window,
    anniversary,
    total_age,
    window_for_ages,
)
from concours.eligibility.rules import (
    DivisionRules,
    Member,
    ParamValue,
    Problem,
    ProblemCode,
    TotalAgeCap,
    Verdict,
    Waiver,
    check_eligibility,
    minor_members,
    needs_guardian_consent,
    years_months_days,
)

__all__ = [
    "BirthDateWindow",
    "DivisionRules",
    "Member",
    "ParamValue",
    "Problem",
    "ProblemCode",
    "TotalAgeCap",
    "Verdict",
    "Waiver",
    "age_on",
    "ages_in_window",
    "anniversary",
    "check_eligibility",
    "minor_members",
    "needs_guardian_consent",
    "total_age",
    "window_for_ages",
    "years_months_days",
]
