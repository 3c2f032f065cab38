"""The read-only API: content of every endpoint, drafts hidden, errors."""

import datetime as dt

import pytest

from concours.api.tests.helpers import API, EMPTY_PAGE, PUBLIC_STATUSES, get_json
from concours.competitions.models import RoundKind
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    RoundFactory,
)
from concours.federation.tests.factories import DisciplineFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


# --- content ---------------------------------------------------------------------------------


def competition_json():
    return {
        "slug": "harbin",
        "name": {"en": "Harbin International Music Competition", "zh": "哈尔滨国际音乐比赛"},
        "short_name": {"en": "Harbin", "zh": "哈赛"},
        "city": "Harbin",
        "city_name": {"en": "Harbin", "zh": "哈尔滨"},
        "country": "CN",
        "disciplines": ["cello", "violin"],
        "founded_year": 2013,
        "federation": "WFIMC",
        "member_since": 2017,
        "website": "https://www.example.org/harbin",
        "description": {"en": "A competition for strings.", "zh": "弦乐比赛。"},
    }


def edition_json(edition):
    return {
        "id": edition.pk,
        "competition": "harbin",
        "year": 2027,
        "number": 5,
        "title": {
            "en": "Harbin International Music Competition 2027",
            "zh": "哈尔滨国际音乐比赛 2027",
        },
        "status": "announced",
        "starts_on": "2027-07-20",
        "ends_on": "2027-08-02",
        "venue": {"en": "Harbin Concert Hall", "zh": "哈尔滨音乐厅"},
        "time_zone": "Asia/Shanghai",
        # Shown in the site's time zone (Asia/Shanghai), with its offset.
        "applications_open_at": "2026-11-01T08:00:00+08:00",
        "applications_close_at": "2027-03-01T23:59:00+08:00",
    }


def division_json(division):
    return {
        "id": division.pk,
        "edition": division.edition_id,
        "slug": "violin",
        "name": {"en": "Violin", "zh": "小提琴"},
        "discipline": "violin",
        "born_on_or_after": "1995-07-20",
        "born_on_or_before": "2011-07-19",
        "min_members": 1,
        "max_members": 1,
        "instruments": [],
        "max_total_age": None,
        "ages_counted_on": None,
        "fee_policy": "on_submission",
        "fee_amount": "120.00",
        "fee_currency": "USD",
        "prizes": [
            {
                "kind": "place",
                "place": 1,
                "name": {"en": "First Prize", "zh": "一等奖"},
                "amount": "30000.00",
                "currency": "USD",
                "medal": "gold",
                "outcome": "pending",
            },
            {
                "kind": "place",
                "place": 2,
                "name": {"en": "Second Prize", "zh": "二等奖"},
                "amount": "15000.00",
                "currency": "USD",
                "medal": "silver",
                "outcome": "pending",
            },
        ],
    }


def round_json(round_):
    return {
        "id": round_.pk,
        "division": round_.division_id,
        "number": 1,
        "name": {"en": "Round 1", "zh": "第1轮"},
        "kind": "preselection",
        "format": {"en": "Video recording", "zh": "视频录像"},
        "starts_on": "2027-04-01",
        "ends_on": "2027-04-15",
        "advancing": 24,
        "scoring_preset": "yes-count",
        "scoring_parameters": {"scale": [1, 25]},
        "min_duration_seconds": 1200,
        "max_duration_seconds": 1530,
        "with_orchestra": False,
        "repertoire_may_repeat": False,
        "requirements": [
            {
                "category": "caprice",
                "category_name": {"en": "Paganini caprice", "zh": "帕格尼尼随想曲"},
                "min_count": 1,
                "max_count": 2,
                "note": {"en": "From memory", "zh": "背谱"},
            }
        ],
    }


def test_competitions_list_and_detail(client, harbin):
    assert get_json(client, f"{API}/competitions/") == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [competition_json()],
    }
    assert get_json(client, f"{API}/competitions/harbin/") == competition_json()


