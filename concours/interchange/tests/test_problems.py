"""One test per kind of problem (docs/algorithms/interchange.md §1–§8): a change to the spec's
example, and the problems it must give, with their paths."""

import pytest

from concours.interchange.tests.conftest import problems_of


def _set(path: str, value):
    """A change setting the member at ``path`` (slash-separated; list indices as numbers)."""

    def change(doc):
        *parents, last = path.strip("/").split("/")
        target = doc
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list) and int(last) == len(target):
            target.append(value)
        elif isinstance(target, list):
            target[int(last)] = value
        elif value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return change


_DELETE = object()


def _both(*changes):
    def change(doc):
        for one in changes:
            one(doc)

    return change


CASES = [
    # types and required members
    ("/edition", "not_object", _set("/edition", [])),
    ("/edition", "required", _set("/edition", None)),
    ("/competition", "required", _set("/competition", _DELETE)),
    ("/divisions", "required", _set("/divisions", _DELETE)),
    ("/divisions", "not_list", _set("/divisions", {})),
    ("/edition/year", "not_integer", _set("/edition/year", "2025")),
    ("/edition/year", "not_integer", _set("/edition/year", True)),
    ("/edition/year", "out_of_range", _set("/edition/year", 1700)),
    ("/edition/number", "out_of_range", _set("/edition/number", 0)),
    ("/competition/slug", "required", _set("/competition/slug", None)),
    ("/competition/slug", "not_string", _set("/competition/slug", 7)),
    ("/competition/slug", "empty", _set("/competition/slug", " ")),
    ("/competition/slug", "not_code", _set("/competition/slug", "har bin")),
    ("/competition/name/en", "empty", _set("/competition/name/en", "")),
    ("/competition/name/en", "too_long", _set("/competition/name/en", "x" * 201)),
    ("/competition/name", "not_object", _set("/competition/name", "Harbin")),
    ("/competition/name/fr", "unknown_member", _set("/competition/name/fr", "Harbin")),
    ("/competition/website", "not_url", _set("/competition/website", "javascript:alert(1)")),
    ("/competition/disciplines/0", "not_string", _set("/competition/disciplines/0", 3)),
    ("/competition/disciplines/0", "not_code", _set("/competition/disciplines/0", "a b")),
    ("/competition/disciplines/1", "listed_twice", _set("/competition/disciplines/0", "violin")),
    ("/competition/city/country", "not_country", _set("/competition/city/country", "CHN")),
    ("/competition/city/time_zone", "not_time_zone",
     _set("/competition/city/time_zone", "Mars/Olympus")),
    ("/edition/time_zone", "not_time_zone", _set("/edition/time_zone", "../etc")),
    ("/jury/0/chair", "not_boolean", _set("/jury/0/chair", 1)),
    # dates and their order
    ("/edition/starts_on", "not_date", _set("/edition/starts_on", "2025-8-1")),
    ("/edition/starts_on", "not_date", _set("/edition/starts_on", "2025-13-01")),
    ("/edition/ends_on", "not_in_order", _set("/edition/ends_on", "2025-07-31")),
    ("/edition/year", "year_mismatch", _set("/edition/year", 2024)),
    ("/edition/applications_open_at", "not_datetime",
     _set("/edition/applications_open_at", "2024-11-01T00:00:00")),
    ("/edition/applications_open_at", "not_datetime",
     _set("/edition/applications_open_at", "2024-11-31T00:00:00Z")),
    ("/edition/applications_close_at", "not_in_order",
     _set("/edition/applications_close_at", "2024-11-01T00:00:00Z")),
    ("/divisions/0/rounds/0/ends_on", "not_in_order",
     _set("/divisions/0/rounds/0/ends_on", "2025-07-01")),
    # birth-date windows, ensembles, fees
    ("/divisions/0/birth_window/latest", "not_in_order",
     _set("/divisions/0/birth_window/earliest", "2010-01-01")),
    ("/divisions/0/birth_window", "required", _set("/divisions/0/birth_window", None)),
    ("/divisions/0/members/max", "members_in_order", _set("/divisions/0/members/min", 2)),
    ("/divisions/0/fee/amount", "not_positive", _set("/divisions/0/fee/amount", "0.00")),
    ("/divisions/0/fee/amount", "too_many_places", _set("/divisions/0/fee/amount", "1.005")),
    ("/divisions/0/fee/amount", "too_many_digits",
     _set("/divisions/0/fee/amount", "12345678901")),
    ("/divisions/0/fee/amount", "not_decimal", _set("/divisions/0/fee/amount", "1,5")),
    ("/divisions/0/fee/amount", "required", _set("/divisions/0/fee/amount", _DELETE)),
    ("/divisions/0/fee/currency", "not_currency", _set("/divisions/0/fee/currency", "US$")),
    ("/divisions/0/fee/due", "not_choice", _set("/divisions/0/fee/due", "later")),
    # rounds and scoring
    ("/divisions/0/rounds/0/kind", "not_choice", _set("/divisions/0/rounds/0/kind", "semi")),
    ("/divisions/0/rounds/0/scoring/parameters", "not_object",
     _set("/divisions/0/rounds/0/scoring/parameters", [])),
    ("/divisions/0/rounds/0/scoring/parameters", "required",
     _set("/divisions/0/rounds/0/scoring/parameters", None)),
    ("/divisions/0/rounds/0/scoring", "required", _set("/divisions/0/rounds/0/scoring", None)),
    # codes and references
    ("/divisions/0/discipline", "unknown_discipline", _set("/divisions/0/discipline", "piano")),
    ("/prizes/1/division", "unknown_division", _set("/prizes/1/division", "viola")),
    ("/results/0/division", "unknown_division", _set("/results/0/division", "viola")),
    ("/results/0/round", "unknown_round", _set("/results/0/round", 3)),
    ("/results/1", "duplicate_result", _set("/results/1/round", 1)),
    # prizes
    ("/prizes/1", "place_needs_division", _set("/prizes/1/kind", "place")),
    ("/prizes/1", "place_needs_division",
     _both(_set("/prizes/1/kind", "place"), _set("/prizes/1/place", 2))),
    ("/prizes/1/place", "special_without_place", _set("/prizes/1/place", 2)),
    ("/prizes/1/currency", "amount_needs_currency", _set("/prizes/1/amount", "50.00")),
    ("/prizes/0/medal", "not_choice", _set("/prizes/0/medal", "platinum")),
    ("/prizes/0/amount", "not_decimal", _set("/prizes/0/amount", 30000)),
    # results
    ("/results/0/record_digest", "not_digest", _set("/results/0/record_digest", "ABC")),
    ("/results/0/published_at", "required", _set("/results/0/published_at", None)),
    ("/results/0/listing", "not_choice", _set("/results/0/listing", "random")),
    ("/results/0/candidates/4/code", "duplicate_code",
     _set("/results/0/candidates/4", {"code": "c1", "name": "X", "countries": []})),
    ("/results/0/candidates/0/countries/0", "not_country",
     _set("/results/0/candidates/0/countries/0", "cn")),
    ("/results/0/advancers/1", "unknown_candidate", _set("/results/0/advancers/1", "c9")),
    ("/results/0/advancers/1", "listed_twice", _set("/results/0/advancers/1", "c1")),
    ("/results/0/ranking/0/rank", "first_rank", _set("/results/0/ranking/0/rank", 2)),
    ("/results/0/ranking/3/rank", "rank_sequence", _set("/results/0/ranking/3/rank", 3)),
    ("/results/0/ranking/1/candidate", "listed_twice", _set("/results/0/ranking/1/candidate", "c2")),
    ("/results/0/ranking/0/score", "not_decimal", _set("/results/0/ranking/0/score", "21,5")),
    ("/results/0/ranking/0/advanced", "not_boolean", _set("/results/0/ranking/0/advanced", "yes")),
    ("/results/1/awards/0/place", "award_without_prize", _set("/results/1/awards/0/place", 2)),
    ("/results/1/awards/0/candidates", "withheld_with_candidates",
     _set("/results/1/awards/0/withheld", True)),
    ("/results/1/awards/0/candidates", "empty", _set("/results/1/awards/0/candidates", [])),
    ("/results/1/awards/0/candidates/0", "unknown_candidate",
     _set("/results/1/awards/0/candidates/0", "c1")),
]  # fmt: skip


