"""A new candidate applies end to end in a real browser: sign up, confirm the e-mail address,
enter details, fill the repertoire (checked live), upload documents and a recording (resumable
upload), submit, and receive the receipt (a PDF) by e-mail."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from concours.applications.models import Application, ApplicationStatus
from concours.competitions.models import RoundKind
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    RepertoireCategoryFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)
from concours.uploads.tests.media import mp4_bytes
from concours.uploads.tests.storage import private_storage_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64


@pytest.fixture
def edition(settings):
    now = timezone.now()
    edition = EditionFactory(
        competition=CompetitionFactory(slug="schoenfeld", name_en="Schoenfeld International String Competition"),
        year=now.year + 1, starts_on=(now + dt.timedelta(days=200)).date(), ends_on=(now + dt.timedelta(days=214)).date(),
        applications_open_at=now - dt.timedelta(days=10), applications_close_at=now + dt.timedelta(days=30),
    )  # fmt: skip
    division = DivisionFactory(edition=edition, slug="violin", born_on_or_after=dt.date(1990, 1, 1),
                               born_on_or_before=dt.date(2008, 1, 1))  # fmt: skip
    RoundFactory(division=division, number=1, kind=RoundKind.PRESELECTION, name_en="Pre-selection",
                 min_duration=None, max_duration=None)  # fmt: skip
    first = RoundFactory(division=division, number=2, name_en="Round 1")
    RepertoireRequirementFactory(
        round=first,
        category=RepertoireCategoryFactory(
            edition=edition, code="paganini", name_en="Paganini caprice"
        ),
    )
    return edition


@pytest.fixture
def private_storage(tmp_path, settings):
    settings.CONCOURS_UPLOAD_DISK_RESERVE_BYTES = 0
    with private_storage_at(tmp_path / "private") as storage:
        yield storage


def test_a_new_candidate_applies_end_to_end(
    browser, live_server, edition, private_storage, tmp_path, artifacts, settings
):
    settings.CONCOURS_SITE_URL = live_server.url
    files = {
        name: tmp_path / name for name in ("photo.png", "cv.pdf", "passport.pdf", "caprice.mp4")
    }
    files["photo.png"].write_bytes(PNG)
    files["cv.pdf"].write_bytes(PDF)
    files["passport.pdf"].write_bytes(PDF)
    files["caprice.mp4"].write_bytes(mp4_bytes(300_000, seed=3))
    errors: list[str] = []
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))

    # Sign up and confirm the address with the link from the e-mail.
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Full name").fill("Lina Novak")
    page.get_by_label("E-mail address").fill("lina@example.org")
    page.get_by_label("Password", exact=True).fill("a long and unusual phrase 42")
    page.get_by_label("Password again").fill("a long and unusual phrase 42")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your e-mail address")
    link = re.search(r"https?://\S+/accounts/verify/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_text("Thank you: your e-mail address is confirmed.")).to_be_visible()

    # Apply: details first, then the division.
    page.goto(f"{live_server.url}/competitions/schoenfeld/{edition.year}/apply/")
    page.get_by_label("Given name (Latin letters)").fill("Lina")
    page.get_by_label("Family name (Latin letters)").fill("Novak")
    page.get_by_label("Name in own script").fill("Лина Новак")
    page.get_by_label("Date of birth").fill("2001-04-05")
    page.get_by_label("Citizenship", exact=True).select_option("CZ")
    page.get_by_label("Country represented").select_option("CZ")
    page.get_by_label("Country of residence").select_option("AT")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Apply to Violin").click()
    expect(page.get_by_role("heading", name="Before you can submit")).to_be_visible()

    # Repertoire: the live check says what is missing, then the programme is complete.
    page.get_by_role("link", name="Round 1").click()
    page.get_by_label("Composer").fill("Bach")
    page.get_by_label("Work").fill("Partita No. 2")
    page.get_by_label("Duration (m:ss)").fill("16:00")
    page.get_by_label("Duration (m:ss)").blur()
    expect(page.locator("#programme-check")).to_contain_text(
        "needs at least 1 piece in “Paganini caprice”"
    )
    page.get_by_role("button", name="Save the programme").click()
    page.get_by_role("link", name="Round 1").click()
    piece = page.locator("fieldset.piece").nth(1)
    piece.get_by_label("Composer").fill("Paganini")
    piece.get_by_label("Work").fill("Caprice No. 24")
    piece.get_by_label("Duration (m:ss)").fill("5:30")
    piece.get_by_label("Paganini caprice").check()
    expect(page.locator("#programme-check")).to_contain_text(
        "This programme meets the round's rules."
    )
    page.get_by_role("button", name="Save the programme").click()

    # Documents.
    page.get_by_role("link", name="Documents →").click()
    for kind, name in (
        ("Photo", "photo.png"),
        ("Curriculum vitae", "cv.pdf"),
        ("Proof of date of birth", "passport.pdf"),
    ):
        page.get_by_label("Document").select_option(label=kind)
        page.get_by_label("File").set_input_files(str(files[name]))
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_text("The document is uploaded.")).to_be_visible()

    # A recording, uploaded through the resumable uploader.
    page.get_by_role("link", name="My application").click()
    page.get_by_role("link", name="Recordings →").click()
    form = page.locator("form[data-upload-form]")
    form.get_by_label("Video file").set_input_files(str(files["caprice.mp4"]))
    form.get_by_label("What is played").fill("Paganini, Caprice No. 24")
    form.get_by_label("Recorded on").fill(
        (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    )
    form.get_by_label("I declare that this recording is recent and unedited").check()
    form.get_by_role("button", name="Upload the recording").click()
    expect(form.get_by_role("status")).to_contain_text("Your recording is ready", timeout=20_000)

    # Submit, and the receipt arrives.
    page.get_by_role("link", name="My application").click()
    expect(page.get_by_text("Everything is in place.")).to_be_visible()
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_text("Your application is submitted.")).to_be_visible()
    page.screenshot(path=str(artifacts / "application-submitted.png"), full_page=True)
    context.close()

    application = Application.objects.get(candidate__user__email="lina@example.org")
    assert application.status == ApplicationStatus.SUBMITTED
    receipt = mail.outbox[-1]
    assert receipt.to == ["lina@example.org"]
    assert [(name, content[:5], mime) for name, content, mime in receipt.attachments] == [
        (f"receipt-{application.reference}.pdf", b"%PDF-", "application/pdf")
    ]
    assert errors == []
