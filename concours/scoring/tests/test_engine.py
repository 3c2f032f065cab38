"""A stage from marks to ranking, advancement, and cumulative results; sections refer to
docs/algorithms/scoring.md."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concours.scoring.engine import InvalidMarks, check_marks, combine, rank, score_stage
from concours.scoring.model import (
    Mark,
    MarkStatus,
    Method,
    Rounding,
    Rule,
    Scale,
    StageResult,
)
from concours.scoring.numbers import RoundingMode
from concours.scoring.presets import PRESETS

F = Fraction
D = Decimal
ONE_TO_25 = Scale(D(1), D(25))
MEAN = Rule(Method.MEAN, ONE_TO_25)
YES_COUNT = Rule(Method.YES_COUNT, ONE_TO_25)


def exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


def mark(candidate: str, juror: str, raw: str, vote: bool | None = None) -> Mark:
    if raw == "S":
        return Mark(candidate, juror, MarkStatus.STUDENT, vote=vote)
    if raw == "A":
        return Mark(candidate, juror, MarkStatus.ABSENT, vote=vote)
    return Mark(candidate, juror, MarkStatus.SCORED, D(raw), vote=vote)


def stage(table: dict[str, list[str]]) -> list[Mark]:
    """Marks from ``{candidate: [J1's mark, J2's mark, …]}``."""
    return [
        mark(candidate, f"J{i}", raw)
        for candidate, raws in table.items()
        for i, raw in enumerate(raws, start=1)
    ]


def rows(result: StageResult) -> list[tuple[str, Decimal, int, bool | None]]:
    return [(row.candidate, row.score, row.rank, row.advanced) for row in result.results]


# §3.1 checking the marks


def problems(marks: list[Mark], rule: Rule) -> tuple[tuple[int, str], ...]:
    with pytest.raises(InvalidMarks) as raised:
        check_marks(marks, rule)
    return raised.value.problems


def test_check_marks_accepts_good_marks():  # §3.1
    check_marks(stage({"A": ["18", "S", "A"]}), MEAN)


def test_check_marks_off_the_scale():  # §3.1
    assert problems(stage({"A": ["18", "26", "0.5"]}), MEAN) == (
        (1, "mark 26 is outside the scale 1–25 in steps of 1"),
        (2, "mark 0.5 is outside the scale 1–25 in steps of 1"),
    )


def test_check_marks_off_the_step():  # §3.1
    assert problems(stage({"A": ["17.25"]}), PRESETS["trimmed-mean"]) == (
        (0, "mark 17.25 is outside the scale 0–25 in steps of 0.5"),
    )


def test_check_marks_a_vote_is_required_beside_scored_points():  # §3.1, §5.6
    marks = [mark("A", "J1", "18", True), mark("A", "J2", "17"), mark("A", "J3", "S")]
    assert problems(marks, YES_COUNT) == ((1, "a YES/NO vote is required beside the points"),)


def test_check_marks_duplicate_pair():  # §3.1
    marks = [mark("A", "J1", "18"), mark("B", "J1", "18"), mark("A", "J1", "S")]
    assert problems(marks, MEAN) == ((2, "a second mark by “J1” for “A”"),)


def test_check_marks_a_bad_duplicate_reports_its_own_problem():  # §3.1
    marks = [mark("A", "J1", "18"), mark("A", "J1", "30")]
    assert problems(marks, MEAN) == ((1, "mark 30 is outside the scale 1–25 in steps of 1"),)


def test_check_marks_candidate_without_usable_mark_comes_after_mark_problems():  # §3.1
    marks = [mark("A", "J1", "18"), mark("B", "J1", "S"), mark("B", "J2", "A")]
    marks.append(mark("A", "J2", "99"))
    message = "mark 99 is outside the scale 1–25 in steps of 1; candidate “B” has no usable mark"
    with pytest.raises(InvalidMarks, match=exactly(message)) as raised:
        check_marks(marks, MEAN)
    assert raised.value.problems == (
        (3, "mark 99 is outside the scale 1–25 in steps of 1"),
        (1, "candidate “B” has no usable mark"),
    )


# §4.1 ranking


def test_rank_standard_competition_ranking():  # §4.1: 1, 2, 2, 4
    keys = {"a": (F(20),), "b": (F(19),), "c": (F(19),), "d": (F(18),)}
    assert rank(keys) == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_rank_ties_in_unicode_code_point_order():  # §4.1: Z < a < É
    keys = {name: (F(18),) for name in ["Émile", "anna", "Zoë", "Zack"]}
    assert rank(keys) == [("Zack", 1), ("Zoë", 1), ("anna", 1), ("Émile", 1)]


def test_rank_compares_keys_part_by_part():  # §4.1, §5.6: votes first, then points
    keys = {"a": (F(2), F(18)), "b": (F(2), F(20)), "c": (F(3), F(1))}
    assert rank(keys) == [("c", 1), ("b", 2), ("a", 3)]


@settings(database=None)
@given(
    keys=st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 4), max_size=8),
    data=st.data(),
)
def test_rank_does_not_depend_on_input_order(keys, data):  # §4.1
    names = data.draw(st.permutations(list(keys)))
    as_keys = {name: (F(keys[name]),) for name in names}
    reordered = {name: (F(keys[name]),) for name in keys}
    assert rank(as_keys) == rank(reordered)


# §4 a stage, §4.3 advancement

TIES = {"D": ["18", "18"], "C": ["18", "20"], "B": ["19", "19"], "A": ["20", "20"]}


def test_score_stage_ranks_with_ties():  # §4.1
    assert rows(score_stage(stage(TIES), MEAN)) == [
        ("A", D("20.00"), 1, None),
        ("B", D("19.00"), 2, None),
        ("C", D("19.00"), 2, None),
        ("D", D("18.00"), 4, None),
    ]


def test_score_stage_ties_at_the_cut_advance():  # §4.3
    result = score_stage(stage(TIES), MEAN, advance=2)
    assert [row.advanced for row in result.results] == [True, True, True, False]
    assert result.advancers == ("A", "B", "C")
    assert result.advance == 2


def test_score_stage_advance_one():  # §4.3
    result = score_stage(stage(TIES), MEAN, advance=1)
    assert result.advancers == ("A",)


def test_score_stage_rejects_advance_zero():  # §4.3
    with pytest.raises(ValueError, match=exactly("the number advancing must be at least 1")):
        score_stage(stage(TIES), MEAN, advance=0)


def test_score_stage_rejects_invalid_marks():  # §3.1
    with pytest.raises(InvalidMarks, match=exactly("candidate “A” has no usable mark")):
        score_stage(stage({"A": ["S"]}), MEAN)


def test_score_stage_ranks_on_the_rounded_score():  # §4.1: 56/3 and 18.67 tie
    rule = Rule(Method.MEAN, Scale(D(0), D(25), D("0.01")))
    result = score_stage(stage({"X": ["18", "19", "19"], "Y": ["18.67"]}), rule)
    assert rows(result) == [("X", D("18.67"), 1, None), ("Y", D("18.67"), 1, None)]
    assert result.results[0].key == (F("18.67"),)


def test_score_stage_result_lookup_and_explanation():  # §4.2
    result = score_stage(stage(TIES), MEAN)
    found = result.by_candidate()["C"]
    assert found.explanation.steps == (
        ("mean", "38 / 2 = 19"),
        ("score", "19 rounded half-up to 19.00"),
    )
    assert result.rule == MEAN
    assert result.warnings == ()


def yes_stage() -> list[Mark]:
    return [
        mark("P", "J1", "25", True),
        mark("P", "J2", "25", True),
        mark("P", "J3", "S"),
        mark("Q", "J1", "20", True),
        mark("Q", "J2", "20", False),
        mark("Q", "J3", "20", True),
        mark("R", "J1", "10", True),
        mark("R", "J2", "10", False),
        mark("R", "J3", "10", False),
    ]


def test_yes_quorum_decides_without_advance():  # §4.3, §5.6
    result = score_stage(yes_stage(), Rule(Method.YES_COUNT, ONE_TO_25, yes_quorum=2))
    assert rows(result) == [
        ("P", D("2.00"), 1, True),
        ("Q", D("2.00"), 2, True),
        ("R", D("1.00"), 3, False),
    ]


def test_yes_quorum_and_advance_both_apply():  # §4.3, §5.6
    rule = Rule(Method.YES_COUNT, ONE_TO_25, yes_quorum=2)
    assert [row.advanced for row in score_stage(yes_stage(), rule, advance=1).results] == [
        True,
        False,
        False,
    ]
    lowered = Rule(Method.YES_COUNT, ONE_TO_25, yes_quorum=3, lower_quorum_by_abstentions=True)
    assert [row.advanced for row in score_stage(yes_stage(), lowered, advance=3).results] == [
        True,
        False,
        False,
    ]


def test_yes_share_ranks_by_share_then_points():  # §5.7
    result = score_stage(yes_stage(), PRESETS["yes-share"], advance=1)
    assert rows(result) == [
        ("P", D("100.00"), 1, True),
        ("Q", D("66.67"), 2, False),
        ("R", D("33.33"), 3, False),
    ]


def test_standardised_stage():  # §5.8
    marks = stage({"c1": ["8", "12", "16", "14"], "c2": ["12", "22", "S", "14"]})
    result = score_stage(marks, Rule(Method.STANDARDISED, ONE_TO_25), advance=1)
    assert rows(result) == [("c2", D("16.67"), 1, True), ("c1", D("12.50"), 2, False)]


@settings(database=None)
@given(
    table=st.dictionaries(
        st.sampled_from(["Ann", "Bo", "Cy", "Dee"]),
        st.lists(st.integers(1, 25).map(str) | st.just("S"), min_size=1, max_size=6).filter(
            lambda raws: raws != ["S"] * len(raws)
        ),
        min_size=1,
    ),
    method=st.sampled_from([Method.MEAN, Method.MEDIAN, Method.TRIMMED_MEAN]),
)
def test_a_stage_score_is_within_the_scale(table, method):  # §3.1, §5.1, §5.4, §5.5
    for row in score_stage(stage(table), Rule(method, ONE_TO_25)).results:
        assert D(1) <= row.score <= D(25)


@settings(database=None)
@given(data=st.data())
def test_a_stage_does_not_depend_on_the_order_of_the_marks(data):  # §4.1
    marks = stage({"A": ["20", "18", "S"], "B": ["19", "19", "19"], "C": ["25", "10", "21"]})
    shuffled = data.draw(st.permutations(marks))
    rule = PRESETS["clamped-mean"]
    summary = [(r.candidate, r.score, r.rank) for r in score_stage(marks, rule).results]
    assert [(r.candidate, r.score, r.rank) for r in score_stage(shuffled, rule).results] == summary


# §6 cumulative results

WEIGHTS = (D("0.30"), D("0.70"))
STAGE_1 = {"A": D("20.00"), "B": D("21.00"), "C": D("19.99"), "E": D("20.15"), "Z": D("25.00")}
STAGE_2 = {"A": D("21.00"), "B": D("20.57"), "C": D("20.00"), "E": D("20.00")}


def test_combine_weighted_sum_of_rounded_stage_scores():  # §6
    assert combine([STAGE_1, STAGE_2], WEIGHTS) == [
        ("A", D("20.70"), 1, None),  # 6 + 14.7
        ("B", D("20.70"), 1, None),  # 6.3 + 14.399 = 20.699
        ("E", D("20.05"), 3, None),  # 6.045 + 14 = 20.045, half-up
        ("C", D("20.00"), 4, None),  # 5.997 + 14 = 19.997
    ]


def test_combine_rounding_is_a_parameter():  # §6
    rows = combine([STAGE_1, STAGE_2], WEIGHTS, Rounding(2, RoundingMode.HALF_EVEN))
    assert ("E", D("20.04"), 3, None) in rows


def test_combine_advance_with_a_tie_at_the_cut():  # §6, §4.3
    rows = combine([STAGE_1, STAGE_2], WEIGHTS, advance=1)
    assert [(name, advanced) for name, _value, _rank, advanced in rows] == [
        ("A", True),
        ("B", True),
        ("E", False),
        ("C", False),
    ]


def test_combine_one_stage():  # §6
    assert combine([STAGE_2], [D(1)])[0] == ("A", D("21.00"), 1, None)


def test_combine_needs_one_weight_per_stage():  # §6
    with pytest.raises(ValueError, match=exactly("2 stages but 1 weights")):
        combine([STAGE_1, STAGE_2], [D(1)])


@pytest.mark.parametrize(
    "weights",
    [(D("0.30"), D("0.60")), (D("0.50000000000000000000000000001"), D("0.5"))],
)
def test_combine_weights_must_add_up_to_exactly_1(weights):  # §6
    with pytest.raises(ValueError, match=exactly("the weights must add up to 1")):
        combine([STAGE_1, STAGE_2], weights)


def test_combine_every_candidate_needs_every_stage():  # §6
    third = {"A": D(20), "N": D(20)}
    with pytest.raises(ValueError, match=exactly("candidate “N” has no score in stage 1, 2")):
        combine([STAGE_1, STAGE_2, third], (D("0.1"), D("0.2"), D("0.7")))
