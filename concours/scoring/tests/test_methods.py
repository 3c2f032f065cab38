"""Marks, scales, rules and every scoring method on small hand-computed cases; sections refer to
docs/algorithms/scoring.md."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from concours.scoring.methods import NoUsableMark, compute, juror_scales
from concours.scoring.model import (
    Abstention,
    Mark,
    MarkLine,
    MarkStatus,
    Method,
    Rounding,
    Rule,
    Scale,
)
from concours.scoring.numbers import RoundingMode
from concours.scoring.presets import PRESETS

F = Fraction
ONE_TO_25 = Scale(Decimal(1), Decimal(25))


def mark(candidate: str, juror: str, raw: str, vote: bool | None = None) -> Mark:
    if raw == "S":
        return Mark(candidate, juror, MarkStatus.STUDENT, vote=vote)
    if raw in ("", "A"):
        return Mark(candidate, juror, MarkStatus.ABSENT, vote=vote)
    return Mark(candidate, juror, MarkStatus.SCORED, Decimal(raw), vote=vote)


def marks(*raws: str, candidate: str = "C") -> list[Mark]:
    """One candidate's marks by jurors J1, J2, …"""
    return [mark(candidate, f"J{i}", raw) for i, raw in enumerate(raws, start=1)]


def exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


def used(line: MarkLine) -> Fraction | None:
    return line.used


# §1 marks


def test_mark_scored_needs_a_value():  # §1
    with pytest.raises(
        ValueError, match=exactly("a scored mark has a value; S and absent marks have none")
    ):
        Mark("C", "J1", MarkStatus.SCORED)


def test_mark_student_has_no_value():  # §1
    with pytest.raises(
        ValueError, match=exactly("a scored mark has a value; S and absent marks have none")
    ):
        Mark("C", "J1", MarkStatus.STUDENT, Decimal(18))


def test_mark_raw_is_the_published_cell():  # §1
    assert mark("C", "J1", "17.5").raw == "17.5"
    assert mark("C", "J1", "S").raw == "S"
    assert mark("C", "J1", "").raw == "A"


# §3.1 scales


def test_scale_contains_bounds_and_steps():  # §3.1
    half = Scale(Decimal(0), Decimal(25), Decimal("0.5"))
    assert half.contains(Decimal(0)) is True
    assert half.contains(Decimal(25)) is True
    assert half.contains(Decimal("17.5")) is True
    assert half.contains(Decimal("17.25")) is False
    assert half.contains(Decimal("25.5")) is False
    assert half.contains(Decimal("-0.5")) is False


def test_scale_steps_count_from_the_minimum():  # §3.1
    odd = Scale(Decimal(1), Decimal(9), Decimal(2))
    assert odd.contains(Decimal(3)) is True
    assert odd.contains(Decimal(4)) is False


def test_scale_step_check_is_exact():  # §3.1: no 28-digit decimal context rounds the offset
    assert ONE_TO_25.contains(Decimal("17.00000000000000000000000000001")) is False


def test_scale_describe():  # §3.1
    assert ONE_TO_25.describe() == "1–25 in steps of 1"


@pytest.mark.parametrize(
    ("low", "high", "step"),
    [("25", "1", "1"), ("1", "1", "1"), ("1", "25", "0"), ("1", "25", "-1")],
)
def test_scale_rejects_empty_ranges_and_steps(low, high, step):  # §3.1
    with pytest.raises(
        ValueError, match=exactly("a scale needs minimum < maximum and a positive step")
    ):
        Scale(Decimal(low), Decimal(high), Decimal(step))


# §2.2 rounding, §3 rules


def test_rounding_applies_places_and_mode():  # §2.2
    assert Rounding().apply(F("17.625")) == Decimal("17.63")
    assert Rounding(1, RoundingMode.DOWN).apply(Decimal("17.69")) == Decimal("17.6")


