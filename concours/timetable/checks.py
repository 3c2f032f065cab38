"""Checks without a solver: a malformed problem (spec §3), counting arguments that prove a
problem infeasible before solving (spec §5), and the validation of a given timetable against
every hard rule (spec §4)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from concours.timetable.model import InputError, Lesson, Problem, Reason, Slot, reason


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(key for key, count in Counter(ids).items() if count > 1)


def check_problem(problem: Problem) -> None:
    """Raise ``InputError`` listing every malformed part of ``problem``."""
    found: list[Reason] = []
    teachers = {teacher.id for teacher in problem.teachers}
    slots = {slot.id for slot in problem.slots}
    people = {participant.id for participant in problem.participants}
    for kind, ids in (
        ("teacher", [t.id for t in problem.teachers]),
        ("slot", [s.id for s in problem.slots]),
        ("participant", [p.id for p in problem.participants]),
    ):
        for duplicate in _duplicates(ids):
            found.append(reason("duplicate_id", "The {kind} id “{id}” is used twice.", kind=kind, id=duplicate))  # fmt: skip
    if problem.rules.max_per_day < 1:
        found.append(reason("bad_rule", "At most N lessons a day needs N of 1 or more."))
    for slot in problem.slots:
        if slot.teacher not in teachers:
            found.append(reason("unknown_teacher", "Slot “{slot}” names an unknown teacher “{teacher}”.", slot=slot.id, teacher=slot.teacher))  # fmt: skip
        if slot.end <= slot.start:
            found.append(reason("slot_times", "Slot “{slot}” must end after it starts.", slot=slot.id))  # fmt: skip
    for participant in problem.participants:
        if participant.lessons < 0:
            found.append(reason("bad_lessons", "{participant} cannot need a negative number of lessons.", participant=participant.name))  # fmt: skip
        for teacher in (*participant.preferences, *participant.assigned):
            if teacher not in teachers:
                found.append(reason("unknown_teacher", "{participant} names an unknown teacher “{teacher}”.", participant=participant.name, teacher=teacher))  # fmt: skip
        if _duplicates(participant.preferences):
            found.append(reason("duplicate_preference", "{participant} names a teacher twice among their preferences.", participant=participant.name))  # fmt: skip
    for fixed in problem.fixed:
        if fixed.participant not in people or fixed.slot not in slots:
            found.append(reason("unknown_fixed", "A fixed assignment names an unknown participant “{participant}” or slot “{slot}”.", participant=fixed.participant, slot=fixed.slot))  # fmt: skip
    if found:
        raise InputError(found)


def validate(problem: Problem, lessons: Iterable[Lesson], *, complete: bool = True) -> list[Reason]:
    """Every hard rule a timetable breaks (spec §4), in a stable order. With ``complete=False``
    (a partial timetable, such as the fixed assignments alone) missing lessons are not counted."""
    slots = {slot.id: slot for slot in problem.slots}
    people = {participant.id: participant for participant in problem.participants}
    names = {teacher.id: teacher.name for teacher in problem.teachers}
    found: list[Reason] = []
    known: list[tuple[Lesson, Slot]] = []
    for lesson in sorted(set(lessons)):
        if lesson.slot not in slots or lesson.participant not in people:
            found.append(reason("unknown_lesson", "A lesson names an unknown participant “{participant}” or slot “{slot}”.", participant=lesson.participant, slot=lesson.slot))  # fmt: skip
        else:
            known.append((lesson, slots[lesson.slot]))
    by_slot: dict[str, list[str]] = defaultdict(list)
    by_person: dict[str, list[Slot]] = defaultdict(list)
    for lesson, slot in known:
        by_slot[slot.id].append(people[lesson.participant].name)
        by_person[lesson.participant].append(slot)
        participant = people[lesson.participant]
        if not participant.allows(slot.teacher):
            found.append(reason("teacher_not_allowed", "{participant} cannot have a lesson with {teacher}.", participant=participant.name, teacher=names[slot.teacher]))  # fmt: skip
    for slot_id, who in sorted(by_slot.items()):
        if len(who) > 1:
            found.append(reason("slot_taken_twice", "Slot “{slot}” has {count} participants: {names}.", slot=slot_id, count=len(who), names=", ".join(who)))  # fmt: skip
    used = sorted({slot.id: slot for _, slot in known}.values(), key=_slot_key)
    for index, first in enumerate(used):
        for second in used[index + 1 :]:
            if not first.overlaps(second):
                continue
            if first.room == second.room:
                found.append(reason("room_overlap", "Room “{room}” holds two lessons at once (slots “{first}” and “{second}”).", room=first.room, first=first.id, second=second.id))  # fmt: skip
            if first.teacher == second.teacher:
                found.append(reason("teacher_overlap", "{teacher} teaches two lessons at once (slots “{first}” and “{second}”).", teacher=names[first.teacher], first=first.id, second=second.id))  # fmt: skip
    for participant in problem.participants:
        taken = sorted(by_person.get(participant.id, []), key=_slot_key)
        found.extend(_participant_problems(problem, participant.name, participant.lessons, taken, complete))  # fmt: skip
    wanted = {(fixed.participant, fixed.slot) for fixed in problem.fixed}
    given = {(lesson.participant, lesson.slot) for lesson, _ in known}
    for participant_id, slot_id in sorted(wanted - given):
        if complete and participant_id in people:
            found.append(reason("fixed_missing", "The fixed lesson of {participant} in slot “{slot}” is missing.", participant=people[participant_id].name, slot=slot_id))  # fmt: skip
    return found


def _slot_key(slot: Slot) -> tuple[object, ...]:
    return (slot.day, slot.start, slot.end, slot.id)


def _participant_problems(
    problem: Problem, name: str, lessons: int, taken: list[Slot], complete: bool
) -> list[Reason]:
    found: list[Reason] = []
    for index, first in enumerate(taken):
        for second in taken[index + 1 :]:
            if first.overlaps(second):
                found.append(reason("participant_overlap", "{participant} has two lessons at once (slots “{first}” and “{second}”).", participant=name, first=first.id, second=second.id))  # fmt: skip
    per_day = Counter(slot.day for slot in taken)
    for day, count in sorted(per_day.items()):
        if count > problem.rules.max_per_day:
            found.append(reason("too_many_a_day", "{participant} has {count} lessons on {day}; at most {limit} a day are allowed.", participant=name, count=count, day=day.isoformat(), limit=problem.rules.max_per_day))  # fmt: skip
    if len(taken) > lessons or (complete and len(taken) < lessons):
        found.append(reason("lesson_count", "{participant} has {count} lessons but should have {wanted}.", participant=name, count=len(taken), wanted=lessons))  # fmt: skip
    return found


def counting_reasons(problem: Problem) -> list[Reason]:
    """Reasons, found by counting, why no timetable exists (spec §5); empty if none is found."""
    names = {teacher.id: teacher.name for teacher in problem.teachers}
    found = validate(problem, [Lesson(f.participant, f.slot) for f in problem.fixed], complete=False)  # fmt: skip
    needed = sum(participant.lessons for participant in problem.participants)
    if needed > len(problem.slots):
        found.append(reason("too_few_slots", "{needed} lessons are needed but there are only {slots} slots.", needed=needed, slots=len(problem.slots)))  # fmt: skip
    for participant in problem.participants:
        usable = [slot for slot in problem.slots if participant.allows(slot.teacher)]
        teachers = ", ".join(sorted(names[teacher] for teacher in participant.assigned))
        days = len({slot.day for slot in usable})
        if participant.assigned and len(usable) < participant.lessons:
            found.append(reason("participant_too_few_slots", "{participant} needs {needed} lessons but their teachers ({teachers}) have only {slots} slots.", participant=participant.name, needed=participant.lessons, teachers=teachers, slots=len(usable)))  # fmt: skip
        elif days * problem.rules.max_per_day < participant.lessons:
            found.append(reason("participant_too_few_days", "{participant} needs {needed} lessons but can have at most {limit} a day on the {days} days their teachers teach.", participant=participant.name, needed=participant.lessons, limit=problem.rules.max_per_day, days=days))  # fmt: skip
    for teacher in problem.teachers:
        only_theirs = [p for p in problem.participants if p.assigned == (teacher.id,)]
        wanted = sum(p.lessons for p in only_theirs)
        slots = sum(1 for slot in problem.slots if slot.teacher == teacher.id)
        if wanted > slots:
            found.append(reason("teacher_too_few_slots", "{teacher} has {slots} slots but {needed} lessons are needed (by {participants}).", teacher=teacher.name, slots=slots, needed=wanted, participants=", ".join(p.name for p in only_theirs)))  # fmt: skip
    return found
