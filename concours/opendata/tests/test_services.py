"""Importing and exporting interchange documents (docs/open-data.md)."""

import datetime as dt
from decimal import Decimal

import pytest

from concours import interchange
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    EditionStatus,
    JuryMember,
    Prize,
    Round,
)
from concours.competitions.tests.factories import CompetitionFactory, EditionFactory
from concours.federation.models import City
from concours.opendata.exporting import NotPublic, export_edition
from concours.opendata.models import ImportedEdition, ImportedResult
from concours.opendata.services import ImportOutcome, import_text
from concours.opendata.tests.factories import (
    example,
    example_text,
    federation_with_disciplines,
    text_of,
)

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
MODELS = (
    City,
    Competition,
    Edition,
    Division,
    Round,
    Prize,
    JuryMember,
    ImportedEdition,
    ImportedResult,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def federation():
    return federation_with_disciplines()


def test_import_creates_the_edition_and_exports_the_same_bytes(federation):
    outcome = import_text(text=example_text(), federation=federation, actor=None)
    assert isinstance(outcome, ImportOutcome)
    assert (outcome.created_competition, outcome.created_edition) == (True, True)
    assert (outcome.divisions, outcome.rounds, outcome.prizes, outcome.jurors, outcome.results) == (
        1,
        2,
        2,
        2,
        2,
    )
    edition = Edition.objects.get(competition__slug="harbin", year=2025)
    assert edition.competition.federation == federation
    division = edition.divisions.get()
    assert (division.fee_amount, division.fee_currency) == (Decimal("100.00"), "USD")
    assert division.born_on_or_after == dt.date(1993, 1, 1)
    assert edition.imported.version == "1.0"
    assert interchange.dump(export_edition(edition, now=LATER)) == example_text()


def test_reimport_replaces_the_edition(federation):
    import_text(text=example_text(), federation=federation, actor=None)
    before = counts()
    changed = example()
    changed["divisions"][0]["name"]["en"] = "Violin (solo)"
    changed["jury"].pop()
    outcome = import_text(text=text_of(changed), federation=federation, actor=None)
    assert (outcome.created_edition, outcome.competition_updated) == (False, True)
    assert outcome.replaced == {"divisions": 1, "prizes": 2, "jurors": 2}
    assert counts() == before | {"JuryMember": before["JuryMember"] - 1}
    assert Division.objects.get().name_en == "Violin (solo)"


def test_invalid_document_changes_nothing(federation):
    import_text(text=example_text(), federation=federation, actor=None)
    before = counts()
    bad = example()
    bad["divisions"][0]["name"]["en"] = "Changed"
    bad["edition"]["ends_on"] = "2025-07-01"
    bad["prizes"][0]["amount"] = 3.5
    found = import_text(text=text_of(bad), federation=federation, actor=None)
    assert [(p.path, p.code) for p in found] == [
        ("/prizes/0/amount", "float"),
        ("/edition/ends_on", "not_in_order"),
    ]
    assert counts() == before
    assert Division.objects.get().name_en == "Violin"


def test_problems_against_the_database_change_nothing(federation):
    before = counts()
    bad = example()
    bad["competition"]["disciplines"] = ["violin", "harp"]
    bad["divisions"][0]["discipline"] = "harp"
    bad["jury"][0]["country"] = "XX"
    bad["divisions"][0]["rounds"][1]["scoring"] = {"preset": "mean", "parameters": {"bogus": 1}}
    bad["divisions"][0]["rounds"][0]["scoring"]["preset"] = "best-of"
    found = import_text(text=text_of(bad), federation=federation, actor=None)
    assert [(p.path, p.code) for p in found] == [
        ("/competition/disciplines/1", "unknown_discipline_code"),
        ("/jury/0/country", "unknown_country"),
        ("/divisions/0/rounds/0/scoring/preset", "not_choice"),
        ("/divisions/0/rounds/1/scoring/parameters", "scoring_parameters"),
    ]
    assert counts() == before


def test_a_row_the_database_refuses_rolls_everything_back(federation):
    before = counts()
    bad = example()
    bad["competition"]["website"] = "https://"
    found = import_text(text=text_of(bad), federation=federation, actor=None)
    assert [(p.path, p.code) for p in found] == [("/competition", "rejected")]
    assert "website" in found[0].message
    assert counts() == before  # the new city too


def test_scoring_stage_must_be_whole(federation):
    bad = example()
    bad["divisions"][0]["rounds"][1]["scoring"]["parameters"] = {"stage": "2"}
    found = import_text(text=text_of(bad), federation=federation, actor=None)
    assert [(p.path, p.code) for p in found] == [
        ("/divisions/0/rounds/1/scoring/parameters", "scoring_parameters")
    ]


def test_dry_run_changes_nothing(federation):
    before = counts()
    outcome = import_text(text=example_text(), federation=federation, actor=None, dry_run=True)
    assert (outcome.dry_run, outcome.created_edition, outcome.results) == (True, True, 2)
    assert counts() == before


def test_an_edition_run_here_cannot_be_replaced(federation):
    competition = CompetitionFactory(slug="harbin", name_en="Harbin Local")
    EditionFactory(competition=competition, year=2025)
    before = counts()
    found = import_text(text=example_text(), federation=federation, actor=None)
    assert [(p.path, p.code, p.params) for p in found] == [
        ("/edition/year", "edition_managed_here", {"competition": "Harbin Local", "year": "2025"})
    ]
    assert counts() == before


def test_a_new_edition_of_a_competition_run_here_keeps_its_details(federation):
    competition = CompetitionFactory(slug="harbin", name_en="Harbin Local")
    EditionFactory(competition=competition, year=2023)
    outcome = import_text(text=example_text(), federation=federation, actor=None)
    assert (outcome.created_competition, outcome.competition_updated) == (False, False)
    competition.refresh_from_db()
    assert competition.name_en == "Harbin Local"
    assert Edition.objects.filter(competition=competition).count() == 2


def test_results_wait_for_their_embargo(federation):
    import_text(text=example_text(), federation=federation, actor=None)
    edition = Edition.objects.get(year=2025)
    document = export_edition(edition, now=dt.datetime(2025, 8, 10, tzinfo=dt.UTC))
    assert [result.round for result in document.results] == [1]


def test_drafts_are_never_exported():
    edition = EditionFactory(status=EditionStatus.DRAFT)
    with pytest.raises(NotPublic):
        export_edition(edition)


def test_export_of_an_edition_run_here(federation):
    edition = EditionFactory(competition__slug="home", year=2025)
    text = interchange.dump(export_edition(edition))
    assert isinstance(interchange.parse(text), interchange.Document)
