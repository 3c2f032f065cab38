"""Exact arithmetic for results: fractions inside, decimals out (spec §2).

Every mean is an exact ``Fraction``; a value becomes a ``Decimal`` only where the rule rounds it,
and rounding is done on integers, so no binary floating point touches a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext
from enum import StrEnum
from fractions import Fraction

#: Significant digits for the few irrational steps (square roots in standardisation, spec §5.8).
PRECISION = 28


class RoundingMode(StrEnum):
    HALF_UP = "half-up"
    HALF_EVEN = "half-even"
    DOWN = "down"


def round_exact(value: Fraction | Decimal | int, places: int, mode: RoundingMode) -> Decimal:
    """``value`` rounded to ``places`` decimals: half-up (away from zero), half-even, or down
    (toward zero). Exact: works on the integer numerator and denominator."""
    scaled = Fraction(value) * 10**places
    if mode is RoundingMode.HALF_EVEN:
        whole = round(scaled)
    elif mode is RoundingMode.DOWN:
        whole = int(scaled)
    else:
        magnitude = int(abs(scaled) + Fraction(1, 2))
        whole = magnitude if scaled >= 0 else -magnitude
    return Decimal(whole).scaleb(-places)


def mean(values: Sequence[Fraction]) -> Fraction:
    if not values:
        raise ValueError("the mean of no values is undefined")
    return sum(values, Fraction(0)) / len(values)


def median(values: Sequence[Fraction]) -> Fraction:
    """The middle value, or the mean of the middle two for an even count."""
    if not values:
        raise ValueError("the median of no values is undefined")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def population_sd(values: Sequence[Fraction]) -> Fraction:
    """Population standard deviation, as a Fraction of the correctly rounded square root at
    ``PRECISION`` significant digits (the one inexact step, spec §2.3)."""
    centre = mean(values)
    variance = sum(((value - centre) ** 2 for value in values), Fraction(0)) / len(values)
    return sqrt(variance)


def sqrt(value: Fraction) -> Fraction:
    with localcontext() as context:
        context.prec = PRECISION
        root = (Decimal(value.numerator) / Decimal(value.denominator)).sqrt()
    return Fraction(root)


def text(value: Fraction | Decimal, places: int = 4) -> str:
    """A value for people: exact when it has a finite decimal expansion (``18.3125``), else
    rounded half-even to ``places`` decimals after an ``≈`` (``≈18.4063``)."""
    if isinstance(value, Decimal):
        return str(value)
    denominator = value.denominator
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    if denominator == 1:
        digits = 0
        while (value * 10**digits).denominator != 1:
            digits += 1
        return str(round_exact(value, digits, RoundingMode.HALF_EVEN))
    return f"≈{round_exact(value, places, RoundingMode.HALF_EVEN)}"
