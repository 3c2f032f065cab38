"""A division's eligibility rules checked against an application's members (spec §7–§14).

The check returns every problem with a stable code, the member it concerns and plain parameters
(ISO dates, integers, codes), so the Django side can render a translated message; the English
``message`` is built here, deterministically (no locale). Exceptions granted by the office waive
problems without hiding them: waived problems are reported apart.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from concours.eligibility.ages import BirthDateWindow, age_on

#: A problem parameter: an ISO date, a code or an identifier (``str``), a count (``int``), or
#: ``None`` for an open side of a birth-date window.
type ParamValue = str | int | None

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class ProblemCode(StrEnum):
    """Stable codes (§10). A verdict lists ensemble-wide problems in this order, with each
    member's problems (birth date, then former laureate) in member order between (§9)."""

    TOO_FEW_MEMBERS = "too_few_members"
    TOO_MANY_MEMBERS = "too_many_members"
    MISSING_INSTRUMENT = "missing_instrument"
    BORN_TOO_EARLY = "born_too_early"
    BORN_TOO_LATE = "born_too_late"
    FORMER_LAUREATE = "former_laureate"
    TOTAL_AGE_OVER_CAP = "total_age_over_cap"

    @property
    def concerns_member(self) -> bool:
        """Whether problems with this code name one member (§10)."""
        return self in _MEMBER_CODES


_MEMBER_CODES = frozenset(
    {ProblemCode.BORN_TOO_EARLY, ProblemCode.BORN_TOO_LATE, ProblemCode.FORMER_LAUREATE}
)
_ANY_BIRTH_DATE = BirthDateWindow(born_on_or_after=None, born_on_or_before=None)
_CODE_ORDER = {code: position for position, code in enumerate(ProblemCode)}


@dataclass(frozen=True, slots=True, kw_only=True)
class TotalAgeCap:
    """The members' ages on ``counted_on`` may add up to at most ``max_total_age`` years (§7)."""

    max_total_age: int
    counted_on: dt.date

    def __post_init__(self) -> None:
        if self.max_total_age < 1:
            raise ValueError("max_total_age must be at least 1")


