"""Ages counted in whole years on a given day, and the birth-date windows rules are written in.

Rules say "aged 16 to 32"; eligibility must be decided on exact dates. A person born on
29 February has their birthday on 28 February in common years (spec §2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


def anniversary(birth_date: dt.date, year: int) -> dt.date:
    """The birthday in ``year``; 29 February falls back to 28 February in common years (§2)."""
    try:
        return birth_date.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years of life on ``day`` (§1). Raises ``ValueError`` before birth."""
    if day < birth_date:
        raise ValueError(f"{day.isoformat()} is before the birth date {birth_date.isoformat()}")
    years = day.year - birth_date.year
    if day < anniversary(birth_date, day.year):
        years -= 1
    return years


@dataclass(frozen=True, slots=True)
class BirthDateWindow:
    """Eligible birth dates, both ends included; ``None`` means no bound on that side (§3)."""

    born_on_or_after: dt.date | None
    born_on_or_before: dt.date | None

    def __post_init__(self) -> None:
        if (
            self.born_on_or_after is not None
            and self.born_on_or_before is not None
            and self.born_on_or_after > self.born_on_or_before
        ):
            raise ValueError("born_on_or_after must not be later than born_on_or_before")

    def contains(self, birth_date: dt.date) -> bool:
        if self.born_on_or_after is not None and birth_date < self.born_on_or_after:
            return False
        return self.born_on_or_before is None or birth_date <= self.born_on_or_before


def window_for_ages(*, youngest: int | None, oldest: int | None, on: dt.date) -> BirthDateWindow:
    """The birth dates of everyone aged ``youngest`` to ``oldest`` (inclusive) on ``on`` (§4).

    Aged at least ``youngest``: the ``youngest``-th birthday is on or before ``on``.
    Aged at most ``oldest``: the ``oldest + 1``-th birthday is after ``on``.
    """
    if youngest is not None and youngest < 0:
        raise ValueError("youngest must not be negative")
    if oldest is not None and youngest is not None and oldest < youngest:
        raise ValueError("oldest must not be smaller than youngest")
    latest = _latest_birth_date_for_age(youngest, on) if youngest is not None else None
    earliest = _earliest_birth_date_for_age(oldest, on) if oldest is not None else None
    return BirthDateWindow(born_on_or_after=earliest, born_on_or_before=latest)


def _latest_birth_date_for_age(age: int, on: dt.date) -> dt.date:
    """The last birth date whose ``age``-th birthday is on or before ``on``."""
    latest = anniversary(on, on.year - age)
    # Born on 29 February: the birthday is 28 February in common years (§2), so on
    # 28 February of a common year someone born on 29 February of a leap year is of age too.
    following = latest + dt.timedelta(days=1)
    if following.year == latest.year and anniversary(following, on.year) <= on:
        return following
    return latest


def _earliest_birth_date_for_age(age: int, on: dt.date) -> dt.date:
    """The first birth date whose ``age + 1``-th birthday is after ``on`` (still ``age``)."""
    return _latest_birth_date_for_age(age + 1, on) + dt.timedelta(days=1)


def ages_in_window(window: BirthDateWindow, on: dt.date) -> tuple[int | None, int | None]:
    """The youngest and oldest age (on ``on``) of people born inside ``window`` (§5)."""
    youngest = (
        age_on(window.born_on_or_before, on) if window.born_on_or_before is not None else None
    )
    oldest = age_on(window.born_on_or_after, on) if window.born_on_or_after is not None else None
    return youngest, oldest


def total_age(birth_dates: Iterable[dt.date], on: dt.date) -> int:
    """Sum of the members' ages on ``on``, for an ensemble's total-age cap (§6)."""
    return sum(age_on(birth_date, on) for birth_date in birth_dates)
