"""The analyses (docs/algorithms/scoring-analysis.md): each test names the section it checks."""

from __future__ import annotations

import statistics
from decimal import Decimal
from fractions import Fraction

import pytest

from concours.scoring.analysis import (
    compare_methods,
    juror_patterns,
    kendall_tau_b,
    leave_one_juror_out,
    order_effect,
    panel_spread,
)
from concours.scoring.analysis.command import fixed
from concours.scoring.analysis.stats import (
    coefficient,
    doubled_midranks,
    pearson,
    root,
    shown,
)
from concours.scoring.csvio import read_marks
from concours.scoring.engine import score_stage
from concours.scoring.model import Mark, MarkStatus, Method, Rule, Scale
from concours.scoring.numbers import PRECISION
from concours.scoring.presets import PRESETS, chopin_2025
from concours.scoring.tests import chopin_data
from concours.scoring.tests.chopin_data import needs_chopin_data

MEAN = PRESETS["mean"]
MEDIAN = PRESETS["median"]


def marks_of(table_: dict[str, dict[str, int | str]]) -> list[Mark]:
    """``{candidate: {juror: 17 | "S" | "A"}}`` as marks, in that order."""
    marks = []
    for candidate, row in table_.items():
        for juror, raw in row.items():
            if raw == "S":
                marks.append(Mark(candidate, juror, MarkStatus.STUDENT))
            elif raw == "A":
                marks.append(Mark(candidate, juror, MarkStatus.ABSENT))
            else:
                marks.append(Mark(candidate, juror, MarkStatus.SCORED, Decimal(raw)))
    return marks


# --- §2 statistics -----------------------------------------------------------------------------


def test_root_is_exact_for_squares_of_fractions():  # §2.3
    assert root(Fraction(9, 4)) == Fraction(3, 2)
    assert root(Fraction(2)) != Fraction(2)
    assert abs(root(Fraction(2)) ** 2 - 2) < Fraction(1, 10 ** (PRECISION - 1))
    assert coefficient(3, 0) is None
    assert shown(None) is None
    assert shown(Fraction(2, 3)) == Decimal("0.6667")


def test_doubled_midranks_share_ties():  # §2.2
    assert doubled_midranks([10, 20, 20, 30]) == [2, 5, 5, 8]
    assert doubled_midranks([Decimal(3), Decimal(1), Decimal(3)]) == [5, 2, 5]
    assert doubled_midranks([]) == []


def test_pearson_is_exact_and_undefined_without_variation():  # §2.2
    xs = [Fraction(v) for v in (1, 2, 3, 4)]
    assert pearson(xs, [Fraction(v) for v in (2, 4, 6, 8)]) == 1
    assert pearson(xs, [Fraction(v) for v in (8, 6, 4, 2)]) == -1
    assert pearson(xs, [Fraction(5)] * 4) is None
    assert pearson(xs[:1], xs[:1]) is None
    ys = [Fraction(v) for v in (1, 3, 2, 5)]
    assert float(pearson(xs, ys)) == pytest.approx(
        statistics.correlation([1, 2, 3, 4], [1, 3, 2, 5]), abs=1e-15
    )


