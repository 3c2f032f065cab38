"""The member directory and the city pages."""

import datetime as dt

import pytest
from django.urls import reverse

from concours.competitions.models import EditionStatus
from concours.competitions.tests.factories import CompetitionFactory, EditionFactory
from concours.cooperation.tests.factories import ProjectFactory
from concours.events.models import Event, EventKind, EventStatus
from concours.federation.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def _slugs(response):
    return [competition.slug for competition in response.context["members"]]


def test_directory_lists_members_with_their_facts(cal, client):
    response = client.get(reverse("directory:members"))
    assert response.request["PATH_INFO"] == "/members/"
    assert _slugs(response) == ["chopin", "paganini", "schoenfeld"]
    text = response.text
    assert "https://schoenfeld.example.org" in text
    assert 'href="/competitions/schoenfeld/2027/">2027</a>' in text
    assert 'href="/cities/harbin/"' in text


def test_directory_leaves_out_competitions_outside_the_federation(cal, client):
    CompetitionFactory(federation=None, member_since=None, slug="outsider")
    assert "outsider" not in _slugs(client.get(reverse("directory:members")))


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ({"discipline": "piano"}, ["chopin"]),
        ({"country": "CN"}, ["schoenfeld"]),
        ({"city": "genoa"}, ["paganini"]),
        ({"q": "paganini"}, ["paganini"]),
        ({"q": "申菲尔德"}, ["schoenfeld"]),
        ({"q": "  肖邦 "}, ["chopin"]),
        ({"q": "nothing like it"}, []),
    ],
)
def test_directory_filters_and_search(cal, client, query, slugs):
    response = client.get(reverse("directory:members"), query)
    assert response.context["form"].errors == {}
    assert _slugs(response) == slugs


@pytest.mark.parametrize("query", [{"discipline": "tuba"}, {"country": "ZZ"}, {"city": "atlantis"}])
def test_directory_ignores_bad_filters_with_a_message(cal, client, query):
    response = client.get(reverse("directory:members"), query)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == list(query)
    assert _slugs(response) == ["chopin", "paganini", "schoenfeld"]
    assert len(list(response.context["messages"])) == 1


def test_competition_page_shows_the_directory_facts(cal, client):
    text = client.get(cal.schoenfeld.get_absolute_url()).text
    for fact in (
        "Harbin, China",
        "Violin",
        "2013",
        "2017",
        "https://schoenfeld.example.org",
        "2027",
    ):
        assert fact in text


def test_city_list_and_unesco_year(cal, client):
    cal.harbin.unesco_since = 2010
    cal.harbin.save()
    CityFactory(name_en="Nowhere", country="FR", time_zone="Europe/Paris")  # no member, no project
    response = client.get(reverse("directory:cities"))
    assert [city.slug for city in response.context["cities"]] == ["genoa", "harbin", "warsaw"]
    assert "UNESCO City of Music since 2010" in response.text
    response = client.get(reverse("directory:cities"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "哈尔滨" in response.text


def _event(slug, **owner):
    return Event.objects.create(
        kind=EventKind.MASTER_CLASS, status=owner.pop("status", EventStatus.PUBLISHED), slug=slug,
        title_en=slug.replace("-", " ").title(), starts_on=dt.date(2027, 7, 3),
        ends_on=dt.date(2027, 7, 4), time_zone="Asia/Shanghai", **owner,
    )  # fmt: skip


def test_city_page_shows_competitions_next_editions_events_and_projects(cal, client):
    past = EditionFactory(competition=cal.schoenfeld, year=2020, status=EditionStatus.COMPLETED)
    _event("harbin-summer-seminar", city=cal.harbin)
    _event("schoenfeld-master-class", competition=cal.schoenfeld)
    _event("hosted-summit", federation=cal.schoenfeld.federation, host_city=cal.harbin)
    _event("draft-seminar", city=cal.harbin, status=EventStatus.DRAFT)
    _event("genoa-concert", city=cal.genoa)
    tour = ProjectFactory(competitions=[cal.schoenfeld, cal.paganini], title_en="Harbin–Genoa tour")
    exchange = ProjectFactory(cities=[cal.harbin, cal.warsaw], title_en="Harbin–Warsaw exchange")
    ProjectFactory(cities=[cal.genoa, cal.warsaw])
    response = client.get(reverse("directory:city", args=["harbin"]))
    assert response.status_code == 200
    city = response.context["city"]
    assert [c.slug for c in city.members] == ["schoenfeld"]
    assert city.members[0].upcoming == [cal.schoenfeld_2027]
    assert past not in city.members[0].upcoming
    assert sorted(e.slug for e in response.context["events"]) == [
        "harbin-summer-seminar", "hosted-summit", "schoenfeld-master-class",
    ]  # fmt: skip
    assert set(response.context["projects"]) == {tour, exchange}
    assert "Harbin–Genoa tour" in response.text


def test_unknown_city_is_a_404(cal, client):
    CityFactory(name_en="Nowhere", country="FR", time_zone="Europe/Paris")
    assert client.get(reverse("directory:city", args=["nowhere"])).status_code == 404
    assert client.get(reverse("directory:city", args=["atlantis"])).status_code == 404


def test_directory_and_city_pages_do_not_grow_queries(cal, client, django_assert_max_num_queries):
    for n in range(6):
        competition = CompetitionFactory(city=cal.harbin, disciplines=[cal.violin, cal.piano])
        EditionFactory(competition=competition, year=2027)
        EditionFactory(competition=competition, year=2029)
        ProjectFactory(competitions=[competition, cal.schoenfeld], cities=[cal.harbin])
        _event(f"event-{n}", competition=competition)
    for url in (
        reverse("directory:members"),
        reverse("directory:cities"),
        reverse("directory:city", args=["harbin"]),
    ):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