def test_rounding_rejects_negative_places():  # §2.2
    with pytest.raises(ValueError, match=exactly("rounding needs places ≥ 0")):
        Rounding(-1)


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"method": Method.CLAMPED_MEAN}, "the clamped mean needs a deviation D ≥ 0"),
        (
            {"method": Method.CLAMPED_MEAN, "deviation": Decimal(-1)},
            "the clamped mean needs a deviation D ≥ 0",
        ),
        ({"method": Method.DELETE_OUTLIERS}, "deleting outliers needs a positive limit"),
        (
            {"method": Method.DELETE_OUTLIERS, "outlier_limit": Decimal(0)},
            "deleting outliers needs a positive limit",
        ),
        ({"trim": -1}, "trimming needs trim ≥ 0 and at least 2 × trim + 1 marks"),
        ({"trim": 2}, "trimming needs trim ≥ 0 and at least 2 × trim + 1 marks"),
        ({"yes_quorum": 0}, "a YES quorum must be at least 1"),
        ({"min_marks_per_juror": 1}, "standardisation needs at least 2 marks per juror"),
    ],
)
def test_rule_rejects_bad_parameters(parameters, message):  # §3.2
    arguments = {"method": Method.MEAN, "scale": ONE_TO_25, **parameters}
    with pytest.raises(ValueError, match=exactly(message)):
        Rule(**arguments)


def test_rule_defaults():  # §3.2
    rule = Rule(Method.MEAN, ONE_TO_25)
    assert rule.rounding == Rounding(2, RoundingMode.HALF_UP)
    assert rule.abstention is Abstention.EXCLUDE
    assert (rule.trim, rule.trim_min_marks, rule.min_marks_per_juror) == (1, 3, 2)
    assert (rule.yes_quorum, rule.lower_quorum_by_abstentions) == (None, False)
    assert rule.round_first_average is True


def test_rule_uses_votes_only_for_yes_methods():  # §3.2
    assert [method for method in Method if Rule(method, ONE_TO_25, deviation=Decimal(1), outlier_limit=Decimal(1)).uses_votes] == [Method.YES_COUNT, Method.YES_SHARE]  # fmt: skip


# §3.4 abstentions, §5.1 mean

MEAN = Rule(Method.MEAN, ONE_TO_25)


def test_mean_excludes_student_marks():  # §5.1, §3.4
    computed = compute(marks("18", "19", "21", "S"), MEAN)
    assert computed.score == Decimal("19.33")
    assert computed.key == (F("19.33"),)
    assert computed.marks == (
        MarkLine("J1", "18", F(18)),
        MarkLine("J2", "19", F(19)),
        MarkLine("J3", "21", F(21)),
        MarkLine("J4", "S", None, "excluded: student (S)"),
    )
    assert computed.steps == (
        ("mean", "58 / 3 = ≈19.3333"),
        ("score", "≈19.3333 rounded half-up to 19.33"),
    )
    assert computed.quorum_reached is None


def test_mean_excludes_absent_marks():  # §3.4
    computed = compute(marks("18", "A", ""), MEAN)
    assert computed.score == Decimal("18.00")
    assert computed.marks[1:] == (
        MarkLine("J2", "A", None, "excluded: absent"),
        MarkLine("J3", "A", None, "excluded: absent"),
    )


def test_mean_imputes_the_others_mean():  # §3.4 (Zemun)
    rule = Rule(Method.MEAN, ONE_TO_25, abstention=Abstention.IMPUTE_MEAN)
    computed = compute(marks("18", "19", "21", "A"), rule)
    assert computed.marks[3] == MarkLine(
        "J4", "A", F(58, 3), "imputed: mean of the others, ≈19.3333"
    )
    assert computed.steps[0] == ("mean", "≈77.3333 / 4 = ≈19.3333")
    assert computed.score == Decimal("19.33")


def test_a_candidate_without_a_usable_mark_is_an_error():  # §3.4
    with pytest.raises(NoUsableMark, match=exactly("candidate “C” has no usable mark")):
        compute(marks("S", "A"), MEAN)


