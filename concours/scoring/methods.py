"""The scoring methods (spec §5). Each turns one candidate's marks into a ranking key, a
published score and an explanation; only standardisation looks at the whole stage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from concours.scoring.model import Abstention, Mark, MarkLine, MarkStatus, Method, Rule
from concours.scoring.numbers import mean, median, population_sd, text

EXCLUDED_NOTES = {
    MarkStatus.STUDENT: "excluded: student (S)",
    MarkStatus.ABSENT: "excluded: absent",
}


class NoUsableMark(ValueError):
    """A candidate has no mark the rule can use."""


@dataclass(frozen=True, slots=True)
class Computed:
    key: tuple[Fraction, ...]
    score: Decimal
    marks: tuple[MarkLine, ...]
    steps: tuple[tuple[str, str], ...]
    quorum_reached: bool | None = None


@dataclass(frozen=True, slots=True)
class JurorScale:
    """A juror's own mean and spread, for standardisation (spec §5.8)."""

    mean: Fraction
    spread: Fraction
    count: int


def _usable(marks: Sequence[Mark], rule: Rule, values: Mapping[int, Fraction]) -> list[MarkLine]:
    """One line per mark: its value for this candidate, or why it is not used (spec §3.4)."""
    scored = [values[i] for i, mark in enumerate(marks) if mark.status is MarkStatus.SCORED]
    if not scored:
        raise NoUsableMark(f"candidate “{marks[0].candidate}” has no usable mark")
    imputed = mean(scored)
    lines: list[MarkLine] = []
    for i, mark in enumerate(marks):
        if mark.status is MarkStatus.SCORED:
            lines.append(MarkLine(mark.juror, mark.raw, values[i]))
        elif rule.abstention is Abstention.IMPUTE_MEAN and not rule.uses_votes:
            lines.append(
                MarkLine(
                    mark.juror, mark.raw, imputed, f"imputed: mean of the others, {text(imputed)}"
                )
            )
        else:
            lines.append(MarkLine(mark.juror, mark.raw, None, EXCLUDED_NOTES[mark.status]))
    return lines


def _used(lines: Sequence[MarkLine]) -> list[Fraction]:
    return [line.used for line in lines if line.used is not None]


def _plain_values(marks: Sequence[Mark]) -> dict[int, Fraction]:
    return {i: Fraction(mark.value) for i, mark in enumerate(marks) if mark.value is not None}


def compute(
    marks: Sequence[Mark],
    rule: Rule,
    stage: tuple[JurorScale, Mapping[str, JurorScale]] | None = None,
) -> Computed:
    """One candidate's marks through the rule's method; ``stage`` carries the panel's and each
    juror's scale for standardisation (from ``juror_scales``)."""
    if rule.method is Method.STANDARDISED:
        assert stage is not None
        return _standardised(marks, rule, *stage)
    lines = _usable(marks, rule, _plain_values(marks))
    if rule.method is Method.MEAN:
        return _mean(lines, rule)
    if rule.method is Method.CLAMPED_MEAN:
        return _clamped_mean(lines, rule)
    if rule.method is Method.DELETE_OUTLIERS:
        return _delete_outliers(lines, rule)
    if rule.method is Method.TRIMMED_MEAN:
        return _trimmed_mean(lines, rule)
    if rule.method is Method.MEDIAN:
        return _median(lines, rule)
    return _yes_votes(marks, lines, rule)


def _finish(
    value: Fraction, rule: Rule, lines: Sequence[MarkLine], steps: list[tuple[str, str]]
) -> Computed:
    score = rule.rounding.apply(value)
    steps.append(("score", f"{text(value)} rounded {rule.rounding.mode} to {score}"))
    return Computed((Fraction(score),), score, tuple(lines), tuple(steps))


def _mean(lines: list[MarkLine], rule: Rule) -> Computed:
    values = _used(lines)
    average = mean(values)
    return _finish(
        average,
        rule,
        lines,
        [("mean", f"{text(sum(values, Fraction(0)))} / {len(values)} = {text(average)}")],
    )


def _clamped_mean(lines: list[MarkLine], rule: Rule) -> Computed:
    """Spec §5.2: first average, marks beyond ±D clamped, average again."""
    assert rule.deviation is not None
    deviation = Fraction(rule.deviation)
    first = mean(_used(lines))
    steps = [("first average", text(first))]
    centre = first
    if rule.round_first_average:
        centre = Fraction(rule.rounding.apply(first))
        steps.append(("first average rounded", text(centre)))
    low, high = centre - deviation, centre + deviation
    steps.append(("allowed band", f"{text(low)} to {text(high)} (±{rule.deviation})"))
    corrected: list[MarkLine] = []
    for line in lines:
        if line.used is not None and (line.used > high or line.used < low):
            bound = high if line.used > high else low
            note = f"{line.note}; " if line.note else ""
            corrected.append(
                MarkLine(
                    line.juror,
                    line.raw,
                    bound,
                    f"{note}clamped from {text(line.used)} to {text(bound)}",
                )
            )
        else:
            corrected.append(line)
    second = mean(_used(corrected))
    steps.append(("average of corrected marks", text(second)))
    return _finish(second, rule, corrected, steps)


