"""The jurors' written feedback, released to each candidate after publication: their own only,
without the jurors' names."""

import datetime as dt

import pytest
from django.urls import reverse

from concours.publication.tests.setup import publish

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
URL = reverse("publication:feedback")


def _texts(response) -> list[str]:
    return [round_.texts for round_ in response.context["rounds"]]


def test_the_candidate_reads_their_feedback_without_jurors_names(client, decided):
    publish(decided, release_feedback=True)
    client.force_login(decided.candidates["Ana Alpha"].candidate.user)
    response = client.get(URL)
    assert _texts(response) == [("Beautiful phrasing in the Chopin.", "Mind the tempo.")]
    page = response.content.decode()
    assert "Mind the tempo." in page
    assert not any(juror.name_en in page for juror in decided.jurors)
    assert "no-store" in response["Cache-Control"]


def test_nobody_else_reads_it(client, decided):
    publish(decided, release_feedback=True)
    client.force_login(decided.candidates["Ben Beta"].candidate.user)
    assert _texts(client.get(URL)) == []
    client.force_login(decided.jurors[0].user)
    assert _texts(client.get(URL)) == []


@pytest.mark.parametrize(
    ("publish_in", "release"), [(HOUR, True), (-HOUR, False)], ids=["embargoed", "not released"]
)
def test_nothing_before_publication_or_without_release(client, decided, publish_in, release):
    publish(decided, publish_in=publish_in, sheets_in=2 * HOUR, release_feedback=release)
    client.force_login(decided.candidates["Ana Alpha"].candidate.user)
    response = client.get(URL)
    assert _texts(response) == []
    assert "No feedback has been released to you yet." in response.content.decode()


def test_signing_in_is_required(client):
    assert client.get(URL).status_code == 302


def test_the_candidates_page_links_to_it(client, decided):
    client.force_login(decided.candidates["Ana Alpha"].candidate.user)
    assert f'href="{URL}"' in client.get(reverse("dashboard")).content.decode()
