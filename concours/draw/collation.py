"""The alphabetical order of candidates (spec §4): names folded to a sort key without accents,
case or punctuation, compared code point by code point."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from concours.draw.model import Candidate

#: Latin letters that Unicode does not decompose into a base letter and an accent (spec §4).
SPECIAL_LETTERS = {
    "ß": "ss",
    "ẞ": "ss",
    "Æ": "ae",
    "æ": "ae",
    "Œ": "oe",
    "œ": "oe",
    "Ø": "o",
    "ø": "o",
    "Ł": "l",
    "ł": "l",
    "Đ": "d",
    "đ": "d",
    "Ð": "d",
    "ð": "d",
    "Þ": "th",
    "þ": "th",
    "ı": "i",
    "Ħ": "h",
    "ħ": "h",
    "Ŧ": "t",
    "ŧ": "t",
    "Ŋ": "n",
    "ŋ": "n",
}

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def fold(text: str) -> str:
    """The sort key of one name (spec §4): decompose (NFKD), drop the accents (category Mn),
    spell out the special letters, lower-case A–Z, keep only letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    for character in decomposed:
        if unicodedata.category(character) == "Mn":
            continue
        character = SPECIAL_LETTERS.get(character, character)
        if "A" <= character <= "Z":
            character = character.lower()
        kept.extend(c for c in character if unicodedata.category(c)[0] in "LN")
    return "".join(kept)


def sort_key(candidate: Candidate) -> tuple[str, str, str]:
    """Family name, then given name, then id: every candidate has a different key."""
    return fold(candidate.family_name), fold(candidate.given_name), candidate.id


def alphabetical(candidates: Sequence[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=sort_key)


def from_letter(candidates: Sequence[Candidate], letter: str) -> list[Candidate]:
    """The Chopin order (spec §5.2): alphabetical, starting with the first candidate whose folded
    family name is not before ``letter``, wrapping round to the start of the alphabet."""
    ordered = alphabetical(candidates)
    start = letter.lower()
    first = next((i for i, c in enumerate(ordered) if fold(c.family_name) >= start), 0)
    return ordered[first:] + ordered[:first]
