"""Exact arithmetic and rounding; sections refer to docs/algorithms/scoring.md."""

from __future__ import annotations

import re
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    localcontext,
)
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concours.scoring.numbers import (
    RoundingMode,
    mean,
    median,
    population_sd,
    round_exact,
    sqrt,
    text,
)

F = Fraction


def exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


HALF_UP, HALF_EVEN, DOWN = RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.DOWN


def test_round_exact_half_up_rounds_halves_away_from_zero():  # §2.2
    assert round_exact(F("17.625"), 2, HALF_UP) == Decimal("17.63")
    assert round_exact(F("-17.625"), 2, HALF_UP) == Decimal("-17.63")
    assert round_exact(F("17.62499"), 2, HALF_UP) == Decimal("17.62")
    assert round_exact(F(37, 3), 2, HALF_UP) == Decimal("12.33")


def test_round_exact_half_even_rounds_halves_to_even():  # §2.2
    assert round_exact(F("17.625"), 2, HALF_EVEN) == Decimal("17.62")
    assert round_exact(F("17.635"), 2, HALF_EVEN) == Decimal("17.64")
    assert round_exact(F("17.6251"), 2, HALF_EVEN) == Decimal("17.63")


def test_round_exact_down_truncates_toward_zero():  # §2.2
    assert round_exact(F("17.629"), 2, DOWN) == Decimal("17.62")
    assert round_exact(F("-17.629"), 2, DOWN) == Decimal("-17.62")


def test_round_exact_keeps_the_places_as_digits():  # §2.2: 3 → "3.00", 0 places → "18"
    assert str(round_exact(3, 2, HALF_UP)) == "3.00"
    assert str(round_exact(Decimal("18.5"), 0, HALF_UP)) == "19"
    assert str(round_exact(F(-1, 1000), 2, HALF_UP)) == "0.00"


def test_round_exact_ignores_the_decimal_context():  # §2.2: no context precision is involved
    with localcontext() as context:
        context.prec = 4
        assert round_exact(F("18.3125"), 4, HALF_UP) == Decimal("18.3125")
    assert str(round_exact(F(2, 3), 30, HALF_UP)) == "0." + "6" * 29 + "7"


@settings(database=None)
@given(
    value=st.decimals(
        min_value=Decimal("-1e6"), max_value=Decimal("1e6"), allow_nan=False, allow_infinity=False
    ),
    places=st.integers(min_value=0, max_value=6),
    modes=st.sampled_from(
        [(HALF_UP, ROUND_HALF_UP), (HALF_EVEN, ROUND_HALF_EVEN), (DOWN, ROUND_DOWN)]
    ),
)
def test_round_exact_agrees_with_decimal_quantize(value, places, modes):  # §2.2
    mode, decimal_mode = modes
    expected = value.quantize(
        Decimal(1).scaleb(-places), rounding=decimal_mode, context=Context(prec=60)
    )
    rounded = round_exact(value, places, mode)
    assert rounded == expected
    assert rounded.as_tuple().exponent == -places


def test_mean_is_exact():  # §2.1
    assert mean([F(18), F(19), F(21)]) == F(58, 3)
    assert mean([F("15.31"), F(17)]) == F("16.155")


def test_mean_of_nothing_is_an_error():  # §2.1
    with pytest.raises(ValueError, match=exactly("the mean of no values is undefined")):
        mean([])


def test_median_odd_and_even_counts():  # §5.5
    assert median([F(25), F(17), F(19)]) == F(19)
    assert median([F(25), F(17), F(20), F(19)]) == F("19.5")


def test_median_of_nothing_is_an_error():  # §5.5
    with pytest.raises(ValueError, match=exactly("the median of no values is undefined")):
        median([])


def test_population_sd_divides_by_the_count():  # §2.3, §5.8
    assert population_sd([F(8), F(12)]) == F(2)
    assert population_sd([F(8), F(12), F(12), F(22), F(16), F(14), F(14)]) == F(4)
    assert population_sd([F(15), F(15)]) == F(0)


def test_sqrt_has_28_significant_digits():  # §2.3: the one inexact step
    assert sqrt(F(2)) == F(Decimal("1.414213562373095048801688724"))
    assert sqrt(F(1, 3)) == F(Decimal("0.5773502691896257645091487805"))
    assert sqrt(F(16)) == F(4)
    assert sqrt(F(0)) == F(0)


def test_sqrt_ignores_the_decimal_context():  # §2.3: a fixed context, whatever the caller's
    with localcontext() as context:
        context.rounding = ROUND_CEILING
        context.prec = 5
        assert sqrt(F(1, 3)) == F(Decimal("0.5773502691896257645091487805"))


def test_text_shows_decimals_as_they_are():  # §4.2
    assert text(Decimal("18.30")) == "18.30"


def test_text_shows_terminating_fractions_exactly():  # §4.2
    assert text(F("18.3125")) == "18.3125"
    assert text(F("18.41375")) == "18.41375"
    assert text(F(18)) == "18"
    assert text(F("-0.5")) == "-0.5"


def test_text_marks_repeating_fractions_as_approximate():  # §4.2
    assert text(F(302, 17)) == "≈17.7647"
    assert text(F(2, 3), places=2) == "≈0.67"
    assert text(F(1, 6)) == "≈0.1667"
