"""A juror marks a live round in a real browser while the hall's Wi-Fi drops: nothing is lost,
nothing is counted twice, and the screen says what the server holds."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from concours.results import live
from concours.results.models import Mark, RoundStage
from concours.results.tests.live_setup import make_live_round
from tests.browser.pages import page_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _card(page, application):
    return page.locator(f'.marking-card[data-application="{application.reference}"]')


def _values(seat):
    return dict(Mark.objects.filter(juror=seat).values_list("application_id", "value"))


def test_marks_survive_a_network_drop_and_a_lost_answer(browser, live_server, artifacts):
    setup = make_live_round()
    live.step_round(round_=setup.round, to=RoundStage.LIVE, by=setup.office)
    seat = setup.jurors[0]
    ana, ben, cai = setup.candidates
    context, page, errors = page_for(browser, live_server, seat.user)
    page.goto(f"{live_server.url}/jury/rounds/{setup.round.pk}/")

    # Online: the mark is confirmed by the server, visibly.
    _card(page, ana).locator("input[name=value]").fill("21")
    _card(page, ana).locator("input[name=value]").blur()
    expect(_card(page, ana).locator("[data-mark-state]")).to_contain_text("Saved on the server")
    assert _values(seat) == {ana.pk: Decimal(21)}

    # The Wi-Fi drops: marks are kept on the device and the screen says so.
    context.set_offline(True)
    _card(page, ben).locator("input[name=value]").fill("18")
    _card(page, ben).locator("input[name=value]").blur()
    _card(page, cai).locator("input[name=value]").fill("12.5")  # not on the scale: refused later
    _card(page, cai).locator("input[name=value]").fill("12")
    _card(page, cai).locator("textarea[name=notes]").fill("intonation in the Bach")
    _card(page, cai).locator("textarea[name=notes]").blur()
    expect(_card(page, ben).locator("[data-mark-state]")).to_contain_text("Kept on this device")
    expect(page.locator("[data-pending-summary]")).to_contain_text("2 marks waiting")
    page.screenshot(path=artifacts / "live-marking-offline.png", full_page=True)
    assert _values(seat) == {ana.pk: Decimal(21)}

    # The connection returns: everything is sent and confirmed.
    context.set_offline(False)
    expect(_card(page, ben).locator("[data-mark-state]")).to_contain_text(
        "Saved on the server", timeout=15_000
    )
    expect(_card(page, cai).locator("[data-mark-state]")).to_contain_text(
        "Saved on the server", timeout=15_000
    )
    expect(page.locator("[data-pending-summary]")).to_have_text("")
    assert _values(seat) == {ana.pk: Decimal(21), ben.pk: Decimal(18), cai.pk: Decimal(12)}
    assert Mark.objects.get(juror=seat, application=cai).notes == "intonation in the Bach"

    # The server takes a change but its answer is lost: the screen resends, nothing doubles.
    answers_lost: list[str] = []

    def lose_the_first_answer(route):
        if not answers_lost:
            route.fetch()  # the server stores it…
            answers_lost.append(route.request.post_data or "")
            route.abort("connectionreset")  # …but the tablet never hears back
        else:
            route.continue_()

    page.route("**/marks/", lose_the_first_answer)
    _card(page, ana).locator("input[name=value]").fill("22")
    _card(page, ana).locator("input[name=value]").blur()
    expect(_card(page, ana).locator("[data-mark-state]")).to_contain_text(
        "Saved on the server", timeout=15_000
    )
    assert answers_lost
    assert Mark.objects.filter(juror=seat).count() == 3
    assert Mark.objects.get(juror=seat, application=ana).value == 22
    page.unroute("**/marks/")

    # A change made while the server is unreachable survives a reload of the page.
    page.route("**/marks/", lambda route: route.abort("internetdisconnected"))
    _card(page, ben).locator("input[name=value]").fill("19")
    _card(page, ben).locator("input[name=value]").blur()
    expect(_card(page, ben).locator("[data-mark-state]")).to_contain_text("Kept on this device")
    page.reload()
    expect(_card(page, ben).locator("input[name=value]")).to_have_value("19")
    page.unroute("**/marks/")
    expect(_card(page, ben).locator("[data-mark-state]")).to_contain_text(
        "Saved on the server", timeout=15_000
    )
    assert Mark.objects.get(juror=seat, application=ben).value == 19
    assert Mark.objects.filter(juror=seat).count() == 3
    page.screenshot(path=artifacts / "live-marking-online.png", full_page=True)
    assert errors == []
    context.close()


def test_a_mark_after_marking_closed_is_refused_and_the_screen_says_so(browser, live_server):
    setup = make_live_round()
    live.step_round(round_=setup.round, to=RoundStage.LIVE, by=setup.office)
    seat = setup.jurors[0]
    context, page, errors = page_for(browser, live_server, seat.user)
    page.goto(f"{live_server.url}/jury/rounds/{setup.round.pk}/")
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    card = _card(page, setup.candidates[0])
    card.locator("input[name=value]").fill("20")
    card.locator("input[name=value]").blur()
    expect(card.locator("[data-mark-state]")).to_contain_text("Refused by the server")
    expect(card.locator("[data-mark-state]")).to_contain_text("not open")
    assert not Mark.objects.exists()
    assert errors == []
    context.close()