# §5.2 clamped mean

CLAMPED_2 = Rule(Method.CLAMPED_MEAN, ONE_TO_25, deviation=Decimal(2))


def test_clamped_mean_rounds_the_first_average_then_clamps():  # §5.2
    computed = compute(marks("10", "10", "17"), CLAMPED_2)
    assert computed.marks == (
        MarkLine("J1", "10", F("10.33"), "clamped from 10 to 10.33"),
        MarkLine("J2", "10", F("10.33"), "clamped from 10 to 10.33"),
        MarkLine("J3", "17", F("14.33"), "clamped from 17 to 14.33"),
    )
    assert computed.steps == (
        ("first average", "≈12.3333"),
        ("first average rounded", "12.33"),
        ("allowed band", "10.33 to 14.33 (±2)"),
        ("average of corrected marks", "≈11.6633"),
        ("score", "≈11.6633 rounded half-up to 11.66"),
    )
    assert computed.score == Decimal("11.66")


def test_clamped_mean_without_rounding_the_first_average():  # §5.2: 11.67, not 11.66
    rule = Rule(Method.CLAMPED_MEAN, ONE_TO_25, deviation=Decimal(2), round_first_average=False)
    computed = compute(marks("10", "10", "17"), rule)
    assert [used(line) for line in computed.marks] == [F(31, 3), F(31, 3), F(43, 3)]
    assert computed.marks[2].note == "clamped from 17 to ≈14.3333"
    assert computed.steps == (
        ("first average", "≈12.3333"),
        ("allowed band", "≈10.3333 to ≈14.3333 (±2)"),
        ("average of corrected marks", "≈11.6667"),
        ("score", "≈11.6667 rounded half-up to 11.67"),
    )
    assert computed.score == Decimal("11.67")


def test_clamped_mean_keeps_marks_within_the_band_and_the_exclusions():  # §5.2
    rule = Rule(Method.CLAMPED_MEAN, ONE_TO_25, deviation=Decimal(3))
    computed = compute(marks("10", "20", "21", "22", "25", "S"), rule)
    assert computed.marks == (
        MarkLine("J1", "10", F("16.6"), "clamped from 10 to 16.6"),
        MarkLine("J2", "20", F(20)),
        MarkLine("J3", "21", F(21)),
        MarkLine("J4", "22", F(22)),
        MarkLine("J5", "25", F("22.6"), "clamped from 25 to 22.6"),
        MarkLine("J6", "S", None, "excluded: student (S)"),
    )
    assert computed.steps[1:3] == (
        ("first average rounded", "19.6"),
        ("allowed band", "16.6 to 22.6 (±3)"),
    )
    assert computed.score == Decimal("20.44")


def test_clamped_mean_a_mark_on_the_band_edge_is_kept():  # §5.2: only marks beyond ±D move
    computed = compute(marks("16", "20", "18"), CLAMPED_2)
    assert [line.note for line in computed.marks] == ["", "", ""]
    assert computed.score == Decimal("18.00")


def test_clamped_mean_clamps_an_imputed_mark_and_says_both():  # §5.2, §3.4
    rule = Rule(
        Method.CLAMPED_MEAN,
        ONE_TO_25,
        deviation=Decimal(0),
        abstention=Abstention.IMPUTE_MEAN,
    )
    computed = compute(marks("18", "18", "19", "A"), rule)
    assert computed.marks[3] == MarkLine(
        "J4",
        "A",
        F("18.33"),
        "imputed: mean of the others, ≈18.3333; clamped from ≈18.3333 to 18.33",
    )
    assert computed.steps[2] == ("allowed band", "18.33 to 18.33 (±0)")
    assert computed.score == Decimal("18.33")


# §5.3 delete outliers (EGTA)

EGTA = Rule(Method.DELETE_OUTLIERS, Scale(Decimal(1), Decimal(100)), outlier_limit=Decimal(15))


