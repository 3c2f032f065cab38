"""Voting at the General Assembly as a pure core.

No Django here (a test enforces it): plain values in, plain values out. Given the members
entitled to vote, who is present or represented, the proxies, the ballots and a motion type's
rule, it says whether the quorum is reached, counts the votes with exact fractions, and says
whether the motion is carried, with an explanation in plain words. Specified in
``docs/algorithms/voting.md``.
"""

from concours.voting.rules import (
    PRESETS,
    Abstentions,
    Majority,
    MotionType,
    Rule,
    VotingError,
    parse_fraction,
)
from concours.voting.tally import (
    Ballot,
    Channel,
    Choice,
    Outcome,
    Tally,
    check_proxies,
    count_votes,
    explain,
)

__all__ = [
    "PRESETS",
    "Abstentions",
    "Ballot",
    "Channel",
    "Choice",
    "Majority",
    "MotionType",
    "Outcome",
    "Rule",
    "Tally",
    "VotingError",
    "check_proxies",
    "count_votes",
    "explain",
    "parse_fraction",
]
