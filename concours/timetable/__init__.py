"""Master-class timetables as a pure core: selected participants assigned to their teachers'
lesson slots over several days.

No Django here (a test enforces it): plain values in, plain values out. ``solve`` runs CP-SAT
deterministically and says in plain words why a problem has no timetable; ``validate`` lists
every hard rule a given timetable breaks. Specified in ``docs/algorithms/timetable.md``.
"""

from concours.timetable.checks import check_problem, counting_reasons, validate
from concours.timetable.model import (
    Fixed,
    InputError,
    Lesson,
    Participant,
    Problem,
    Reason,
    Rules,
    Slot,
    Teacher,
)
from concours.timetable.solver import Result, Status, preference_weight, solve

__all__ = [
    "Fixed",
    "InputError",
    "Lesson",
    "Participant",
    "Problem",
    "Reason",
    "Result",
    "Rules",
    "Slot",
    "Status",
    "Teacher",
    "check_problem",
    "counting_reasons",
    "preference_weight",
    "solve",
    "validate",
]
