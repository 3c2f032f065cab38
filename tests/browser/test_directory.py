"""The federation in a real browser: find an edition in the calendar by discipline and month and
open it; open Harbin's city page and one of its cooperation projects."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
)
from concours.cooperation.tests.factories import ProjectFactory
from concours.federation.tests.factories import CityFactory, DisciplineFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def federation():
    violin = DisciplineFactory(code="violin")
    piano = DisciplineFactory(code="piano")
    harbin = CityFactory(name_en="Harbin", unesco_since=2010,
                         description_en="Capital of Heilongjiang, a UNESCO City of Music.")  # fmt: skip
    genoa = CityFactory(name_en="Genoa", country="IT", time_zone="Europe/Rome")
    schoenfeld = CompetitionFactory(slug="schoenfeld", city=harbin, disciplines=[violin],
                                    name_en="Schoenfeld International String Competition")  # fmt: skip
    paganini = CompetitionFactory(slug="paganini", city=genoa, disciplines=[violin],
                                  name_en="Premio Paganini")  # fmt: skip
    chopin = CompetitionFactory(slug="chopin", city=harbin, disciplines=[piano],
                                name_en="Harbin Piano Competition")  # fmt: skip
    year = dt.date.today().year + 1
    for competition, discipline, month in ((schoenfeld, violin, 7), (paganini, violin, 10),
                                           (chopin, piano, 7)):  # fmt: skip
        edition = EditionFactory(competition=competition, year=year,
                                 starts_on=dt.date(year, month, 1), ends_on=dt.date(year, month, 14))  # fmt: skip
        DivisionFactory(edition=edition, discipline=discipline, name_en=discipline.name_en)
    ProjectFactory(slug="harbin-genoa-tour", title_en="Harbin–Genoa laureate tour",
                   competitions=[schoenfeld, paganini], cities=[harbin, genoa])  # fmt: skip
    return year


def test_find_an_edition_in_the_calendar_and_a_city_project(
    browser, live_server, federation, artifacts
):
    year = federation
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/calendar/")
    page.get_by_label("Discipline").select_option("violin")
    page.get_by_label("Month").fill(f"{year}-07")
    page.get_by_role("button", name="Show").click()
    table = page.get_by_role("table")
    expect(
        table.get_by_role("link", name=f"Schoenfeld International String Competition {year}")
    ).to_be_visible()
    expect(table.get_by_text("Premio Paganini")).to_have_count(0)
    expect(table.get_by_text("Harbin Piano Competition")).to_have_count(0)
    page.screenshot(path=str(artifacts / "directory-calendar.png"), full_page=True)
    table.get_by_role("link", name=f"Schoenfeld International String Competition {year}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Schoenfeld International String Competition {year}"
    )

    page.goto(live_server.url + "/cities/")
    page.get_by_role("link", name="Harbin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbin, China")
    expect(page.get_by_text("UNESCO City of Music since 2010")).to_be_visible()
    page.get_by_role("link", name="Harbin–Genoa laureate tour").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbin–Genoa laureate tour")
    expect(page.get_by_role("link", name="Premio Paganini")).to_be_visible()
    page.screenshot(path=str(artifacts / "directory-project.png"), full_page=True)
    context.close()
