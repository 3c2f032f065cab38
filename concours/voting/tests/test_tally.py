"""Counting a motion (spec §3–§5)."""

from fractions import Fraction

import pytest

from concours.voting import (
    PRESETS,
    Abstentions,
    Ballot,
    Channel,
    Choice,
    Majority,
    MotionType,
    Outcome,
    Rule,
    VotingError,
    check_proxies,
    count_votes,
)

MEMBERS = ["a", "b", "c", "d", "e", "f"]
ROOM, ONLINE = Channel.ROOM, Channel.ONLINE
YES, NO, ABSTAIN = Choice.YES, Choice.NO, Choice.ABSTAIN
SIMPLE = Rule(quorum=Fraction(1, 3), majority=Majority.SIMPLE)


def ballots(**choices):
    return [Ballot(member, Choice(choice)) for member, choice in choices.items()]


def count(votes, *, rule=SIMPLE, present=None, proxies=None, members=MEMBERS, max_proxies=2):
    return count_votes(
        members=members, present=present or {}, proxies=proxies or {}, votes=votes, rule=rule,
        max_proxies=max_proxies,
    )  # fmt: skip


def test_a_simple_majority_carries_with_more_yes_than_no():  # §5.1
    tally = count(ballots(a="yes", b="yes", c="no", d="abstain"))
    assert (tally.yes, tally.no, tally.abstain, tally.not_voted) == (2, 1, 1, 2)
    assert tally.votes_cast == 3
    assert tally.threshold == Fraction(3, 2)
    assert tally.yes_needed == 2
    assert tally.outcome == Outcome.CARRIED
    assert tally.carried
    assert tally.explanation == (
        "6 members are entitled to vote; 4 present or represented (0 in the room, 4 online, 0 by proxy).",
        "The quorum is 1/3 of the members, so 2 needed: reached.",
        "Votes: 2 yes, 1 no, 1 abstention; 2 members did not vote.",
        "Abstentions do not count as votes cast: 3 votes cast.",
        "A simple majority needs more yes than half of the 3 votes cast (3/2 (about 1.50)): at least 2 yes.",
        "2 yes: the motion is carried.",
    )


def test_a_tie_is_not_carried():  # §5.1
    tally = count(ballots(a="yes", b="no", c="abstain", d="abstain"))
    assert tally.outcome == Outcome.REJECTED
    assert tally.threshold == 1
    assert tally.explanation[-1] == (
        "1 yes: exactly half is not a majority (a tie), so the motion is rejected."
    )
    assert tally.explanation[2] == "Votes: 1 yes, 1 no, 2 abstentions; 2 members did not vote."


def test_zero_votes_cast_is_not_carried():  # §5.1
    tally = count(ballots(a="abstain", b="abstain"))
    assert (tally.votes_cast, tally.yes_needed, tally.outcome) == (0, 1, Outcome.REJECTED)
    assert tally.explanation[3] == "Abstentions do not count as votes cast: 0 votes cast."
    assert tally.explanation[-1] == "0 yes: no votes were cast, so the motion is rejected."


def test_zero_votes_cast_under_a_qualified_majority_is_not_carried():  # §5.1
    rule = PRESETS[MotionType.ADMISSION]
    tally = count(ballots(a="abstain", b="abstain", c="abstain"), rule=rule)
    assert tally.threshold == 0
    assert tally.yes_needed == 1
    assert tally.outcome == Outcome.REJECTED


def test_counted_abstentions_weigh_like_no():  # §2.3
    rule = Rule(quorum=Fraction(0), majority=Majority.SIMPLE, abstentions=Abstentions.COUNTED)
    tally = count(ballots(a="yes", b="yes", c="no", d="abstain"), rule=rule)
    assert tally.votes_cast == 4
    assert tally.outcome == Outcome.REJECTED
    assert tally.explanation[3] == "Abstentions count as votes cast: 4 votes cast."


def test_a_qualified_majority_needs_two_thirds_of_votes_cast():  # §5.1
    rule = PRESETS[MotionType.ADMISSION]
    carried = count(ballots(a="yes", b="yes", c="no", d="abstain"), rule=rule)
    assert (carried.threshold, carried.strict, carried.yes_needed) == (2, False, 2)
    assert carried.outcome == Outcome.CARRIED
    assert carried.explanation[4] == (
        "A majority of 2/3 needs at least 2/3 of the 3 votes cast (2): at least 2 yes."
    )
    rejected = count(ballots(a="yes", b="yes", c="no", d="no"), rule=rule)
    assert rejected.threshold == Fraction(8, 3)
    assert rejected.yes_needed == 3
    assert rejected.outcome == Outcome.REJECTED
    assert rejected.explanation[-1] == "2 yes: the motion is rejected."


def test_an_absolute_majority_counts_every_member_entitled():  # §5.1
    rule = Rule(quorum=Fraction(0), majority=Majority.ABSOLUTE)
    tally = count(ballots(a="yes", b="yes", c="yes"), rule=rule)
    assert (tally.base, tally.threshold, tally.yes_needed) == (6, 3, 4)
    assert tally.outcome == Outcome.REJECTED
    assert tally.explanation[3] == (
        "An absolute majority needs more yes than half of the 6 members (3): at least 4 yes."
    )
    assert tally.explanation[-1] == (
        "3 yes: exactly half is not a majority (a tie), so the motion is rejected."
    )
    nobody = count([], rule=rule, members=["a"])
    assert nobody.explanation[-1] == "0 yes: the motion is rejected."
    assert nobody.explanation[0] == (
        "1 member is entitled to vote; 0 present or represented (0 in the room, 0 online, 0 by proxy)."
    )


