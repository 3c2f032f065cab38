"""What a tie across the cut does (spec §4.3): advance, exclude, or leave it to the jury."""

import re
from decimal import Decimal

import pytest

from concours.scoring.engine import combine, score_stage
from concours.scoring.model import Mark, MarkStatus, Method, Rule, Scale, TieAtCut
from concours.scoring.presets import build_rule

# Ada 20, Ben 18, Cleo 18, Dan 15: with two advancing, Ben and Cleo tie across the cut.
SCORES = {"Ada": 20, "Ben": 18, "Cleo": 18, "Dan": 15}
MARKS = [Mark(name, "J1", MarkStatus.SCORED, Decimal(score)) for name, score in SCORES.items()]


def _advanced(ties: TieAtCut, advance: int) -> dict[str, bool | None]:
    rule = Rule(Method.MEAN, Scale(Decimal(1), Decimal(25)), ties_at_cut=ties)
    return {
        row.candidate: row.advanced for row in score_stage(MARKS, rule, advance=advance).results
    }


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        (TieAtCut.ADVANCE, {"Ada": True, "Ben": True, "Cleo": True, "Dan": False}),
        (TieAtCut.EXCLUDE, {"Ada": True, "Ben": False, "Cleo": False, "Dan": False}),
        (TieAtCut.DECIDE, {"Ada": True, "Ben": None, "Cleo": None, "Dan": False}),
    ],
)
def test_a_tie_across_the_cut(ties, expected):  # §4.3
    assert _advanced(ties, advance=2) == expected


@pytest.mark.parametrize("ties", list(TieAtCut))
def test_a_tie_inside_the_cut_always_advances(ties):  # §4.3: the tied group fits in the top 3
    assert _advanced(ties, advance=3) == {"Ada": True, "Ben": True, "Cleo": True, "Dan": False}


def test_combine_applies_the_same_policy():  # §6 with §4.3
    stage = {name: Decimal(score) for name, score in SCORES.items()}
    rows = combine([stage], [Decimal(1)], advance=2, ties_at_cut=TieAtCut.DECIDE)
    assert [(name, advanced) for name, _value, _rank, advanced in rows] == [
        ("Ada", True),
        ("Ben", None),
        ("Cleo", None),
        ("Dan", False),
    ]


def test_stored_parameter_sets_the_policy():  # §7.2
    assert build_rule("mean", {"ties_at_cut": "exclude"}).ties_at_cut is TieAtCut.EXCLUDE
    with pytest.raises(
        ValueError, match="scoring parameter “ties_at_cut” must be one of advance, exclude, decide"
    ):
        build_rule("mean", {"ties_at_cut": "coin"})


def test_quorum_not_reached_never_advances_even_in_a_tie():  # §4.3 with §5.6
    rule = Rule(
        Method.YES_COUNT, Scale(Decimal(1), Decimal(25)), yes_quorum=2, ties_at_cut=TieAtCut.DECIDE
    )
    marks = [
        Mark("Ada", "J1", MarkStatus.SCORED, Decimal(20), vote=True),
        Mark("Ada", "J2", MarkStatus.SCORED, Decimal(20), vote=True),
        Mark("Ben", "J1", MarkStatus.SCORED, Decimal(18), vote=True),
        Mark("Ben", "J2", MarkStatus.SCORED, Decimal(18), vote=False),
    ]
    result = {row.candidate: row.advanced for row in score_stage(marks, rule).results}
    assert result == {"Ada": True, "Ben": False}


def test_a_json_fraction_is_refused_with_a_way_out():  # §7.2
    with pytest.raises(
        ValueError,
        match=re.escape(
            'scoring parameter “step” must be written as a string such as "0.5", so that it stays exact'
        ),
    ):
        build_rule("mean", {"step": 0.5})
    assert build_rule("mean", {"step": "0.5"}).scale.step == Decimal("0.5")