def test_competition_without_federation_or_chinese_texts(client):
    CompetitionFactory(
        slug="solo",
        name_en="Solo",
        name_zh="",
        short_name_en="Solo",
        federation=None,
        member_since=None,
    )
    data = get_json(client, f"{API}/competitions/solo/")
    assert data["name"] == {"en": "Solo", "zh": ""}
    assert data["short_name"] == {"en": "Solo", "zh": ""}
    assert data["description"] == {"en": "", "zh": ""}
    assert data["federation"] is None
    assert data["member_since"] is None
    assert data["website"] == ""


def test_editions_list_and_detail(client, edition):
    assert get_json(client, f"{API}/editions/")["results"] == [edition_json(edition)]
    assert get_json(client, f"{API}/editions/{edition.pk}/") == edition_json(edition)


def test_edition_title_defaults_and_explicit(client, harbin):
    untitled = EditionFactory(
        competition=CompetitionFactory(name_en="Plain", name_zh=""), year=2026
    )
    titled = EditionFactory(
        competition=harbin, year=2026, title_en="Harbin 2026", title_zh="哈赛 2026"
    )
    assert get_json(client, f"{API}/editions/{untitled.pk}/")["title"] == {
        "en": "Plain 2026",
        "zh": "",
    }
    assert get_json(client, f"{API}/editions/{titled.pk}/")["title"] == {
        "en": "Harbin 2026",
        "zh": "哈赛 2026",
    }


def test_divisions_list_and_detail(client, division):
    assert get_json(client, f"{API}/divisions/")["results"] == [division_json(division)]
    assert get_json(client, f"{API}/divisions/{division.pk}/") == division_json(division)


def test_ensemble_division(client, edition):
    trio = DivisionFactory(
        edition=edition,
        slug="trio",
        discipline=DisciplineFactory(code="chamber-music"),
        min_members=3,
        max_members=3,
        max_total_age=90,
        ages_counted_on=dt.date(2027, 7, 20),
        born_on_or_after=None,
        born_on_or_before=None,
    )
    trio.instruments.set([InstrumentFactory(code="piano"), InstrumentFactory(code="cello")])
    data = get_json(client, f"{API}/divisions/{trio.pk}/")
    assert {
        key: data[key] for key in ("discipline", "min_members", "max_members", "instruments")
    } == {
        "discipline": "chamber-music",
        "min_members": 3,
        "max_members": 3,
        "instruments": ["cello", "piano"],
    }
    assert (data["max_total_age"], data["ages_counted_on"]) == (90, "2027-07-20")
    assert (data["born_on_or_after"], data["born_on_or_before"]) == (None, None)
    assert (data["fee_policy"], data["fee_amount"], data["fee_currency"], data["prizes"]) == (
        "none",
        None,
        "",
        [],
    )


def test_rounds_list_and_detail(client, round_):
    assert get_json(client, f"{API}/rounds/")["results"] == [round_json(round_)]
    assert get_json(client, f"{API}/rounds/{round_.pk}/") == round_json(round_)


def test_round_without_durations(client, division):
    final = RoundFactory(
        division=division,
        number=3,
        kind=RoundKind.FINAL,
        min_duration=None,
        max_duration=None,
        advancing=None,
    )
    data = get_json(client, f"{API}/rounds/{final.pk}/")
    assert (
        data["kind"],
        data["min_duration_seconds"],
        data["max_duration_seconds"],
        data["advancing"],
    ) == (
        "final",
        None,
        None,
        None,
    )
    assert data["requirements"] == []


