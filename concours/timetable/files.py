"""The JSON form of a problem and of a result (spec §7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from concours.timetable.model import Fixed, Participant, Problem, Rules, Slot, Teacher
from concours.timetable.solver import Result


class FormatError(ValueError):
    """The JSON does not describe a problem; the message says where."""


def _get(data: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise FormatError(f"{where}: “{key}” is missing")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise FormatError(f"{where}: “{key}” must be {kind.__name__}")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise FormatError(f"document: “{key}” must be a list")
    return value


def _ids(data: Any, key: str, where: str) -> tuple[str, ...]:
    values = data.get(key, []) if isinstance(data, dict) else []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise FormatError(f"{where}: “{key}” must be a list of ids")
    return tuple(values)


def _parse(text: str, parse: Any, where: str) -> Any:
    try:
        return parse(text)
    except ValueError:
        raise FormatError(f"{where}: “{text}” is not a valid date or time") from None


def problem_from_json(data: Any) -> Problem:
    teachers, slots = [], []
    for t_index, item in enumerate(
        _list(_get({"document": data}, "document", dict, "input"), "teachers")
    ):
        where = f"teachers[{t_index}]"
        teacher = Teacher(_get(item, "id", str, where), _get(item, "name", str, where))
        teachers.append(teacher)
        for s_index, raw in enumerate(_get(item, "slots", list, where)):
            at = f"{where}.slots[{s_index}]"
            slots.append(
                Slot(
                    _get(raw, "id", str, at),
                    teacher.id,
                    _parse(_get(raw, "day", str, at), dt.date.fromisoformat, at),
                    _parse(_get(raw, "start", str, at), dt.time.fromisoformat, at),
                    _parse(_get(raw, "end", str, at), dt.time.fromisoformat, at),
                    _get(raw, "room", str, at),
                )
            )
    participants = []
    for index, item in enumerate(_get(data, "participants", list, "document")):
        where = f"participants[{index}]"
        participants.append(
            Participant(
                _get(item, "id", str, where),
                _get(item, "name", str, where),
                _get(item, "lessons", int, where),
                _ids(item, "preferences", where),
                _ids(item, "assigned", where),
            )
        )
    fixed = [
        Fixed(_get(item, "participant", str, f"fixed[{i}]"), _get(item, "slot", str, f"fixed[{i}]"))
        for i, item in enumerate(_list(data, "fixed"))
    ]
    rules = Rules(_get(data.get("rules", {"max_per_day": 1}), "max_per_day", int, "rules"))
    return Problem(tuple(teachers), tuple(slots), tuple(participants), rules, tuple(fixed))


def result_to_json(problem: Problem, result: Result) -> dict[str, Any]:
    slots = {slot.id: slot for slot in problem.slots}
    return {
        "status": result.status.value,
        "preference_score": result.preference_score,
        "lessons": [
            {
                "participant": lesson.participant,
                "slot": lesson.slot,
                "teacher": slots[lesson.slot].teacher,
                "room": slots[lesson.slot].room,
                "day": slots[lesson.slot].day.isoformat(),
                "start": slots[lesson.slot].start.isoformat("minutes"),
                "end": slots[lesson.slot].end.isoformat("minutes"),
            }
            for lesson in result.lessons
        ],
        "reasons": [{"code": r.code, "message": r.message} for r in result.reasons],
    }
