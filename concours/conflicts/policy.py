"""A competition's conflict-of-interest policy: windows and thresholds (spec §2).

The policy is plain data with defaults; ``from_json`` reads the form it is stored in and reports
every bad field with a stable code and plain parameters, so a form can show each next to its
field in the reader's language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from types import MappingProxyType

#: A parameter of a problem or a reason: an ISO date, a name or a code (``str``), a count
#: (``int``), or ``None`` when the value is unknown or does not apply.
type ParamValue = str | int | None

#: (smallest, largest) accepted value of each whole-number field.
_RANGES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "study_years": (0, 50),
        "private_lessons_min": (1, 1000),
        "private_lessons_years": (0, 50),
        "master_class_years": (0, 50),
    }
)
_SWITCHES = frozenset({"master_classes_counted", "same_institution"})


class PolicyCode(StrEnum):
    """Why a policy field is refused (§2.2)."""

    NOT_AN_OBJECT = "not_an_object"
    UNKNOWN_FIELD = "unknown_field"
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    NOT_A_SWITCH = "not_a_switch"
    OUT_OF_RANGE = "out_of_range"


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyProblem:
    """One refused field: ``field`` is the policy field's name (empty for the whole value)."""

    field: str
    code: PolicyCode
    params: Mapping[str, ParamValue] = dataclasses.field(hash=False)
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


class PolicyError(ValueError):
    """A policy that cannot be used; ``problems`` lists every bad field, in field order."""

    def __init__(self, problems: tuple[PolicyProblem, ...]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem.message for problem in problems))


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """What counts as a conflict of interest (§2.1). Relatives always do; a relationship the
    juror declares as "other" is always flagged for the office to decide."""

    #: Regular study with the juror counts if it is current or ended within this many years.
    study_years: int = 3
    #: Private lessons count from this many lessons within ``private_lessons_years`` years.
    private_lessons_min: int = 1
    private_lessons_years: int = 3
    #: Master classes are exempt unless counted; counted, one within the window is a conflict.
    master_classes_counted: bool = False
    master_class_years: int = 2
    #: Whether studying at an institution where the juror works is a conflict.
    same_institution: bool = False

    def __post_init__(self) -> None:
        problems = tuple(
            problem
            for name in _FIELD_NAMES
            if (problem := _check(name, getattr(self, name))) is not None
        )
        if problems:
            raise PolicyError(problems)

    @classmethod
    def from_json(cls, data: object) -> Policy:
        """The policy stored as ``data`` (a JSON object); missing fields take their default.
        Raises :class:`PolicyError` listing every unknown or bad field (§2.2)."""
        if not isinstance(data, Mapping):
            raise PolicyError(
                (
                    PolicyProblem(
                        field="",
                        code=PolicyCode.NOT_AN_OBJECT,
                        params={},
                        message="A policy must be a JSON object.",
                    ),
                )
            )
        problems = [
            PolicyProblem(
                field=str(key),
                code=PolicyCode.UNKNOWN_FIELD,
                params={"field": str(key)},
                message=f"Unknown field “{key}”.",
            )
            for key in sorted(data, key=str)
            if key not in _FIELD_NAMES
        ]
        problems.extend(
            problem
            for name in _FIELD_NAMES
            if name in data and (problem := _check(name, data[name])) is not None
        )
        if problems:
            raise PolicyError(tuple(problems))
        return cls(**{name: data[name] for name in _FIELD_NAMES if name in data})

    def to_json(self) -> dict[str, int | bool]:
        """Every field, in declaration order; ``from_json`` reads it back unchanged."""
        return {name: getattr(self, name) for name in _FIELD_NAMES}


_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Policy))


def _check(name: str, value: object) -> PolicyProblem | None:
    if name in _SWITCHES:
        if isinstance(value, bool):
            return None
        return PolicyProblem(
            field=name,
            code=PolicyCode.NOT_A_SWITCH,
            params={"field": name},
            message=f"“{name}” must be true or false.",
        )
    if isinstance(value, bool) or not isinstance(value, int):
        return PolicyProblem(
            field=name,
            code=PolicyCode.NOT_A_WHOLE_NUMBER,
            params={"field": name},
            message=f"“{name}” must be a whole number.",
        )
    low, high = _RANGES[name]
    if low <= value <= high:
        return None
    return PolicyProblem(
        field=name,
        code=PolicyCode.OUT_OF_RANGE,
        params={"field": name, "value": value, "minimum": low, "maximum": high},
        message=f"“{name}” must be from {low} to {high}; it is {value}.",
    )
