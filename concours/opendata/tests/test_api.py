"""The interchange endpoints of the API and their place in the OpenAPI schema."""

import pytest

from concours.competitions.models import EditionStatus
from concours.competitions.tests.factories import EditionFactory
from concours.interchange import MAX_BYTES
from concours.opendata.tests.factories import example, federation_with_disciplines, text_of

pytestmark = pytest.mark.django_db

VALIDATE = "/api/v1/interchange/validate/"


def test_edition_document(client):
    EditionFactory(competition__slug="home", year=2025)
    EditionFactory(competition__slug="draft", year=2025, status=EditionStatus.DRAFT)
    response = client.get("/api/v1/interchange/editions/home/2025/")
    assert response.status_code == 200
    assert response.json()["format"] == "concours-edition"
    assert client.get("/api/v1/interchange/editions/draft/2025/").status_code == 404


def test_validate_lists_problems_and_writes_nothing(client):
    federation_with_disciplines()
    assert client.post(VALIDATE, text_of(example()), content_type="application/json").json() == {
        "valid": True,
        "problems": [],
    }
    bad = example()
    bad["divisions"][0]["fee"]["amount"] = "-5"
    bad["competition"]["disciplines"] = ["cello", "violin", "harp"]
    response = client.post(VALIDATE, text_of(bad), content_type="text/plain")
    assert response.status_code == 200
    assert response.json() == {
        "valid": False,
        "problems": [
            {
                "code": "not_positive",
                "path": "/divisions/0/fee/amount",
                "message": "This must be greater than zero.",
                "params": {},
            },
        ],
    }


def test_validate_database_problems_and_empty_body(client):
    bad = example()
    response = client.post(VALIDATE, text_of(bad), content_type="application/json")
    assert [p["code"] for p in response.json()["problems"]] == ["unknown_discipline_code"] * 2
    response = client.post(VALIDATE, b"", content_type="application/json")
    assert response.json()["problems"][0]["code"] == "syntax"


def test_validate_refuses_a_body_too_large(client):
    response = client.post(VALIDATE, b" " * (MAX_BYTES + 1), content_type="application/json")
    assert response.status_code == 413
    assert response.json()["problems"][0]["code"] == "too_large"


def test_schema_lists_the_interchange_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/v1/interchange/editions/{slug}/{year}/" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/interchange/validate/"]