def test_delete_outliers_drops_far_marks_and_averages_the_rest():  # §5.3
    computed = compute(marks("50", "60", "70", "95", "S"), EGTA)
    assert computed.marks == (
        MarkLine("J1", "50", None, "deleted: 18.75 from the mean"),
        MarkLine("J2", "60", F(60)),
        MarkLine("J3", "70", F(70)),
        MarkLine("J4", "95", None, "deleted: 26.25 from the mean"),
        MarkLine("J5", "S", None, "excluded: student (S)"),
    )
    assert computed.steps == (
        ("first mean", "68.75"),
        ("mean without outliers", "65"),
        ("score", "65 rounded half-up to 65.00"),
    )


def test_delete_outliers_a_mark_exactly_at_the_limit_goes():  # §5.3: "15 or more"
    computed = compute(marks("40", "55", "70"), EGTA)
    assert [line.note for line in computed.marks] == [
        "deleted: 15 from the mean",
        "",
        "deleted: 15 from the mean",
    ]
    assert computed.score == Decimal("55.00")


def test_delete_outliers_every_mark_deleted_the_first_mean_stands():  # §5.3
    computed = compute(marks("1", "100"), EGTA)
    assert computed.marks == (MarkLine("J1", "1", F(1)), MarkLine("J2", "100", F(100)))
    assert computed.steps == (
        ("first mean", "50.5"),
        ("every mark deleted", "the first mean stands"),
        ("score", "50.5 rounded half-up to 50.50"),
    )
    assert computed.score == Decimal("50.50")


# §5.4 trimmed mean

TRIMMED = PRESETS["trimmed-mean"]


def test_trimmed_mean_drops_the_highest_and_lowest():  # §5.4
    computed = compute(marks("10", "15", "17.5", "20", "24.5"), TRIMMED)
    assert computed.marks == (
        MarkLine("J1", "10", None, "dropped: among the lowest"),
        MarkLine("J2", "15", F(15)),
        MarkLine("J3", "17.5", F("17.5")),
        MarkLine("J4", "20", F(20)),
        MarkLine("J5", "24.5", None, "dropped: among the highest"),
    )
    assert computed.steps == (
        ("trimmed", "1 highest and 1 lowest dropped"),
        ("mean", "17.5"),
        ("score", "17.5 rounded half-up to 17.50"),
    )


def test_trimmed_mean_with_exactly_the_minimum_number_of_marks():  # §5.4: 3 marks → 1 left
    computed = compute(marks("10", "15", "20", "S"), TRIMMED)
    assert [used(line) for line in computed.marks] == [None, F(15), None, None]
    assert computed.score == Decimal("15.00")


def test_trimmed_mean_with_too_few_marks_keeps_them_all():  # §5.4
    computed = compute(marks("10", "20", "S"), TRIMMED)
    assert [used(line) for line in computed.marks] == [F(10), F(20), None]
    assert computed.steps == (
        ("not trimmed", "fewer than 3 marks"),
        ("mean", "15"),
        ("score", "15 rounded half-up to 15.00"),
    )


def test_trimmed_mean_equal_marks_drop_by_juror_name():  # §5.4
    computed = compute(marks("15", "15", "15"), TRIMMED)
    assert [line.note for line in computed.marks] == [
        "dropped: among the lowest",
        "",
        "dropped: among the highest",
    ]


def test_trimmed_mean_trim_zero_drops_nothing():  # §5.4
    rule = Rule(Method.TRIMMED_MEAN, ONE_TO_25, trim=0)
    computed = compute(marks("10", "20", "24"), rule)
    assert [used(line) for line in computed.marks] == [F(10), F(20), F(24)]
    assert computed.steps[0] == ("trimmed", "0 highest and 0 lowest dropped")
    assert computed.score == Decimal("18.00")


