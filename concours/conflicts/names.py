"""Whether a teacher's name, as a candidate typed it, names a juror (spec §3), and whether two
institutions are the same (spec §4).

Names are compared on normalised forms: Latin-script words (case, accents and German umlaut
spellings folded, titles dropped, any order) and a CJK form (Chinese, Japanese, Korean characters
written together, titles such as 教授 or 老师 dropped). The rules are exact and documented; the
office decides on every flag, so the rules lean towards a match where a person is plausibly
the same, and never match on a family name alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class NameMatch(StrEnum):
    """How a typed name relates to one of a juror's names (§3)."""

    MATCH = "match"
    PARTIAL = "partial"
    NONE = "none"


#: Letters that Unicode decomposition does not reduce to a base letter (§3.2).
_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
)
#: German umlauts are also written ae, oe, ue: both spellings fold to the plain vowel (§3.2).
_FOLDS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_APOSTROPHES = frozenset("'’ʼ`´")
_HYPHENS = frozenset("-‐‑")
#: "h.c." (honoris causa) would otherwise read as two initials.
_HONORIS_CAUSA = re.compile(r"\bh\.\s*c\.", re.IGNORECASE)
_LATIN_TITLES = (
    "prof professor professorin professore professoressa profesor profesora univ "
    "dr doctor doktor docteur dott phd dma hab mag emeritus emerita "
    "mr mrs ms miss mister madame mme mademoiselle mlle monsieur herr frau "
    "maestro maestra sir dame"
)
_CJK_TITLES = (
    "副教授",
    "教授",
    "老师",
    "老師",
    "先生",
    "女士",
    "小姐",
    "博士",
    "导师",
    "導師",
    "大师",
    "大師",
)
_INSTITUTION_STOPWORDS = "the of for and und fur de di du des der la le"


@lru_cache(maxsize=65536)
def _is_cjk(char: str) -> bool:
    if char < "\u1100" or not unicodedata.category(char).startswith("L"):
        return False
    return unicodedata.name(char, "").startswith(
        ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA", "HANGUL")
    )


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One Latin-script word in its compared form (§3.2): lower case, no accents, umlaut
    spellings folded (Krüger, Kruger and Krueger are all ``kruger``)."""
    text = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    text = "".join(char for char in text if char.isalpha() and not _is_cjk(char))
    for spelled, folded in _FOLDS:
        text = text.replace(spelled, folded)
    return text


_TITLE_WORDS = frozenset(fold_word(word) for word in _LATIN_TITLES.split())
_STOPWORDS = frozenset(fold_word(word) for word in _INSTITUTION_STOPWORDS.split())


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name in its compared forms (§3.1): ``variants`` are the Latin-script word lists (hyphens
    as word breaks, and hyphens joined, when they differ), ``cjk`` the CJK characters together."""

    text: str
    variants: tuple[tuple[str, ...], ...]
    cjk: str

    def lookup_keys(self) -> frozenset[str]:
        """Strings one of a juror's :meth:`index_keys` shares whenever the names match or
        partly match (used to compare a typed name with few jurors only)."""
        keys = {word for words in self.variants for word in words if len(word) > 1}
        keys.update(join for words in self.variants for join in _rotations(words))
        if self.cjk:
            keys.add(self.cjk)
        return frozenset(keys)

    def index_keys(self) -> frozenset[str]:
        keys = {word for words in self.variants for word in words if len(word) > 1}
        keys.update(join for words in self.variants for join in _rotations(words))
        keys.update(self.cjk[:end] for end in range(1, len(self.cjk) + 1))
        return frozenset(keys)


def _split(text: str, *, titles: bool) -> tuple[list[str], list[str], str]:
    """Latin words with hyphens as breaks, with hyphens joined, and the CJK characters."""
    text = unicodedata.normalize("NFKC", text)
    if titles:
        text = _HONORIS_CAUSA.sub(" ", text)
    latin: list[str] = []
    cjk: list[str] = []
    for char in text:
        if _is_cjk(char):
            cjk.append(char)
            latin.append(" ")
        elif char in _APOSTROPHES:
            continue
        elif char in _HYPHENS:
            latin.append("-")
        elif char.isalpha() or unicodedata.category(char).startswith("M"):
            latin.append(char)
        else:
            latin.append(" ")
    joined = "".join(latin)
    return joined.replace("-", " ").split(), joined.replace("-", "").split(), "".join(cjk)