def _delete_outliers(lines: list[MarkLine], rule: Rule) -> Computed:
    """Spec §5.3 (EGTA): drop marks at least ``limit`` from the mean, average the rest."""
    assert rule.outlier_limit is not None
    limit = Fraction(rule.outlier_limit)
    first = mean(_used(lines))
    kept: list[MarkLine] = []
    for line in lines:
        if line.used is not None and abs(line.used - first) >= limit:
            kept.append(
                MarkLine(
                    line.juror,
                    line.raw,
                    None,
                    f"deleted: {text(abs(line.used - first))} from the mean",
                )
            )
        else:
            kept.append(line)
    remaining = _used(kept)
    steps = [("first mean", text(first))]
    if not remaining:
        steps.append(("every mark deleted", "the first mean stands"))
        return _finish(first, rule, lines, steps)
    second = mean(remaining)
    steps.append(("mean without outliers", text(second)))
    return _finish(second, rule, kept, steps)


def _trimmed_mean(lines: list[MarkLine], rule: Rule) -> Computed:
    """Spec §5.4: drop the ``trim`` highest and lowest marks when there are enough."""
    used = [(line.used, line.juror, i) for i, line in enumerate(lines) if line.used is not None]
    steps: list[tuple[str, str]] = []
    trimmed = list(lines)
    if len(used) >= rule.trim_min_marks:
        ordered = sorted(used)
        for _value, juror, i in ordered[: rule.trim]:
            trimmed[i] = MarkLine(juror, lines[i].raw, None, "dropped: among the lowest")
        for _value, juror, i in ordered[len(ordered) - rule.trim :]:
            trimmed[i] = MarkLine(juror, lines[i].raw, None, "dropped: among the highest")
        steps.append(("trimmed", f"{rule.trim} highest and {rule.trim} lowest dropped"))
    else:
        steps.append(("not trimmed", f"fewer than {rule.trim_min_marks} marks"))
    values = _used(trimmed)
    average = mean(values)
    steps.append(("mean", text(average)))
    return _finish(average, rule, trimmed, steps)


def _median(lines: list[MarkLine], rule: Rule) -> Computed:
    middle = median(_used(lines))
    return _finish(middle, rule, lines, [("median", text(middle))])


def _yes_votes(marks: Sequence[Mark], lines: list[MarkLine], rule: Rule) -> Computed:
    """Spec §5.6–5.7: YES votes (count or share of jurors who marked), points break ties."""
    voters = [mark for mark in marks if mark.status is MarkStatus.SCORED]
    yes = sum(1 for mark in voters if mark.vote)
    points = rule.rounding.apply(mean(_used(lines)))
    abstentions = len(marks) - len(voters)
    steps = [("YES votes", f"{yes} of {len(voters)} jurors who marked"), ("points", str(points))]
    if rule.method is Method.YES_SHARE:
        share = Fraction(yes * 100, len(voters))
        score = rule.rounding.apply(share)
        steps.append(("YES share", f"{text(share)} % shown as {score}"))
        key = (share, Fraction(points))
    else:
        score = rule.rounding.apply(Fraction(yes))
        key = (Fraction(yes), Fraction(points))
    reached = None
    if rule.yes_quorum is not None:
        needed = rule.yes_quorum - (abstentions if rule.lower_quorum_by_abstentions else 0)
        reached = yes >= needed
        steps.append(("quorum", f"{needed} YES needed ({'reached' if reached else 'not reached'})"))
    marked = [
        MarkLine(
            line.juror,
            line.raw + (" YES" if mark.vote else " NO" if mark.vote is False else ""),
            line.used,
            line.note,
        )
        for line, mark in zip(lines, marks, strict=True)
    ]
    return Computed(key, score, tuple(marked), tuple(steps), reached)


def juror_scales(all_marks: Sequence[Mark]) -> tuple[JurorScale, dict[str, JurorScale]]:
    """The panel's mean and spread over every scored mark of the stage, and each juror's own."""
    scored: dict[str, list[Fraction]] = {}
    for mark in all_marks:
        if mark.value is not None:
            scored.setdefault(mark.juror, []).append(Fraction(mark.value))
    everything = [value for values in scored.values() for value in values]
    panel = JurorScale(mean(everything), population_sd(everything), len(everything))
    return panel, {
        juror: JurorScale(mean(values), population_sd(values), len(values))
        for juror, values in scored.items()
    }


def _standardised(
    marks: Sequence[Mark], rule: Rule, panel: JurorScale, scales: Mapping[str, JurorScale]
) -> Computed:
    """Spec §5.8: each juror's marks moved to the panel's mean and spread, then averaged."""
    values: dict[int, Fraction] = {}
    notes: dict[int, str] = {}
    for i, mark in enumerate(marks):
        if mark.value is None:
            continue
        own = scales[mark.juror]
        raw = Fraction(mark.value)
        if own.count < rule.min_marks_per_juror:
            values[i], notes[i] = (
                raw,
                f"kept raw: the juror gave fewer than {rule.min_marks_per_juror} marks",
            )
        elif own.spread == 0:
            values[i], notes[i] = raw, "kept raw: the juror's marks do not vary"
        else:
            values[i] = panel.mean + (raw - own.mean) / own.spread * panel.spread
            notes[i] = (
                f"standardised from {mark.raw} (juror mean {text(own.mean)}, spread {text(own.spread)})"
            )
    lines = [
        MarkLine(line.juror, line.raw, line.used, notes.get(i, line.note))
        for i, line in enumerate(_usable(marks, rule, values))
    ]
    average = mean(_used(lines))
    steps = [
        ("panel", f"mean {text(panel.mean)}, spread {text(panel.spread)}"),
        ("mean", text(average)),
    ]
    return _finish(average, rule, lines, steps)
