"""Counting the votes on one motion (spec §3–§5): who is present or represented, the quorum,
the counts, the threshold, the outcome and an explanation in plain words."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from concours.voting.rules import Abstentions, Majority, Rule, VotingError


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class Channel(StrEnum):
    """How a member's delegate takes part: in the room or online (§1)."""

    ROOM = "room"
    ONLINE = "online"


class Outcome(StrEnum):
    CARRIED = "carried"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"


@dataclass(frozen=True, slots=True)
class Ballot:
    """One member's vote, cast by its own delegate or (``by_proxy``) by the holder of its proxy,
    through ``channel``."""

    member: str
    choice: Choice
    by_proxy: bool = False
    channel: Channel = Channel.ONLINE


@dataclass(frozen=True, slots=True, kw_only=True)
class Tally:
    """The count of one motion (§5); ``to_json`` is what is stored and published."""

    rule: Rule
    entitled: int
    in_room: int
    online: int
    by_proxy: int
    quorum_needed: int
    quorum_reached: bool
    yes: int
    no: int
    abstain: int
    not_voted: int
    votes_cast: int
    base: int
    threshold: Fraction
    strict: bool
    yes_needed: int
    outcome: Outcome
    explanation: tuple[str, ...] = field(default=())

    @property
    def present_or_represented(self) -> int:
        return self.in_room + self.online + self.by_proxy

    @property
    def carried(self) -> bool:
        return self.outcome == Outcome.CARRIED

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule.to_json(),
            "entitled": self.entitled,
            "in_room": self.in_room,
            "online": self.online,
            "by_proxy": self.by_proxy,
            "present_or_represented": self.present_or_represented,
            "quorum_needed": self.quorum_needed,
            "quorum_reached": self.quorum_reached,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "not_voted": self.not_voted,
            "votes_cast": self.votes_cast,
            "base": self.base,
            "threshold": str(self.threshold),
            "strict": self.strict,
            "yes_needed": self.yes_needed,
            "outcome": self.outcome.value,
            "explanation": list(self.explanation),
        }


def check_proxies(
    *, members: Collection[str], proxies: Mapping[str, str], max_proxies: int
) -> None:
    """Refuse proxies the rules do not allow (§3): between members entitled to vote, never to
    oneself, never passed on (a holder gives none), at most ``max_proxies`` per holder."""
    if max_proxies < 0:
        raise VotingError(f"max_proxies: cannot be negative, found {max_proxies}")
    held: dict[str, int] = {}
    for giver, holder in sorted(proxies.items()):
        for member in (giver, holder):
            if member not in members:
                raise VotingError(f"proxy: {member} is not a member entitled to vote")
        if giver == holder:
            raise VotingError(f"proxy: {giver} cannot hold its own proxy")
        if holder in proxies:
            raise VotingError(f"proxy: {holder} gave its own proxy away and cannot hold {giver}'s")
        held[holder] = held.get(holder, 0) + 1
        if held[holder] > max_proxies:
            raise VotingError(
                f"proxy: {holder} may hold at most {max_proxies} "
                f"{_plural(max_proxies, 'proxy', 'proxies')}"
            )


def _effective_ballots(
    members: Collection[str], proxies: Mapping[str, str], votes: Sequence[Ballot]
) -> dict[str, Ballot]:
    """One ballot per member: its own if it voted, else its proxy holder's (§4)."""
    direct: dict[str, Ballot] = {}
    by_proxy: dict[str, Ballot] = {}
    for ballot in votes:
        if ballot.member not in members:
            raise VotingError(f"vote: {ballot.member} is not a member entitled to vote")
        if ballot.by_proxy and ballot.member not in proxies:
            raise VotingError(f"vote: {ballot.member} gave no proxy")
        kept = by_proxy if ballot.by_proxy else direct
        if ballot.member in kept:
            raise VotingError(f"vote: {ballot.member} voted twice")
        kept[ballot.member] = ballot
    return {**by_proxy, **direct}


