"""axe-core on the jury's, the office's and the public's pages of live rounds and results, in
both languages, on a tablet and on a phone."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from concours.draws import services as draws
from concours.publication.services import publish_round
from concours.results import live
from concours.results.models import RoundStage
from concours.results.services import record_decision, unique_labels
from concours.results.tests.live_setup import make_live_round
from concours.scoring.decisions import ConfirmAdvancers
from tests.browser.pages import sign_in
from tests.browser.test_accessibility import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rounds():
    setup = make_live_round(candidates=6)
    round_, office = setup.round, setup.office
    edition = round_.division.edition
    edition.status = "running"
    edition.save()
    draw = draws.commit_draw(division=round_.division, method="chopin", by=office)
    draws.add_witness_input(draw=draw, witness="Li Na", value="Harbin", by=office)
    draws.reveal_draw(draw=draws.perform_draw(draw=draw, by=office), by=office)
    live.step_round(round_=round_, to=RoundStage.LIVE, by=office)
    for j, seat in enumerate(setup.jurors):
        for c, application in enumerate(setup.candidates):
            live.record_live_mark(
                round_=round_, seat=seat, application=application, status="scored",
                value=Decimal(24 - 3 * c - j), vote=None, notes="", feedback="Lovely tone.",
                version=1, by=seat.user,
            )  # fmt: skip
    live.step_round(round_=round_, to=RoundStage.CLOSED, by=office)
    live.step_round(round_=round_, to=RoundStage.COMPUTED, by=office)
    computation = round_.computations.latest()
    rows = list(computation.scores.select_related("application__candidate"))
    labels = {a.pk: k for k, a in unique_labels([r.application for r in rows], "candidate").items()}
    record_decision(
        computation=computation,
        decision=ConfirmAdvancers(
            candidates=tuple(labels[r.application_id] for r in rows if r.advanced),
            decided_by="the jury", decided_at=timezone.now().isoformat(timespec="seconds"),
        ),
        by=office,
    )  # fmt: skip
    live.step_round(round_=round_, to=RoundStage.DECIDED, by=office)
    now = timezone.now()
    publish_round(
        round_=round_, publish_at=now - dt.timedelta(hours=2), sheets_at=now - dt.timedelta(hours=1),
        listing="ranked", release_feedback=True, by=office,
    )  # fmt: skip
    second = type(round_).objects.create(
        division=round_.division, number=2, name_en="Round 2", name_zh="第二轮",
        scoring_preset="mean", scoring_parameters={"scale": [1, 25]}, advancing=1,
    )  # fmt: skip
    live.step_round(round_=second, to=RoundStage.LIVE, by=office)
    return setup, second


def _context(browser, live_server, user, locale, viewport):
    context = browser.new_context(
        locale=locale, extra_http_headers={"Accept-Language": locale}, viewport=viewport,
        bypass_csp=True,
    )  # fmt: skip
    if user is not None:
        sign_in(context, live_server, user)
    return context


@pytest.mark.parametrize("locale", ["en-GB", "zh-CN"])
@pytest.mark.parametrize(
    "viewport", [{"width": 1024, "height": 768}, {"width": 390, "height": 844}]
)
def test_live_round_and_results_pages_have_no_serious_violations(
    browser, live_server, rounds, locale, viewport
):
    setup, second = rounds
    first = setup.round
    division, edition = first.division, first.division.edition
    base = f"/competitions/{edition.competition.slug}/{edition.year}"
    pages = {
        setup.jurors[0].user: [f"/jury/rounds/{second.pk}/", f"/jury/{setup.jurors[0].pk}/"],
        setup.office: [f"/live/{second.pk}/", f"/live/{first.pk}/decide/", f"/publish/{first.pk}/",
                       f"/jury/office/editions/{edition.pk}/conflicts/"],
        setup.candidates[0].candidate.user: ["/me/feedback/"],
        None: [f"{base}/results/", f"{base}/results/{first.pk}/",
               f"{base}/results/{first.pk}/sheets/", f"{base}/{division.slug}/draws/",
               "/draws/verify/"],
    }  # fmt: skip
    found = {}
    for user, paths in pages.items():
        context = _context(browser, live_server, user, locale, viewport)
        page = context.new_page()
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            found[path] = _violations(page)
        context.close()
    assert {path: v for path, v in found.items() if v} == {}, json.dumps(
        found, indent=1, ensure_ascii=False
    )
