"""The count explained in the reader's language, from the stored result: every branch, in
English (the same facts as the core's own explanation) and in Chinese."""

from fractions import Fraction

import pytest
from django.utils import translation

from concours.assembly.explanation import explain
from concours.voting.rules import Abstentions, Majority, Rule
from concours.voting.tally import Ballot, Channel, Choice, count_votes

MEMBERS = [f"m{n}" for n in range(6)]


def _result(rule, choices, present=6):
    tally = count_votes(
        members=MEMBERS, present=dict.fromkeys(MEMBERS[:present], Channel.ROOM), proxies={},
        votes=[Ballot(member=m, choice=c, channel=Channel.ROOM) for m, c in zip(MEMBERS, choices, strict=False)],
        rule=rule, max_proxies=1,
    )  # fmt: skip
    return tally.to_json()


SIMPLE = Rule(quorum=Fraction(1, 3), majority=Majority.SIMPLE)
Y, N, A = Choice.YES, Choice.NO, Choice.ABSTAIN


@pytest.mark.parametrize(
    ("rule", "choices", "present", "last"),
    [
        (SIMPLE, [Y, Y, Y, N, A], 6, "3 yes: the motion is carried."),
        (SIMPLE, [Y, N], 6, "1 yes: exactly half is not a majority (a tie), so the motion is rejected."),
        (SIMPLE, [A, A], 6, "0 yes: no votes were cast, so the motion is rejected."),
        (SIMPLE, [], 1, "not reached, so the motion cannot be decided."),
        (Rule(quorum=Fraction(1, 2), majority=Majority.ABSOLUTE), [Y, Y, Y, N], 6, "3 yes: exactly half is not a majority (a tie), so the motion is rejected."),
        (Rule(quorum=Fraction(1, 2), majority=Majority.ABSOLUTE), [Y, Y, N, N], 6, "2 yes: the motion is rejected."),
        (Rule(quorum=Fraction(1, 2), majority=Majority.QUALIFIED, abstentions=Abstentions.COUNTED), [Y, Y, Y, Y, N, A], 6, "4 yes: the motion is carried."),
    ],
)  # fmt: skip
def test_each_branch_in_english(rule, choices, present, last):
    result = _result(rule, choices, present)
    with translation.override("en"):
        lines = explain(result)
    assert lines[-1].endswith(last)
    assert lines[0].startswith("6 members are entitled to vote")
    assert len(lines) == (2 if present == 1 else len(result["explanation"]))


def test_fractions_and_abstentions_are_spelt_out():
    rule = Rule(quorum=Fraction(1, 2), majority=Majority.QUALIFIED, abstentions=Abstentions.COUNTED)
    with translation.override("en"):
        lines = explain(_result(rule, [Y, Y, N, N, A]))
    assert "Abstentions count as votes cast: 5 cast." in lines
    assert any("(10/3 (about 3.33)): at least 4 yes." in line for line in lines)


def test_in_chinese():
    with translation.override("zh-hans"):
        lines = explain(_result(SIMPLE, [Y, Y, Y, N, A]))
    assert "动议" in lines[-1]
    assert not any("motion" in line for line in lines)


def test_not_a_result():
    assert explain({}) == []
    assert explain({"rule": {}, "entitled": "x"}) == []
