"""Services beyond the protocol: purging abandoned uploads, verification run twice, concurrency."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from concours.applications.models import Recording
from concours.uploads import services, staging
from concours.uploads.models import Rejection, Upload, UploadStatus
from concours.uploads.tests.media import mp4_bytes
from concours.uploads.tests.protocol import send, start

pytestmark = pytest.mark.django_db

DATA = mp4_bytes(100_000)


def test_purge_deletes_expired_unfinished_uploads_and_their_bytes(
    signed_in, draft, django_capture_on_commit_callbacks
):
    stale = start(signed_in, draft, DATA)["Location"]
    fresh = start(signed_in, draft, DATA)["Location"]
    finished = start(signed_in, draft, DATA)["Location"]
    send(signed_in, stale, DATA, stop_at=40_000, chunk=40_000)
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, finished, DATA, chunk=50_000)
    path = staging.staging_path(Upload.objects.get(pk=stale.split("/")[2]))
    Upload.objects.exclude(pk=fresh.split("/")[2]).update(expires_at=timezone.now())
    call_command("purge_uploads", verbosity=0)
    remaining = {str(u.pk): u.status for u in Upload.objects.all()}
    assert remaining == {fresh.split("/")[2]: "receiving", finished.split("/")[2]: "ready"}
    assert not path.exists()
    assert Recording.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # the worker closes its connection between tasks
def test_purge_queues_a_stalled_verification_again(signed_in, draft, settings):
    url = start(signed_in, draft, DATA)["Location"]
    send(signed_in, url, DATA, chunk=50_000, stop_at=50_000)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    send(signed_in, url, DATA, start_at=50_000, chunk=50_000)  # queued where no worker looks
    assert Upload.objects.get().status == UploadStatus.VERIFYING
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Upload.objects.update(updated_at=timezone.now() - dt.timedelta(hours=2))
    assert services.purge_expired_uploads(now=timezone.now()) == (0, 1)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert Upload.objects.get().status == UploadStatus.READY


def test_verifying_twice_makes_one_recording(signed_in, draft):
    url = start(signed_in, draft, DATA)["Location"]
    send(signed_in, url, DATA, chunk=50_000)
    upload_id = Upload.objects.get().pk
    services.verify_upload(upload_id=upload_id, now=timezone.now())
    assert services.verify_upload(upload_id=upload_id, now=timezone.now()) is None
    assert Recording.objects.count() == 1


def test_the_recording_keeps_the_type_its_bytes_show(
    signed_in, draft, django_capture_on_commit_callbacks
):
    mov = (24).to_bytes(4, "big") + b"ftypqt  " + DATA[12:]
    url = start(signed_in, draft, mov, filename="chaconne.mp4")["Location"]  # the name says MP4
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, url, mov, chunk=50_000)
    recording = Recording.objects.get()
    assert (recording.content_type, recording.media_type) == ("video/quicktime", "video/quicktime")
    assert recording.file.name.endswith(".mov")
    assert recording.etag == f'"{recording.sha256}"'


def test_a_lost_staging_file_rejects_the_upload(signed_in, draft):
    url = start(signed_in, draft, DATA)["Location"]
    send(signed_in, url, DATA, chunk=50_000)
    upload = Upload.objects.get()
    staging.staging_path(upload).unlink()
    services.verify_upload(upload_id=upload.pk, now=timezone.now())
    upload.refresh_from_db()
    assert (upload.status, upload.rejection) == (UploadStatus.REJECTED, Rejection.MISSING)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises every write anyway",
)
@pytest.mark.django_db(transaction=True)
def test_two_requests_with_the_same_chunk_append_it_once(candidate, draft):
    upload = services.start_recording_upload(
        owner=candidate.user, application=draft, filename="a.mp4", size=len(DATA), now=timezone.now(),
        details=services.RecordingDetails("Bach", dt.date(2026, 1, 1), timezone.now()),
    )  # fmt: skip
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send_first_chunk() -> None:
        barrier.wait()
        try:
            services.append_chunk(
                upload_id=upload.pk, offset=0, data=DATA[:50_000], checksum=None, now=timezone.now()
            )
            outcomes.append("appended")
        except services.OffsetMismatch:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=send_first_chunk) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    upload.refresh_from_db()
    assert sorted(outcomes) == ["appended", "conflict"]
    assert upload.offset == 50_000
    assert staging.staging_path(upload).read_bytes() == DATA[:50_000]
