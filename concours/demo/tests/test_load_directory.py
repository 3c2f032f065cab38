"""The federation's part of the demo (``load_demo`` runs ``load_directory`` after the rest)."""

import datetime as dt

import pytest
from django.urls import reverse

from concours.competitions.models import Edition
from concours.cooperation.models import Project, ProjectNews
from concours.demo.load_directory import DirectorySummary, load_directory
from concours.demo.services import load_demo
from concours.federation.models import City

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return load_demo(live=False, now=dt.datetime(2026, 6, 1, 2, tzinfo=dt.UTC))


def test_load_directory_adds_cities_editions_and_projects(demo, client):
    assert demo.projects == 5
    harbin = City.objects.get(slug="harbin")
    assert (harbin.unesco_city_of_music, harbin.unesco_since) == (True, 2010)
    sendai = Edition.objects.get(competition__slug="sendai", year=2027)
    assert [d.discipline.code for d in sendai.divisions.all()] == ["violin", "piano"]
    for project in Project.objects.all():
        assert project.competitions.count() + project.cities.count() >= 2
    assert ProjectNews.objects.count() == 4
    # Loading again adds nothing.
    assert load_directory() == DirectorySummary(cities=5, editions=0, projects=0, news=0)
    assert Project.objects.count() == 5


def test_demo_pages_show_the_federation(demo, client):
    response = client.get(reverse("directory:city", args=["harbin"]))
    assert "UNESCO City of Music since 2010" in response.text
    assert "Harbin–Genoa laureate tour" in response.text
    response = client.get(
        reverse("directory:calendar"), {"month": "2027-05", "discipline": "violin"}
    )
    titles = [entry.edition.competition.slug for entry in response.context["entries"]]
    assert "sendai" in titles
    assert "queen-elisabeth" in titles
    response = client.get(reverse("cooperation:projects"), {"city": "harbin"})
    assert len(response.context["projects"]) == 5
