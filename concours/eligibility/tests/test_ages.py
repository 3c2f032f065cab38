"""Unit tests of the eligibility core; sections refer to docs/algorithms/eligibility.md."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concours.eligibility import (
    BirthDateWindow,
    age_on,
    ages_in_window,
    anniversary,
    total_age,
    window_for_ages,
)

D = dt.date
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


def test_age_on_counts_completed_years():  # §1
    assert age_on(D(2009, 8, 1), D(2025, 8, 1)) == 16
    assert age_on(D(2009, 8, 2), D(2025, 8, 1)) == 15
    assert age_on(D(2025, 8, 1), D(2025, 8, 1)) == 0


def test_age_on_rejects_a_day_before_birth():  # §1
    with pytest.raises(ValueError, match="before the birth date"):
        age_on(D(2010, 1, 2), D(2010, 1, 1))


def test_leap_day_birthday_is_28_february_in_common_years():  # §2
    assert anniversary(D(2008, 2, 29), 2025) == D(2025, 2, 28)
    assert anniversary(D(2008, 2, 29), 2028) == D(2028, 2, 29)
    assert age_on(D(2008, 2, 29), D(2025, 2, 27)) == 16
    assert age_on(D(2008, 2, 29), D(2025, 2, 28)) == 17


def test_window_contains_both_ends():  # §3
    window = BirthDateWindow(born_on_or_after=D(1992, 8, 2), born_on_or_before=D(2009, 8, 1))
    assert window.contains(D(1992, 8, 2)) is True
    assert window.contains(D(2009, 8, 1)) is True
    assert window.contains(D(1992, 8, 1)) is False
    assert window.contains(D(2009, 8, 2)) is False


def test_open_window_sides():  # §3
    assert BirthDateWindow(None, None).contains(D(1900, 1, 1)) is True
    assert BirthDateWindow(None, D(2000, 1, 1)).contains(D(2000, 1, 2)) is False
    assert BirthDateWindow(D(2000, 1, 1), None).contains(D(1999, 12, 31)) is False


def test_window_rejects_bounds_in_wrong_order():  # §3
    with pytest.raises(ValueError, match="must not be later"):
        BirthDateWindow(born_on_or_after=D(2010, 1, 1), born_on_or_before=D(2000, 1, 1))


def test_schoenfeld_ages_16_to_32_on_1_august_2025():  # §4, worked example
    window = window_for_ages(youngest=16, oldest=32, on=D(2025, 8, 1))
    assert window == BirthDateWindow(
        born_on_or_after=D(1992, 8, 2), born_on_or_before=D(2009, 8, 1)
    )
    assert ages_in_window(window, D(2025, 8, 1)) == (16, 32)


def test_window_for_ages_with_one_side_open():  # §4
    assert window_for_ages(youngest=None, oldest=30, on=D(2025, 1, 1)) == BirthDateWindow(
        D(1994, 1, 2), None
    )
    assert window_for_ages(youngest=18, oldest=None, on=D(2025, 1, 1)) == BirthDateWindow(
        None, D(2007, 1, 1)
    )
    assert ages_in_window(BirthDateWindow(None, None), D(2025, 1, 1)) == (None, None)


def test_window_for_ages_rejects_bad_ages():  # §4
    with pytest.raises(ValueError, match="negative"):
        window_for_ages(youngest=-1, oldest=3, on=D(2025, 1, 1))
    with pytest.raises(ValueError, match="smaller"):
        window_for_ages(youngest=30, oldest=16, on=D(2025, 1, 1))


def test_window_on_28_february_includes_leap_day_births():  # §2 with §4
    window = window_for_ages(youngest=17, oldest=17, on=D(2025, 2, 28))
    assert window.born_on_or_before == D(2008, 2, 29)
    assert window.born_on_or_after == D(2007, 3, 1)


def test_total_age_of_an_ensemble():  # §6
    members = [D(2000, 5, 1), D(1995, 12, 31), D(2003, 8, 1)]
    assert total_age(members, D(2025, 8, 1)) == 25 + 29 + 22


@settings(max_examples=400, database=None)
@given(birth=dates, on=dates, youngest=st.integers(0, 60), span=st.integers(0, 40))
def test_window_matches_age_on_for_every_date(birth, on, youngest, span):  # §4 property
    if on.year - youngest - span - 2 < 1 or on < birth:
        return
    oldest = youngest + span
    window = window_for_ages(youngest=youngest, oldest=oldest, on=on)
    assert window.contains(birth) == (youngest <= age_on(birth, on) <= oldest)