def test_bilingual_fields_are_objects_with_both_languages(client, round_):
    """Every organiser-written text is ``{"en": …, "zh": …}``, whichever language the client asks for."""
    for language in ("en", "zh-hans"):
        competition = get_json(client, f"{API}/competitions/harbin/", HTTP_ACCEPT_LANGUAGE=language)
        assert competition["name"] == {
            "en": "Harbin International Music Competition",
            "zh": "哈尔滨国际音乐比赛",
        }
    edition = get_json(client, f"{API}/editions/{round_.division.edition_id}/")
    division = get_json(client, f"{API}/divisions/{round_.division_id}/")
    round_data = get_json(client, f"{API}/rounds/{round_.pk}/")
    bilingual = [
        competition["name"],
        competition["short_name"],
        competition["description"],
        competition["city_name"],
        edition["title"],
        edition["venue"],
        division["name"],
        *(prize["name"] for prize in division["prizes"]),
        round_data["name"],
        round_data["format"],
        round_data["requirements"][0]["category_name"],
        round_data["requirements"][0]["note"],
    ]
    for value in bilingual:
        assert set(value) == {"en", "zh"}
        assert all(isinstance(text, str) for text in value.values())


# --- drafts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", PUBLIC_STATUSES)
def test_every_non_draft_status_is_public(client, harbin, status):
    edition = EditionFactory(competition=harbin, status=status)
    assert get_json(client, f"{API}/editions/{edition.pk}/")["status"] == status


def test_drafts_are_never_listed(client, round_, draft):
    assert [e["id"] for e in get_json(client, f"{API}/editions/")["results"]] == [
        round_.division.edition_id
    ]
    assert [d["id"] for d in get_json(client, f"{API}/divisions/")["results"]] == [
        round_.division_id
    ]
    assert [r["id"] for r in get_json(client, f"{API}/rounds/")["results"]] == [round_.pk]


def test_drafts_are_not_found(client, draft):
    edition, division, round_ = draft
    for url, model in [
        (f"{API}/editions/{edition.pk}/", "Edition"),
        (f"{API}/divisions/{division.pk}/", "Division"),
        (f"{API}/rounds/{round_.pk}/", "Round"),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": f"No {model} matches the given query."}


def test_draft_filters_give_nothing(client, draft):
    edition, division, _ = draft
    assert get_json(client, f"{API}/editions/", year=2029) == EMPTY_PAGE
    assert get_json(client, f"{API}/divisions/", edition=edition.pk) == EMPTY_PAGE
    assert get_json(client, f"{API}/rounds/", division=division.pk) == EMPTY_PAGE


def test_competition_with_only_a_draft_shows_no_edition(client, draft):
    assert get_json(client, f"{API}/competitions/harbin/")["slug"] == "harbin"
    assert get_json(client, f"{API}/editions/", competition="harbin") == EMPTY_PAGE


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["editions", "divisions", "rounds"])
@pytest.mark.parametrize(
    "key",
    ["0", "-1", "999999", "9223372036854775807", "99999999999999999999999", "abc", "%00", "%C2%B2"],
)
def test_unknown_ids_are_json_404s(client, round_, endpoint, key):
    response = client.get(f"{API}/{endpoint}/{key}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    "slug", ["nowhere", "HARBIN", "harbin.json.x", "..", "%00", "%E5%93%88", "x" * 300]
)
def test_unknown_competition_slugs_are_json_404s(client, harbin, slug):
    response = client.get(f"{API}/competitions/{slug}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, round_, method):
    division = round_.division
    urls = [
        f"{API}/competitions/",
        f"{API}/competitions/harbin/",
        f"{API}/editions/",
        f"{API}/editions/{division.edition_id}/",
        f"{API}/divisions/",
        f"{API}/divisions/{division.pk}/",
        f"{API}/rounds/",
        f"{API}/rounds/{round_.pk}/",
    ]
    for url in urls:
        response = getattr(client, method)(url, data={"slug": "x"}, content_type="application/json")
        assert response.status_code == 405, url
        assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}
    # Nothing changed.
    assert get_json(client, f"{API}/competitions/harbin/")["slug"] == "harbin"
    assert get_json(client, f"{API}/rounds/{round_.pk}/") == round_json(round_)
