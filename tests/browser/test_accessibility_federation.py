"""axe-core on the public pages of events and the federation (issue 6): the event list and an
event's page, the calendar, cities, projects, open data, a General Assembly's page and a master
class's lesson timetable — both languages, desktop and phone."""

import datetime as dt
import json

import pytest

from concours.assembly.tests.factories import AgendaItemFactory, AssemblyFactory, MotionFactory
from concours.competitions.models import EditionStatus
from concours.competitions.tests.factories import CompetitionFactory, EditionFactory
from concours.cooperation.tests.factories import ProjectFactory, ProjectNewsFactory
from concours.events.models import SessionMode
from concours.events.tests.factories import (
    CategoryFactory,
    EventFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
)
from concours.federation.tests.factories import CityFactory
from concours.masterclasses.tests.factories import MasterClassFactory
from tests.browser.test_accessibility import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def federation_site():
    harbin = CityFactory(
        slug="harbin", name_en="Harbin", name_zh="哈尔滨", unesco_city_of_music=True,
        unesco_since=2010, description_en="A city of music.", description_zh="音乐之城。",
    )  # fmt: skip
    schoenfeld = CompetitionFactory(slug="schoenfeld", city=harbin)
    EditionFactory(
        competition=schoenfeld, year=2027, status=EditionStatus.ANNOUNCED,
        starts_on=dt.date(2027, 7, 20), ends_on=dt.date(2027, 8, 2),
        applications_open_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        applications_close_at=dt.datetime(2027, 3, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    event = EventFactory(
        slug="roundtable", title_en="Roundtable", title_zh="圆桌论坛", competition=schoenfeld,
        host_city=harbin, summary_en="Careers after a competition.",
    )  # fmt: skip
    session = SessionFactory(
        event=event, title_en="Panel", title_zh="讨论", mode=SessionMode.HYBRID,
        room=RoomFactory(venue__city=harbin), platform_url="https://meet.example.org/x",
    )  # fmt: skip
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(bio_en="A violinist."))
    CategoryFactory(event=event)
    project = ProjectFactory(slug="laureate-tour", cities=[harbin, CityFactory()])
    ProjectNewsFactory(project=project)
    assembly = AssemblyFactory()
    MotionFactory(agenda_item=AgendaItemFactory(assembly=assembly))
    master_class = MasterClassFactory(slug="summer-academy")
    return {
        "paths": [
            "/events/", event.get_absolute_url(), "/calendar/", "/calendar/clashes/",
            "/cities/", "/cities/harbin/", "/projects/", project.get_absolute_url(),
            "/open-data/", f"/assemblies/{assembly.pk}/",
            f"/master-classes/{master_class.slug}/timetable/",
        ]
    }  # fmt: skip


@pytest.mark.parametrize("locale", ["en-GB", "zh-CN"])
@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_federation_pages_have_no_serious_accessibility_violations(
    browser, live_server, federation_site, locale, viewport
):
    context = browser.new_context(
        locale=locale, extra_http_headers={"Accept-Language": locale}, viewport=viewport,
        bypass_csp=True,
    )  # fmt: skip
    page = context.new_page()
    found = {}
    for path in federation_site["paths"]:
        response = page.goto(live_server.url + path)
        assert response is not None, path
        assert response.status == 200, path
        found[path] = _violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}, json.dumps(
        found, indent=1, ensure_ascii=False
    )