def test_trimmed_mean_trim_two():  # §5.4
    rule = Rule(Method.TRIMMED_MEAN, ONE_TO_25, trim=2, trim_min_marks=5)
    computed = compute(marks("5", "1", "4", "2", "3"), rule)
    assert [used(line) for line in computed.marks] == [None, None, None, None, F(3)]
    four = compute(marks("5", "1", "4", "2"), rule)
    assert four.steps[0] == ("not trimmed", "fewer than 5 marks")
    assert four.score == Decimal("3.00")


# §5.5 median

MEDIAN = Rule(Method.MEDIAN, ONE_TO_25)


def test_median_of_an_odd_count():  # §5.5
    computed = compute(marks("25", "17", "19", "S"), MEDIAN)
    assert computed.steps == (("median", "19"), ("score", "19 rounded half-up to 19.00"))


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():  # §5.5
    computed = compute(marks("25", "17", "20", "19"), MEDIAN)
    assert computed.score == Decimal("19.50")
    assert computed.key == (F("19.5"),)


# §5.6 YES count, §5.7 YES share

YES_COUNT = Rule(Method.YES_COUNT, ONE_TO_25)


def votes(student_vote: bool | None = None) -> list[Mark]:
    return [
        mark("C", "J1", "20", True),
        mark("C", "J2", "18", False),
        mark("C", "J3", "22", True),
        mark("C", "J4", "S", student_vote),
    ]


def test_yes_count_counts_the_yes_votes_of_jurors_who_marked():  # §5.6
    computed = compute(votes(), YES_COUNT)
    assert computed.score == Decimal("2.00")
    assert computed.key == (F(2), F(20))
    assert computed.marks == (
        MarkLine("J1", "20 YES", F(20)),
        MarkLine("J2", "18 NO", F(18)),
        MarkLine("J3", "22 YES", F(22)),
        MarkLine("J4", "S", None, "excluded: student (S)"),
    )
    assert computed.steps == (("YES votes", "2 of 3 jurors who marked"), ("points", "20.00"))
    assert computed.quorum_reached is None


def test_yes_count_ignores_the_vote_of_a_juror_who_may_not_mark():  # §5.6
    computed = compute(votes(student_vote=True), YES_COUNT)
    assert computed.marks[3].raw == "S YES"
    assert computed.key == (F(2), F(20))


def test_yes_count_points_break_ties_with_the_rounded_mean():  # §5.6
    computed = compute([mark("C", "J1", "20", True), mark("C", "J2", "17", True), mark("C", "J3", "17", False)], YES_COUNT)  # fmt: skip
    assert computed.key == (F(2), F("18.00"))
    assert computed.steps[1] == ("points", "18.00")


def test_yes_count_quorum_not_reached():  # §5.6
    rule = Rule(Method.YES_COUNT, ONE_TO_25, yes_quorum=3)
    computed = compute(votes(), rule)
    assert computed.steps[2] == ("quorum", "3 YES needed (not reached)")
    assert computed.quorum_reached is False


def test_yes_count_quorum_reached():  # §5.6
    rule = Rule(Method.YES_COUNT, ONE_TO_25, yes_quorum=2)
    computed = compute(votes(), rule)
    assert computed.steps[2] == ("quorum", "2 YES needed (reached)")
    assert computed.quorum_reached is True


def test_yes_quorum_lowered_by_abstentions():  # §5.6 (Paderewski LA): S and absent both count
    rule = Rule(Method.YES_COUNT, ONE_TO_25, yes_quorum=4, lower_quorum_by_abstentions=True)
    computed = compute([*votes(), mark("C", "J5", "A")], rule)
    assert computed.steps[2] == ("quorum", "2 YES needed (reached)")
    assert computed.quorum_reached is True


def test_yes_methods_never_impute():  # §3.4: abstentions do not vote
    rule = Rule(Method.YES_COUNT, ONE_TO_25, abstention=Abstention.IMPUTE_MEAN)
    computed = compute(votes(), rule)
    assert computed.marks[3] == MarkLine("J4", "S", None, "excluded: student (S)")
    assert computed.key == (F(2), F(20))