def test_kendall_tau_b_identical_reversed_and_tied():  # §2.1
    same = kendall_tau_b({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 2, "c": 3})
    assert (same.value, same.exact, same.concordant, same.discordant) == (Decimal(1), 1, 3, 0)
    reversed_ = kendall_tau_b({"a": 1, "b": 2, "c": 3}, {"a": 3, "b": 2, "c": 1})
    assert (reversed_.value, reversed_.discordant) == (Decimal(-1), 3)
    one_swap = kendall_tau_b({"a": 1, "b": 2, "c": 3, "d": 4}, {"a": 1, "b": 3, "c": 2, "d": 4})
    assert one_swap.exact == Fraction(2, 3)
    assert one_swap.value == Decimal("0.6667")
    # ties in each ranking: C = 4, D = 0, n0 = 6, n1 = n2 = 1 → 4 / √(5 · 5) = 0.8 exactly
    tied = kendall_tau_b({"a": 1, "b": 1, "c": 3, "d": 4}, {"a": 1, "b": 2, "c": 2, "d": 4})
    assert (tied.pairs, tied.tied_first, tied.tied_second, tied.exact) == (6, 1, 1, Fraction(4, 5))
    # 2 / √6, an irrational number: √ at PRECISION, shown to 4 decimals
    irrational = kendall_tau_b({"a": 1, "b": 1, "c": 2}, {"a": 1, "b": 2, "c": 3})
    assert irrational.value == Decimal("0.8165")
    assert kendall_tau_b({"a": 1, "b": 1}, {"a": 1, "b": 2}).value is None
    assert kendall_tau_b({"a": 1, "x": 2}, {"a": 1, "y": 2}).pairs == 0  # only "a" is shared


# --- §3 leave one juror out ------------------------------------------------------------------

# B's one low mark (J1) keeps B behind A; without J1, B leads.
SWING = {
    "A": {"J1": 10, "J2": 10, "J3": 10},
    "B": {"J1": 1, "J2": 12, "J3": 12},
    "C": {"J1": 5, "J2": 5, "J3": 5},
}


def test_removing_one_juror_changes_the_advancer():  # §3.1, worked example §3.4
    impacts = leave_one_juror_out(marks_of(SWING), MEAN, advance=1, top=2)
    assert [impact.juror for impact in impacts] == ["J1", "J2", "J3"]
    j1, j2, j3 = impacts
    assert (j1.entering, j1.leaving, j1.changes_advancers) == (("B",), ("A",), True)
    assert [(c.place, c.with_juror, c.without_juror) for c in j1.places] == [
        (1, ("A",), ("B",)),
        (2, ("B",), ("A",)),
    ]
    assert (j1.moved, j1.scored, j1.unscored, j1.changes_top) == (2, 3, (), True)
    for other in (j2, j3):
        assert not other.changes_advancers
        assert not other.changes_top
        assert other.moved == 0


def test_a_tie_at_a_watched_place_and_without_advance():  # §3.2
    marks = marks_of(
        {"A": {"J1": 12, "J2": 10}, "B": {"J1": 10, "J2": 10}, "C": {"J1": 1, "J2": 2}}
    )
    j1, _j2 = leave_one_juror_out(marks, MEAN, advance=None, top=2)
    assert [(c.place, c.with_juror, c.without_juror) for c in j1.places] == [
        (1, ("A",), ("A", "B")),
        (2, ("B",), ()),
    ]
    assert (j1.entering, j1.leaving, j1.moved) == ((), (), 1)


def test_a_candidate_left_without_a_usable_mark_is_reported():  # §3.3
    marks = marks_of(
        {
            "A": {"J1": 20, "J2": "S", "J3": "A"},  # only J1 marks A
            "B": {"J1": 15, "J2": 15, "J3": 15},
            "C": {"J1": 10, "J2": 10, "J3": 10},
        }
    )
    j1, j2, _j3 = leave_one_juror_out(marks, MEAN, advance=2)
    assert j1.unscored == ("A",)
    assert (j1.entering, j1.leaving) == (("C",), ())  # A is unscored, not "leaving"
    assert j1.places[0].without_juror == ("B",)
    assert (j2.scored, j2.unscored, j2.changes_advancers) == (2, (), False)


def test_a_single_juror_leaves_nobody_to_rank():  # §3.3
    (only,) = leave_one_juror_out(marks_of({"A": {"J": 20}, "B": {"J": 10}}), MEAN, advance=1)
    assert (only.unscored, only.entering, only.leaving, only.moved) == (("A", "B"), (), (), 0)
    assert only.places[0].without_juror == ()


