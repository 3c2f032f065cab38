"""Pieces and their identity; sections refer to docs/algorithms/repertoire.md."""

import pytest

from concours.repertoire import Piece, normalise


def piece(composer="Paganini", work="Caprice No. 24", movements="", **kwargs):
    return Piece(composer=composer, work=work, movements=movements, **kwargs)


def test_piece_defaults():  # §3.1
    caprice = Piece(composer="Paganini", work="Caprice No. 24")
    assert caprice.movements == ""
    assert caprice.duration is None
    assert caprice.categories == frozenset()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"composer": " "}, "needs a composer"),
        ({"composer": "?!"}, "needs a composer"),
        ({"work": ""}, "needs a work title"),
        ({"duration": 0}, "positive number of seconds"),
        ({"duration": -5}, "positive number of seconds"),
        ({"duration": True}, "positive number of seconds"),
    ],
)
def test_piece_rejects_invalid_values(kwargs, message):  # §3.1
    with pytest.raises(ValueError, match=message):
        piece(**kwargs)


def test_piece_categories_must_be_a_frozenset():  # §3.1
    with pytest.raises(TypeError, match="frozenset"):
        piece(categories={"paganini-caprice"})


def test_piece_title_collapses_spaces_and_adds_movements():  # §3.1
    assert piece().title == "Paganini: Caprice No. 24"
    chaconne = piece("J. S.  Bach", " Partita No. 2\nin D minor ", "Chaconne ")
    assert chaconne.title == "J. S. Bach: Partita No. 2 in D minor (Chaconne)"


def test_piece_key_joins_the_normalised_parts():  # §3.2
    chaconne = piece("J. S. Bach", "Partita No. 2 in D minor, BWV 1004", "Chaconne")
    assert chaconne.key == "j s bach / partita no 2 in d minor bwv 1004 / chaconne"
    assert piece().key == "paganini / caprice no 24 / "


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Caprice No. 24 in A minor, Op. 1", "caprice no 24 in a minor op 1"),
        ("caprice   no.24 in a MINOR op.1", "caprice no 24 in a minor op 1"),
        ("BWV1004", "bwv 1004"),
        ("Op.64", "op 64"),
        ("“Kreutzer” – Sonata", "kreutzer sonata"),
        ("Ｃａｐｒｉｃｅ　Ｎｏ．２４", "caprice no 24"),  # full-width letters, NFKC
        ("Straße", "strasse"),  # case folding
        ("Sonata No. ²", "sonata no 2"),
        ("F# minor", "f ♯ minor"),
        ("F♯ minor", "f ♯ minor"),
        ("B♭ major", "b ♭ major"),
        ("梁祝 小提琴协奏曲", "梁祝 小提琴协奏曲"),
        ("Dvořák", "dvořák"),  # diacritics count
        ("", ""),
        ("--", ""),
    ],
)
def test_normalise(text, words):  # §3.2
    assert normalise(text) == words


def test_keys_ignore_case_spaces_and_punctuation():  # §3.2
    typed_once = piece("Paganini", "Caprice No. 24, Op. 1", duration=300)
    typed_again = piece("PAGANINI ", "caprice no.24 op.1", categories=frozenset({"x"}))
    assert typed_once.key == typed_again.key


def test_keys_keep_what_makes_pieces_different():  # §3.2, §3.3
    assert piece(work="Sonata in F minor").key != piece(work="Sonata in F# minor").key
    assert piece(movements="Chaconne").key != piece(movements="Gigue").key
    assert piece(composer="Bach").key != piece(composer="J. S. Bach").key
    assert piece(composer="Dvořák").key != piece(composer="Dvorak").key
    # The parts stay apart: moving a word from the composer to the work is another piece.
    assert piece("Bach Partita", "No. 2").key != piece("Bach", "Partita No. 2").key