def test_yes_share_is_a_percentage_of_the_jurors_who_marked():  # §5.7
    computed = compute(votes(), PRESETS["yes-share"])
    assert computed.score == Decimal("66.67")
    assert computed.key == (F(200, 3), F(20))
    assert computed.steps == (
        ("YES votes", "2 of 3 jurors who marked"),
        ("points", "20.00"),
        ("YES share", "≈66.6667 % shown as 66.67"),
    )


def test_yes_share_quorum_counts_yes_votes():  # §5.7
    rule = Rule(Method.YES_SHARE, ONE_TO_25, yes_quorum=3)
    assert compute(votes(), rule).quorum_reached is False


# §5.8 standardisation

STANDARDISED = Rule(Method.STANDARDISED, ONE_TO_25)


def panel_marks() -> list[Mark]:
    """J1 and J2 mark both candidates on their own scales; J3 marks once; J4 does not vary."""
    return [
        mark("c1", "J1", "8"),
        mark("c1", "J2", "12"),
        mark("c1", "J3", "16"),
        mark("c1", "J4", "14"),
        mark("c2", "J1", "12"),
        mark("c2", "J2", "22"),
        mark("c2", "J3", "S"),
        mark("c2", "J4", "14"),
    ]


def test_juror_scales_panel_and_each_juror():  # §5.8
    panel, scales = juror_scales(panel_marks())
    assert (panel.mean, panel.spread, panel.count) == (F(14), F(4), 7)
    assert {juror: (s.mean, s.spread, s.count) for juror, s in scales.items()} == {
        "J1": (F(10), F(2), 2),
        "J2": (F(17), F(5), 2),
        "J3": (F(16), F(0), 1),
        "J4": (F(14), F(0), 2),
    }


def test_standardised_moves_each_juror_to_the_panel_scale():  # §5.8
    all_marks = panel_marks()
    computed = compute(all_marks[:4], STANDARDISED, juror_scales(all_marks))
    assert computed.marks == (
        MarkLine("J1", "8", F(10), "standardised from 8 (juror mean 10, spread 2)"),
        MarkLine("J2", "12", F(10), "standardised from 12 (juror mean 17, spread 5)"),
        MarkLine("J3", "16", F(16), "kept raw: the juror gave fewer than 2 marks"),
        MarkLine("J4", "14", F(14), "kept raw: the juror's marks do not vary"),
    )
    assert computed.steps == (
        ("panel", "mean 14, spread 4"),
        ("mean", "12.5"),
        ("score", "12.5 rounded half-up to 12.50"),
    )


def test_standardised_excludes_or_imputes_abstentions():  # §5.8, §3.4
    all_marks = panel_marks()
    stage = juror_scales(all_marks)
    excluded = compute(all_marks[4:], STANDARDISED, stage)
    assert excluded.marks[2] == MarkLine("J3", "S", None, "excluded: student (S)")
    assert [used(line) for line in excluded.marks] == [F(18), F(18), None, F(14)]
    assert excluded.score == Decimal("16.67")
    rule = Rule(Method.STANDARDISED, ONE_TO_25, abstention=Abstention.IMPUTE_MEAN)
    imputed = compute(all_marks[4:], rule, stage)
    assert imputed.marks[2] == MarkLine(
        "J3", "S", F(50, 3), "imputed: mean of the others, ≈16.6667"
    )
    assert imputed.score == Decimal("16.67")


def test_standardised_minimum_marks_per_juror():  # §5.8
    rule = Rule(Method.STANDARDISED, ONE_TO_25, min_marks_per_juror=3)
    all_marks = panel_marks()
    computed = compute(all_marks[:4], rule, juror_scales(all_marks))
    assert [used(line) for line in computed.marks] == [F(8), F(12), F(16), F(14)]
    assert computed.marks[0].note == "kept raw: the juror gave fewer than 3 marks"
    assert computed.score == Decimal("12.50")
