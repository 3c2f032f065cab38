"""The timetable's plain values (spec §2): slots of teachers, participants, rules, lessons, and
the reasons and violations the solver and the checker report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Teacher:
    id: str
    name: str


@dataclass(frozen=True)
class Slot:
    """One lesson a teacher can give: on ``day`` from ``start`` to ``end`` in ``room``."""

    id: str
    teacher: str
    day: dt.date
    start: dt.time
    end: dt.time
    room: str

    def overlaps(self, other: Slot) -> bool:
        return self.day == other.day and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Participant:
    """A selected participant who should get ``lessons`` lessons. ``assigned`` teachers, when
    given, are the only ones allowed; otherwise any teacher may teach, and ``preferences`` (first
    choice first) say whom the participant would rather have."""

    id: str
    name: str
    lessons: int
    preferences: tuple[str, ...] = ()
    assigned: tuple[str, ...] = ()

    def allows(self, teacher: str) -> bool:
        return not self.assigned or teacher in self.assigned

    def rank(self, teacher: str) -> int | None:
        """0 for the first choice, 1 for the second…; ``None`` if not a preference."""
        return self.preferences.index(teacher) if teacher in self.preferences else None


@dataclass(frozen=True)
class Fixed:
    """The office's fixed assignment: this participant has their lesson in this slot."""

    participant: str
    slot: str


@dataclass(frozen=True)
class Rules:
    max_per_day: int = 1


@dataclass(frozen=True)
class Problem:
    teachers: tuple[Teacher, ...]
    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    rules: Rules = field(default_factory=Rules)
    fixed: tuple[Fixed, ...] = ()


@dataclass(frozen=True, order=True)
class Lesson:
    participant: str
    slot: str


@dataclass(frozen=True)
class Reason:
    """Why something cannot be: a stable ``code``, its ``params`` (for a translated message) and
    the English ``message``."""

    code: str
    message: str
    params: tuple[tuple[str, str | int], ...] = ()

    def param(self, name: str) -> str | int:
        return dict(self.params)[name]


class InputError(ValueError):
    """The problem itself is malformed (an unknown teacher, a slot that ends before it starts);
    ``reasons`` lists every problem."""

    def __init__(self, reasons: list[Reason]) -> None:
        super().__init__("; ".join(reason.message for reason in reasons))
        self.reasons = tuple(reasons)


def reason(code: str, message: str, **params: str | int) -> Reason:
    return Reason(code, message.format(**params), tuple(sorted(params.items())))
