"""Consent and letters through personal links, teachers, ensemble members, the fee proof."""

import re

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import FeeStatus, GuardianConsent, ReferenceLetter, Teacher
from concours.applications.tests.conftest import PDF
from concours.applications.tokens import CONSENT, LETTER, consent_token
from concours.competitions.models import FeePolicy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.CONCOURS_SITE_URL = "http://testserver"


def _url(name, application):
    return reverse(f"candidate:{name}", kwargs={"reference": application.reference})


def _link_in(message) -> str:
    return re.search(r"http://testserver(/links/\S+/)", message.body).group(1)


def test_guardian_confirms_consent_through_the_emailed_link(
    client, draft, django_capture_on_commit_callbacks
):
    client.force_login(draft.candidate.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("consent", draft), {"name": "Wang Fang", "email": "parent@example.org"})
    message = mail.outbox[-1]
    assert message.to == ["parent@example.org"]
    client.logout()
    link = _link_in(message)
    response = client.post(link, {})
    assert response.context["form"].errors["agree"] == ["Tick the box to give your consent."]
    client.post(link, {"agree": "on"})
    consent = GuardianConsent.objects.get()
    assert consent.confirmed_at is not None


def test_consent_link_errors(client, draft):
    consent = GuardianConsent.objects.create(
        application=draft, guardian_name="X", guardian_email="x@example.org"
    )
    other = signing.TimestampSigner(salt=LETTER).sign_object(
        {"id": consent.pk, "to": "x@example.org"}
    )
    assert client.get(reverse("links:consent", kwargs={"token": other})).status_code == 404
    wrong_address = signing.TimestampSigner(salt=CONSENT).sign_object(
        {"id": consent.pk, "to": "y@example.org"}
    )
    assert client.get(reverse("links:consent", kwargs={"token": wrong_address})).status_code == 404
    assert client.get(reverse("links:consent", kwargs={"token": "nonsense"})).status_code == 404
    assert (
        client.get(reverse("links:consent", kwargs={"token": consent_token(consent)})).status_code
        == 200
    )


def test_referee_uploads_once_and_the_candidate_sees_only_that_it_arrived(
    client, draft, django_capture_on_commit_callbacks
):
    client.force_login(draft.candidate.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("letters", draft), {"name": "Prof. Example", "email": "prof@example.org"})
    link = _link_in(mail.outbox[-1])
    client.logout()
    response = client.post(
        link, {"file": SimpleUploadedFile("letter.docx", b"PK\x03\x04 not a pdf")}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Please upload the letter as a PDF file."]
    response = client.post(link, {"file": SimpleUploadedFile("letter.pdf", PDF)})
    assert "Your letter has arrived." in response.text
    letter = ReferenceLetter.objects.get()
    assert letter.received_at is not None
    assert client.get(link).status_code == 404  # used once
    client.force_login(draft.candidate.user)
    page = client.get(_url("letters", draft)).text
    assert "Prof. Example: arrived" in page
    assert letter.file.name not in page


def test_teachers_are_saved_with_clear_errors(client, candidate):
    client.force_login(candidate.user)
    prefix = "teachers"
    base = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "20"}  # fmt: skip
    row = {
        f"{prefix}-0-name": "Ilse Marten",
        f"{prefix}-0-kind": "private",
        f"{prefix}-0-started_on": "2023-01-01",
    }
    response = client.post(reverse("candidate:teachers"), {**base, **row})
    assert response.context["formset"].forms[0].errors["lessons"] == [
        "Give the number of private lessons."
    ]
    response = client.post(reverse("candidate:teachers"), {**base, **row, f"{prefix}-0-lessons": "4",
                                                           f"{prefix}-0-ended_on": "2022-01-01"})  # fmt: skip
    assert response.context["formset"].forms[0].non_field_errors() == [
        "The end cannot be before the start."
    ]
    client.post(reverse("candidate:teachers"), {**base, **row, f"{prefix}-0-lessons": "4"})
    assert list(Teacher.objects.values_list("name", "lessons")) == [("Ilse Marten", 4)]


def _teacher_rows(*rows, initial=0):
    data = {"teachers-TOTAL_FORMS": str(len(rows)), "teachers-INITIAL_FORMS": str(initial),
            "teachers-MIN_NUM_FORMS": "0", "teachers-MAX_NUM_FORMS": "20"}  # fmt: skip
    for index, row in enumerate(rows):
        data.update({f"teachers-{index}-{key}": value for key, value in row.items()})
    return data


