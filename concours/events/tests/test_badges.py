"""Name badges with the ticket's QR code: the registrant's own, once confirmed; the office's
badges for a selection of registrations; and the office's CSV keeps formulas as text."""

import shutil
import subprocess

import pytest

from concours.accounts.tests.factories import UserFactory
from concours.events import documents
from concours.events.models import RegistrationStatus

pytestmark = pytest.mark.django_db


def _badge(client, registration):
    return client.get(f"/events/me/{registration.pk}/badge.pdf")


def test_registrant_downloads_their_badge_once_confirmed(client, seminar):
    confirmed = seminar.register(seminar.people[0])
    assert _badge(client, confirmed).status_code == 302  # sign in first
    client.force_login(seminar.people[0])
    response = _badge(client, confirmed)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "badge-strings-seminar.pdf" in response["Content-Disposition"]
    client.force_login(seminar.people[1])
    assert _badge(client, confirmed).status_code == 404  # nobody else's


def test_no_badge_on_the_waiting_list(client, seminar):
    seminar.register(seminar.people[0])
    seminar.register(seminar.people[1])
    waiting = seminar.register(seminar.people[2])
    assert waiting.status == RegistrationStatus.WAITLISTED
    client.force_login(seminar.people[2])
    assert _badge(client, waiting).status_code == 404


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_badge_text(seminar, tmp_path):
    registration = seminar.register(UserFactory(full_name="王芳"))
    path = tmp_path / "badge.pdf"
    path.write_bytes(documents.badges_pdf([registration]))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout  # fmt: skip
    assert "王芳" in text
    assert "Strings Seminar" in text
    assert registration.ticket_code in text


def test_office_prints_badges_of_confirmed_registrations_only(client, seminar):
    first = seminar.register(seminar.people[0])
    seminar.register(seminar.people[1])
    waiting = seminar.register(seminar.people[2])
    client.force_login(seminar.office)
    url = "/office/events/registration/"
    response = client.post(url, {"action": "print_badges", "_selected_action": [first.pk, waiting.pk]})  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    only_waiting = client.post(url, {"action": "print_badges", "_selected_action": [waiting.pk]}, follow=True)  # fmt: skip
    assert "confirmed registrations only" in only_waiting.content.decode()
    client.force_login(seminar.other_office)  # another competition's office selects nothing
    other = client.post(url, {"action": "print_badges", "_selected_action": [first.pk]})
    assert other["Content-Type"] != "application/pdf"


def test_csv_export_keeps_formulas_as_text(client, seminar):
    registration = seminar.register(UserFactory(full_name='=HYPERLINK("http://x")'))
    client.force_login(seminar.office)
    response = client.post("/office/events/registration/", {"action": "export_csv", "_selected_action": [registration.pk]})  # fmt: skip
    assert "'=HYPERLINK" in response.content.decode()