@dataclass(frozen=True, slots=True, kw_only=True)
class DivisionRules:
    """What a division requires of an application (§7). The defaults accept any soloist."""

    window: BirthDateWindow = _ANY_BIRTH_DATE
    min_members: int = 1
    max_members: int = 1
    required_instruments: frozenset[str] = frozenset()
    total_age_cap: TotalAgeCap | None = None
    excluded_laureates: frozenset[str] = frozenset()
    age_of_majority: int = 18

    def __post_init__(self) -> None:
        if self.min_members < 1:
            raise ValueError("min_members must be at least 1")
        if self.max_members < self.min_members:
            raise ValueError("max_members must not be smaller than min_members")
        if self.age_of_majority < 0:
            raise ValueError("age_of_majority must not be negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """One person of an application; a soloist's application has exactly one (§8)."""

    birth_date: dt.date
    instrument: str | None = None
    laureate_of: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class Waiver:
    """An exception granted by the office: ``code`` no longer counts against ``member`` (§12).

    ``member`` is an index into the application's members; ``None`` waives the code for the
    whole application (every member, or the ensemble itself for ensemble-wide codes).
    """

    code: ProblemCode
    member: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", ProblemCode(self.code))
        if self.member is not None and not self.code.concerns_member:
            raise ValueError(f"{self.code} concerns the whole ensemble, not one member")
        if self.member is not None and self.member < 0:
            raise ValueError("a waiver's member index must not be negative")

    def covers(self, problem: Problem) -> bool:
        return self.code == problem.code and self.member in (None, problem.member)


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One reason an application is not eligible (§10).

    ``params`` is read-only; ``message`` is the English rendering of ``code`` with ``params``.
    """

    code: ProblemCode
    member: int | None
    params: Mapping[str, ParamValue] = field(hash=False)
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """The outcome of :func:`check_eligibility` (§9)."""

    problems: tuple[Problem, ...]
    waived: tuple[Problem, ...]
    unused_exceptions: tuple[Waiver, ...]
    minors: tuple[int, ...]
    total_age: int | None

    @property
    def eligible(self) -> bool:
        """No problem is left once the exceptions are applied."""
        return not self.problems

    @property
    def needs_guardian_consent(self) -> bool:
        """Some member is a minor on the day of the check (§13)."""
        return bool(self.minors)


def check_eligibility(
    *,
    rules: DivisionRules,
    members: Sequence[Member],
    on: dt.date,
    exceptions: Collection[Waiver | str] = (),
) -> Verdict:
    """Check ``members`` against ``rules`` on ``on``, the submission day (§9).

    ``exceptions`` are waivers or bare codes (a code waives it for the whole application).
    Raises ``ValueError`` for a member born after ``on`` and for a waiver naming a member
    the application does not have.
    """
    for index, member in enumerate(members):
        if member.birth_date > on:
            raise ValueError(
                f"member {index} is born on {member.birth_date.isoformat()}, "
                f"after the day of the check {on.isoformat()}"
            )
    waivers = _normalise(exceptions, len(members))
    found = [
        *_size_problems(rules, len(members)),
        *_instrument_problems(rules, members),
        *(
            problem
            for index, member in enumerate(members)
            for problem in _member_problems(rules, index, member)
        ),
    ]
    total = None
    if rules.total_age_cap is not None:
        cap = rules.total_age_cap
        total = sum(_age_or_zero(member.birth_date, cap.counted_on) for member in members)
        if total > cap.max_total_age:
            found.append(_total_age_problem(cap, total))
    covered = [any(waiver.covers(problem) for waiver in waivers) for problem in found]
    return Verdict(
        problems=tuple(p for p, is_waived in zip(found, covered, strict=True) if not is_waived),
        waived=tuple(p for p, is_waived in zip(found, covered, strict=True) if is_waived),
        unused_exceptions=tuple(w for w in waivers if not any(w.covers(p) for p in found)),
        minors=minor_members(members, on=on, age_of_majority=rules.age_of_majority),
        total_age=total,
    )


def needs_guardian_consent(birth_date: dt.date, *, on: dt.date, age_of_majority: int = 18) -> bool:
    """Whether someone born on ``birth_date`` is a minor on ``on`` (§13, ages as in §1–§2)."""
    if age_of_majority < 0:
        raise ValueError("age_of_majority must not be negative")
    return age_on(birth_date, on) < age_of_majority


def minor_members(
    members: Iterable[Member], *, on: dt.date, age_of_majority: int = 18
) -> tuple[int, ...]:
    """Indexes of the members who are minors on ``on`` and so need a guardian's consent (§13)."""
    return tuple(
        index
        for index, member in enumerate(members)
        if needs_guardian_consent(member.birth_date, on=on, age_of_majority=age_of_majority)
    )


def years_months_days(start: dt.date, end: dt.date) -> tuple[int, int, int]:
    """The calendar distance from ``start`` to ``end`` as (years, months, days) (§11).

    The most whole months that fit (a day missing from the target month falls back to the
    month's last day, as 29 February does in §2), then the remaining days.
    """
    if end < start:
        raise ValueError(f"{end.isoformat()} is before {start.isoformat()}")
    months = (end.year - start.year) * 12 + end.month - start.month
    if _add_months(start, months) > end:
        months -= 1
    days = (end - _add_months(start, months)).days
    return months // 12, months % 12, days


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month_index + 1)[1]
    return dt.date(year, month_index + 1, min(day.day, last))


def _age_or_zero(birth_date: dt.date, day: dt.date) -> int:
    """Age for the total-age cap; someone not yet born on the counting day counts 0 (§7)."""
    return age_on(birth_date, day) if birth_date <= day else 0


def _normalise(exceptions: Collection[Waiver | str], count: int) -> tuple[Waiver, ...]:
    waivers = {w if isinstance(w, Waiver) else Waiver(code=ProblemCode(w)) for w in exceptions}
    for waiver in waivers:
        if waiver.member is not None and waiver.member >= count:
            raise ValueError(f"the waiver names member {waiver.member} of {count}")
    return tuple(
        sorted(waivers, key=lambda w: (_CODE_ORDER[w.code], -1 if w.member is None else w.member))
    )


