"""A form upload larger than CONCOURS_MAX_FORM_UPLOAD_BYTES is refused with 413 from its declared
length, before anything of it is parsed or stored; smaller ones reach the form's own checks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concours.applications.models import Document
from concours.applications.tests.conftest import PDF

pytestmark = pytest.mark.django_db

LIMIT = 1024 * 1024


@pytest.fixture
def small_limit(settings, tmp_path):
    settings.CONCOURS_MAX_FORM_UPLOAD_BYTES = LIMIT
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # every file would go to a temporary file
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def _documents(draft):
    return reverse("candidate:documents", kwargs={"reference": draft.reference})


@pytest.fixture
def parses(monkeypatch):
    """Every multipart body Django parses (and would write to temporary files) from now on."""
    from django.http import multipartparser

    seen = []
    original = multipartparser.MultiPartParser.parse

    def parse(self):
        seen.append(self._content_length)
        return original(self)

    monkeypatch.setattr(multipartparser.MultiPartParser, "parse", parse)
    return seen


def test_a_too_large_form_upload_is_refused_unread(client, draft, small_limit, parses):
    client.force_login(draft.candidate.user)
    big = SimpleUploadedFile("cv.pdf", PDF + b"\0" * (2 * LIMIT))
    response = client.post(_documents(draft), {"kind": "cv", "file": big})
    assert response.status_code == 413
    page = response.text
    assert parses == []  # never parsed, so no temporary file either
    assert "The file is too large" in page
    assert "You sent 2.0\xa0MB; a form here accepts at most 1.0\xa0MB in all." in page
    assert Document.objects.count() == 0
    assert list(small_limit.iterdir()) == []


def test_the_refusal_is_in_the_candidates_language(client, draft, small_limit):
    client.force_login(draft.candidate.user)
    big = SimpleUploadedFile("cv.pdf", PDF + b"\0" * (2 * LIMIT))
    response = client.post(
        _documents(draft), {"kind": "cv", "file": big}, headers={"Accept-Language": "zh-hans"}
    )
    assert response.status_code == 413
    assert "文件过大" in response.text


def test_an_upload_under_the_limit_reaches_the_form(client, draft, small_limit, parses):
    client.force_login(draft.candidate.user)
    fits = SimpleUploadedFile("cv.pdf", PDF + b"\0" * (LIMIT // 2))
    response = client.post(_documents(draft), {"kind": "cv", "file": fits})
    assert response.status_code == 302
    assert draft.documents.get().size == len(PDF) + LIMIT // 2
    assert len(parses) == 1


def test_staff_are_not_limited(client, small_limit, parses):
    from concours.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    big = SimpleUploadedFile("press-kit.pdf", PDF + b"\0" * (2 * LIMIT))
    response = client.post(reverse("candidate:profile"), {"file": big})
    assert response.status_code != 413
    assert len(parses) == 1


def test_a_browser_that_gives_up_while_the_body_is_drained_gets_no_error(rf, small_limit):
    from concours.core.middleware import FormUploadLimitMiddleware

    class Dropped:
        def read(self, *args):
            raise OSError("connection reset by peer")

        readline = read

    request = rf.post("/", content_type="multipart/form-data; boundary=x")
    request.META.update({"CONTENT_LENGTH": str(2 * LIMIT), "wsgi.input": Dropped()})
    request._stream = request._stream.__class__(Dropped(), 2 * LIMIT)
    response = FormUploadLimitMiddleware(lambda r: None).process_view(request, None, (), {})
    assert response.status_code == 413


def test_the_default_limit_leaves_room_for_every_documents_own_limit(settings):
    from concours.applications.forms import DOCUMENT_TYPES

    largest = max(limit for _types, limit in DOCUMENT_TYPES.values())
    # The form's own message ("larger than 20 MB") must be the one a candidate sees.
    assert largest + 1024 * 1024 <= settings.CONCOURS_MAX_FORM_UPLOAD_BYTES


def test_the_api_gets_the_refusal_as_json(client, small_limit):
    big = SimpleUploadedFile("edition.json", b"{}" + b" " * (2 * LIMIT))
    response = client.post("/api/v1/editions/", {"document": big})
    assert response.status_code == 413
    assert response.json() == {
        "detail": "You sent 2.0\xa0MB; a form here accepts at most 1.0\xa0MB in all. "
        "Nothing of it was kept."
    }
