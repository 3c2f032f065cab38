"""The demo's Schoenfeld 2025 edition exports to a valid document (docs/open-data.md)."""

import datetime as dt
import json

import pytest

from concours import interchange
from concours.competitions.models import Edition
from concours.demo.services import load_demo
from concours.opendata.exporting import export_edition

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def test_schoenfeld_2025_exports_a_valid_document(private_storage):
    load_demo(now=NOW)
    edition = Edition.objects.get(competition__slug="schoenfeld", year=2025)
    text = interchange.dump(export_edition(edition, now=NOW))
    document = interchange.parse(text)
    assert not isinstance(document, list), [str(p) for p in document]
    assert interchange.dump(document) == text
    data = json.loads(text)
    # The first live round of each division is published; its score sheets are public too.
    assert len(data["results"]) == 3
    assert all(result["ranking"] for result in data["results"])
    assert {juror["name"]["en"] for juror in data["jury"]} == set(
        edition.jury.values_list("name_en", flat=True)
    )
