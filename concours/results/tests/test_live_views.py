"""The marking screen's endpoints and the office's live view: answers, refusals, permissions."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.competitions.models import OfficeStaff
from concours.competitions.tests.factories import CompetitionFactory
from concours.results import live
from concours.results.models import Mark, RoundStage
from concours.results.tests.live_setup import make_live_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    setup = make_live_round()
    live.step_round(round_=setup.round, to=RoundStage.LIVE, by=setup.office)
    return setup


def _post_mark(client, setup, **data):
    body = {"application": str(setup.candidates[0].reference), "value": "20", "version": 1}
    body.update(data)
    return client.post(
        reverse("results:mark", args=[setup.round.pk]), json.dumps(body),
        content_type="application/json",
    )  # fmt: skip


def test_the_screen_shows_the_round_in_order_with_the_script(client, setup):
    client.force_login(setup.jurors[0].user)
    response = client.get(reverse("results:screen", args=[setup.round.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Ana Alpha") < html.index("Ben Beta") < html.index("Cai Gamma")
    assert "live-marking.js" in html


def test_a_mark_is_saved_and_confirmed_and_a_resend_is_harmless(client, setup):
    client.force_login(setup.jurors[0].user)
    first = _post_mark(client, setup)
    assert first.status_code == 200
    assert first.json()["applied"] is True
    assert first.json()["mark"]["value"] == "20"
    again = _post_mark(client, setup)
    assert again.json()["applied"] is False
    assert again.json()["mark"]["version"] == 1
    assert Mark.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"value": "abc"}, "must be a number"),
        ({"value": "30"}, "scale"),
        ({"version": 0}, "version"),
        ({"version": "1"}, "version"),
        ({"application": "not-a-uuid"}, "Unknown candidate"),
        ({"vote": "maybe"}, "YES or NO"),
        ({"status": "A"}, "abstains"),
        ({"notes": "x" * 5001}, "5000"),
    ],
)
def test_bad_marks_are_refused_with_a_message_and_change_nothing(client, setup, body, message):
    client.force_login(setup.jurors[0].user)
    response = _post_mark(client, setup, **body)
    assert response.status_code in (400, 409)
    assert message in response.json()["error"]
    assert not Mark.objects.exists()


def test_not_json_is_refused(client, setup):
    client.force_login(setup.jurors[0].user)
    response = client.post(
        reverse("results:mark", args=[setup.round.pk]), "value=20", content_type="text/plain"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["error"]


def test_state_shows_only_the_jurors_own_marks(client, setup):
    client.force_login(setup.jurors[1].user)
    _post_mark(client, setup)
    client.force_login(setup.jurors[0].user)
    state = client.get(reverse("results:state", args=[setup.round.pk])).json()
    assert state["stage"] == "live"
    assert state["marks"] == {}
    screen = client.get(reverse("results:screen", args=[setup.round.pk])).content.decode()
    assert "The panel's marks" not in screen


def test_the_panel_is_shown_to_jurors_after_close_only_when_the_office_allows(client, setup):
    client.force_login(setup.jurors[1].user)
    _post_mark(client, setup)
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    client.force_login(setup.jurors[0].user)
    url = reverse("results:screen", args=[setup.round.pk])
    assert "The panel's marks" not in client.get(url).content.decode()
    client.force_login(setup.office)
    client.post(reverse("results:panel_visibility", args=[setup.round.pk]), {"visible": "1"})
    assert live.progress_of(setup.round).panel_visible_after_close
    client.force_login(setup.jurors[0].user)
    assert "The panel's marks" in client.get(url).content.decode()
    client.force_login(setup.jurors[1].user)
    response = client.post(
        reverse("results:panel_visibility", args=[setup.round.pk]), {"visible": "0"}
    )
    assert response.status_code == 404  # only the office decides
    assert live.progress_of(setup.round).panel_visible_after_close


@pytest.mark.parametrize("who", ["anonymous", "stranger", "candidate", "office"])
def test_only_the_rounds_jurors_reach_the_screen_and_endpoints(client, setup, who):
    if who == "stranger":
        client.force_login(UserFactory())
    elif who == "candidate":
        client.force_login(setup.candidates[0].candidate.user)
    elif who == "office":
        client.force_login(setup.office)
    for name in ("screen", "state"):
        response = client.get(reverse(f"results:{name}", args=[setup.round.pk]))
        assert response.status_code in (302, 404)
    assert _post_mark(client, setup).status_code in (302, 404)
    assert not Mark.objects.exists()


def test_the_juror_must_accept_the_declaration_first(client):
    setup = make_live_round()
    from concours.jury.models import JurorDeclaration

    JurorDeclaration.objects.filter(seat=setup.jurors[0]).delete()
    client.force_login(setup.jurors[0].user)
    response = client.get(reverse("results:screen", args=[setup.round.pk]))
    assert response.status_code == 302


def test_submitting_the_round_locks_the_marks(client, setup):
    client.force_login(setup.jurors[0].user)
    for application in setup.candidates:
        _post_mark(client, setup, application=str(application.reference))
    response = client.post(reverse("results:submit_round", args=[setup.round.pk]), follow=True)
    assert "submitted and locked" in response.content.decode()
    refused = _post_mark(client, setup, value="21", version=2)
    assert refused.status_code == 409
    assert "submitted" in refused.json()["error"]


# --- The office --------------------------------------------------------------------------------


def test_the_office_sees_who_marked_whom_but_not_the_marks(client, setup):
    client.force_login(setup.jurors[0].user)
    _post_mark(client, setup, value="17")
    client.force_login(setup.office)
    response = client.get(reverse("results:live", args=[setup.round.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Juror 1" in html
    assert "8 marks missing" in html
    assert ">17<" not in html


def test_office_of_another_competition_and_jurors_cannot_reach_the_live_view(client, setup):
    other = UserFactory()
    OfficeStaff.objects.create(user=other, competition=CompetitionFactory())
    for user in (other, setup.jurors[0].user, setup.candidates[0].candidate.user):
        client.force_login(user)
        assert client.get(reverse("results:live", args=[setup.round.pk])).status_code == 404
        response = client.post(reverse("results:step", args=[setup.round.pk]), {"to": "closed"})
        assert response.status_code == 404
    assert live.progress_of(setup.round).stage == "live"


def test_office_steps_the_round_and_bad_steps_are_explained(client, setup):
    client.force_login(setup.office)
    url = reverse("results:step", args=[setup.round.pk])
    refused = client.post(url, {"to": "published"})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()
    assert client.post(url, {"to": "closed"}).status_code == 302
    assert live.progress_of(setup.round).stage == "closed"


def test_office_override_form_needs_a_reason(client, setup):
    client.force_login(setup.office)
    url = reverse("results:override", args=[setup.round.pk])
    data = {"juror": setup.jurors[0].pk, "application": setup.candidates[0].pk,
            "status": "scored", "value": "19", "reason": ""}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Mark.objects.exists()
    data["reason"] = "the juror's sheet says 19"
    assert client.post(url, data).status_code == 302
    assert Mark.objects.get().value == 19


def test_office_records_an_absence_and_sets_who_is_on_stage(client, setup):
    client.force_login(setup.office)
    response = client.post(
        reverse("results:absence", args=[setup.round.pk]),
        {"juror": setup.jurors[2].pk, "applications": [setup.candidates[1].pk],
         "reason": "flight delayed"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Mark.objects.get().status == "A"
    client.post(
        reverse("results:on_stage", args=[setup.round.pk]),
        {"application": setup.candidates[2].pk},
    )
    client.force_login(setup.jurors[0].user)
    state = client.get(reverse("results:state", args=[setup.round.pk])).json()
    assert state["on_stage"] == str(setup.candidates[2].reference)


def test_computing_from_the_live_view(client, setup):
    client.force_login(setup.office)
    url = reverse("results:compute", args=[setup.round.pk])
    response = client.post(url, follow=True)
    assert "Close the marking" in response.content.decode()
    for seat in setup.jurors:
        for application in setup.candidates:
            live.record_live_mark(
                round_=setup.round, seat=seat, application=application, status="scored",
                value=Decimal(20), vote=None, notes="", feedback="", version=1, by=seat.user,
            )  # fmt: skip
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    response = client.post(url, follow=True)
    assert "The results are computed." in response.content.decode()
    assert live.progress_of(setup.round).stage == "computed"
