"""The office's publication page: only the round's competition office reaches it; times are
typed in the edition's time zone; bad input changes nothing; a preview of the public page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from concours.competitions.tests.factories import OfficeStaffFactory
from concours.publication.models import Listing, Publication
from concours.publication.tests.setup import publish
from concours.results.live import progress_of
from concours.results.models import RoundStage

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def _url(decided):
    return reverse("publication:office", args=[decided.round.pk])


def _form(**changes):
    return {
        "publish_at": "2025-08-14T20:00", "sheets_at": "2025-08-17T12:00",
        "listing": "alphabetical", "release_feedback": "on",
    } | changes  # fmt: skip


def test_only_the_competitions_office_reaches_the_page(client, decided):
    url = _url(decided)
    assert client.get(url).status_code == 302  # to sign in
    for user in (
        decided.candidates["Ana Alpha"].candidate.user,
        decided.jurors[0].user,
        OfficeStaffFactory().user,
    ):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, _form()).status_code == 404
    assert not Publication.objects.exists()


def test_the_page_shows_the_form_and_a_preview(client, decided):
    client.force_login(decided.office)
    page = client.get(_url(decided)).content.decode()
    assert 'type="datetime-local"' in page
    assert "In Asia/Shanghai time." in page
    assert "Preview of the public page" in page
    assert "The candidates who advance, in alphabetical order" in page
    assert "Every candidate's score and rank" in page  # the office sees everything


def test_publishing_reads_the_times_in_the_editions_zone(client, decided):
    client.force_login(decided.office)
    response = client.post(_url(decided), _form(listing="ranked"))
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.publish_at == dt.datetime(2025, 8, 14, 12, 0, tzinfo=UTC)
    assert publication.sheets_at == dt.datetime(2025, 8, 17, 4, 0, tzinfo=UTC)
    assert (publication.listing, publication.release_feedback) == (Listing.RANKED, True)
    assert publication.published_by == decided.office
    assert progress_of(decided.round).stage == RoundStage.PUBLISHED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sheets_at": "2025-08-14T19:59"}, "sheets_at", "cannot be public before the results"),
        ({"publish_at": "14 August"}, "publish_at", "Enter a valid date/time."),
        ({"publish_at": ""}, "publish_at", "This field is required."),
        ({"listing": "by-height"}, "listing", "Select a valid choice."),
    ],
)
def test_bad_input_gives_field_errors_and_changes_nothing(client, decided, changes, field, message):
    client.force_login(decided.office)
    response = client.post(_url(decided), _form(**changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Publication.objects.exists()
    assert progress_of(decided.round).stage == RoundStage.DECIDED


def test_a_time_that_does_not_exist_in_the_zone_is_refused(client, decided):
    edition = decided.round.division.edition
    edition.time_zone = "Europe/Warsaw"
    edition.save()
    client.force_login(decided.office)
    response = client.post(_url(decided), _form(publish_at="2026-03-29T02:30"))
    assert response.status_code == 400
    assert (
        "may be ambiguous or it may not exist" in response.context["form"].errors["publish_at"][0]
    )
    assert not Publication.objects.exists()


def test_a_round_the_jury_has_not_decided_on_cannot_be_published(client, decided):
    progress = progress_of(decided.round)
    progress.stage = RoundStage.COMPUTED
    progress.save()
    client.force_login(decided.office)
    page = client.get(_url(decided)).content.decode()
    assert "Results can be published once the jury has decided on them." in page
    response = client.post(_url(decided), _form())
    assert response.status_code == 400
    assert not Publication.objects.exists()


def test_once_public_only_what_may_change_can(client, decided):
    publication = publish(decided, publish_in=-dt.timedelta(hours=1), release_feedback=False)
    client.force_login(decided.office)
    page = client.get(_url(decided)).content.decode()
    assert page.count(" disabled") == 4  # both times and the listing's two radio buttons
    response = client.post(
        _url(decided), _form(publish_at="2030-01-01T00:00", release_feedback="on")
    )
    assert response.status_code == 302, response.context["form"].errors
    publication.refresh_from_db()
    assert publication.release_feedback is True
    assert publication.publish_at < timezone.now()  # the disabled field kept its value
