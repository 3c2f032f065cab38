"""Each juror's marks against the rest of the panel (spec scoring-analysis §5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from concours.scoring.analysis.loo import jurors_of
from concours.scoring.analysis.stats import pearson, root, shown
from concours.scoring.model import Mark

#: Default flags (spec §5.2): an outlier's leniency exceeds this many panel spreads …
OUTLIER_SPREADS = Decimal(1)
#: … and a reversed scale correlates with the others below this.
MIN_CORRELATION = Decimal(0)


@dataclass(frozen=True, slots=True)
class PanelSpread:
    """All the stage's marks with a value, pooled (spec §5.1)."""

    marks: int
    mean: Fraction
    variance: Fraction

    @property
    def spread(self) -> Fraction:
        return root(self.variance)


@dataclass(frozen=True, slots=True)
class JurorPattern:
    """One juror's marks in numbers (spec §5.1) and the flags they raise (spec §5.2)."""

    juror: str
    marks: int  # marks with a value
    abstentions: int  # S and absent marks
    paired: int  # candidates the juror and at least one other juror marked
    mean: Fraction | None
    leniency: Fraction | None  # mean over paired candidates of (mark − others' mean)
    spread: Fraction | None  # population SD of the juror's marks (√ at PRECISION)
    correlation_exact: Fraction | None  # Pearson r against the others' means (√ at PRECISION)
    outlier: bool  # |leniency| > threshold × the panel's spread
    reversed_scale: bool  # correlation < min_correlation

    @property
    def correlation(self) -> Decimal | None:
        """Pearson r rounded half-even to 4 decimals."""
        return shown(self.correlation_exact)

    @property
    def flags(self) -> tuple[str, ...]:
        found = {"reversed": self.reversed_scale, "outlier": self.outlier}
        return tuple(name for name, raised in found.items() if raised)


def panel_spread(marks: Sequence[Mark]) -> PanelSpread:
    values = [Fraction(mark.value) for mark in marks if mark.value is not None]
    if not values:
        raise ValueError("no juror gave a mark with a value")
    centre = sum(values, Fraction(0)) / len(values)
    variance = sum(((value - centre) ** 2 for value in values), Fraction(0)) / len(values)
    return PanelSpread(len(values), centre, variance)


def juror_patterns(
    marks: Sequence[Mark],
    *,
    threshold: Decimal = OUTLIER_SPREADS,
    min_correlation: Decimal = MIN_CORRELATION,
) -> tuple[JurorPattern, ...]:
    """Each juror's count, mean, leniency, spread and correlation with the others, in order of
    first appearance, with the two flags of spec §5.2. Uses the raw marks (no rule)."""
    if threshold < 0:
        raise ValueError("the outlier threshold must be at least 0")
    panel = panel_spread(marks)
    totals: dict[str, tuple[Fraction, int]] = {}
    for mark in marks:
        if mark.value is not None:
            total, count = totals.get(mark.candidate, (Fraction(0), 0))
            totals[mark.candidate] = (total + Fraction(mark.value), count + 1)
    limit = Fraction(threshold) ** 2 * panel.variance
    return tuple(
        _pattern(juror, marks, totals, limit, Fraction(min_correlation))
        for juror in jurors_of(marks)
    )


def _pattern(
    juror: str,
    marks: Sequence[Mark],
    totals: dict[str, tuple[Fraction, int]],
    limit: Fraction,
    min_correlation: Fraction,
) -> JurorPattern:
    own = [mark for mark in marks if mark.juror == juror]
    values = [Fraction(mark.value) for mark in own if mark.value is not None]
    pairs: list[tuple[Fraction, Fraction]] = []
    for mark in own:
        if mark.value is None:
            continue
        total, count = totals[mark.candidate]
        if count > 1:
            value = Fraction(mark.value)
            pairs.append((value, (total - value) / (count - 1)))
    mean = spread = leniency = None
    if values:
        mean = sum(values, Fraction(0)) / len(values)
        spread = root(sum(((value - mean) ** 2 for value in values), Fraction(0)) / len(values))
    if pairs:
        leniency = sum((value - others for value, others in pairs), Fraction(0)) / len(pairs)
    correlation = pearson([value for value, _ in pairs], [others for _, others in pairs])
    return JurorPattern(
        juror=juror,
        marks=len(values),
        abstentions=len(own) - len(values),
        paired=len(pairs),
        mean=mean,
        leniency=leniency,
        spread=spread,
        correlation_exact=correlation,
        outlier=leniency is not None and leniency**2 > limit,
        reversed_scale=correlation is not None and correlation < min_correlation,
    )
