"""The federation's open data in the API: cities, events with their timetables, projects."""

import datetime as dt

import pytest

from concours.api.tests.helpers import API, EMPTY_PAGE, get_json
from concours.competitions.tests.factories import CompetitionFactory
from concours.cooperation.models import ProjectKind, ProjectStatus
from concours.cooperation.tests.factories import ProjectFactory
from concours.events.models import EventKind, EventStatus, SessionMode
from concours.events.tests.factories import (
    EventFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
)
from concours.federation.tests.factories import CityFactory

pytestmark = pytest.mark.django_db

BAD_SLUGS = ["no such", "\x00", "x" * 500, "<script>"]


@pytest.fixture
def harbin():
    return CityFactory(slug="harbin", name_en="Harbin", name_zh="哈尔滨", unesco_city_of_music=True)


@pytest.fixture
def annual_meeting(harbin):
    competition = CompetitionFactory(slug="schoenfeld", city=harbin)
    event = EventFactory(
        slug="annual-meeting",
        kind=EventKind.ANNUAL_MEETING,
        title_en="Annual Meeting",
        title_zh="年会",
        competition=competition,
        host_city=harbin,
        starts_on=dt.date(2027, 5, 10),
        ends_on=dt.date(2027, 5, 12),
    )
    room = RoomFactory(name_en="Grand Hall", name_zh="大厅", venue__city=harbin)
    session = SessionFactory(
        event=event,
        title_en="Opening",
        title_zh="开幕",
        mode=SessionMode.HYBRID,
        room=room,
        platform_url="https://video.example.org/secret-room",
        starts_at=dt.datetime(2027, 5, 10, 1, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2027, 5, 10, 2, 0, tzinfo=dt.UTC),
    )
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(name_en="Li Wei", name_zh="李伟"))
    return event


def test_cities_list_and_detail(harbin):
    CompetitionFactory(slug="schoenfeld", city=harbin)
    page = get_json(_client(), f"{API}/cities/")
    assert page["count"] == 1
    city = get_json(_client(), f"{API}/cities/harbin/")
    assert city["name"] == {"en": "Harbin", "zh": "哈尔滨"}
    assert city["unesco_city_of_music"] is True
    assert city["competitions"] == ["schoenfeld"]


def test_event_with_timetable_and_no_platform_url(client, annual_meeting):
    event = get_json(client, f"{API}/events/annual-meeting/")
    assert event["title"] == {"en": "Annual Meeting", "zh": "年会"}
    assert event["kind"] == "annual_meeting"
    assert event["host_city"] == "harbin"
    [session] = event["sessions"]
    assert session["mode"] == "hybrid"
    assert session["room"] == {"en": "Grand Hall", "zh": "大厅"}
    assert session["speakers"] == [{"name": {"en": "Li Wei", "zh": "李伟"}, "role": "speaker"}]
    body = client.get(f"{API}/events/annual-meeting/").content.decode()
    assert "video.example.org" not in body
    assert "platform" not in body


def test_draft_events_are_not_shown(client, annual_meeting):
    EventFactory(slug="secret", status=EventStatus.DRAFT)
    assert [e["slug"] for e in get_json(client, f"{API}/events/")["results"]] == ["annual-meeting"]
    assert client.get(f"{API}/events/secret/").status_code == 404


def test_event_filters(client, annual_meeting):
    EventFactory(
        slug="old-seminar",
        competition__city=CityFactory(slug="weimar"),
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2020, 1, 2),
    )
    slugs = lambda **params: [  # noqa: E731
        e["slug"] for e in get_json(client, f"{API}/events/", **params)["results"]
    ]
    assert slugs(kind="annual_meeting") == ["annual-meeting"]
    assert slugs(city="harbin") == ["annual-meeting"]
    assert slugs(competition="schoenfeld") == ["annual-meeting"]
    assert slugs(**{"from": "2027-01-01"}) == ["annual-meeting"]
    assert slugs(kind="", city="") == ["old-seminar", "annual-meeting"]


@pytest.mark.parametrize(
    "params",
    [{"kind": "party"}, {"from": "2027-13-01"}, {"from": "yesterday"}]
    + [{"city": bad} for bad in BAD_SLUGS]
    + [{"competition": bad} for bad in BAD_SLUGS],
)
def test_bad_event_filters_give_an_empty_list(client, annual_meeting, params):
    assert get_json(client, f"{API}/events/", **params) == EMPTY_PAGE


@pytest.mark.parametrize("bad", ["no-such", "x" * 500, "%00"])
def test_unknown_slugs_are_json_404s(client, bad):
    for kind in ("cities", "events", "projects"):
        response = client.get(f"{API}/{kind}/{bad}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


def test_projects_with_filters(client, harbin):
    other = CityFactory(slug="weimar")
    competition = CompetitionFactory(slug="schoenfeld", city=harbin)
    ProjectFactory(
        slug="tour", kind=ProjectKind.LAUREATE_TOUR, cities=[harbin, other],
        competitions=[competition],
    )  # fmt: skip
    ProjectFactory(slug="jury", kind=ProjectKind.JURY_EXCHANGE, status=ProjectStatus.PROPOSED,
                   cities=[other])  # fmt: skip
    slugs = lambda **params: sorted(  # noqa: E731
        p["slug"] for p in get_json(client, f"{API}/projects/", **params)["results"]
    )
    assert slugs() == ["jury", "tour"]
    assert slugs(city="harbin") == ["tour"]
    assert slugs(city="weimar") == ["jury", "tour"]
    assert slugs(kind="jury_exchange") == ["jury"]
    assert slugs(status="proposed") == ["jury"]
    assert slugs(competition="schoenfeld") == ["tour"]
    assert slugs(status="nonsense") == []
    tour = get_json(client, f"{API}/projects/tour/")
    assert tour["cities"] == ["harbin", "weimar"]
    assert tour["competitions"] == ["schoenfeld"]


def test_lists_do_not_grow_in_queries(client, harbin, django_assert_max_num_queries):
    for n in range(8):
        event = EventFactory(host_city=harbin)
        session = SessionFactory(event=event, room=RoomFactory())
        SessionSpeakerFactory(session=session)
        ProjectFactory(cities=[harbin], competitions=[CompetitionFactory(city=harbin)])
        n += 1
    for kind, most in (("events", 6), ("projects", 4), ("cities", 3)):
        with django_assert_max_num_queries(most):
            get_json(client, f"{API}/{kind}/")


def _client():
    from django.test import Client

    return Client()
