"""The alphabetical order (spec §4)."""

import pytest

from concours.draw import Candidate, alphabetical, fold, from_letter, sort_key
from concours.draw.tests.example import CANDIDATES


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kowalski", "kowalski"),
        ("Łukasiewicz", "lukasiewicz"),  # Ł has no decomposition: spelt out as l
        ("Ødegaard", "odegaard"),
        ("Strauß", "strauss"),
        ("STRAUẞ", "strauss"),
        ("O'Brien", "obrien"),  # punctuation and spaces do not count
        ("O’Brien", "obrien"),
        ("van der Berg", "vanderberg"),  # particles count as written: under V
        ("Nguyễn", "nguyen"),  # two accents on one letter
        ("Æbeltoft", "aebeltoft"),
        ("Œuvray", "oeuvray"),
        ("Þórsdóttir", "thorsdottir"),
        ("Đoković", "dokovic"),
        ("Yıldız", "yildiz"),
        ("Ĳsselmeer", "ijsselmeer"),  # a compatibility ligature: NFKD
        ("Müller-Lüdenscheidt 2", "mullerludenscheidt2"),
        ("Иван", "Иван"),  # letters of other scripts are kept as they are
        ("王", "王"),
        ("- '", ""),
    ],
)
def test_fold_strips_accents_case_and_punctuation(name, key):  # §4
    assert fold(name) == key


def test_sort_key_is_family_then_given_name_then_id():  # §4
    assert sort_key(Candidate("12", "Strauß", "Lena")) == ("strauss", "lena", "12")
    assert [c.id for c in alphabetical(CANDIDATES)] == ["1", "2", "7", "6", "3", "4", "5", "8"]


def test_ids_break_ties_by_code_point_not_by_number():  # §4
    same = [Candidate("9", "Lee", "Min"), Candidate("10", "Lee", "Min")]
    assert [c.id for c in alphabetical(same)] == ["10", "9"]


def test_an_empty_given_name_comes_first():  # §4
    names = [Candidate("1", "Lee", "Ann"), Candidate("2", "Lee")]
    assert [c.id for c in alphabetical(names)] == ["2", "1"]


@pytest.mark.parametrize(
    ("letter", "order"),
    [
        ("N", ["7", "6", "3", "4", "5", "8", "1", "2"]),  # N: Nguyễn first
        ("M", ["7", "6", "3", "4", "5", "8", "1", "2"]),  # no M: the next name, Nguyễn
        ("A", ["1", "2", "7", "6", "3", "4", "5", "8"]),  # before everyone: plain alphabetical
        ("L", ["2", "7", "6", "3", "4", "5", "8", "1"]),  # Łukasiewicz counts as L
        ("Z", ["8", "1", "2", "7", "6", "3", "4", "5"]),
    ],
)
def test_chopin_order_starts_at_the_letter_and_wraps_round(letter, order):  # §5.2
    assert [c.id for c in from_letter(CANDIDATES, letter)] == order


def test_chopin_order_wraps_to_the_start_when_no_name_is_at_or_after_the_letter():  # §5.2
    names = [Candidate("1", "Abel"), Candidate("2", "Kim")]
    assert [c.id for c in from_letter(names, "P")] == ["1", "2"]
