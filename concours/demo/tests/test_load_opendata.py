"""The open-data part of the demo: Weimar 2026 arrives through the real import, after the
rest of the demo, and shows like any other edition (docs/open-data.md)."""

import datetime as dt

import pytest
from django.urls import reverse

from concours import interchange
from concours.competitions.models import Competition, Edition, EditionStatus
from concours.demo import data
from concours.demo.load_opendata import DOCUMENT, SLUG, YEAR, DemoDocumentRefused, load_opendata
from concours.demo.services import load_demo
from concours.federation.models import Federation
from concours.opendata.exporting import export_edition
from concours.opendata.models import ImportedEdition, ImportedResult

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo():
    load_demo(live=False, now=NOW)
    federation = Federation.objects.get()
    return federation, load_opendata(federation=federation)


def test_the_member_edition_is_imported(demo):
    federation, outcome = demo
    # ``load_demo`` imported it already; the fixture's second import replaces that edition.
    assert (outcome.created_competition, outcome.created_edition) == (False, False)
    assert (outcome.divisions, outcome.rounds, outcome.prizes, outcome.jurors, outcome.results) == (
        2, 4, 6, 7, 3,
    )  # fmt: skip
    weimar = Competition.objects.get(slug=SLUG)
    assert (weimar.federation, weimar.city.slug, weimar.city.country.code) == (
        federation,
        "weimar",
        "DE",
    )
    assert [d.code for d in weimar.disciplines.all()] == ["viola"]
    edition = Edition.objects.get(competition=weimar, year=YEAR)
    assert edition.status == EditionStatus.COMPLETED
    assert [(d.slug, d.born_on_or_after, d.born_on_or_before, d.fee_amount) for d in
            edition.divisions.order_by("order")] == [
        ("viola", dt.date(1996, 10, 6), dt.date(2010, 10, 5), 120),
        ("viola-junior", dt.date(2008, 10, 6), dt.date(2014, 10, 5), 60),
    ]  # fmt: skip
    imported = ImportedEdition.objects.get(edition=edition)
    assert imported.imported_by.email == data.SECRETARIAT_LOGIN.email
    assert ImportedResult.objects.filter(round__division__edition=edition).count() == 3


def test_exporting_gives_back_the_shipped_document(demo):
    edition = Edition.objects.get(competition__slug=SLUG, year=YEAR)
    assert interchange.dump(export_edition(edition, now=NOW)) == DOCUMENT.read_text("utf-8")


def test_loading_again_replaces_the_import(demo):
    federation, _outcome = demo
    again = load_opendata(federation=federation)
    assert (again.created_edition, again.replaced) == (
        False,
        {"divisions": 2, "prizes": 6, "jurors": 7},
    )
    assert ImportedEdition.objects.filter(edition__competition__slug=SLUG).count() == 1


def test_a_refused_document_is_a_loud_error(demo, tmp_path, monkeypatch):
    federation, _outcome = demo
    broken = tmp_path / "broken.json"
    broken.write_text(DOCUMENT.read_text("utf-8").replace('"viola-junior"', '"viola junior"', 1))
    monkeypatch.setattr("concours.demo.load_opendata.DOCUMENT", broken)
    with pytest.raises(DemoDocumentRefused, match=r"broken\.json: /divisions/1/code: "):
        load_opendata(federation=federation)


def test_the_imported_edition_is_public(demo, client):
    response = client.get("/api/v1/editions/", {"competition": SLUG})
    assert [(e["competition"], e["year"], e["status"]) for e in response.json()["results"]] == [
        (SLUG, YEAR, "completed")
    ]
    listing = client.get("/api/v1/editions/", {"limit": 200}).json()["results"]
    assert (SLUG, YEAR) in [(e["competition"], e["year"]) for e in listing]
    page = client.get(reverse("public:competition", args=[SLUG]))
    assert page.status_code == 200
    assert "Weimar International Viola Competition" in page.text
    assert reverse("public:edition", args=[SLUG, YEAR]) in page.text
    edition_page = client.get(reverse("public:edition", args=[SLUG, YEAR]))
    assert edition_page.status_code == 200
    assert "Weimarhalle" in edition_page.text
    document = client.get(reverse("opendata:edition", args=[SLUG, YEAR]))
    assert document.content == DOCUMENT.read_bytes()


def test_the_imported_results_have_their_page(demo, client):
    edition_page = client.get(f"/competitions/{SLUG}/{YEAR}/").content.decode()
    results_url = reverse("opendata:imported_results", args=[SLUG, YEAR])
    assert results_url in edition_page
    assert "/draws/" not in edition_page  # no draw was made here
    page = client.get(results_url).content.decode()
    assert "Eleanor Whitcombe" in page  # an advancer of the first round
    assert "박현우" in page  # names in their own script
    assert "withheld" in page  # the junior division's second prize
    assert "22.40" in page  # the ranking, public with its scores
    # Editions run here have no imported results page; their results are published here.
    schoenfeld = client.get("/competitions/schoenfeld/2025/").content.decode()
    assert reverse("publication:edition", args=["schoenfeld", 2025]) in schoenfeld
    assert (
        client.get(reverse("opendata:imported_results", args=["schoenfeld", 2025])).status_code
        == 404
    )
