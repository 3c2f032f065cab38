"""A piece of a candidate's programme, and the identity used to find repeats (spec §3)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: Signs kept as words of their own, so that “F♯ minor” is not “F minor” (spec §3.2).
_SHARP = "♯"
_FLAT = "♭"
_SIGNS = {"#": _SHARP, _SHARP: _SHARP, _FLAT: _FLAT}

#: The separator of the three parts of a key; punctuation, so never inside a word.
KEY_SEPARATOR = " / "


def _kind(char: str) -> str:
    """``L`` letters and marks, ``N`` digits and other numbers, ``S`` a sharp or flat sign, or
    ``-`` for anything that separates words (spaces, punctuation, other symbols)."""
    if char in _SIGNS:
        return "S"
    category = unicodedata.category(char)
    if category[0] in "LM":
        return "L"
    if category[0] == "N":
        return "N"
    return "-"


def normalise(text: str) -> str:
    """The words of ``text`` for comparison (spec §3.2).

    NFKC, then case folding (NFKC again, since folding may undo it), then split into words: runs
    of letters, runs of digits (so ``Op.64`` and ``Op 64`` agree) and sharp/flat signs; all
    spaces, punctuation and other symbols only separate words. The words are joined by one space.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    words: list[str] = []
    current: list[str] = []
    current_kind = "-"
    for char in folded:
        kind = _kind(char)
        if kind != current_kind or kind == "S":
            if current:
                words.append("".join(current))
            current = []
            current_kind = kind
        if kind == "S":
            words.append(_SIGNS[char])
        elif kind != "-":
            current.append(char)
    if current:
        words.append("".join(current))
    return " ".join(words)


def _display(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    """One entry of a programme (spec §3.1).

    ``duration`` is in whole seconds (see ``parse_duration``), or ``None`` while the candidate
    has not given a valid one (reported as ``bad_duration``, spec §6.2). ``categories`` are the
    category codes the piece is tagged with; a piece counts in every one of them (spec §5).
    """

    composer: str
    work: str
    movements: str = ""
    duration: int | None = None
    categories: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not normalise(self.composer):
            raise ValueError("a piece needs a composer with at least one letter or digit")
        if not normalise(self.work):
            raise ValueError("a piece needs a work title with at least one letter or digit")
        if self.duration is not None and (isinstance(self.duration, bool) or self.duration <= 0):
            raise ValueError("a piece's duration must be a positive number of seconds or None")
        if not isinstance(self.categories, frozenset):
            raise TypeError("categories must be a frozenset of category codes")

    @property
    def key(self) -> str:
        """The identity of the piece: normalised composer, work and movements (spec §3.2)."""
        return KEY_SEPARATOR.join(
            (normalise(self.composer), normalise(self.work), normalise(self.movements))
        )

    @property
    def title(self) -> str:
        """“Composer: Work (movements)”, with runs of spaces collapsed, for messages."""
        title = f"{_display(self.composer)}: {_display(self.work)}"
        movements = _display(self.movements)
        return f"{title} ({movements})" if movements else title
