"""Eligibility rules as a pure core: exact ages and birth-date windows.

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

__all__ = [
    "BirthDateWindow",
    "age_on",
    "ages_in_window",
    "anniversary",
    "total_age",
    "window_for_ages",
]
