"""Verification through the real queue: the task is stored in the database and the worker
command runs it. Transactional, because the worker closes its database connection between tasks
(on PostgreSQL that would end the test's own transaction)."""

import pytest
from django.core.management import call_command

from concours.applications.models import Recording
from concours.uploads.models import Upload, UploadStatus
from concours.uploads.tests.media import mp4_bytes, sha256
from concours.uploads.tests.protocol import send, start

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_database_worker_verifies_a_complete_upload(signed_in, draft, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    data = mp4_bytes(200_000)
    url = start(signed_in, draft, data)["Location"]
    send(signed_in, url, data, chunk=100_000)
    assert Upload.objects.get().status == UploadStatus.VERIFYING  # queued, not run
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    upload = Upload.objects.get()
    assert upload.status == UploadStatus.READY
    assert (upload.recording.size, upload.recording.sha256) == (200_000, sha256(data))
    assert Recording.objects.get(application=draft) == upload.recording
