"""Master classes in a real browser: an applicant applies for an active place (with a field
error on the recording link first), then the office selects participants, builds the timetable
with the solver and saves it."""

import pytest
from playwright.sync_api import expect

from concours.accounts.tests.factories import PASSWORD, UserFactory
from concours.masterclasses.models import ApplicationStatus, Lesson, MasterClassApplication
from concours.masterclasses.tests.conftest import Academy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_apply_then_select_and_build_the_timetable(browser, live_server, artifacts, settings):
    settings.CONCOURS_SITE_URL = live_server.url
    academy = Academy()
    base = f"{live_server.url}/master-classes/{academy.event.slug}"
    errors: list[str] = []
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))

    # An applicant applies; a link that is not YouTube or Vimeo is refused next to its field.
    dora = UserFactory(email="dora@example.org")
    sign_in(page, live_server.url, dora)
    page.goto(base + "/apply/")
    page.get_by_label("Given name").fill("Dora")
    page.get_by_label("Family name").fill("Dvořák")
    page.get_by_label("Instrument or discipline").fill("Cello")
    page.get_by_label("Date of birth").fill("2002-01-02")
    page.get_by_label("Nationality").fill("Czechia")
    page.locator("#id_piece1_composer").fill("Antonín Dvořák")
    page.locator("#id_piece1_work").fill("Concerto in B minor")
    page.locator("#id_piece1_minutes").fill("40")
    page.get_by_label("Recording").fill("https://example.com/me.mp4")
    page.get_by_label("First choice of teacher").select_option(label="Lin Wei")
    page.get_by_label("Second choice").select_option(label="Clara Weber")
    page.get_by_label("Motivation").fill("I would love to work on Dvořák's concerto.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator("#id_recording_url_error")).to_contain_text("YouTube or Vimeo")
    page.get_by_label("Recording").fill("https://vimeo.com/76979871")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("My application")
    expect(page.locator(".status")).to_have_text("Submitted")
    application = MasterClassApplication.objects.get(applicant=dora)
    assert [p.teacher.name_en for p in application.preferences.all()] == ["Lin Wei", "Clara Weber"]

    # The office selects Dora and Anna, builds the timetable and saves it.
    context.clear_cookies()
    sign_in(page, live_server.url, academy.office)
    for who in ("Dvořák, Dora", "Adler, Anna"):
        page.goto(base + "/office/")
        page.get_by_role("link", name=who).click()
        page.get_by_label("Selected").check()
        page.get_by_role("button", name="Save the decision").click()
        expect(page.get_by_text("The decision is saved.")).to_be_visible()
    page.get_by_role("link", name="Build the timetable").click()
    page.get_by_role("button", name="Build the timetable").click()
    expect(page.get_by_role("heading", name="Proposed timetable")).to_be_visible()
    page.get_by_role("button", name="Save this timetable and e-mail the participants").click()
    expect(page.get_by_text("The timetable is saved")).to_be_visible()
    expect(page.locator("table.timetable").first).to_contain_text("Dora Dvořák")
    page.screenshot(path=str(artifacts / "masterclasses-timetable.png"), full_page=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SELECTED
    assert {lesson.teacher.name_en for lesson in Lesson.objects.filter(application=application)} == {"Lin Wei"}  # fmt: skip
    assert errors == []
