"""Automated accessibility checks (axe-core, vendored for tests only) on the public pages, in
both languages and on a phone-sized screen. Manual checks still matter; this catches the
regressions a machine can see: missing labels, contrast, landmarks, heading order, lang."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from concours.applications.tests.factories import ApplicationFactory
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    JuryMemberFactory,
    PrizeFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).with_name("vendor") / "axe-4.14.1.min.js"
SERIOUS = {"serious", "critical"}


@pytest.fixture
def site():
    competition = CompetitionFactory(
        name_en="Schoenfeld International String Competition", name_zh="申菲尔德国际弦乐比赛",
        short_name_en="Schoenfeld", slug="schoenfeld",
    )  # fmt: skip
    edition = EditionFactory(
        competition=competition, year=2027, starts_on=dt.date(2027, 7, 20), ends_on=dt.date(2027, 8, 2),
        applications_open_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        applications_close_at=dt.datetime(2027, 3, 1, tzinfo=dt.UTC),
        rules_en="Candidates play from memory.",
    )  # fmt: skip
    division = DivisionFactory(edition=edition)
    RepertoireRequirementFactory(
        round=RoundFactory(division=division, number=1, format_en="A recital.")
    )
    PrizeFactory(division=division, edition=edition)
    JuryMemberFactory(edition=edition, division=division, is_chair=True)
    application = ApplicationFactory(division=division)
    return {"edition": edition, "candidate": application.candidate.user}


def _violations(page) -> list[dict[str, object]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"rule": v["id"], "impact": v["impact"], "where": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("locale", ["en-GB", "zh-CN"])
@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_public_pages_have_no_serious_accessibility_violations(
    browser, live_server, site, locale, viewport
):
    # bypass_csp lets the test inject axe; the site's own pages still run under the strict CSP.
    context = browser.new_context(
        locale=locale,
        extra_http_headers={"Accept-Language": locale},
        viewport=viewport,
        bypass_csp=True,
    )
    page = context.new_page()
    edition = site["edition"]
    found = {}
    for path in ["/", "/members/", edition.competition.get_absolute_url(), edition.get_absolute_url(),
                 "/accounts/login/", "/accounts/signup/", "/no/such/page/"]:  # fmt: skip
        page.goto(live_server.url + path)
        found[path] = _violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}, json.dumps(
        found, indent=1, ensure_ascii=False
    )


def test_signed_in_page_and_keyboard_navigation(browser, live_server, site):
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    # The first Tab reaches the skip link, which takes keyboard users past the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    # The jump is a same-page navigation that may land just after the key press returns.
    expect(page).to_have_url(re.compile(r"#main$"))
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail address").fill(site["candidate"].email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(live_server.url + "/me/")
    assert _violations(page) == []
    context.close()
