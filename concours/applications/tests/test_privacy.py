"""Personal data on request: a complete download, and erasure that keeps only what must stay."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concours.accounts.tests.factories import PASSWORD
from concours.applications.models import Application, ApplicationStatus, CandidateProfile, Document
from concours.applications.tests.conftest import PDF

pytestmark = pytest.mark.django_db


def _with_document(client, draft):
    draft.candidate.user.set_password(PASSWORD)
    draft.candidate.user.save()
    client.force_login(draft.candidate.user)
    client.post(reverse("candidate:documents", kwargs={"reference": draft.reference}),
                {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", PDF)})  # fmt: skip


def test_download_has_my_data_and_my_files(client, draft):
    _with_document(client, draft)
    response = client.get(reverse("candidate:my_data"), {"download": "1"})
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("personal-data.json"))
    assert data["profile"]["native_name"] == "安娜"
    assert data["applications"][0]["reference"] == str(draft.reference)
    assert archive.read(f"documents/{draft.reference}/cv.pdf") == PDF


def test_erasure_needs_the_password(client, draft):
    _with_document(client, draft)
    client.post(reverse("candidate:my_data"), {"action": "erase", "password": "wrong"})
    assert CandidateProfile.objects.get().given_name == "Ana"


def test_erasure_deletes_drafts_and_anonymises_the_rest(client, draft):
    _with_document(client, draft)
    kept = Application.objects.create(candidate=draft.candidate, division=draft.division.__class__.objects.create(
        edition=draft.division.edition, discipline=draft.division.discipline, name_en="Cello", slug="cello",
    ), status=ApplicationStatus.ADMITTED)  # fmt: skip
    file_name = Document.objects.get().file.name
    storage = Document.objects.get().file.storage
    response = client.post(reverse("candidate:my_data"), {"action": "erase", "password": PASSWORD})
    assert response["Location"] == reverse("public:home")
    assert list(Application.objects.values_list("pk", flat=True)) == [kept.pk]
    profile = CandidateProfile.objects.get()
    assert (profile.given_name, profile.native_name, profile.user, profile.birth_date.isoformat()) == (
        "—", "", None, "2000-01-01",
    )  # fmt: skip
    assert not storage.exists(file_name)
    user = draft.candidate.user.__class__.objects.get()
    assert (user.is_active, user.email, user.has_usable_password()) == (
        False,
        f"erased-{user.pk}@erased.invalid",
        False,
    )
