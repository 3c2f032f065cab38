"""The read-only API: filters, bad filter values, paging and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concours.api.tests.helpers import API, BAD_NUMBERS, EMPTY_PAGE, get_json
from concours.api.views import ApiPagination
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    PrizeFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)
from concours.federation.tests.factories import DisciplineFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


# --- filters ---------------------------------------------------------------------------------


def ids(page):
    return [item["id"] for item in page["results"]]


def test_edition_filters(client, edition):
    other_year = EditionFactory(competition=edition.competition, year=2025)
    elsewhere = EditionFactory(competition=CompetitionFactory(slug="elsewhere"), year=2027)
    url = f"{API}/editions/"
    # Latest first: 2027-08-01 (the factory's default), 2027-07-20, 2025-08-01.
    assert ids(get_json(client, url)) == [elsewhere.pk, edition.pk, other_year.pk]
    assert ids(get_json(client, url, competition="harbin")) == [edition.pk, other_year.pk]
    assert ids(get_json(client, url, competition="elsewhere")) == [elsewhere.pk]
    assert ids(get_json(client, url, year=2025)) == [other_year.pk]
    assert ids(get_json(client, url, year=2027)) == [elsewhere.pk, edition.pk]
    assert ids(get_json(client, url, competition="harbin", year=2027)) == [edition.pk]
    assert get_json(client, url, competition="nowhere") == EMPTY_PAGE
    assert get_json(client, url, year=1999) == EMPTY_PAGE
    # An empty value is no filter at all.
    assert ids(get_json(client, url, competition="", year="")) == [
        elsewhere.pk,
        edition.pk,
        other_year.pk,
    ]


def test_division_filter(client, division):
    other = DivisionFactory(edition=EditionFactory(year=2031))
    url = f"{API}/divisions/"
    assert ids(get_json(client, url, edition=division.edition_id)) == [division.pk]
    assert ids(get_json(client, url, edition=other.edition_id)) == [other.pk]
    assert ids(get_json(client, url, edition="")) == [other.pk, division.pk]  # latest edition first


def test_round_filter(client, round_):
    second = RoundFactory(division=round_.division, number=2)
    other = RoundFactory(number=1)
    url = f"{API}/rounds/"
    assert ids(get_json(client, url, division=round_.division_id)) == [round_.pk, second.pk]
    assert ids(get_json(client, url, division=other.division_id)) == [other.pk]
    assert ids(get_json(client, url, division="")) == [round_.pk, second.pk, other.pk]


def test_divisions_and_rounds_of_editions_on_the_same_dates_are_not_mixed(client):
    first, second = EditionFactory(year=2030), EditionFactory(year=2030)  # both start on 1 August
    first_2, second_2, first_1, second_1 = [
        DivisionFactory(edition=edition, order=order, slug=f"d{order}")
        for order in (2, 1)
        for edition in (first, second)
    ]
    # Each edition's divisions together, in their order; ``order_by("edition", "order")`` gave
    # first_1, second_1, first_2, second_2.
    by_edition = [first_1, first_2, second_1, second_2]
    rounds = [RoundFactory(division=division, number=1) for division in by_edition]
    assert ids(get_json(client, f"{API}/divisions/")) == [d.pk for d in by_edition]
    assert ids(get_json(client, f"{API}/rounds/")) == [r.pk for r in rounds]


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize(
    ("endpoint", "param"), [("editions", "year"), ("divisions", "edition"), ("rounds", "division")]
)
def test_bad_number_filters_give_an_empty_list(client, round_, endpoint, param, value):
    assert get_json(client, f"{API}/{endpoint}/", **{param: value}) == EMPTY_PAGE


@pytest.mark.parametrize(
    "value", ["harbin ", "Harbin/2027", "哈尔滨", "\x00", "%", "'; --", "x" * 5000]
)
def test_bad_competition_filters_give_an_empty_list(client, edition, value):
    assert get_json(client, f"{API}/editions/", competition=value) == EMPTY_PAGE


def test_unknown_query_parameters_are_ignored(client, edition):
    assert ids(get_json(client, f"{API}/editions/", colour="blue", ordering="-id")) == [edition.pk]


# --- paging ----------------------------------------------------------------------------------


@pytest.fixture
def three_competitions():
    return [
        CompetitionFactory(slug=slug, name_en=name)
        for slug, name in [("c", "Gamma"), ("a", "Alpha"), ("b", "Beta")]
    ]


def slugs(page):
    return [item["slug"] for item in page["results"]]


def test_limit_and_offset(client, three_competitions):
    url = f"{API}/competitions/"
    first = get_json(client, url, limit=2)
    assert (first["count"], slugs(first)) == (3, ["a", "b"])  # by English name
    assert first["next"] == "http://testserver/api/v1/competitions/?limit=2&offset=2"
    assert first["previous"] is None
    second = get_json(client, url, limit=2, offset=2)
    assert (second["count"], slugs(second), second["next"]) == (3, ["c"], None)
    assert second["previous"] == "http://testserver/api/v1/competitions/?limit=2"
    assert get_json(client, url, limit=2, offset=3) == {
        "count": 3,
        "next": None,
        "previous": "http://testserver/api/v1/competitions/?limit=2&offset=1",
        "results": [],
    }


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [
        ("abc", "", ["a", "b", "c"]),  # a bad limit means the default one (50)
        ("0", "", ["a", "b", "c"]),
        ("-1", "", ["a", "b", "c"]),
        ("1", "abc", ["a"]),  # a bad offset means 0
        ("1", "-5", ["a"]),
        ("1", "99999999999999999999999", []),
        ("99999999999999999999999", "", ["a", "b", "c"]),
    ],
)
def test_bad_paging_values(client, three_competitions, limit, offset, expected):
    assert slugs(get_json(client, f"{API}/competitions/", limit=limit, offset=offset)) == expected


def test_limit_is_capped(client, three_competitions, monkeypatch):
    monkeypatch.setattr(ApiPagination, "max_limit", 2)
    page = get_json(client, f"{API}/competitions/", limit=1000)
    assert slugs(page) == ["a", "b"]
    assert page["next"] == "http://testserver/api/v1/competitions/?limit=2&offset=2"


# --- query counts ----------------------------------------------------------------------------


def add_competition():
    CompetitionFactory(
        disciplines=[DisciplineFactory(code="violin"), DisciplineFactory(code="cello")]
    )


def add_edition():
    EditionFactory()


def add_division():
    division = DivisionFactory(edition=EditionFactory())
    division.instruments.set([InstrumentFactory(code="piano"), InstrumentFactory(code="violin")])
    PrizeFactory(division=division, place=1)
    PrizeFactory(division=division, place=2)


def add_round():
    round_ = RoundFactory(division=DivisionFactory(edition=EditionFactory()))
    RepertoireRequirementFactory(round=round_)
    RepertoireRequirementFactory(round=round_)


@pytest.mark.parametrize(
    ("endpoint", "add", "queries"),
    [
        ("competitions", add_competition, 3),  # count, page, disciplines
        ("editions", add_edition, 2),  # count, page (with competitions)
        ("divisions", add_division, 4),  # count, page, instruments, prizes
        ("rounds", add_round, 3),  # count, page, requirements (with categories)
    ],
)
def test_list_query_count_does_not_grow_with_rows(client, endpoint, add, queries):
    def count_queries(rows):
        with CaptureQueriesContext(connection) as captured:
            page = get_json(client, f"{API}/{endpoint}/")
        assert page["count"] == len(page["results"]) == rows
        return len(captured)

    for _ in range(2):
        add()
    with_two = count_queries(2)
    for _ in range(8):
        add()
    with_ten = count_queries(10)
    assert with_two == with_ten == queries
