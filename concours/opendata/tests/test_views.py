"""The open-data pages: index, downloads, the secretariat's import page."""

import io

import pytest
from django.conf import settings
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.competitions.models import Edition, EditionStatus
from concours.competitions.tests.factories import EditionFactory
from concours.federation.tests.factories import SecretariatMemberFactory
from concours.opendata.tests.factories import (
    example,
    example_text,
    federation_with_disciplines,
    text_of,
)

pytestmark = pytest.mark.django_db

IMPORT = "/open-data/import/"


@pytest.fixture
def secretariat(client):
    federation = federation_with_disciplines()
    member = SecretariatMemberFactory(federation=federation)
    client.force_login(member.user)
    return member


def _upload(client, data: bytes, name="edition.json"):
    handle = io.BytesIO(data)
    handle.name = name
    return client.post(IMPORT, {"document": handle})


def test_index_lists_public_editions_in_few_queries(client, django_assert_max_num_queries):
    for year in (2021, 2023, 2025):
        EditionFactory(year=year)
    EditionFactory(year=2027, status=EditionStatus.DRAFT)
    with django_assert_max_num_queries(4):
        response = client.get("/open-data/")
    assert response.status_code == 200
    assert len(response.context["editions"]) == 3
    assert b'href="/api/docs/"' in response.content
    assert b'href="/api/schema/"' in response.content


def test_download_of_a_public_edition_and_404_for_drafts(client):
    public = EditionFactory(competition__slug="home", year=2025)
    EditionFactory(competition=public.competition, year=2027, status=EditionStatus.DRAFT)
    response = client.get(reverse("opendata:edition", args=["home", 2025]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["edition"]["year"] == 2025
    assert client.get("/open-data/editions/home/2027.json").status_code == 404
    assert client.get("/open-data/editions/away/2025.json").status_code == 404


def test_import_page_needs_the_secretariat(client):
    response = client.get(IMPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    client.force_login(UserFactory())
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"sha256": "0" * 64}).status_code == 403


def test_invalid_upload_lists_every_problem_and_changes_nothing(client, secretariat):
    bad = example()
    bad["edition"]["status"] = "draft"
    bad["divisions"][0]["birth_window"]["earliest"] = "2001-02-30"
    response = _upload(client, text_of(bad))
    assert response.status_code == 200
    assert response.context["problems"] == [
        ("/edition/status", "“draft” is not one of: announced, running, completed, cancelled."),
        (
            "/divisions/0/birth_window/earliest",
            "“2001-02-30” is not a date; write it as YYYY-MM-DD.",
        ),
    ]
    assert Edition.objects.count() == 0


def test_preview_then_confirm_imports(client, secretariat):
    response = _upload(client, example_text().encode("utf-8"))
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert (outcome.created_edition, outcome.dry_run) == (True, True)
    assert Edition.objects.count() == 0
    sha256 = response.context["confirm"].initial["sha256"]
    response = client.post(IMPORT, {"sha256": sha256})
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert edition.imported.imported_by == secretariat.user
    # The preview is used once.
    response = client.post(IMPORT, {"sha256": sha256}, follow=True)
    assert [str(m) for m in response.context["messages"]][-1] == (
        "That preview has expired; upload the document again."
    )


def test_upload_that_is_not_json(client, secretariat):
    response = _upload(client, b"\xff\xfe")
    assert response.context["problems"] == [("/", "The document is not UTF-8 text.")]
