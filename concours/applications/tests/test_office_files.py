"""The office downloads an application's files only within its own competition."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import Document
from concours.applications.tests.conftest import PDF
from concours.competitions.tests.factories import OfficeStaffFactory
from concours.federation.tests.factories import SecretariatMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(draft):
    item = Document(application=draft, kind="cv", content_type="application/pdf", size=len(PDF))
    item.file.save("cv.pdf", ContentFile(PDF), save=True)
    return item


def _url(document):
    return reverse("office_file", kwargs={"kind": "document", "pk": document.pk})


def test_office_of_the_competition_downloads(client, document):
    client.force_login(
        OfficeStaffFactory(competition=document.application.division.edition.competition).user
    )
    response = client.get(_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(SecretariatMemberFactory().user)
    response = client.get(_url(document))
    assert response.status_code == 200
    # Read to the end (the file closes with it); response.close() would also end the test's
    # database connection through the request_finished signal.
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("who", ["other_office", "stranger", "candidate_of_another"])
def test_everyone_else_gets_404(client, document, who):
    users = {
        "other_office": lambda: OfficeStaffFactory().user,
        "stranger": UserFactory,
        "candidate_of_another": UserFactory,
    }
    client.force_login(users[who]())
    assert client.get(_url(document)).status_code == 404
    assert (
        client.get(
            reverse("office_file", kwargs={"kind": "passport", "pk": document.pk})
        ).status_code
        == 404
    )


def test_review_page_links_the_file(client, document):
    client.force_login(
        OfficeStaffFactory(competition=document.application.division.edition.competition).user
    )
    page = client.get(
        reverse("admin:applications_application_change", args=[document.application.pk])
    ).text
    assert _url(document) in page
