"""The home page in a real browser, in both languages, with the language switcher."""

import datetime as dt

import pytest

from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def schoenfeld():
    competition = CompetitionFactory(
        name_en="Schoenfeld International String Competition",
        name_zh="申菲尔德国际弦乐比赛",
        short_name_en="Schoenfeld",
        slug="schoenfeld",
    )
    edition = EditionFactory(
        competition=competition,
        year=2027,
        starts_on=dt.date(2027, 7, 20),
        ends_on=dt.date(2027, 8, 2),
    )
    DivisionFactory(edition=edition)
    return edition


def test_home_page_in_both_languages_and_switching(browser, live_server, schoenfeld, artifacts):
    outside_requests: list[str] = []
    errors: list[str] = []

    context = browser.new_context(
        locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    page = context.new_page()
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) else outside_requests.append(r.url),
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "International music competitions"
    assert page.get_by_role(
        "link", name="Schoenfeld International String Competition 2027"
    ).is_visible()
    page.screenshot(path=str(artifacts / "home-en.png"), full_page=True)

    page.get_by_role("button", name="简体中文").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("link", name="申菲尔德国际弦乐比赛 2027").is_visible()
    assert "哈尔滨" in page.content()
    page.screenshot(path=str(artifacts / "home-zh-hans.png"), full_page=True)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()

    # A first visit from a Chinese browser is answered in Chinese.
    context = browser.new_context(
        locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"}
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    context.close()

    assert outside_requests == []
    assert errors == []


def test_discipline_filter_swaps_the_list_in_place(browser, live_server, schoenfeld, artifacts):
    other = EditionFactory(
        competition=CompetitionFactory(name_en="Piano Days"),
        year=2027,
        starts_on=dt.date(2027, 9, 1),
        ends_on=dt.date(2027, 9, 5),
    )
    DivisionFactory(edition=other, discipline__code="piano", discipline__name_en="Piano")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + "/")
    assert page.locator("#edition-list article").count() == 2
    with page.expect_response(lambda r: "discipline=piano" in r.url):
        page.get_by_label("Discipline").select_option("piano")
    page.wait_for_function("document.querySelectorAll('#edition-list article').length === 1")
    assert page.locator("#edition-list article h3").inner_text() == "Piano Days 2027"
    assert page.url.endswith("/?discipline=piano")
    context.close()
    assert errors == []


def test_the_deadline_is_also_shown_in_the_visitors_time_zone(browser, live_server):
    edition = EditionFactory(
        competition=CompetitionFactory(slug="schoenfeld"), year=2027,
        starts_on=dt.date(2027, 7, 20), ends_on=dt.date(2027, 8, 2),
        applications_open_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        applications_close_at=dt.datetime(2027, 3, 1, 15, 59, tzinfo=dt.UTC),
    )  # fmt: skip
    context = browser.new_context(locale="en-GB", timezone_id="Europe/Warsaw")
    page = context.new_page()
    page.goto(live_server.url + edition.get_absolute_url())
    # 15:59 UTC is 23:59 in Harbin and 16:59 in Warsaw.
    assert (
        "(your time: March 1, 2027 at 4:59 PM, Europe/Warsaw)"
        in page.locator("dd").nth(3).inner_text()
    )
    context.close()
