"""Open data in a real browser: the secretariat uploads a member's document with mistakes and
sees every problem with its path (nothing changes), then the corrected document: the preview
says what the import will do, they confirm, and the edition is on the public site."""

import json

import pytest
from playwright.sync_api import expect

from concours.accounts.tests.factories import PASSWORD
from concours.competitions.models import Competition, Edition
from concours.demo.load_opendata import DOCUMENT
from concours.federation.tests.factories import DisciplineFactory, SecretariatMemberFactory
from concours.opendata.models import ImportedEdition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROBLEMS = [
    "/edition/starts_on: “2026-02-30” is not a date; write it as YYYY-MM-DD.",
    "/divisions/0/fee/amount: This must be greater than zero.",
    "/jury/2/country: “japan” is not a country code; use two capital letters such as CN.",
    "/divisions/1/discipline: “cello” is not a discipline of the competition.",
]


def sign_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()


def _with_mistakes(tmp_path):
    document = json.loads(DOCUMENT.read_text("utf-8"))
    document["edition"]["starts_on"] = "2026-02-30"
    document["divisions"][0]["fee"]["amount"] = "-120.00"
    document["divisions"][1]["discipline"] = "cello"
    document["jury"][2]["country"] = "japan"
    path = tmp_path / "weimar-2026-draft.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_secretariat_imports_a_members_edition(browser, live_server, artifacts, tmp_path):
    DisciplineFactory(code="viola", name_en="Viola")
    DisciplineFactory(code="cello", name_en="Cello")
    member = SecretariatMemberFactory()
    base = live_server.url
    errors: list[str] = []
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, base, member.user)

    # A document with four mistakes: each is listed with its path, and nothing changes.
    page.goto(base + "/open-data/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import an edition")
    page.get_by_label("Edition document (JSON)").set_input_files(_with_mistakes(tmp_path))
    page.get_by_role("button", name="Check and preview").click()
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading")).to_have_text(
        "The document has 4 problems; nothing was changed."
    )
    expect(alert.get_by_role("listitem")).to_have_text(PROBLEMS)
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    page.screenshot(path=str(artifacts / "opendata-import-problems.png"), full_page=True)
    assert (Competition.objects.count(), Edition.objects.count()) == (0, 0)

    # The corrected document: a preview of what will change, still nothing changed.
    page.get_by_label("Edition document (JSON)").set_input_files(DOCUMENT)
    page.get_by_role("button", name="Check and preview").click()
    preview = page.get_by_role("region", name="What the import will do")
    expect(preview.get_by_role("listitem")).to_have_text(
        [
            "Add the competition Weimar International Viola Competition to the directory.",
            "Create the 2026 edition.",
            "2 divisions, 4 rounds, 6 prizes, 7 jurors, published results of 3 rounds.",
        ]
    )
    page.screenshot(path=str(artifacts / "opendata-import-preview.png"), full_page=True)
    assert Edition.objects.count() == 0

    # Confirm: imported, and on the public site like any other edition.
    preview.get_by_role("button", name="Import").click()
    expect(
        page.get_by_text("Weimar International Viola Competition 2026 was imported.")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    imported = ImportedEdition.objects.select_related("edition").get()
    assert (imported.edition.year, imported.imported_by) == (2026, member.user)

    page.goto(base + "/competitions/weimar-viola/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Weimar International Viola Competition"
    )
    page.get_by_role("link", name="Weimar International Viola Competition 2026").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Weimar International Viola Competition 2026"
    )
    expect(page.get_by_text("Weimarhalle and the Liszt School of Music").first).to_be_visible()
    page.screenshot(path=str(artifacts / "opendata-imported-edition.png"), full_page=True)
    context.close()
    assert errors == []