def _words(raw: Iterable[str], drop: frozenset[str]) -> tuple[str, ...]:
    folded = (fold_word(word) for word in raw)
    return tuple(word for word in folded if word and word not in drop)


def _strip_cjk_titles(cjk: str) -> str:
    changed = True
    while changed:
        changed = False
        for title in _CJK_TITLES:
            if cjk.endswith(title):
                cjk, changed = cjk[: -len(title)], True
            if cjk.startswith(title):
                cjk, changed = cjk[len(title) :], True
    return cjk


@lru_cache(maxsize=16384)
def parse_name(text: str) -> ParsedName:
    """The compared forms of a person's name (§3.1)."""
    split, joined, cjk = _split(text, titles=True)
    variants = tuple(dict.fromkeys((_words(split, _TITLE_WORDS), _words(joined, _TITLE_WORDS))))
    return ParsedName(
        text=text,
        variants=tuple(words for words in variants if words),
        cjk=_strip_cjk_titles(cjk),
    )


def _rotations(words: tuple[str, ...]) -> list[str]:
    """A name of several words written as one: "Wang Jian" is ``wangjian`` or ``jianwang``."""
    if len(words) < 2:
        return []
    return [_fold("".join(words[start:] + words[:start])) for start in range(len(words))]


def _fold(word: str) -> str:
    for spelled, folded in _FOLDS:
        word = word.replace(spelled, folded)
    return word


def _compatible(left: str, right: str) -> bool:
    """An initial stands for any word with that first letter (§3.3)."""
    return left[0] == right[0] and (len(left) == 1 or len(right) == 1)


def _cover_with_initials(left: list[str], right: list[str]) -> bool:
    """Whether every word of ``left`` pairs with a different word of ``right`` (a bipartite
    matching by augmenting paths; names have few words)."""
    owner: dict[int, int] = {}

    def augment(index: int, seen: set[int]) -> bool:
        for position, word in enumerate(right):
            if position in seen or not _compatible(left[index], word):
                continue
            seen.add(position)
            if position not in owner or augment(owner[position], seen):
                owner[position] = index
                return True
        return False

    return all(augment(index, set()) for index in range(len(left)))


def _words_match(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """The Latin-script rule of §3.3."""
    if len(first) == 1 or len(second) == 1:
        single, other = (first, second) if len(first) == 1 else (second, first)
        word = single[0]
        if len(word) < 2:
            return False
        if len(other) == 1:
            return word == other[0]
        return word in _rotations(other)
    shorter, longer = sorted((first, second), key=len)
    remaining = list(longer)
    unmatched: list[str] = []
    whole = 0
    for word in shorter:
        if len(word) > 1 and word in remaining:
            remaining.remove(word)
            whole += 1
        else:
            unmatched.append(word)
    return whole > 0 and _cover_with_initials(unmatched, remaining)


def compare_parsed(typed: ParsedName, name: ParsedName) -> NameMatch:
    """:func:`compare_names` on parsed names."""
    if len(typed.cjk) >= 2 and typed.cjk == name.cjk:
        return NameMatch.MATCH
    if any(_words_match(a, b) for a in typed.variants for b in name.variants):
        return NameMatch.MATCH
    if typed.cjk and len(typed.cjk) < len(name.cjk) and name.cjk.startswith(typed.cjk):
        return NameMatch.PARTIAL
    for words in typed.variants:
        if (
            len(words) == 1
            and len(words[0]) > 1
            and any(len(other) > 1 and words[0] in other for other in name.variants)
        ):
            return NameMatch.PARTIAL
    return NameMatch.NONE


def compare_names(typed: str, name: str) -> NameMatch:
    """Whether ``typed`` (a teacher's name as a candidate wrote it) names the person called
    ``name`` (§3): ``MATCH``, ``PARTIAL`` (the typed name is only part of it, such as a family
    name alone or 王老师) or ``NONE``."""
    return compare_parsed(parse_name(typed), parse_name(name))


def institution_key(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The compared form of an institution's name (§4), or ``None`` when nothing is left."""
    split, _joined, cjk = _split(text, titles=False)
    words = tuple(sorted(_words(split, _STOPWORDS)))
    if not words and not cjk:
        return None
    return cjk, words