def test_leave_one_out_rejects_bad_arguments():  # §3.1
    with pytest.raises(ValueError, match="watched places"):
        leave_one_juror_out(marks_of(SWING), MEAN, advance=1, top=0)
    with pytest.raises(ValueError, match="at least 1"):
        leave_one_juror_out(marks_of(SWING), MEAN, advance=0)


# --- §4 methods compared ------------------------------------------------------------------------

# The mean and the median put these three in exactly opposite orders.
OPPOSITE = {
    "A": {"J1": 1, "J2": 1, "J3": 25},  # mean 9, median 1
    "B": {"J1": 5, "J2": 5, "J3": 5},  # mean 5, median 5
    "C": {"J1": 1, "J2": 6, "J3": 6},  # mean 13/3, median 6
}


def test_compare_methods_opposite_rankings():  # §4.1, worked example §4.3
    comparison = compare_methods(marks_of(OPPOSITE), {"mean": MEAN, "median": MEDIAN}, advance=1)
    assert comparison.names == ("mean", "median")
    assert [row.candidate for row in comparison.result("mean").results] == ["A", "B", "C"]
    assert [row.candidate for row in comparison.result("median").results] == ["C", "B", "A"]
    (pair,) = comparison.pairs
    assert (pair.first, pair.second, pair.only_first, pair.only_second) == (
        "mean",
        "median",
        ("A",),
        ("C",),
    )
    assert pair.tau.value == Decimal(-1)


def test_compare_methods_identical_rankings_and_every_pair():  # §4.1
    marks = marks_of(SWING)
    rules = {"mean": MEAN, "median": MEDIAN, "chopin": chopin_2025(1)}
    comparison = compare_methods(marks, rules, advance=None)
    assert [(p.first, p.second) for p in comparison.pairs] == [
        ("mean", "median"),
        ("mean", "chopin"),
        ("median", "chopin"),
    ]
    mean_chopin = comparison.pairs[1]
    assert mean_chopin.tau.value == Decimal(1)
    assert (mean_chopin.only_first, mean_chopin.only_second) == ((), ())


def test_compare_methods_names_the_rule_that_rejects_the_marks():  # §4.2
    narrow = Rule(Method.MEAN, Scale(Decimal(1), Decimal(10)))
    with pytest.raises(ValueError, match="method “narrow” cannot take these marks: mark 12"):
        compare_methods(marks_of(SWING), {"mean": MEAN, "narrow": narrow}, advance=1)
    with pytest.raises(ValueError, match="at least two methods"):
        compare_methods(marks_of(SWING), {"mean": MEAN}, advance=1)


# --- §5 juror patterns --------------------------------------------------------------------------

# J4 marks on a reversed scale; J5 is generous by 8 points on every candidate.
PANEL = {
    "A": {"J1": 10, "J2": 11, "J3": 12, "J4": 16},
    "B": {"J1": 12, "J2": 13, "J3": 13, "J4": 14},
    "C": {"J1": 14, "J2": 15, "J3": 16, "J4": 12},
    "D": {"J1": 16, "J2": 17, "J3": 18, "J4": 10},
}


def test_a_reversed_scale_is_flagged():  # §5.1–5.2, worked example §5.3
    patterns = juror_patterns(marks_of(PANEL))
    by_juror = {pattern.juror: pattern for pattern in patterns}
    j4 = by_juror["J4"]
    # others' means: A 11, B 38/3, C 15, D 17; J4's marks 16, 14, 12, 10
    assert (j4.marks, j4.abstentions, j4.paired, j4.mean) == (4, 0, 4, Fraction(13))
    assert j4.leniency == Fraction(13) - Fraction(11 + Fraction(38, 3) + 15 + 17, 4)
    assert j4.spread == root(Fraction(5))  # marks 16, 14, 12, 10: variance 5
    assert j4.correlation == Decimal("-0.9981")
    assert float(j4.correlation_exact) == pytest.approx(
        statistics.correlation([16, 14, 12, 10], [11, 38 / 3, 15, 17]), abs=1e-15
    )
    assert j4.reversed_scale
    assert j4.flags == ("reversed",)
    assert [p.juror for p in patterns if p.flags] == ["J4"]
    assert by_juror["J1"].correlation > 0