def _size_problems(rules: DivisionRules, count: int) -> list[Problem]:
    if rules.min_members <= count <= rules.max_members:
        return []
    code = (
        ProblemCode.TOO_FEW_MEMBERS if count < rules.min_members else ProblemCode.TOO_MANY_MEMBERS
    )
    if rules.min_members == rules.max_members:
        accepted = f"exactly {_count(rules.min_members, 'member')}"
    else:
        accepted = f"{rules.min_members} to {rules.max_members} members"
    if code is ProblemCode.TOO_FEW_MEMBERS:
        by = f"{rules.min_members - count} too few"
    else:
        by = f"{count - rules.max_members} too many"
    return [
        Problem(
            code=code,
            member=None,
            params={
                "members": count,
                "min_members": rules.min_members,
                "max_members": rules.max_members,
            },
            message=(
                f"The application has {_count(count, 'member')}; "
                f"the division accepts {accepted} ({by})."
            ),
        )
    ]


def _instrument_problems(rules: DivisionRules, members: Sequence[Member]) -> list[Problem]:
    played = {member.instrument for member in members if member.instrument is not None}
    return [
        Problem(
            code=ProblemCode.MISSING_INSTRUMENT,
            member=None,
            params={"instrument": instrument},
            message=f"No member plays {instrument}, which the division requires.",
        )
        for instrument in sorted(rules.required_instruments - played)
    ]


def _member_problems(rules: DivisionRules, index: int, member: Member) -> list[Problem]:
    problems = []
    birth_problem = _birth_problem(rules.window, index, member.birth_date)
    if birth_problem is not None:
        problems.append(birth_problem)
    problems.extend(
        Problem(
            code=ProblemCode.FORMER_LAUREATE,
            member=index,
            params={"laureate": laureate},
            message=f"Former laureate ({laureate}); the division excludes laureates of that prize.",
        )
        for laureate in sorted(member.laureate_of & rules.excluded_laureates)
    )
    return problems


def _birth_problem(window: BirthDateWindow, index: int, birth_date: dt.date) -> Problem | None:
    earliest, latest = window.born_on_or_after, window.born_on_or_before
    if earliest is not None and birth_date < earliest:
        code, side = ProblemCode.BORN_TOO_EARLY, "old"
        years, months, days = years_months_days(birth_date, earliest)
        accepted = (
            f"on or after {_english_date(earliest)}"
            if latest is None
            else f"from {_english_date(earliest)} to {_english_date(latest)}"
        )
    elif latest is not None and birth_date > latest:
        code, side = ProblemCode.BORN_TOO_LATE, "young"
        years, months, days = years_months_days(latest, birth_date)
        accepted = (
            f"on or before {_english_date(latest)}"
            if earliest is None
            else f"from {_english_date(earliest)} to {_english_date(latest)}"
        )
    else:
        return None
    return Problem(
        code=code,
        member=index,
        params={
            "birth_date": birth_date.isoformat(),
            "born_on_or_after": None if earliest is None else earliest.isoformat(),
            "born_on_or_before": None if latest is None else latest.isoformat(),
            "years": years,
            "months": months,
            "days": days,
        },
        message=(
            f"Born {_english_date(birth_date)}; the division accepts birth dates {accepted} "
            f"({_duration(years, months, days)} too {side})."
        ),
    )


def _total_age_problem(cap: TotalAgeCap, total: int) -> Problem:
    over = total - cap.max_total_age
    return Problem(
        code=ProblemCode.TOTAL_AGE_OVER_CAP,
        member=None,
        params={
            "total_age": total,
            "max_total_age": cap.max_total_age,
            "counted_on": cap.counted_on.isoformat(),
            "over_by": over,
        },
        message=(
            f"The members' ages on {_english_date(cap.counted_on)} add up to "
            f"{_count(total, 'year')}; the division allows at most {cap.max_total_age} "
            f"({_count(over, 'year')} over)."
        ),
    )


def _english_date(day: dt.date) -> str:
    """``1 March 2010``: fixed English month names, independent of the process locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _duration(years: int, months: int, days: int) -> str:
    parts = [
        _count(amount, unit)
        for amount, unit in ((years, "year"), (months, "month"), (days, "day"))
        if amount
    ]
    return " ".join(parts)


def _count(amount: int, unit: str) -> str:
    return f"{amount} {unit}" if amount == 1 else f"{amount} {unit}s"
