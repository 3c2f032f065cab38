"""Name and institution matching; sections refer to docs/algorithms/conflicts.md."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from concours.conflicts import (
    NameMatch,
    compare_names,
    compare_parsed,
    fold_word,
    institution_key,
    parse_name,
)

MATCH, PARTIAL, NONE = NameMatch.MATCH, NameMatch.PARTIAL, NameMatch.NONE


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Krüger", "kruger"),
        ("Kruger", "kruger"),
        ("Krueger", "kruger"),
        ("KRÜGER", "kruger"),
        ("Müller", "muller"),
        ("Straße", "strasse"),
        ("Ørsted", "orsted"),
        ("Oersted", "orsted"),
        ("Dvořák", "dvorak"),
        ("Łukasz", "lukasz"),
        ("Đorđević", "dordevic"),
        ("Þór", "thor"),
        ("Michael", "michal"),
        ("Michał", "michal"),
    ],
)
def test_fold_word_removes_case_accents_and_umlaut_spellings(word, folded):  # §3.2
    assert fold_word(word) == folded


def test_parse_name_drops_titles_and_keeps_both_hyphen_forms():  # §3.1
    parsed = parse_name("Prof. Dr. h.c. Jean-Pierre O'Brien")
    assert parsed.variants == (("jean", "pierre", "obrien"), ("jeanpierre", "obrien"))
    assert parsed.cjk == ""
    assert parse_name("Giulia Rossi").variants == (("giulia", "rossi"),)


def test_parse_name_collects_cjk_without_spaces_and_titles():  # §3.1 steps 3 and 7
    assert parse_name("王 健 教授").cjk == "王健"
    assert parse_name("王老师").cjk == "王"
    assert parse_name("教授王健").cjk == "王健"
    assert parse_name("马蒂亚斯·克吕格尔").cjk == "马蒂亚斯克吕格尔"
    assert parse_name("马蒂亚斯·克吕格尔").variants == ()
    assert parse_name("Wang Jian 王健").variants == (("wang", "jian"),)
    assert parse_name("Wang Jian 王健").cjk == "王健"


def test_parse_name_of_nothing_but_titles_is_empty():  # §3.1
    assert parse_name("Prof. Dr.").variants == ()
    assert parse_name("教授").cjk == ""
    assert parse_name("").variants == ()


@pytest.mark.parametrize(
    "typed",
    [
        "Matthias Krüger",
        "Matthias Kruger",
        "Matthias Krueger",
        "matthias KRÜGER",
        "KRÜGER Matthias",
        "Krüger, Matthias",
        "Prof. Dr. Matthias Krüger",
        "Herr Professor Matthias Krüger",
        "M. Krüger",
        "Krueger M.",
        "Prof. M. Krueger",
        "Matthias-Krüger",
        "Ｍａｔｔｈｉａｓ　Ｋｒüｇｅｒ",
        "Matthias Johannes Krüger",
        "Matthias J. Krüger",
    ],
)
def test_typed_forms_of_a_juror_match(typed):  # §3.3
    assert compare_names(typed, "Matthias Krüger") is MATCH


@pytest.mark.parametrize(
    ("typed", "name", "expected"),
    [
        ("Julia Krüger", "Matthias Krüger", NONE),  # same family name only
        ("J. Krüger", "Matthias Krüger", NONE),  # the initial disagrees
        ("M. K.", "Matthias Krüger", NONE),  # initials alone
        ("Krüger", "Matthias Krüger", PARTIAL),  # family name alone (§3.5)
        ("Prof. Krueger", "Matthias Krüger", PARTIAL),
        ("Matthias", "Matthias Krüger", PARTIAL),
        ("M.", "Matthias Krüger", NONE),
        ("Peter Schmidt", "Matthias Krüger", NONE),
        ("", "Matthias Krüger", NONE),
    ],
)
def test_what_is_not_a_match(typed, name, expected):  # §3.3, §3.5
    assert compare_names(typed, name) is expected


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("ROSSI Giulia", "Giulia Rossi"),
        ("Mme Giulia Rossi", "Giulia Rossi"),
        ("Giulia Rossi", "Giulia Maria Rossi"),  # extra words on the longer side
        ("G. M. Rossi", "Giulia Rossi"),
        ("Prof. G. M. Rossi", "Giulia Maria Rossi"),
        ("Jeanpierre Rampal", "Jean-Pierre Rampal"),
        ("Jean-Pierre Rampal", "Jean Pierre Rampal"),
        ("Wangjian", "Wang Jian"),
        ("Jianwang", "Wang Jian"),
        ("Wang Jian", "Wangjian"),
        ("Jian WANG", "Wang Jian"),
        ("Sean O'Brien", "Sean OBrien"),
        ("Rossi", "Rossi"),  # a juror known by one name
        ("Michael Kowalski", "Michał Kowalski"),  # the accepted cost of §3.2
        ("Dr. G. Rossi", "G. Rossi"),  # two equal initials
    ],
)
def test_order_titles_hyphens_and_joined_names(typed, name):  # §3.3
    assert compare_names(typed, name) is MATCH


@pytest.mark.parametrize(
    ("typed", "name", "expected"),
    [
        ("王健", "王健", MATCH),
        ("王 健", "王健", MATCH),
        ("王健教授", "王健", MATCH),
        ("王健老师", "王健", MATCH),
        ("小澤 征爾", "小澤征爾", MATCH),
        ("Wang Jian 王健", "王健", MATCH),
        ("王老师", "王健", PARTIAL),  # family name alone
        ("王", "王", NONE),  # one character is never enough
        ("Wang Jian", "王健", NONE),  # no romanisation
        ("王健", "王健华", PARTIAL),
        ("李老师", "王健", NONE),
        ("教授", "王健", NONE),
    ],
)
def test_cjk_names(typed, name, expected):  # §3.4, §3.5
    assert compare_names(typed, name) is expected


def test_single_words_and_initials():  # §3.3
    assert compare_names("Rossi", "Giulia") is NONE
    assert compare_names("G", "G") is NONE  # a single letter matches nothing
    assert compare_names("Giulia Rossi", "Giuliarossi") is MATCH
    assert compare_names("Giulia Rossi", "Rossi") is NONE  # not partial: typed is complete
    assert compare_names("G. Rossi", "Giulia Bianchi") is NONE
    assert compare_names("Giulia R.", "G. Rossi") is NONE  # no whole word in common


def test_initials_pair_with_different_words():  # §3.3 (augmenting paths)
    # Both initials start with "m": each needs its own word of the other name.
    assert compare_names("M. M. Rossi", "Maria Magdalena Rossi") is MATCH
    assert compare_names("M. M. Rossi", "Maria Rossi") is MATCH  # shorter side is covered
    assert compare_names("Maria Magdalena Rossi", "M. Rossi") is MATCH
    # Here the first initial must give up "Maria" to the second for both to pair.
    assert compare_names("Rossi M. Ma", "Giulia M Maria Rossi") is MATCH
    assert compare_names("A. B. Rossi", "Anna Carla Rossi") is NONE
    # Two initials "m" but one word with that letter: the second cannot take it over.
    assert compare_names("M. M. Rossi", "Maria Giulia Rossi") is NONE


def test_lookup_and_index_keys_are_shared_when_names_match():  # §3.5
    typed = parse_name("Prof. Wangjian")
    juror = parse_name("Wang Jian")
    assert "wangjian" in typed.lookup_keys() & juror.index_keys()
    assert parse_name("王老师").lookup_keys() == {"王"}
    assert parse_name("王健").index_keys() == {"王", "王健"}
    assert parse_name("Giulia Rossi").lookup_keys() == {
        "giulia",
        "rossi",
        "giuliarossi",
        "rossigiulia",
    }


words = st.text(alphabet="abcdefghijkmnoprstuvwyzäöüé", min_size=2, max_size=8)
names = st.lists(words, min_size=1, max_size=4)


@settings(database=None, max_examples=300)
@given(names, names)
def test_lookup_keys_never_miss_a_match(first, second):  # §3.5: the index changes no result
    typed, name = parse_name(" ".join(first)), parse_name(" ".join(second))
    if compare_parsed(typed, name) is not NONE:
        assert typed.lookup_keys() & name.index_keys()


@settings(database=None, max_examples=300)
@given(names, st.randoms(use_true_random=False))
def test_order_and_case_never_matter(given_words, random):  # §3.3
    shuffled = list(given_words)
    random.shuffle(shuffled)
    typed = " ".join(word.upper() for word in shuffled)
    name = " ".join(given_words)
    # Titles are dropped and "ae" folds to one letter: some word of two letters must remain.
    assume(any(len(word) > 1 for words in parse_name(name).variants for word in words))
    assert compare_names(typed, name) is MATCH


def test_institution_keys():  # §4
    assert institution_key("The Juilliard School") == institution_key("Juilliard School, The")
    assert institution_key("Hochschule für Musik Hanns Eisler Berlin") == (
        "",
        ("berlin", "eisler", "hanns", "hochschule", "musik"),
    )
    assert institution_key("中央 音乐学院") == ("中央音乐学院", ())
    assert institution_key("Royal College of Music") != institution_key("Royal Academy of Music")
    assert institution_key("— , —") is None
    # Titles are not removed from institutions.
    assert institution_key("Professor Smith School") == ("", ("professor", "school", "smith"))