def test_an_extreme_leniency_is_flagged_and_the_threshold_is_a_parameter():  # §5.2
    marks = marks_of({**PANEL, "E": {"J1": 13, "J2": 13, "J3": 13, "J4": 13}})
    generous = [
        *marks,
        *(
            Mark(c, "J5", MarkStatus.SCORED, Decimal(min(v["J1"] + 8, 25)))
            for c, v in PANEL.items()
        ),
        Mark("E", "J5", MarkStatus.STUDENT),
    ]
    j5 = juror_patterns(generous)[-1]
    assert (j5.juror, j5.marks, j5.abstentions, j5.outlier) == ("J5", 4, 1, True)
    assert j5.leniency is not None
    assert j5.leniency > panel_spread(generous).spread
    assert j5.flags == ("outlier",)
    assert not juror_patterns(generous, threshold=Decimal(3))[-1].outlier
    assert juror_patterns(marks, min_correlation=Decimal(1))[0].reversed_scale  # J1 r < 1


def test_juror_patterns_with_lonely_and_silent_jurors():  # §5.1
    marks = marks_of(
        {
            "A": {"J1": 20, "J2": 18, "J3": "S"},
            "B": {"J1": 10, "J2": "S", "J3": "A"},  # only J1 marks B: no pair
        }
    )
    j1, j2, j3 = juror_patterns(marks)
    assert (j1.marks, j1.paired, j1.leniency, j1.correlation) == (2, 1, Fraction(2), None)
    assert (j2.mean, j2.spread, j2.leniency) == (Fraction(18), Fraction(0), Fraction(-2))
    assert (j3.marks, j3.abstentions, j3.mean, j3.spread, j3.leniency) == (0, 2, None, None, None)
    assert j3.flags == ()


def test_juror_patterns_reject_bad_input():  # §5.1
    with pytest.raises(ValueError, match="no juror gave a mark"):
        juror_patterns(marks_of({"A": {"J1": "S"}}))
    with pytest.raises(ValueError, match="threshold"):
        juror_patterns(marks_of(PANEL), threshold=Decimal(-1))


def test_panel_spread():  # §5.1
    panel = panel_spread(marks_of({"A": {"J1": 10, "J2": 14}}))
    assert (panel.marks, panel.mean, panel.variance, panel.spread) == (2, 12, 4, 2)


# --- §6 order of appearance ---------------------------------------------------------------------


def scores_of(*values: str) -> dict[str, Decimal]:
    return {chr(ord("a") + i): Decimal(value) for i, value in enumerate(values)}


def test_spearman_with_a_tie_and_the_permutation_test():  # §6.2–6.3, worked example §6.5
    scores = scores_of("10", "20", "20", "30")
    order = {"a": 1, "b": 2, "c": 3, "d": 4}
    effect = order_effect(scores, order, permutations=200, seed=7)
    assert effect.overall.rho == Decimal("0.9487")  # √0.9
    assert abs(effect.overall.exact**2 - Fraction(9, 10)) < Fraction(1, 10**26)
    # |rho| ≥ √0.9 for 4 of the 24 orders (10, 20, 20, 30 either way round, each twice):
    # expect about 200 / 6 ≈ 33
    assert effect.overall.as_extreme == 41
    assert effect.overall.p_value == Fraction(42, 201)
    assert effect.within_day is None
    assert [a.position for a in effect.appearances] == [1, 2, 3, 4]
    again = order_effect(scores, order, permutations=200, seed=7)
    assert again == effect
    assert order_effect(scores, order, permutations=200, seed=8).overall.as_extreme != 41


def test_reversed_order_gives_a_negative_rho():  # §6.2
    effect = order_effect(scores_of("30", "20", "10"), {"a": 1, "b": 2, "c": 3}, permutations=50)
    assert effect.overall.exact == -1
    assert effect.seed == 2025