ILSE = {"name": "Ilse Marten", "kind": "regular", "started_on": "2021-09-01"}
PAVEL = {"name": "Pavel Orlov", "kind": "private", "lessons": "6", "started_on": "2023-03-01",
         "ended_on": "2023-06-30"}  # fmt: skip


def test_teachers_save_themselves_as_the_candidate_types_without_adding_twice(client, candidate):
    client.force_login(candidate.user)
    url = reverse("candidate:teachers")
    page = client.get(url).text
    assert 'hx-vals=\'{"autosave": "1"}\'' in page
    assert 'id="autosave-status"' in page
    # The page sends the whole list on every pause, with the same form as first rendered.
    for _ in range(3):
        response = client.post(url, {**_teacher_rows(ILSE, PAVEL), "autosave": "1"})
        assert response.status_code == 200
        assert "Your teachers are saved" in response.text
    assert sorted(Teacher.objects.values_list("name", "kind", "lessons")) == [
        ("Ilse Marten", "regular", None), ("Pavel Orlov", "private", 6),
    ]  # fmt: skip
    # Reloaded, the page shows the saved list, and saving it unchanged changes nothing.
    formset = client.get(url).context["formset"]
    assert [form.initial["name"] for form in formset.initial_forms] == [
        "Pavel Orlov",
        "Ilse Marten",
    ]
    client.post(url, _teacher_rows(PAVEL, ILSE, {}, initial=2))
    assert Teacher.objects.filter(candidate=candidate).count() == 2


def test_an_incomplete_teachers_list_is_not_autosaved_and_changes_nothing(client, candidate):
    client.force_login(candidate.user)
    url = reverse("candidate:teachers")
    client.post(url, _teacher_rows(ILSE))
    half_typed = {**PAVEL, "lessons": ""}  # private lessons need their number
    response = client.post(url, {**_teacher_rows(ILSE, half_typed), "autosave": "1"})
    assert response.status_code == 200
    assert "Not saved yet" in response.text
    assert list(Teacher.objects.values_list("name", flat=True)) == ["Ilse Marten"]
    response = client.post(url, _teacher_rows(ILSE, half_typed))
    assert response.status_code == 400
    assert response.context["formset"].forms[1].errors["lessons"] == [
        "Give the number of private lessons."
    ]
    assert list(Teacher.objects.values_list("name", flat=True)) == ["Ilse Marten"]


def test_each_autosave_hands_the_page_the_new_version(client, candidate):
    client.force_login(candidate.user)
    url = reverse("candidate:teachers")
    version = client.get(url).context["version"]
    for row in (ILSE, {**ILSE, "institution": "Prague Conservatory"}):
        response = client.post(url, {**_teacher_rows(row), "autosave": "1", "version": version})
        assert "Your teachers are saved" in response.text
        found = re.search(r'<input type="hidden" name="version" id="teachers-version" '
                          r'value="(\w+)" hx-swap-oob="true">', response.text)  # fmt: skip
        assert found is not None
        assert found.group(1) != version
        version = found.group(1)
    assert list(Teacher.objects.values_list("institution", flat=True)) == ["Prague Conservatory"]


def test_a_page_loaded_before_a_change_elsewhere_does_not_replace_it(client, candidate):
    client.force_login(candidate.user)
    url = reverse("candidate:teachers")
    old_page = client.get(url).context["version"]
    # Another tab adds a teacher.
    other_tab = client.get(url).context["version"]
    client.post(url, {**_teacher_rows(ILSE), "version": other_tab})
    # The first tab's autosave is refused and says why; nothing is lost.
    response = client.post(url, {**_teacher_rows(PAVEL), "autosave": "1", "version": old_page})
    assert "Not saved: your list of teachers was changed elsewhere" in response.text
    assert list(Teacher.objects.values_list("name", flat=True)) == ["Ilse Marten"]
    # Its Save answers 409 with what was typed and the current version: saving again replaces.
    response = client.post(url, {**_teacher_rows(PAVEL), "version": old_page})
    assert response.status_code == 409
    assert "changed elsewhere" in response.text
    assert response.context["formset"].forms[0]["name"].value() == "Pavel Orlov"
    current = response.context["version"]
    assert current != old_page
    assert client.post(url, {**_teacher_rows(PAVEL), "version": current}).status_code == 302
    assert list(Teacher.objects.values_list("name", flat=True)) == ["Pavel Orlov"]


