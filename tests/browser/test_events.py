"""Events in a real browser: register, a full event puts the next person on the waiting list,
the first cancels, the waiting person confirms the place offered; the office checks a ticket in
at the door on a phone."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from concours.accounts.tests.factories import UserFactory
from concours.competitions.tests.factories import CompetitionFactory, OfficeStaffFactory
from concours.events.models import Attendance, Registration, RegistrationStatus
from concours.events.tests.factories import (
    CategoryFactory,
    EventFactory,
    QuotaFactory,
    SessionFactory,
)
from tests.browser.pages import page_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def roundtable():
    now = timezone.now()
    competition = CompetitionFactory(slug="schoenfeld")
    event = EventFactory(
        competition=competition, slug="roundtable", title_en="Roundtable on careers",
        registration_opens_at=now - dt.timedelta(days=1), registration_closes_at=now + dt.timedelta(days=10),
    )  # fmt: skip
    SessionFactory(event=event, title_en="Careers after the competition")
    CategoryFactory(event=event, name_en="Audience")
    QuotaFactory(event=event, size=1, name="Hall")
    return event, OfficeStaffFactory(competition=competition).user


def _register(page, live_server, event):
    page.goto(f"{live_server.url}/events/{event.slug}/")
    page.get_by_role("link", name="Register").click()
    page.get_by_role("button", name="Register").click()


def test_register_wait_list_move_up_and_check_in(browser, live_server, roundtable, artifacts, settings):  # fmt: skip
    settings.CONCOURS_SITE_URL = live_server.url
    event, office = roundtable
    ada, ben = UserFactory(full_name="Ada Lovelace"), UserFactory(full_name="Ben Okri")

    # Ada takes the only place.
    ada_context, ada_page, ada_errors = page_for(browser, live_server, ada)
    _register(ada_page, live_server, event)
    expect(ada_page.locator("[data-status]")).to_have_text("Confirmed")
    expect(ada_page.get_by_role("img", name="QR code of your ticket")).to_be_visible()

    # Ben finds the event full: the waiting list, first in line.
    ben_context, ben_page, ben_errors = page_for(browser, live_server, ben)
    _register(ben_page, live_server, event)
    expect(ben_page.locator("[data-status]")).to_have_text("On the waiting list")
    expect(ben_page.get_by_text("You are number 1 on the waiting list")).to_be_visible()

    # Ada cancels; the place is offered to Ben, who confirms it.
    ada_page.get_by_role("button", name="Cancel my registration").click()
    expect(ada_page.locator("[data-status]")).to_have_text("Cancelled")
    ben_page.reload()
    expect(ben_page.locator("[data-status]")).to_have_text("Place offered")
    ben_page.get_by_role("button", name="Confirm my place").click()
    expect(ben_page.locator("[data-status]")).to_have_text("Confirmed")
    code = ben_page.locator(".ticket-code").inner_text()
    assert Registration.objects.get(user=ben).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1

    # At the door, on a phone: type the code (in lower case, with spaces), then again.
    door_context, door, door_errors = page_for(browser, live_server, office, viewport=PHONE)
    door.goto(f"{live_server.url}/events/{event.slug}/check-in/")
    door.get_by_label("Ticket code").fill(code.lower().replace("-", " "))
    door.get_by_role("button", name="Check in").click()
    expect(door.locator("[data-result]")).to_have_text("Checked in: Ben Okri, Audience")
    door.screenshot(path=str(artifacts / "events-check-in-phone.png"), full_page=True)
    door.get_by_label("Ticket code").fill(code)
    door.get_by_role("button", name="Check in").click()
    expect(door.locator("[data-result]")).to_contain_text("Already checked in at")
    door.get_by_label("Ticket code").fill("NOT-A-TICKET")
    door.get_by_role("button", name="Check in").click()
    expect(door.locator("[data-result]")).to_have_text("Not a ticket for this event.")
    assert Attendance.objects.filter(registration__user=ben).count() == 1
    # Nothing sideways on a phone.
    assert door.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert ada_errors == ben_errors == door_errors == []
    for context in (ada_context, ben_context, door_context):
        context.close()
