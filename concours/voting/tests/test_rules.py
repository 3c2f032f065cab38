"""Rules and presets (spec §2)."""

from fractions import Fraction

import pytest

from concours.voting import (
    PRESETS,
    Abstentions,
    Majority,
    MotionType,
    Rule,
    VotingError,
    parse_fraction,
)


def test_presets_are_our_documented_defaults():  # §2.4
    assert PRESETS[MotionType.ORDINARY].to_json() == {
        "quorum": "1/3", "majority": "simple", "fraction": "2/3", "abstentions": "excluded",
    }  # fmt: skip
    assert PRESETS[MotionType.ADMISSION].to_json() == {
        "quorum": "1/2", "majority": "qualified", "fraction": "2/3", "abstentions": "excluded",
    }  # fmt: skip
    assert PRESETS[MotionType.STATUTES].to_json() == {
        "quorum": "1/2", "majority": "qualified", "fraction": "2/3", "abstentions": "counted",
    }  # fmt: skip


def test_rule_round_trips_through_json():  # §2.5
    rule = Rule(quorum=Fraction(3, 5), majority=Majority.QUALIFIED, fraction=Fraction(3, 4),
                abstentions=Abstentions.COUNTED)  # fmt: skip
    assert Rule.from_json(rule.to_json()) == rule


def test_rule_from_json_fills_defaults():  # §2.5
    rule = Rule.from_json({"quorum": 0, "majority": "absolute"})
    assert rule == Rule(quorum=Fraction(0), majority=Majority.ABSOLUTE)
    assert rule.fraction == Fraction(2, 3)
    assert rule.abstentions == Abstentions.EXCLUDED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "rule: a JSON object is needed"),
        ({"quorum": "1/2", "majority": "simple", "colour": 1}, "rule: unknown fields colour"),
        ({"quorum": "1/2"}, "rule: “quorum” and “majority” are needed"),
        ({"quorum": "1/2", "majority": "most"}, "majority: one of simple, absolute, qualified, found most"),
        ({"quorum": "1/2", "majority": "simple", "abstentions": "no"},
         "abstentions: “excluded” or “counted”, found no"),
        ({"quorum": 0.5, "majority": "simple"}, "quorum: a fraction such as “2/3” is needed"),
        ({"quorum": True, "majority": "simple"}, "quorum: a fraction such as “2/3” is needed"),
        ({"quorum": "half", "majority": "simple"}, "quorum: “half” is not a fraction such as “2/3”"),
        ({"quorum": "1/0", "majority": "simple"}, "quorum: “1/0” is not a fraction such as “2/3”"),
        ({"quorum": "3/2", "majority": "simple"}, "quorum: must lie between 0 and 1, found 3/2"),
        ({"quorum": "1/2", "majority": "qualified", "fraction": "1/2"},
         "fraction: a qualified majority is more than 1/2 and at most 1, found 1/2"),
    ],
)  # fmt: skip
def test_rule_from_json_refuses_bad_input(data, message):  # §2.5
    with pytest.raises(VotingError) as raised:
        Rule.from_json(data)
    assert str(raised.value) == message


def test_rule_refuses_a_quorum_outside_zero_to_one():  # §2.1
    with pytest.raises(VotingError, match="quorum: must lie between 0 and 1, found -1"):
        Rule(quorum=Fraction(-1), majority=Majority.SIMPLE)


def test_a_simple_majority_ignores_the_fraction():  # §2.2
    assert Rule(quorum=Fraction(0), majority=Majority.SIMPLE, fraction=Fraction(1, 3))


def test_parse_fraction_takes_text_and_whole_numbers():  # §2.5
    assert parse_fraction("2/3", "f") == Fraction(2, 3)
    assert parse_fraction(1, "f") == Fraction(1)
