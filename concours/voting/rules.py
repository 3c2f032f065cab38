"""Motion types' rules (spec §2): the quorum and the majority a motion needs, stored as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType


class VotingError(ValueError):
    """Input the count cannot take (a bad rule, a vote by a non-member, too many proxies…); the
    message says which, in plain words."""


class Majority(StrEnum):
    """What “carried” means (§2.2)."""

    #: More yes than half of the votes cast.
    SIMPLE = "simple"
    #: More yes than half of the members entitled to vote, whoever came.
    ABSOLUTE = "absolute"
    #: At least ``fraction`` (e.g. 2/3) of the votes cast are yes.
    QUALIFIED = "qualified"


class Abstentions(StrEnum):
    """How abstentions weigh (§2.3)."""

    #: Not votes cast: neither for nor against (the usual rule).
    EXCLUDED = "excluded"
    #: Votes cast: they raise the threshold, so they weigh like a no.
    COUNTED = "counted"


HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)


def parse_fraction(value: object, field: str) -> Fraction:
    """A fraction from ``"2/3"``, ``"1"`` or a whole number; never from a float (inexact)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise VotingError(f"{field}: a fraction such as “2/3” is needed")
    try:
        parsed = Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise VotingError(f"{field}: “{value}” is not a fraction such as “2/3”") from None
    if not 0 <= parsed <= 1:
        raise VotingError(f"{field}: must lie between 0 and 1, found {parsed}")
    return parsed


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A motion type's rule. ``quorum``: the part of the members entitled to vote who must be
    present or represented. ``fraction`` is used by the qualified majority only."""

    quorum: Fraction
    majority: Majority
    fraction: Fraction = TWO_THIRDS
    abstentions: Abstentions = Abstentions.EXCLUDED

    def __post_init__(self) -> None:
        if not 0 <= self.quorum <= 1:
            raise VotingError(f"quorum: must lie between 0 and 1, found {self.quorum}")
        if self.majority == Majority.QUALIFIED and not HALF < self.fraction <= 1:
            raise VotingError(
                f"fraction: a qualified majority is more than 1/2 and at most 1, found {self.fraction}"
            )

    def to_json(self) -> dict[str, str]:
        return {
            "quorum": str(self.quorum),
            "majority": self.majority.value,
            "fraction": str(self.fraction),
            "abstentions": self.abstentions.value,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Rule:
        """Read ``to_json``'s form back; ``fraction`` and ``abstentions`` may be left out."""
        if not isinstance(data, Mapping):
            raise VotingError("rule: a JSON object is needed")
        unknown = sorted(set(data) - {"quorum", "majority", "fraction", "abstentions"})
        if unknown:
            raise VotingError(f"rule: unknown fields {', '.join(unknown)}")
        if "quorum" not in data or "majority" not in data:
            raise VotingError("rule: “quorum” and “majority” are needed")
        try:
            majority = Majority(str(data["majority"]))
        except ValueError:
            raise VotingError(
                f"majority: one of {', '.join(m.value for m in Majority)}, found {data['majority']}"
            ) from None
        try:
            abstentions = Abstentions(str(data.get("abstentions", Abstentions.EXCLUDED.value)))
        except ValueError:
            raise VotingError(
                f"abstentions: “excluded” or “counted”, found {data['abstentions']}"
            ) from None
        return cls(
            quorum=parse_fraction(data["quorum"], "quorum"),
            majority=majority,
            fraction=parse_fraction(data.get("fraction", "2/3"), "fraction"),
            abstentions=abstentions,
        )


class MotionType(StrEnum):
    """The kinds of motion with a preset rule (§2.4)."""

    ORDINARY = "ordinary"
    ADMISSION = "admission"
    STATUTES = "statutes"


#: Our default rules (§2.4); an assembly may store others.
PRESETS: Mapping[MotionType, Rule] = MappingProxyType(
    {
        MotionType.ORDINARY: Rule(quorum=Fraction(1, 3), majority=Majority.SIMPLE),
        MotionType.ADMISSION: Rule(quorum=HALF, majority=Majority.QUALIFIED, fraction=TWO_THIRDS),
        MotionType.STATUTES: Rule(
            quorum=HALF,
            majority=Majority.QUALIFIED,
            fraction=TWO_THIRDS,
            abstentions=Abstentions.COUNTED,
        ),
    }
)
