"""Rank and correlation statistics for the analyses (spec scoring-analysis §2).

Sums, products and ranks are exact (integers and ``Fraction``); the one square root of a
correlation is taken with ``Decimal`` at ``numbers.PRECISION`` significant digits, and is exact
when the number under the root is the square of a fraction. Reported values are rounded half-even to
``PLACES`` decimals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import isqrt

from concours.scoring.numbers import RoundingMode, round_exact, sqrt

#: Decimals shown for a correlation coefficient (tau-b, Pearson, Spearman).
PLACES = 4


def root(square: Fraction) -> Fraction:
    """√square: exact when ``square`` is the square of a fraction, else ``numbers.sqrt`` (the
    fraction divided out, then its root, each rounded to ``PRECISION`` significant digits)."""
    top, bottom = isqrt(square.numerator), isqrt(square.denominator)
    if top * top == square.numerator and bottom * bottom == square.denominator:
        return Fraction(top, bottom)
    return sqrt(square)


def coefficient(numerator: Fraction | int, square: Fraction | int) -> Fraction | None:
    """``numerator / √square``, or ``None`` when ``square`` is 0 (the coefficient is undefined)."""
    if square == 0:
        return None
    return Fraction(numerator) / root(Fraction(square))


def shown(value: Fraction | None) -> Decimal | None:
    """A coefficient as reported: rounded half-even to ``PLACES`` decimals."""
    return None if value is None else round_exact(value, PLACES, RoundingMode.HALF_EVEN)


def pearson(xs: Sequence[Fraction], ys: Sequence[Fraction]) -> Fraction | None:
    """Pearson's r of paired values (spec §2.2): n·Σxy − Σx·Σy over the root of the product of
    n·Σx² − (Σx)² and n·Σy² − (Σy)²; ``None`` with fewer than two pairs or no variation."""
    n = len(xs)
    if n < 2:
        return None
    sum_x, sum_y = sum(xs, Fraction(0)), sum(ys, Fraction(0))
    products = sum((x * y for x, y in zip(xs, ys, strict=True)), Fraction(0))
    squares_x = sum((x * x for x in xs), Fraction(0))
    squares_y = sum((y * y for y in ys), Fraction(0))
    return coefficient(
        n * products - sum_x * sum_y, (n * squares_x - sum_x**2) * (n * squares_y - sum_y**2)
    )


def doubled_midranks(values: Sequence[Fraction | Decimal | int]) -> list[int]:
    """Twice each value's rank, lowest value first, ties sharing the mean of their ranks (the
    ranks of a tie from i to j are all (i + j) / 2, so doubled they are integers)."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for index in order[start : end + 1]:
            ranks[index] = start + end + 2  # (start + 1) + (end + 1)
        start = end + 1
    return ranks


def covariance_term(xs: Sequence[int], ys: Sequence[int]) -> int:
    """n·Σxy − Σx·Σy: the numerator of Pearson's r on integers (spec §2.2)."""
    return len(xs) * sum(x * y for x, y in zip(xs, ys, strict=True)) - sum(xs) * sum(ys)


def variance_term(xs: Sequence[int]) -> int:
    """n·Σx² − (Σx)²: zero exactly when the values do not vary."""
    return len(xs) * sum(x * x for x in xs) - sum(xs) ** 2


@dataclass(frozen=True, slots=True)
class KendallTau:
    """Kendall's tau-b of two rankings, with the pair counts it is made of (spec §2.1)."""

    pairs: int  # n0 = n(n − 1)/2
    concordant: int
    discordant: int
    tied_first: int  # n1: pairs tied in the first ranking
    tied_second: int  # n2: pairs tied in the second ranking
    exact: Fraction | None  # (C − D)/√((n0 − n1)(n0 − n2)), √ at PRECISION; None if undefined

    @property
    def value(self) -> Decimal | None:
        """tau-b rounded half-even to 4 decimals; ``None`` when a ranking is one big tie."""
        return shown(self.exact)


def kendall_tau_b(
    first: Mapping[str, Fraction | int], second: Mapping[str, Fraction | int]
) -> KendallTau:
    """tau-b over the candidates both rankings hold; a smaller number is a better place."""
    names = sorted(set(first) & set(second))
    concordant = discordant = tied_first = tied_second = 0
    for i, one in enumerate(names):
        for other in names[i + 1 :]:
            a = (first[one] > first[other]) - (first[one] < first[other])
            b = (second[one] > second[other]) - (second[one] < second[other])
            tied_first += a == 0
            tied_second += b == 0
            concordant += a * b > 0
            discordant += a * b < 0
    pairs = len(names) * (len(names) - 1) // 2
    return KendallTau(
        pairs,
        concordant,
        discordant,
        tied_first,
        tied_second,
        coefficient(concordant - discordant, (pairs - tied_first) * (pairs - tied_second)),
    )
