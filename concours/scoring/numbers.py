"""Exact arithmetic for results: fractions inside, decimals out (spec §2).

Every mean is an exact ``Fraction``; a value becomes a ``Decimal`` only where the rule rounds it,
and rounding is done on integers, so no binary floating point touches a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Context, Decimal
from enum import StrEnum
from fractions import Fraction
from math import lcm

#: Significant digits for the few irrational steps (square roots in standardisation, spec §5.8).
PRECISION = 28


class RoundingMode(StrEnum):
    HALF_UP = "half-up"
    HALF_EVEN = "half-even"
    DOWN = "down"


def round_exact(value: Fraction | Decimal | int, places: int, mode: RoundingMode) -> Decimal:
    """``value`` rounded to ``places`` decimals: half-up (away from zero), half-even, or down
    (toward zero). Exact: works on the integer numerator and denominator, and builds the
    ``Decimal`` from digits, so no decimal context (precision, rounding) is involved."""
    # On the integer ratio, without building Fractions (speed): the same integers as
    # ``round()`` (half-even), ``int()`` (toward zero) and ``int(|x| + 1/2)`` (half-up) on
    # ``Fraction(value) * 10**places``.
    numerator, denominator = value.as_integer_ratio()
    numerator *= 10**places
    if mode is RoundingMode.HALF_EVEN:
        whole, remainder = divmod(numerator, denominator)
        if 2 * remainder > denominator or (2 * remainder == denominator and whole % 2):
            whole += 1
    elif mode is RoundingMode.DOWN:
        whole = numerator // denominator if numerator >= 0 else -(-numerator // denominator)
    else:
        magnitude = (2 * abs(numerator) + denominator) // (2 * denominator)
        whole = magnitude if numerator >= 0 else -magnitude
    return Decimal(f"{whole}E{-places}")


def mean(values: Sequence[Fraction]) -> Fraction:
    if not values:
        raise ValueError("the mean of no values is undefined")
    # Over a common denominator, in integers: one Fraction built instead of one per addition.
    ratios = [value.as_integer_ratio() for value in values]
    common = lcm(*[denominator for _numerator, denominator in ratios])
    total = sum([numerator * (common // denominator) for numerator, denominator in ratios])
    return Fraction(total, common * len(values))


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
    """Population standard deviation: the exact variance through ``sqrt`` (the one inexact step,
    spec §2.3)."""
    centre = mean(values)
    variance = sum(((value - centre) ** 2 for value in values), Fraction(0)) / len(values)
    return sqrt(variance)


def sqrt(value: Fraction) -> Fraction:
    """The square root at ``PRECISION`` significant digits, in a fixed decimal context (spec
    §2.3): ``value`` is first divided out to ``PRECISION`` significant digits, half-even, and the
    square root of that is taken to ``PRECISION`` significant digits, half-even."""
    context = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)
    quotient = context.divide(Decimal(value.numerator), Decimal(value.denominator))
    return Fraction(context.sqrt(quotient))


def text(value: Fraction | Decimal, places: int = 4) -> str:
    """A value for people: exact when it has a finite decimal expansion (``18.3125``), else
    rounded half-even to ``places`` decimals after an ``≈`` (``≈18.4063``)."""
    if isinstance(value, Decimal):
        return str(value)
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator == 1:  # value × 10**digits is a whole number from digits = max(twos, fives)
        digits = max(twos, fives)
        return str(Decimal(f"{value.numerator * 10**digits // value.denominator}E{-digits}"))
    return f"≈{round_exact(value, places, RoundingMode.HALF_EVEN)}"
