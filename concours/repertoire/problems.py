"""What can be wrong with a programme, as stable codes with parameters (spec §6, §8, §10).

The Django side renders a translated message from ``code`` and ``params``; ``Problem.message``
is the English rendering from exactly the same parameters, so nothing else is needed to say
what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class ProblemCode(StrEnum):
    """The kinds of problem, in the order a report lists them within a round (spec §8)."""

    EMPTY_PROGRAMME = "empty_programme"
    BAD_DURATION = "bad_duration"
    UNKNOWN_CATEGORY = "unknown_category"
    DUPLICATE_IN_ROUND = "duplicate_in_round"
    REPEATED_PIECE = "repeated_piece"
    MISSING_CATEGORY = "missing_category"
    TOO_MANY_IN_CATEGORY = "too_many_in_category"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"

    @property
    def rank(self) -> int:
        """Position in the order of §8."""
        return list(ProblemCode).index(self)


Params = Mapping[str, int | str]


def _pieces(count: int) -> str:
    return "1 piece" if count == 1 else f"{count} pieces"


def _has(count: int) -> str:
    return "none" if count == 0 else str(count)


def _empty_programme(p: Params) -> str:
    return "{round} has no pieces yet.".format(**p)


def _bad_duration(p: Params) -> str:
    return (
        "Piece {piece} of {round} (“{title}”) has no valid duration; enter it as m:ss, "
        "such as 4:30."
    ).format(**p)


def _unknown_category(p: Params) -> str:
    known = f"its categories are {p['known']}" if p["known"] else "it has no categories"
    return (
        "Piece {piece} of {round} (“{title}”) has the category “{category}”, which {round} "
        "does not know ({known})."
    ).format(**{**p, "known": known})


def _duplicate_in_round(p: Params) -> str:
    return (
        "Piece {piece} of {round} (“{title}”) is the same as piece {first_piece}; "
        "a round may not contain a piece twice."
    ).format(**p)


def _repeated_piece(p: Params) -> str:
    return (
        "Piece {piece} of {round} (“{title}”) is already in the programme of {earlier_round} "
        "(piece {earlier_piece}); {round} may not repeat pieces of earlier rounds."
    ).format(**p)


def _missing_category(p: Params) -> str:
    minimum, count = int(p["minimum"]), int(p["count"])
    return (
        f"{p['round']} needs at least {_pieces(minimum)} in category “{p['category']}”; "
        f"the programme has {_has(count)}."
    )


def _too_many_in_category(p: Params) -> str:
    maximum, count = int(p["maximum"]), int(p["count"])
    return (
        f"{p['round']} allows at most {_pieces(maximum)} in category “{p['category']}”; "
        f"the programme has {count} ({count - maximum} too many)."
    )


def _too_short(p: Params) -> str:
    return "{round} lasts {duration}; the minimum is {minimum} ({shortfall} too short).".format(**p)


def _too_long(p: Params) -> str:
    return "{round} lasts {duration}; the maximum is {maximum} ({excess} too long).".format(**p)


_RENDER: Mapping[ProblemCode, Callable[[Params], str]] = MappingProxyType(
    {
        ProblemCode.EMPTY_PROGRAMME: _empty_programme,
        ProblemCode.BAD_DURATION: _bad_duration,
        ProblemCode.UNKNOWN_CATEGORY: _unknown_category,
        ProblemCode.DUPLICATE_IN_ROUND: _duplicate_in_round,
        ProblemCode.REPEATED_PIECE: _repeated_piece,
        ProblemCode.MISSING_CATEGORY: _missing_category,
        ProblemCode.TOO_MANY_IN_CATEGORY: _too_many_in_category,
        ProblemCode.TOO_SHORT: _too_short,
        ProblemCode.TOO_LONG: _too_long,
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing to fix in the programme of round ``round`` (its number).

    ``piece_index`` is the 0-based position of the piece concerned in that round's programme
    (``None`` for a problem of the whole programme); ``params["piece"]`` is the same position
    counted from 1, as people count. ``params`` holds plain ``int`` and ``str`` values only
    (spec §10).
    """

    code: ProblemCode
    round: int
    piece_index: int | None = None
    params: Params = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @property
    def message(self) -> str:
        """The English message, rendered from ``code`` and ``params`` alone (spec §10)."""
        return _RENDER[self.code](self.params)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Round, then kind, then piece (whole-programme problems first) (spec §8)."""
        return (self.round, self.code.rank, -1 if self.piece_index is None else self.piece_index)
