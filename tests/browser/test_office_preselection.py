"""The office's side of applications in a real browser: an office member reopens one item of a
submitted application, a blind panel of two jurors marks the pre-selection recordings, and the
office follows their progress, computes the ranking and admits the top candidate, puts the next
on the reserve list and e-mails everyone."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import Application, ApplicationStatus, ItemKind, Reopening
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.models import RoundKind
from concours.competitions.tests.factories import (
    DivisionFactory,
    JuryMemberFactory,
    OfficeStaffFactory,
    RoundFactory,
)
from tests.browser.pages import page_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Each juror's marks, in the order of the candidates below.
MARKS = {0: ("23", "19", "12"), 1: ("22", "20", "11")}


@pytest.fixture
def world():
    division = DivisionFactory()
    round_ = RoundFactory(
        division=division, number=1, kind=RoundKind.PRESELECTION, scoring_preset="mean",
        scoring_parameters={}, advancing=1, reserve_count=1, blind_review=True,
        min_duration=None, max_duration=None,
    )  # fmt: skip
    jurors = [
        JuryMemberFactory(edition=division.edition, division=division, user=UserFactory())
        for _ in range(2)
    ]
    candidates = [
        ApplicationFactory(
            division=division,
            status=ApplicationStatus.IN_PRESELECTION,
            candidate=CandidateProfileFactory(given_name=name, family_name="Rossi"),
        )
        for name in ("Anna", "Bruno", "Carla")
    ]
    submitted = ApplicationFactory(
        division=division, candidate=CandidateProfileFactory(given_name="Wei", family_name="Li")
    )
    office = OfficeStaffFactory(competition=division.edition.competition).user
    return {
        "round": round_, "jurors": jurors, "candidates": candidates, "submitted": submitted,
        "office": office,
    }  # fmt: skip


def test_the_office_reopens_an_item_and_runs_a_blind_preselection(browser, live_server, world):
    base = live_server.url
    round_id = world["round"].pk

    # The office asks for one item again, with a reason; nothing else becomes editable.
    context, page, errors = page_for(browser, live_server, world["office"])
    submitted = world["submitted"]
    page.goto(base + reverse("admin:applications_application_change", args=[submitted.pk]))
    expect(page.get_by_role("heading", name="Eligibility at a glance")).to_be_visible()
    form = page.locator("#reopen-form")
    form.get_by_label("Item").select_option(ItemKind.DOCUMENTS)
    form.get_by_label("What to correct").fill("The CV is unreadable.")
    form.get_by_role("button", name="Reopen this item").click()
    expect(page.get_by_text("“Documents” is open for correction")).to_be_visible()
    reopening = Reopening.objects.get(application=submitted)
    assert (reopening.item, reopening.reason) == (ItemKind.DOCUMENTS, "The CV is unreadable.")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.INCOMPLETE
    context.close()

    # Each juror marks every recording; the review is blind: a code, never a name.
    for index, juror in enumerate(world["jurors"]):
        context, page, juror_errors = page_for(browser, live_server, juror.user)
        for candidate, mark in zip(world["candidates"], MARKS[index], strict=True):
            page.goto(
                base
                + reverse(
                    "preselection:review",
                    kwargs={"round_id": round_id, "reference": candidate.reference},
                )
            )
            expect(page.get_by_role("heading", level=1)).not_to_contain_text("Rossi")
            page.get_by_label("Mark").fill(mark)
            page.get_by_role("button", name="Save the mark").click()
        page.goto(base + reverse("preselection:panel", kwargs={"round_id": round_id}))
        expect(page.get_by_text("3 of 3 marked")).to_be_visible()
        expect(page.locator("table")).not_to_contain_text("Rossi")
        errors += juror_errors
        context.close()

    # The office sees the panel's progress, computes the ranking and admits.
    context, page, office_errors = page_for(browser, live_server, world["office"])
    page.goto(base + reverse("preselection:office", kwargs={"round_id": round_id}))
    progress = page.locator("progress")
    expect(progress).to_have_count(2)
    for bar in progress.all():
        expect(bar).to_have_attribute("value", "3")
    page.get_by_role("button", name="Compute the ranking").click()
    page.get_by_role("button", name="Admit, put 1 on the reserve list, and tell everyone").click()
    expect(page.get_by_text("1 admitted, 1 on the reserve list, 1 not admitted")).to_be_visible()
    errors += office_errors
    context.close()

    statuses = {
        application.candidate.given_name: application.status
        for application in Application.objects.filter(
            pk__in=[c.pk for c in world["candidates"]]
        ).select_related("candidate")
    }
    assert statuses == {"Anna": "admitted", "Bruno": "reserve", "Carla": "not_admitted"}
    # Each candidate is told of the decision by e-mail once it has committed.
    told = {address for message in mail.outbox for address in message.to}
    assert {c.candidate.user.email for c in world["candidates"]} <= told
    assert errors == []
