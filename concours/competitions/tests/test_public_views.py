"""The public pages: content, languages, drafts hidden, 404s, and query-count guards."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concours.competitions.models import EditionStatus
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    JuryMemberFactory,
    PrizeFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)
from concours.federation.tests.factories import DisciplineFactory

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.5"}


@pytest.fixture
def harbin_edition():
    competition = CompetitionFactory(
        name_en="Schoenfeld International String Competition",
        name_zh="申菲尔德国际弦乐比赛",
        short_name_en="Schoenfeld",
        short_name_zh="申菲尔德",
        slug="schoenfeld",
    )
    edition = EditionFactory(
        competition=competition,
        year=2027,
        starts_on=dt.date(2027, 7, 20),
        ends_on=dt.date(2027, 8, 2),
        applications_open_at=dt.datetime(2026, 11, 1, 0, 0, tzinfo=dt.UTC),
        applications_close_at=dt.datetime(2027, 3, 1, 15, 59, tzinfo=dt.UTC),
    )
    division = DivisionFactory(
        edition=edition,
        name_en="Cello",
        name_zh="大提琴",
        discipline=DisciplineFactory(code="cello"),
        slug="cello",
    )
    round_ = RoundFactory(
        division=division,
        number=1,
        name_en="First round",
        name_zh="第一轮",
        format_en="A 25-minute recital",
        format_zh="25分钟独奏会",
    )
    RepertoireRequirementFactory(
        round=round_,
        category__name_en="Popper étude or Piatti caprice",
        category__name_zh="波佩尔练习曲或皮亚蒂随想曲",
    )
    PrizeFactory(division=division, edition=edition)
    JuryMemberFactory(
        edition=edition, division=division, name_en="Ana Example", name_zh="安娜", is_chair=True
    )
    return edition


def test_home_lists_upcoming_editions_in_english(client, harbin_edition):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert response.context["upcoming"][0] == harbin_edition
    assert "Schoenfeld International String Competition 2027" in response.text
    assert "Harbin" in response.text


def test_home_speaks_chinese_for_a_chinese_browser(client, harbin_edition):
    response = client.get("/", **ZH)
    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in response.text
    assert "申菲尔德国际弦乐比赛 2027" in response.text
    assert "哈尔滨" in response.text
    assert "Current and upcoming" not in response.text


def test_language_switch_sticks_over_accept_language(client, harbin_edition):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    assert client.get("/").headers["Content-Language"] == "zh-hans"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get("/", **ZH).headers["Content-Language"] == "en"


def test_home_filters_by_discipline_and_serves_an_htmx_fragment(client, harbin_edition):
    EditionFactory(
        competition=CompetitionFactory(),
        year=2027,
        starts_on=dt.date(2027, 9, 1),
        ends_on=dt.date(2027, 9, 5),
    )
    response = client.get("/", {"discipline": "cello"})
    assert list(response.context["upcoming"]) == [harbin_edition]
    fragment = client.get("/", {"discipline": "cello"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<section id="edition-list"')
    assert "<html" not in fragment.text


def test_home_ignores_an_unknown_discipline(client, harbin_edition):
    response = client.get("/", {"discipline": "<script>"})
    assert response.status_code == 200
    assert response.context["chosen_discipline"] is None


def test_draft_editions_stay_private(client, harbin_edition):
    harbin_edition.status = EditionStatus.DRAFT
    harbin_edition.save()
    assert list(client.get("/").context["upcoming"]) == []
    response = client.get(harbin_edition.get_absolute_url())
    assert response.status_code == 404


def test_edition_page_shows_rounds_requirements_prizes_and_jury(client, harbin_edition):
    response = client.get(harbin_edition.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "A 25-minute recital" in text
    assert (
        "Born between Jan. 1, 1993 and Dec. 31, 2009, both days included (aged 17 to 34 on July 20, 2027)."
        in text
    )
    assert "Popper étude or Piatti caprice: 1" in text
    assert "at least 20 min, at most 25 min" in text
    assert "First Prize: 30,000 USD · Gold medal" in text
    assert "Ana Example (Germany) — chair" in text
    # The deadline is shown in the competition's own time zone (UTC+8): 15:59 UTC is 23:59.
    assert "March 1, 2027, 11:59 p.m." in text
    assert "Asia/Shanghai" in text


def test_edition_page_in_chinese(client, harbin_edition):
    response = client.get(harbin_edition.get_absolute_url(), **ZH)
    text = response.text
    assert "大提琴" in text
    assert "第一轮" in text
    assert "25分钟独奏会" in text
    assert "波佩尔练习曲或皮亚蒂随想曲" in text
    assert "安娜" in text


def test_competition_page_and_member_directory(client, harbin_edition):
    competition = harbin_edition.competition
    response = client.get(competition.get_absolute_url())
    assert response.status_code == 200
    assert list(response.context["competition"].editions.all()) == [harbin_edition]
    response = client.get(reverse("directory:members"))
    assert list(response.context["members"]) == [competition]


@pytest.mark.parametrize(
    "url", ["/competitions/nope/", "/competitions/schoenfeld/1999/", "/no/such/page/"]
)
def test_unknown_pages_give_a_translated_404(client, harbin_edition, url, settings):
    settings.DEBUG = False
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text
    response = client.get(url, **ZH)
    assert response.status_code == 404
    assert "页面不存在" in response.text


def test_pages_load_nothing_from_other_sites(client, harbin_edition):
    pages = [
        "/",
        reverse("directory:members"),
        harbin_edition.competition.get_absolute_url(),
        harbin_edition.get_absolute_url(),
        reverse("login"),
        reverse("signup"),
    ]
    for page in pages:
        html = client.get(page).text
        loaded = re.findall(r'<(?:script|img|iframe|source|video|audio)[^>]+src="([^"]+)"', html)
        loaded += re.findall(r'<link[^>]+href="([^"]+)"', html)
        assert [url for url in loaded if not url.startswith("/")] == [], page


def test_pages_send_a_strict_content_security_policy(client, harbin_edition):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_public_pages_do_not_grow_queries_with_rows(client, harbin_edition):
    division = harbin_edition.divisions.get()
    EditionFactory(
        competition=harbin_edition.competition, year=2009
    )  # a past edition: "recent" shows
    urls = [
        "/",
        reverse("directory:members"),
        harbin_edition.get_absolute_url(),
        harbin_edition.competition.get_absolute_url(),
    ]
    before = [_queries(client, url) for url in urls]
    for number in range(2, 6):
        round_ = RoundFactory(division=division, number=number)
        RepertoireRequirementFactory(round=round_)
        PrizeFactory(division=division, edition=harbin_edition, place=number)
        JuryMemberFactory(edition=harbin_edition, division=division)
        extra = DivisionFactory(edition=harbin_edition)
        RoundFactory(division=extra, number=1)
        EditionFactory(
            competition=CompetitionFactory(),
            year=2027,
            starts_on=dt.date(2027, 9, number),
            ends_on=dt.date(2027, 9, 20),
        )
        EditionFactory(competition=harbin_edition.competition, year=2010 + number)
    after = [_queries(client, url) for url in urls]
    assert after == before