def test_a_teacher_marked_for_deletion_is_removed(client, candidate):
    client.force_login(candidate.user)
    url = reverse("candidate:teachers")
    client.post(url, _teacher_rows(ILSE, PAVEL))
    response = client.post(url, {**_teacher_rows(ILSE, {**PAVEL, "DELETE": "on"}, initial=2),
                                 "autosave": "1"})  # fmt: skip
    assert "Your teachers are saved" in response.text
    assert list(Teacher.objects.values_list("name", flat=True)) == ["Ilse Marten"]


def test_teachers_are_the_candidates_own(client, candidate):
    other = UserFactory(email="bo@example.org", email_verified_at=timezone.now())
    Teacher.objects.create(candidate=candidate, name="Ilse Marten", started_on="2021-09-01")
    from concours.applications.models import CandidateProfile

    CandidateProfile.objects.create(
        user=other, given_name="Bo", family_name="Beta", birth_date="2001-01-01",
        citizenship="DE", country_represented="DE", residence="DE",
    )  # fmt: skip
    client.force_login(other)
    url = reverse("candidate:teachers")
    assert "Ilse Marten" not in client.get(url).text
    client.post(url, {**_teacher_rows(PAVEL), "autosave": "1"})
    assert list(candidate.teachers.values_list("name", flat=True)) == ["Ilse Marten"]
    assert list(Teacher.objects.filter(candidate__user=other).values_list("name", flat=True)) == [
        "Pavel Orlov"
    ]


def test_fee_proof_moves_the_fee_on(client, draft):
    division = draft.division
    division.fee_policy, division.fee_amount, division.fee_currency = (
        FeePolicy.ON_SUBMISSION,
        100,
        "USD",
    )
    division.save()
    client.force_login(draft.candidate.user)
    response = client.post(_url("fee", draft), {"file": SimpleUploadedFile("proof.pdf", PDF)})
    assert response["Location"] == _url("application", draft)
    draft.refresh_from_db()
    assert (draft.fee.status, draft.fee.amount, draft.fee.currency) == (
        FeeStatus.PROOF_UPLOADED,
        100,
        "USD",
    )
    assert draft.documents.get().kind == "fee_proof"


@pytest.mark.parametrize("name", ["consent", "letters", "members", "fee"])
def test_items_of_others_are_out_of_reach(client, draft, name):
    client.force_login(UserFactory())
    assert client.get(_url(name, draft)).status_code == 404
    assert (
        client.post(_url(name, draft), {"name": "x", "email": "x@example.org"}).status_code == 404
    )


def test_minor_needs_confirmed_consent_before_submitting(client, draft):
    from concours.applications.checks import submission_findings

    candidate = draft.candidate
    candidate.birth_date = timezone.now().date().replace(year=timezone.now().year - 16)
    division = draft.division
    division.born_on_or_before = timezone.now().date()
    division.save()
    candidate.save()
    codes = [f.code for f in submission_findings(draft, now=timezone.now())]
    assert "guardian_consent" in codes
    GuardianConsent.objects.create(application=draft, guardian_name="P", guardian_email="p@example.org",
                                   confirmed_at=timezone.now())  # fmt: skip
    assert "guardian_consent" not in [
        f.code for f in submission_findings(draft, now=timezone.now())
    ]


def test_candidate_downloads_own_pdfs_when_available(client, draft):
    from concours.applications.models import ApplicationStatus

    client.force_login(draft.candidate.user)
    url = lambda kind: reverse("candidate:pdf", kwargs={"reference": draft.reference, "kind": kind})  # noqa: E731
    assert client.get(url("receipt")).status_code == 404  # a draft has no receipt
    draft.status, draft.submitted_at = ApplicationStatus.ADMITTED, timezone.now()
    draft.save()
    for kind in ("receipt", "admission", "visa"):
        response = client.get(url(kind))
        assert response.status_code == 200
        assert response.content[:5] == b"%PDF-"
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="{kind}-{draft.reference}.pdf"'
        )
    assert client.get(url("passport")).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url("receipt")).status_code == 404


def test_fee_proof_after_submitting_without_a_fee_due_is_refused_politely(client, draft):
    from concours.applications.models import ApplicationStatus

    draft.status = ApplicationStatus.SUBMITTED
    draft.save()
    client.force_login(draft.candidate.user)
    response = client.post(
        _url("fee", draft), {"file": SimpleUploadedFile("proof.pdf", PDF)}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["The fee cannot be changed any more."]
    assert draft.documents.count() == 0


def test_the_teachers_form_edits_every_field_the_service_saves():
    from concours.applications import services
    from concours.applications.forms import TeacherForm

    assert tuple(TeacherForm.Meta.fields) == services.TEACHER_FIELDS
