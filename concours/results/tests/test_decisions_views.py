"""The jury's decisions on a computed round: the anonymised ranking, advancers, places, votes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.competitions.models import OfficeStaff
from concours.competitions.tests.factories import CompetitionFactory
from concours.results import live
from concours.results.models import JuryDecision, RoundStage
from concours.results.tests.live_setup import make_live_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed():
    setup = make_live_round(advancing=2)
    live.step_round(round_=setup.round, to=RoundStage.LIVE, by=setup.office)
    for j, seat in enumerate(setup.jurors):
        for c, application in enumerate(setup.candidates):
            live.record_live_mark(
                round_=setup.round, seat=seat, application=application, status="scored",
                value=Decimal(22 - 5 * c + j), vote=None, notes="", feedback="", version=1,
                by=seat.user,
            )  # fmt: skip
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    live.step_round(round_=setup.round, to=RoundStage.COMPUTED, by=setup.office)
    return setup


def _url(setup, kind=None):
    if kind is None:
        return reverse("results:decide", args=[setup.round.pk])
    return reverse("results:record_decision", args=[setup.round.pk, kind])


def test_the_jury_sees_numbers_not_names_unless_the_office_asks(client, computed):
    client.force_login(computed.office)
    html = client.get(_url(computed)).content.decode()
    assert "No. 1" in html
    assert "Ana Alpha" not in html.split("<h2>")[2]  # not in the ranking table
    named = client.get(_url(computed) + "?names=1").content.decode()
    assert "Ana Alpha" in named


def test_confirming_the_advancers_with_a_passed_vote(client, computed):
    client.force_login(computed.office)
    ana, ben, _cai = computed.candidates
    data = {
        "confirm-advancers-candidates": [ana.pk, ben.pk],
        "confirm-advancers-decided_by": "the jury",
        "confirm-advancers-in_favour": 3, "confirm-advancers-against": 0,
        "confirm-advancers-required": "2/3",
    }  # fmt: skip
    response = client.post(_url(computed, "confirm-advancers"), data)
    assert response.status_code == 302
    decision = JuryDecision.objects.get()
    assert (decision.kind, decision.in_favour, decision.required) == ("confirm-advancers", 3, "2/3")


def test_a_decision_that_does_not_fit_the_results_is_refused_and_nothing_is_recorded(
    client, computed
):
    client.force_login(computed.office)
    _ana, ben, cai = computed.candidates
    data = {
        "confirm-advancers-candidates": [ben.pk, cai.pk],
        "confirm-advancers-decided_by": "the jury",
    }
    response = client.post(_url(computed, "confirm-advancers"), data)
    assert response.status_code == 400
    assert "did not advance" in response.content.decode()
    assert not JuryDecision.objects.exists()


def test_a_place_needs_the_majority_the_rules_require(client, computed):
    client.force_login(computed.office)
    ana = computed.candidates[0]
    data = {
        "award-place-place": 1, "award-place-candidates": [ana.pk],
        "award-place-prize_name": "First Prize", "award-place-decided_by": "the jury",
        "award-place-in_favour": 1, "award-place-against": 2, "award-place-required": "2/3",
    }  # fmt: skip
    refused = client.post(_url(computed, "award-place"), data)
    assert refused.status_code == 400
    assert not JuryDecision.objects.exists()
    data["award-place-in_favour"], data["award-place-against"] = 2, 1
    assert client.post(_url(computed, "award-place"), data).status_code == 302
    assert JuryDecision.objects.get().payload["place"] == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("required", "3/2", "between 0 and 1"), ("required", "x", "fraction"),
     ("in_favour", "", "votes in favour")],
)  # fmt: skip
def test_bad_votes_are_field_errors(client, computed, field, value, message):
    client.force_login(computed.office)
    data = {
        "withhold-prize-place": 3, "withhold-prize-decided_by": "the jury",
        "withhold-prize-in_favour": 3, "withhold-prize-against": 0,
        "withhold-prize-required": "2/3", f"withhold-prize-{field}": value,
    }  # fmt: skip
    response = client.post(_url(computed, "withhold-prize"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JuryDecision.objects.exists()


def test_no_decision_outside_the_computed_stage(client, computed):
    live.step_round(round_=computed.round, to=RoundStage.DECIDED, by=computed.office)
    client.force_login(computed.office)
    data = {"withhold-prize-place": 3, "withhold-prize-decided_by": "the jury"}
    response = client.post(_url(computed, "withhold-prize"), data, follow=True)
    assert "before publication" in response.content.decode()
    assert not JuryDecision.objects.exists()


def test_only_the_rounds_office_reaches_the_decisions(client, computed):
    other = UserFactory()
    OfficeStaff.objects.create(user=other, competition=CompetitionFactory())
    for user in (other, computed.jurors[0].user, computed.candidates[0].candidate.user):
        client.force_login(user)
        assert client.get(_url(computed)).status_code == 404
        response = client.post(
            _url(computed, "withhold-prize"),
            {"withhold-prize-place": 3, "withhold-prize-decided_by": "x"},
        )
        assert response.status_code == 404
    assert not JuryDecision.objects.exists()