def count_votes(
    *,
    members: Collection[str],
    present: Mapping[str, Channel],
    proxies: Mapping[str, str],
    votes: Sequence[Ballot],
    rule: Rule,
    max_proxies: int,
) -> Tally:
    """Count one motion. ``members``: those entitled to vote; ``present``: members whose
    delegate is present, and how; ``proxies``: giver → holder; ``votes``: the ballots."""
    if not members:
        raise VotingError("members: no member is entitled to vote")
    for member in present:
        if member not in members:
            raise VotingError(f"presence: {member} is not a member entitled to vote")
    check_proxies(members=members, proxies=proxies, max_proxies=max_proxies)
    ballots = _effective_ballots(members, proxies, votes)

    # §4: a vote shows its voter took part; a proxy vote shows its holder did.
    attending = dict(present)
    for ballot in votes:
        voter = proxies[ballot.member] if ballot.by_proxy else ballot.member
        attending.setdefault(voter, ballot.channel)
    represented = {
        giver for giver, holder in proxies.items() if giver not in attending and holder in attending
    }
    in_room = sum(1 for channel in attending.values() if channel == Channel.ROOM)
    online = len(attending) - in_room
    entitled = len(members)
    quorum_line = rule.quorum * entitled
    quorum_needed = math.ceil(quorum_line)
    quorum_reached = len(attending) + len(represented) >= quorum_line

    choices = [ballot.choice for ballot in ballots.values()]
    yes, no, abstain = (choices.count(choice) for choice in Choice)
    votes_cast = yes + no + (abstain if rule.abstentions == Abstentions.COUNTED else 0)
    base = entitled if rule.majority == Majority.ABSOLUTE else votes_cast
    strict = rule.majority != Majority.QUALIFIED
    fraction = rule.fraction if rule.majority == Majority.QUALIFIED else Fraction(1, 2)
    threshold = fraction * base
    yes_needed = max(1, math.floor(threshold) + 1 if strict else math.ceil(threshold))

    if not quorum_reached:
        outcome = Outcome.NO_QUORUM
    elif yes >= yes_needed:
        outcome = Outcome.CARRIED
    else:
        outcome = Outcome.REJECTED
    tally = Tally(
        rule=rule, entitled=entitled, in_room=in_room, online=online, by_proxy=len(represented),
        quorum_needed=quorum_needed, quorum_reached=quorum_reached, yes=yes, no=no,
        abstain=abstain, not_voted=entitled - len(ballots), votes_cast=votes_cast, base=base,
        threshold=threshold, strict=strict, yes_needed=yes_needed, outcome=outcome,
    )  # fmt: skip
    return dataclasses.replace(tally, explanation=explain(tally))


def _plural(count: int | Fraction, one: str, many: str) -> str:
    return one if count == 1 else many


def _number(value: Fraction) -> str:
    """``3``, or ``8/3`` (about 2.67) for a fraction that is not whole."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value} (about {float(value):.2f})"


def explain(tally: Tally) -> tuple[str, ...]:
    """The count in plain English sentences (§5.2)."""
    rule = tally.rule
    lines = [
        f"{tally.entitled} {_plural(tally.entitled, 'member is', 'members are')} entitled to "
        f"vote; {tally.present_or_represented} present or represented ({tally.in_room} in the "
        f"room, {tally.online} online, {tally.by_proxy} by proxy).",
    ]
    quorum = f"The quorum is {rule.quorum} of the members, so {tally.quorum_needed} needed"
    if not tally.quorum_reached:
        lines.append(f"{quorum}: not reached, so the motion cannot be decided.")
        return tuple(lines)
    lines.append(f"{quorum}: reached.")
    lines.append(
        f"Votes: {tally.yes} yes, {tally.no} no, {tally.abstain} "
        f"{_plural(tally.abstain, 'abstention', 'abstentions')}; {tally.not_voted} "
        f"{_plural(tally.not_voted, 'member', 'members')} did not vote."
    )
    if rule.majority != Majority.ABSOLUTE:
        counted = "count" if rule.abstentions == Abstentions.COUNTED else "do not count"
        lines.append(
            f"Abstentions {counted} as votes cast: {tally.votes_cast} "
            f"{_plural(tally.votes_cast, 'vote', 'votes')} cast."
        )
    if rule.majority == Majority.SIMPLE:
        need = f"A simple majority needs more yes than half of the {tally.base} votes cast"
    elif rule.majority == Majority.ABSOLUTE:
        need = f"An absolute majority needs more yes than half of the {tally.base} members"
    else:
        need = f"A majority of {rule.fraction} needs at least {rule.fraction} of the {tally.base} votes cast"
    lines.append(f"{need} ({_number(tally.threshold)}): at least {tally.yes_needed} yes.")
    if tally.carried:
        verdict = "the motion is carried."
    elif tally.votes_cast == 0 and rule.majority != Majority.ABSOLUTE:
        verdict = "no votes were cast, so the motion is rejected."
    elif tally.strict and tally.yes == tally.threshold:
        verdict = "exactly half is not a majority (a tie), so the motion is rejected."
    else:
        verdict = "the motion is rejected."
    lines.append(f"{tally.yes} yes: {verdict}")
    return tuple(lines)