def test_no_quorum_decides_nothing():  # §4
    rule = PRESETS[MotionType.ADMISSION]  # quorum 1/2 of 6 = 3
    tally = count(ballots(a="yes", b="yes"), rule=rule)
    assert (tally.quorum_needed, tally.quorum_reached) == (3, False)
    assert tally.outcome == Outcome.NO_QUORUM
    assert tally.explanation[-1] == (
        "The quorum is 1/2 of the members, so 3 needed: not reached, so the motion cannot be decided."
    )


def test_the_quorum_is_reached_exactly_at_the_line():  # §4
    rule = Rule(quorum=Fraction(1, 2), majority=Majority.SIMPLE)
    tally = count([], rule=rule, present={"a": ROOM, "b": ROOM, "c": ONLINE})
    assert (tally.in_room, tally.online, tally.present_or_represented) == (2, 1, 3)
    assert tally.quorum_reached
    # 7 members: the line is 7/2, so 4 are needed.
    seven = count(
        [], rule=rule, members=[*MEMBERS, "g"], present={"a": ROOM, "b": ROOM, "c": ONLINE}
    )
    assert (seven.quorum_needed, seven.quorum_reached) == (4, False)


def test_a_proxy_represents_an_absent_member_whose_holder_is_present():  # §3, §4
    tally = count([], present={"a": ROOM}, proxies={"b": "a", "c": "d"})
    assert (tally.in_room, tally.by_proxy) == (1, 1)  # d is absent, so c is not represented


def test_a_proxy_vote_counts_for_the_member_and_shows_the_holder_present():  # §4
    votes = [Ballot("b", YES, by_proxy=True, channel=ROOM), Ballot("a", NO, channel=ROOM)]
    tally = count(votes, proxies={"b": "a"})
    assert (tally.yes, tally.no, tally.in_room, tally.by_proxy) == (1, 1, 1, 1)


def test_a_member_voting_directly_overrides_its_proxy():  # §4
    votes = [Ballot("b", YES, by_proxy=True), Ballot("b", NO), Ballot("a", NO)]
    tally = count(votes, proxies={"b": "a"})
    assert (tally.yes, tally.no, tally.by_proxy, tally.online) == (0, 2, 0, 2)


def test_a_member_present_itself_is_not_counted_as_represented():  # §4
    tally = count([], present={"a": ROOM, "b": ONLINE}, proxies={"b": "a"})
    assert (tally.in_room, tally.online, tally.by_proxy) == (1, 1, 0)


@pytest.mark.parametrize(
    ("proxies", "max_proxies", "message"),
    [
        ({"a": "z"}, 2, "proxy: z is not a member entitled to vote"),
        ({"z": "a"}, 2, "proxy: z is not a member entitled to vote"),
        ({"a": "a"}, 2, "proxy: a cannot hold its own proxy"),
        ({"a": "b", "b": "c"}, 2, "proxy: b gave its own proxy away and cannot hold a's"),
        ({"a": "d", "b": "d", "c": "d"}, 2, "proxy: d may hold at most 2 proxies"),
        ({"a": "d"}, 0, "proxy: d may hold at most 0 proxies"),
        ({"a": "d", "b": "d"}, 1, "proxy: d may hold at most 1 proxy"),
        ({}, -1, "max_proxies: cannot be negative, found -1"),
    ],
)
def test_proxies_outside_the_rules_are_refused(proxies, max_proxies, message):  # §3
    with pytest.raises(VotingError) as raised:
        check_proxies(members=MEMBERS, proxies=proxies, max_proxies=max_proxies)
    assert str(raised.value) == message


def test_proxies_within_the_limit_pass():  # §3
    check_proxies(members=MEMBERS, proxies={"a": "d", "b": "d"}, max_proxies=2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"members": []}, "members: no member is entitled to vote"),
        ({"present": {"z": ROOM}}, "presence: z is not a member entitled to vote"),
        ({"votes": [Ballot("z", YES)]}, "vote: z is not a member entitled to vote"),
        ({"votes": [Ballot("a", YES, by_proxy=True)]}, "vote: a gave no proxy"),
        ({"votes": [Ballot("a", YES), Ballot("a", NO)]}, "vote: a voted twice"),
        ({"votes": [Ballot("b", YES, by_proxy=True)] * 2, "proxies": {"b": "a"}}, "vote: b voted twice"),
    ],
)  # fmt: skip
def test_bad_input_is_refused(kwargs, message):  # §3
    votes = kwargs.pop("votes", [])
    with pytest.raises(VotingError) as raised:
        count(votes, **kwargs)
    assert str(raised.value) == message


def test_to_json_is_the_published_snapshot():  # §5.3
    tally = count(ballots(a="yes", b="no", c="yes"), present={"d": ROOM}, proxies={"e": "d"})
    data = tally.to_json()
    assert data == {
        "rule": SIMPLE.to_json(), "entitled": 6, "in_room": 1, "online": 3, "by_proxy": 1,
        "present_or_represented": 5, "quorum_needed": 2, "quorum_reached": True, "yes": 2,
        "no": 1, "abstain": 0, "not_voted": 3, "votes_cast": 3, "base": 3, "threshold": "3/2",
        "strict": True, "yes_needed": 2, "outcome": "carried", "explanation": list(tally.explanation),
    }  # fmt: skip
