"""Nothing before its time: every public URL answers 404 before the embargo (the score sheets,
the record and the charts before the sheets' time), to visitors, candidates and jurors alike;
the competition's office, and only it, previews."""

import datetime as dt

import pytest
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.competitions.models import EditionStatus
from concours.competitions.tests.factories import OfficeStaffFactory
from concours.federation.tests.factories import SecretariatMemberFactory
from concours.publication.tests.setup import Decided, publish
from concours.publication.tests.urls import RESULTS, public_urls

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
PHASES = {
    "before the embargo": (HOUR, 2 * HOUR),
    "results public, sheets not yet": (-HOUR, HOUR),
    "everything public": (-2 * HOUR, -HOUR),
}
AUDIENCES = ("public", "stranger", "candidate", "juror", "office of another competition")


def _log_in(client, decided: Decided, audience: str) -> None:
    user = {
        "public": None,
        "stranger": UserFactory,
        "candidate": lambda: decided.candidates["Ana Alpha"].candidate.user,
        "juror": lambda: decided.jurors[0].user,
        "office of another competition": lambda: OfficeStaffFactory().user,
        "office": lambda: decided.office,
        "secretariat": lambda: SecretariatMemberFactory().user,
    }[audience]
    if user is not None:
        client.force_login(user())


def _expected(phase: str, name: str) -> int:
    if phase == "everything public":
        return 200
    if phase == "results public, sheets not yet":
        return 200 if name in RESULTS else 404
    return 404


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("phase", PHASES)
def test_every_url_answers_only_from_its_time(client, decided, audience, phase):
    publish(decided, publish_in=PHASES[phase][0], sheets_in=PHASES[phase][1])
    _log_in(client, decided, audience)
    statuses = {name: client.get(url).status_code for name, url in public_urls(decided).items()}
    assert statuses == {name: _expected(phase, name) for name in statuses}


@pytest.mark.parametrize("audience", ["office", "secretariat"])
def test_the_office_previews_every_url_before_the_embargo(client, decided, audience):
    publish(decided, publish_in=HOUR, sheets_in=2 * HOUR)
    _log_in(client, decided, audience)
    for name, url in public_urls(decided).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name
    page = client.get(public_urls(decided)["round"]).content.decode()
    assert "Preview for the office." in page


def test_a_round_never_published_is_not_found(client, decided):
    client.force_login(decided.office)
    statuses = {client.get(url).status_code for url in public_urls(decided).values()}
    assert statuses == {404}


def test_a_draft_edition_shows_nothing_even_after_its_times(client, decided):
    publish(decided)
    edition = decided.round.division.edition
    edition.status = EditionStatus.DRAFT
    edition.save()
    statuses = {client.get(url).status_code for url in public_urls(decided).values()}
    assert statuses == {404}
    client.force_login(decided.office)
    assert client.get(public_urls(decided)["round"]).status_code == 200


def test_a_round_under_another_edition_is_not_found(client, decided):
    publish(decided)
    url = reverse("publication:round", args=["no-such-competition", 2025, decided.round.pk])
    assert client.get(url).status_code == 404


def test_an_unknown_chart_is_not_found(client, decided):
    publish(decided)
    url = public_urls(decided)["chart:order"].replace("order.svg", "pie.svg")
    assert client.get(url).status_code == 404
