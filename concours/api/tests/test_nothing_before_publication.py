"""Before publication the API says nothing about marks or results: not to the public, not to
the candidates, not to the jurors (every endpoint, list and detail)."""

from decimal import Decimal

import pytest

from concours.results import live
from concours.results.models import RoundStage
from concours.results.tests.live_setup import make_live_round

pytestmark = pytest.mark.django_db


def test_no_endpoint_shows_marks_or_results_before_publication(client):
    setup = make_live_round()
    edition = setup.round.division.edition
    edition.status = "running"
    edition.save()
    live.step_round(round_=setup.round, to=RoundStage.LIVE, by=setup.office)
    for seat in setup.jurors:
        for application in setup.candidates:
            live.record_live_mark(
                round_=setup.round, seat=seat, application=application, status="scored",
                value=Decimal(17), vote=None, notes="private note", feedback="", version=1,
                by=seat.user,
            )  # fmt: skip
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    live.step_round(round_=setup.round, to=RoundStage.COMPUTED, by=setup.office)
    urls = [
        "/api/v1/competitions/", "/api/v1/editions/", "/api/v1/divisions/", "/api/v1/rounds/",
        f"/api/v1/rounds/{setup.round.pk}/", f"/api/v1/divisions/{setup.round.division_id}/",
        "/api/schema/",
    ]  # fmt: skip
    for user in (None, setup.candidates[0].candidate.user, setup.jurors[0].user):
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 404), url
            body = response.content.decode()
            for secret in ("Ana Alpha", "Alpha", "private note", "17.000", '"score"', '"marks"'):
                assert secret not in body, (url, secret)
