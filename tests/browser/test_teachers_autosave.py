"""The candidate's teachers save themselves as the candidate types, in a real browser: nothing
is added twice, and a reload shows what was saved."""

import datetime as dt
import time

import pytest
from django.db import OperationalError
from django.utils import timezone
from playwright.sync_api import expect

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import CandidateProfile, Teacher
from tests.browser.pages import page_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _teachers():
    """The saved list, read beside the live server: SQLite's shared in-memory database refuses a
    read while the server's save holds the table ("table is locked"), so such a read is retried."""
    for _ in range(50):
        try:
            return list(Teacher.objects.values_list("name", "institution", "lessons"))
        except OperationalError:
            time.sleep(0.1)
    return list(Teacher.objects.values_list("name", "institution", "lessons"))


def test_teachers_save_themselves_once(browser, live_server):
    user = UserFactory(email="lina@example.org", email_verified_at=timezone.now())
    CandidateProfile.objects.create(
        user=user, given_name="Lina", family_name="Novak", birth_date=dt.date(2001, 4, 5),
        citizenship="CZ", country_represented="CZ", residence="AT",
    )  # fmt: skip
    context, page, errors = page_for(browser, live_server, user)

    page.goto(live_server.url + "/me/teachers/")
    first = page.locator("fieldset").first
    first.get_by_label("Teacher's name").fill("Ilse Marten")
    first.get_by_label("Kind").select_option("private")
    first.get_by_label("From").fill("2023-03-01")
    # Private lessons need their number: not saved yet.
    expect(page.locator("#autosave-status")).to_contain_text("Not saved yet")
    assert _teachers() == []
    first.get_by_label("Number of lessons").fill("6")
    first.get_by_label("Number of lessons").blur()
    expect(page.locator("#autosave-status")).to_contain_text("Your teachers are saved")
    first.get_by_label("Institution").fill("Prague Conservatory")
    first.get_by_label("Institution").blur()
    # The second save replaces the first: still one teacher, now with the institution.
    expected = [("Ilse Marten", "Prague Conservatory", 6)]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _teachers() != expected:
        page.wait_for_timeout(100)
    assert _teachers() == expected

    page.reload()
    expect(page.locator("fieldset").first.get_by_label("Teacher's name")).to_have_value(
        "Ilse Marten"
    )
    assert errors == []
    context.close()
