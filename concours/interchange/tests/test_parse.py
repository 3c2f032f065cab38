"""parse and dump (docs/algorithms/interchange.md §1–§9)."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from concours.interchange import MESSAGES, Document, Problem, dump, parse, pointer
from concours.interchange.tests.conftest import problems_of


def test_spec_example_is_valid_and_canonical(example_text):
    document = parse(example_text)
    assert isinstance(document, Document)
    assert dump(document) == example_text


def test_parse_reads_typed_values(example_text):
    document = parse(example_text.encode("utf-8"))
    assert document.competition.slug == "harbin"
    assert document.edition.starts_on == dt.date(2025, 8, 1)
    assert document.edition.applications_open_at == dt.datetime(2024, 11, 1, tzinfo=dt.UTC)
    assert document.divisions[0].fee.amount == Decimal("100.00")
    assert document.divisions[0].rounds[0].scoring.parameters == {
        "deviation": "3",
        "scale": [1, 25],
    }
    assert document.results[0].ranking[0].score == "21.50"
    assert document.prizes[0].amount == Decimal("30000.00")
    assert document.version == (1, 0)


def test_round_trip_normalises_offsets_and_layout(example):
    example["edition"]["applications_open_at"] = "2024-11-01T08:00:00+08:00"
    example["competition"]["name"] = {"en": "Harbin International Music Competition"}
    example["divisions"][0].pop("ages_counted_on")
    example["edition"]["applications_close_at"] = None
    example["divisions"][0]["rounds"][1]["scoring"]["parameters"] = {"stage": {"of": [1, "2"]}}
    compact = json.dumps(example, ensure_ascii=True)
    first = dump(parse(compact))
    assert json.loads(first)["edition"]["applications_open_at"] == "2024-11-01T00:00:00Z"
    assert json.loads(first)["competition"]["name"]["zh"] == ""
    assert dump(parse(first)) == first
    assert dump(parse(first.encode("utf-8"))).encode("utf-8") == first.encode("utf-8")


def test_problem_message_and_pointer_escaping():
    problem = Problem("unknown_member", pointer("a/b", "c~d", 0), {"key": "x"})
    assert problem.path == "/a~1b/c~0d/0"
    assert problem.message == "Unknown member “x”."
    assert str(problem) == "/a~1b/c~0d/0: Unknown member “x”."
    assert str(Problem("not_object", "")) == "/: Expected an object."
    assert all("%(" not in message or ")s" in message for message in MESSAGES.values())


# --- Stopping problems (§8) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{", "syntax"),
        ("[1, 2]", "not_object"),
        ('{"version": "1.0"}', "wrong_format"),
        ("1" * 5000, "syntax"),
        ("[" * 100_000 + "]" * 100_000, "too_deep"),
    ],
)
def test_unreadable_text_is_one_problem(text, code):
    assert [found for _, found in problems_of(text)] == [code]


def test_bytes_that_are_not_utf8_or_too_large():
    assert problems_of(b"\xff{}") == [("", "not_utf8")]
    assert problems_of(b" " * 5_000_001) == [("", "too_large")]
    assert problems_of(" " * 5_000_001) == [("", "too_large")]
    assert problems_of("é" * 2_600_000) == [("", "too_large")]


def test_syntax_problem_names_line_and_column():
    [problem] = parse('{\n  "format": }')
    assert problem.message == "This is not JSON: Expecting value (line 2, column 13)."


@pytest.mark.parametrize(
    ("version", "code"),
    [("2.0", "unsupported_version"), ("1", "bad_version"), (1.0, "bad_version"),
     (None, "bad_version"), ("01.0", "bad_version")],
)  # fmt: skip
def test_other_versions_are_refused_at_once(example, version, code):
    example["version"] = version
    example["edition"]["year"] = "oops"  # never reported: reading stops at the version
    assert problems_of(example) == [("/version", code)]


def test_unsupported_major_version_message(example):
    example["version"] = "2.0"
    [problem] = parse(json.dumps(example))
    assert problem.message == "Version 2.0 is not supported: this reader reads versions 1.x."


def test_later_minor_version_ignores_unknown_members(example):
    example["version"] = "1.3"
    example["edition"]["sponsor"] = {"en": "Acme"}
    example["divisions"][0]["rounds"][0]["livestream"] = "https://example.org"
    document = parse(json.dumps(example))
    assert isinstance(document, Document)
    assert document.version == (1, 3)
    assert json.loads(dump(document))["version"] == "1.0"


def test_same_minor_version_reports_unknown_members(example):
    example["edition"]["venu"] = {"en": "Hall"}
    example["sponsor"] = 1
    assert problems_of(example) == [
        ("/sponsor", "unknown_member"),
        ("/edition/venu", "unknown_member"),
    ]


def test_later_minor_version_still_refuses_unknown_values(example):
    example["version"] = "1.1"
    example["edition"]["status"] = "postponed"
    assert problems_of(example) == [("/edition/status", "not_choice")]


# --- Floats and repeated members (§1) ---------------------------------------------------------


def test_numbers_with_a_fraction_are_refused_everywhere(example):
    example["prizes"][0]["amount"] = "FLOAT"
    example["divisions"][0]["rounds"][0]["scoring"]["parameters"]["deviation"] = "FLOAT"
    example["divisions"][0]["members"]["min"] = "EXP"
    example["results"][0]["ranking"][0]["score"] = "FLOAT"
    example["divisions"][0]["rounds"][1]["scoring"]["parameters"] = "NAN"
    text = (
        json.dumps(example)
        .replace('"FLOAT"', "21.5")
        .replace('"EXP"', "1e0")
        .replace('"NAN"', "NaN")
    )
    assert problems_of(text) == [
        ("/divisions/0/members/min", "float"),
        ("/divisions/0/rounds/0/scoring/parameters/deviation", "float"),
        ("/divisions/0/rounds/1/scoring/parameters", "float"),
        ("/prizes/0/amount", "float"),
        ("/results/0/ranking/0/score", "float"),
    ]


def test_float_in_list_and_float_object(example):
    example["competition"]["disciplines"] = ["cello", "FLOAT", "violin"]
    example["jury"][0] = "FLOAT"
    example["edition"]["title"] = "FLOAT"
    text = json.dumps(example).replace('"FLOAT"', "0.5")
    assert problems_of(text) == [
        ("/competition/disciplines/1", "float"),
        ("/edition/title", "float"),
        ("/jury/0", "float"),
    ]


def test_repeated_members_are_reported_with_their_path(example_text):
    text = example_text.replace('"year": 2025', '"year": 2025, "year": 2025, "year": 2025', 1)
    text = text.replace('"slug": "harbin"', '"slug": "harbin", "slug": "x"', 1)
    assert problems_of(text) == [
        ("/competition/slug", "duplicate_key"),
        ("/edition/year", "duplicate_key"),
    ]


def test_many_problems_at_once(example):
    example["edition"]["starts_on"] = "2025-02-30"
    example["edition"]["status"] = "draft"
    example["divisions"][0]["birth_window"]["earliest"] = "2010-01-01"
    example["divisions"][0]["fee"]["currency"] = "usd"
    example["prizes"][0]["amount"] = 30000
    example["jury"][1]["division"] = "cello"
    example["results"][0]["ranking"][1]["candidate"] = "c9"
    assert problems_of(example) == [
        ("/edition/starts_on", "not_date"),
        ("/edition/status", "not_choice"),
        ("/divisions/0/birth_window/latest", "not_in_order"),
        ("/divisions/0/fee/currency", "not_currency"),
        ("/prizes/0/amount", "not_decimal"),
        ("/jury/1/division", "unknown_division"),
        ("/results/0/ranking/1/candidate", "unknown_candidate"),
    ]


def test_parameters_nested_almost_to_the_decoders_limit_are_too_deep(example):
    # The decoder accepts this nesting; reading the free-form parameters must not crash on it.
    nested: object = "1"
    for _ in range(985):
        nested = [nested]
    example["divisions"][0]["rounds"][0]["scoring"]["parameters"] = {"deep": nested}
    assert problems_of(json.dumps(example)) == [("", "too_deep")]