def test_position_within_the_day():  # §6.1, §6.4
    scores = scores_of("20", "21", "22", "10", "11", "12")
    order = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}
    day = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2}
    effect = order_effect(scores, order, day=day, permutations=500, seed=1)
    assert [(a.candidate, a.day, a.position_in_day) for a in effect.appearances] == [
        ("a", 1, 1),
        ("b", 1, 2),
        ("c", 1, 3),
        ("d", 2, 1),
        ("e", 2, 2),
        ("f", 2, 3),
    ]
    assert effect.overall.exact == Fraction(-19, 35)  # 1 − 6 · 54 / (6 · 35)
    assert effect.within_day is not None
    assert effect.within_day.rho == Decimal("0.4781")  # 8 / √280
    # shuffled only inside each day: |rho| as large only when both days are in order or both
    # reversed, 2 of 36 arrangements: expect about 500 / 18 ≈ 28
    assert effect.within_day.as_extreme == 32
    # positions numbered within each day give the same appearance order
    per_day = {"a": 1, "b": 2, "c": 3, "d": 1, "e": 2, "f": 3}
    assert order_effect(scores, per_day, day=day, permutations=500, seed=1) == effect


def test_no_variation_means_no_test():  # §6.2
    effect = order_effect(scores_of("15", "15"), {"a": 1, "b": 2}, day={"a": 1, "b": 2})
    assert (effect.overall.rho, effect.overall.as_extreme, effect.overall.p_value) == (
        None,
        None,
        None,
    )
    assert effect.within_day is not None
    assert effect.within_day.exact is None


@pytest.mark.parametrize(
    ("order", "day", "message"),
    [
        ({"a": 1}, None, "no position for “b”"),
        ({"a": 1, "b": 2, "z": 3}, None, "a position for “z”, who has no score"),
        ({"a": 1, "b": 2}, {"a": 1}, "no day for “b”"),
        ({"a": 2, "b": 2}, None, "“a” and “b” both have position 2"),
        ({"a": 2, "b": 2}, {"a": 3, "b": 3}, "both have day 3, position 2"),
    ],
)
def test_order_effect_rejects_inconsistent_input(order, day, message):  # §6.1
    with pytest.raises(ValueError, match=message):
        order_effect(scores_of("1", "2"), order, day=day)


def test_order_effect_needs_a_permutation():  # §6.3
    with pytest.raises(ValueError, match="at least 1 permutation"):
        order_effect(scores_of("1", "2"), {"a": 1, "b": 2}, permutations=0)


# --- §8 the Chopin Competition 2025 -----------------------------------------------------------


@pytest.fixture(scope="module")
def stage1():
    rule = chopin_2025(1)
    return rule, read_marks(chopin_data.path(1), rule).marks


@needs_chopin_data
def test_chopin_stage1_leave_one_out(stage1):  # §8.1
    rule, marks = stage1
    impacts = {impact.juror: impact for impact in leave_one_juror_out(marks, rule, advance=40)}
    assert len(impacts) == 17
    changing = [juror for juror, impact in impacts.items() if impact.changes_advancers]
    assert len(changing) == 13
    assert set(impacts) - set(changing) == {
        "John Allison",
        "Sa Chen",
        "Krzysztof Jabłoński",
        "Robert McDonald",
    }
    assert sum(impact.changes_top for impact in impacts.values()) == 10
    ebi = impacts["Akiko Ebi"]
    assert set(ebi.entering) == {"Tiankun Ma", "Viet Trung Nguyen"}
    assert set(ebi.leaving) == {"Miki Yamagata", "Xiaoyu Hu"}
    assert [(c.place, c.without_juror) for c in ebi.places][:2] == [
        (1, ("Eric Guo",)),
        (2, ("Kevin Chen",)),
    ]
    kenner = impacts["Kevin Kenner"]  # a tie at 40th: 41 would advance
    assert (kenner.entering, kenner.leaving) == (("Tiankun Ma",), ())
    everyone = {name for impact in impacts.values() for name in impact.entering + impact.leaving}
    assert everyone == {
        "Hoi Leong Cheong",
        "Kai-Min Chang",
        "Miki Yamagata",
        "Tiankun Ma",
        "Viet Trung Nguyen",
        "Xiaoyu Hu",
        "Yubo Deng",
    }
    assert all(impact.unscored == () for impact in impacts.values())
    published = chopin_data.published_advancers(1)
    assert set(score_stage(marks, rule, advance=40).advancers) == published


