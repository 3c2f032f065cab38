"""The General Assembly in a real browser: a delegate signs in and votes online on the open
motion; the chair closes the vote and publishes the result with the minutes; the public page
shows it."""

import pytest
from playwright.sync_api import expect

from concours.accounts.tests.factories import PASSWORD
from concours.assembly.models import Vote
from concours.assembly.tests.conftest import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()


def test_a_delegate_votes_and_the_chair_publishes(browser, live_server, artifacts):
    meeting = Meeting()
    meeting.open()
    meeting.vote(2, "yes")
    errors: list[str] = []
    base = live_server.url
    assembly = meeting.assembly.pk

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, base, meeting.delegates[1])
    page.goto(f"{base}/assembly/{assembly}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vote online")
    ballot = page.get_by_role("group", name="Vote for Member B")
    ballot.get_by_label("Yes").check()
    page.get_by_role("button", name="Cast the vote").click()
    expect(page.get_by_text("The vote of Member B is recorded: Yes.")).to_be_visible()
    assert Vote.objects.get(competition=meeting.members[1]).choice == "yes"
    context.close()

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, base, meeting.chair)
    page.goto(f"{base}/assembly/{assembly}/chair/")
    expect(page.get_by_text("So far: 2 yes, 0 no, 0 abstaining")).to_be_visible()
    page.get_by_role("button", name="Close the vote and count").first.click()
    expect(page.get_by_text("The vote is closed and counted.")).to_be_visible()
    page.get_by_label("Minutes (English)").fill("The Assembly chose Schoenfeld for 2027.")
    page.get_by_role("button", name="Publish the result with the minutes").click()
    expect(page.get_by_text("The result is published with the minutes.")).to_be_visible()
    context.close()

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{base}/assemblies/{assembly}/")
    motion = page.locator("section.motion").first
    expect(motion.get_by_text("Carried", exact=True)).to_be_visible()
    expect(motion.get_by_text("The Assembly chose Schoenfeld for 2027.")).to_be_visible()
    page.screenshot(path=str(artifacts / "assembly-published.png"), full_page=True)
    context.close()
    assert errors == []
