"""The worked example of the spec (docs/algorithms/timetable.md §8)."""

import datetime as dt

from concours.timetable import Participant, Problem, Rules, Slot, Teacher

MON, TUE, WED = dt.date(2025, 7, 14), dt.date(2025, 7, 15), dt.date(2025, 7, 16)
NINE, TEN, ELEVEN = dt.time(9), dt.time(10), dt.time(11)


def slot(id_, teacher, day, start, room="Hall"):
    return Slot(id_, teacher, day, start, dt.time(start.hour, 50), room)


def example(**changes):
    """Two teachers, three days; Weber in the Hall, Lin in Room 2, two slots a morning each."""
    teachers = (Teacher("weber", "Clara Weber"), Teacher("lin", "Lin Wei"))
    slots = tuple(
        slot(f"{t}-{day.day}-{start.hour}", t, day, start, room)
        for t, room in (("weber", "Hall"), ("lin", "Room 2"))
        for day in (MON, TUE, WED)
        for start in (NINE, TEN)
    )
    participants = (
        Participant("anna", "Anna", 2, preferences=("weber", "lin")),
        Participant("ben", "Ben", 2, preferences=("weber",)),
        Participant("chen", "Chen", 2, preferences=("lin", "weber")),
        Participant("dora", "Dora", 3, assigned=("lin",)),
    )
    values = {"teachers": teachers, "slots": slots, "participants": participants, "rules": Rules()}
    values.update(changes)
    return Problem(**values)