@needs_chopin_data
def test_chopin_juror_patterns(stage1):  # §8.2
    _rule, marks = stage1
    patterns = juror_patterns(marks)
    assert all(p.correlation is not None and p.correlation > 0 for p in patterns)
    assert [p.juror for p in patterns if p.flags] == []
    leniency = {p.juror: fixed(p.leniency) for p in patterns}
    assert min(leniency.items(), key=lambda item: Decimal(item[1])) == (
        "Krzysztof Jabłoński",
        "-2.26",
    )
    assert max(leniency.items(), key=lambda item: Decimal(item[1])) == ("Sa Chen", "2.21")
    assert fixed(panel_spread(marks).spread) == "2.83"
    assert sum(p.abstentions for p in patterns) == 33
    later = {}
    for stage in (3, 4):
        rule = chopin_2025(stage)
        later[stage] = {
            p.juror: p for p in juror_patterns(read_marks(chopin_data.path(stage), rule).marks)
        }
    assert [j for j, p in later[3].items() if p.reversed_scale] == ["Garrick Ohlsson"]
    assert later[3]["Garrick Ohlsson"].correlation == Decimal("-0.1486")
    assert [j for j, p in later[4].items() if p.reversed_scale] == [
        "Sa Chen",
        "K. Popowa-Zydroń",
    ]
    assert {j: fixed(p.leniency) for j, p in later[4].items() if p.outlier} == {
        "Garrick Ohlsson": "-2.23",
        "Yulianna Avdeeva": "-3.10",
    }


@needs_chopin_data
def test_chopin_methods_compared(stage1):  # §8.3
    rule, marks = stage1
    comparison = compare_methods(
        marks,
        {
            "chopin-2025": rule,
            "mean": MEAN,
            "median": MEDIAN,
            "trimmed-mean": PRESETS["trimmed-mean"],
            "standardised": PRESETS["standardised"],
        },
        advance=40,
    )
    pairs = {(p.first, p.second): p for p in comparison.pairs}
    versus_mean = pairs[("chopin-2025", "mean")]
    assert versus_mean.tau.value == Decimal("0.9532")
    assert (versus_mean.only_first, versus_mean.only_second) == (
        ("Miki Yamagata",),
        ("Tiankun Ma",),
    )
    versus_trimmed = pairs[("chopin-2025", "trimmed-mean")]
    assert versus_trimmed.tau.value == Decimal("0.9812")
    assert (versus_trimmed.only_first, versus_trimmed.only_second) == ((), ())
    versus_standardised = pairs[("chopin-2025", "standardised")]
    assert versus_standardised.tau.value == Decimal("0.9453")
    assert versus_standardised.only_second == ("Tiankun Ma",)
    versus_median = pairs[("chopin-2025", "median")]
    assert versus_median.tau.value == Decimal("0.8499")
    assert (len(versus_median.only_first), len(versus_median.only_second)) == (3, 5)


@needs_chopin_data
def test_chopin_order_by_competitor_number():  # §8.4
    scores = chopin_data.published_stage_scores(1)
    numbers = {
        row["candidate"]: int(row["candidate_no"])
        for row in chopin_data.rows(chopin_data.STAGE_FILES[1])
    }
    effect = order_effect(scores, numbers)
    assert effect.overall.rho == Decimal("0.2474")
    assert effect.overall.p_value == Fraction(241, 10001)