@pytest.mark.parametrize(("path", "code", "change"), CASES, ids=[f"{c[1]}:{c[0]}" for c in CASES])
def test_problem_kind(example, path, code, change):
    change(example)
    assert problems_of(example) == [(path, code)]


def test_duplicate_division_codes_and_places(example):
    division = dict(example["divisions"][0], discipline="cello")
    example["divisions"].append(division)
    example["prizes"].append(dict(example["prizes"][0]))
    assert problems_of(example) == [
        ("/divisions/1/code", "duplicate_code"),
        ("/prizes/2/place", "duplicate_place"),
    ]


def test_award_listed_twice(example):
    example["prizes"][0]["outcome"] = "withheld"
    example["results"][1]["awards"].append({"place": 1, "candidates": [], "withheld": True})
    assert problems_of(example) == [("/results/1/awards/1/place", "listed_twice")]


def test_unreadable_values_are_not_reported_again_as_references(example):
    example["divisions"][0]["code"] = "vio lin"
    example["prizes"][0]["division"] = None
    example["prizes"][1]["division"] = "vio lin"
    example["jury"][1]["division"] = None
    example["results"] = []
    example["results"] = []
    assert problems_of(example) == [
        ("/divisions/0/code", "not_code"),
        ("/prizes/1/division", "not_code"),
        ("/prizes/0", "place_needs_division"),
    ]


def test_duplicate_round_numbers(example):
    example["divisions"][0]["rounds"][1]["number"] = 1
    assert problems_of(example) == [
        ("/divisions/0/rounds/1/number", "duplicate_round"),
        ("/results/1/round", "unknown_round"),
    ]


def test_unreadable_lists_are_not_referenced(example):
    example["competition"] = None
    example["divisions"] = {}
    example["prizes"] = "none"
    assert problems_of(example) == [
        ("/competition", "required"),
        ("/divisions", "not_list"),
        ("/prizes", "not_list"),
    ]


def test_unreadable_prizes_leave_awards_unchecked(example):
    example["prizes"] = None
    assert problems_of(example) == [("/prizes", "required")]


def test_unreadable_ranks_stop_the_rank_check(example):
    example["results"][0]["ranking"][1]["rank"] = "2"
    example["results"][0]["ranking"][2]["rank"] = 7
    assert problems_of(example) == [("/results/0/ranking/1/rank", "not_integer")]


@pytest.mark.parametrize(
    ("path", "count", "limit"),
    [("/divisions/0/rounds", 21, 20), ("/competition/disciplines", 51, 50)],
)
def test_size_limits_on_lists(example, path, count, limit):
    _set(path, ["x"] * count)(example)
    assert problems_of(example)[0] == (path, "too_many")


def test_unreadable_candidate_codes_are_reported_once(example):
    example["results"][0]["ranking"][0]["candidate"] = "c 2"
    assert problems_of(example) == [("/results/0/ranking/0/candidate", "not_code")]


def test_a_division_that_is_no_object(example):
    example["divisions"].append(5)
    assert problems_of(example) == [("/divisions/1", "not_object")]
