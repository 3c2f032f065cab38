"""Round rules; sections refer to docs/algorithms/repertoire.md."""

import pytest

from concours.repertoire import Requirement, RoundRules


def test_requirement_defaults_to_at_least_one():  # §4.2
    requirement = Requirement(category="concerto")
    assert (requirement.min_count, requirement.max_count) == (1, None)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"category": ""}, "needs a category code"),
        ({"category": "x", "min_count": 0}, "at least 1"),
        ({"category": "x", "min_count": True}, "at least 1"),
        ({"category": "x", "min_count": 2, "max_count": 1}, "not be smaller"),
        ({"category": "x", "max_count": 1.5}, "not be smaller"),
    ],
)
def test_requirement_rejects_bad_counts(kwargs, message):  # §4.2
    with pytest.raises(ValueError, match=message):
        Requirement(**kwargs)


def test_round_rules_defaults():  # §4.1
    rules = RoundRules(number=4, name="Final")
    assert rules.min_duration is None
    assert rules.max_duration is None
    assert rules.requirements == ()
    assert rules.may_repeat is False
    assert rules.categories == ()


def test_round_rules_list_their_categories_in_order():  # §4.1
    rules = RoundRules(
        number=2,
        name="Round 1",
        requirements=(Requirement(category="paganini-caprice"), Requirement(category="bach-solo")),
    )
    assert rules.categories == ("paganini-caprice", "bach-solo")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"number": 0}, ValueError, "number"),
        ({"number": False}, ValueError, "number"),
        ({"min_duration": 0}, ValueError, "positive"),
        ({"max_duration": -60}, ValueError, "positive"),
        ({"max_duration": 1500.0}, ValueError, "positive"),
        ({"min_duration": 1500, "max_duration": 1200}, ValueError, "not be shorter"),
        ({"requirements": [Requirement(category="x")]}, TypeError, "tuple"),
        (
            {"requirements": (Requirement(category="x"), Requirement(category="x", min_count=2))},
            ValueError,
            "one requirement only",
        ),
    ],
)
def test_round_rules_reject_inconsistent_values(kwargs, error, message):  # §4.1
    with pytest.raises(error, match=message):
        RoundRules(**{"number": 1, "name": "Round", **kwargs})


def test_round_rules_accept_an_exact_duration():  # §4.1
    rules = RoundRules(number=1, name="Round", min_duration=1500, max_duration=1500)
    assert rules.max_duration == 1500
