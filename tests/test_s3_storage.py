"""The private storage on an S3-compatible bucket, as ``PRIVATE_STORAGE_BACKEND`` configures it in
production (django-storages' ``S3Storage``): candidates' documents and resumable recording uploads
land in the bucket, come back through the views that check who asks, play in parts, and are
erased on request.

The bucket is served by moto's S3 server on loopback, in a thread: boto3 speaks real HTTP to it,
as it would to AWS or MinIO (the process boundary is the only thing replaced)."""

import socket
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import ApplicationStatus, Document, Recording
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.env import private_storage
from concours.uploads.tests.media import mp4_bytes, sha256
from concours.uploads.tests.protocol import send, start

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")

pytestmark = pytest.mark.django_db

BUCKET = "concours-private"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, tmp_path):
    """A fresh bucket as the private storage, with the settings production would have."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "concours-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "concours-test-secret")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    environ = {
        "PRIVATE_STORAGE_BACKEND": "storages.backends.s3.S3Storage",
        "PRIVATE_S3_BUCKET": BUCKET,
        "PRIVATE_S3_ENDPOINT_URL": s3_endpoint,
        "PRIVATE_S3_REGION": "us-east-1",
        "PRIVATE_S3_PREFIX": "private",
    }
    private = private_storage(default_root=tmp_path / "unused", environ=environ)
    with override_settings(
        STORAGES={**settings.STORAGES, "private": private},
        CONCOURS_UPLOAD_STAGING_DIR=str(tmp_path / "staging"),
        CONCOURS_UPLOAD_DISK_RESERVE_BYTES=0,
    ):
        yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _object_gets() -> list[dict[str, str]]:
    """Every GetObject the private storage's S3 client sends from now on: its key and range."""
    from django.core.files.storage import storages

    seen: list[dict[str, str]] = []

    def record(params, **kwargs):
        seen.append({"Key": params["Key"], "Range": params.get("Range", "")})

    events = storages["private"].connection.meta.client.meta.events
    events.register("provide-client-params.s3.GetObject", record)
    return seen


def _keys(client) -> list[str]:
    listing = client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.fixture
def draft(db):
    candidate = CandidateProfileFactory(user=UserFactory(email="ana@example.org"))
    return ApplicationFactory(candidate=candidate, status=ApplicationStatus.DRAFT)


def test_the_settings_build_an_s3_storage_from_the_environment(bucket):
    from django.core.files.storage import storages

    storage = storages["private"]
    assert type(storage).__module__ + "." + type(storage).__name__ == (
        "storages.backends.s3.S3Storage"
    )
    assert (storage.bucket_name, storage.location, storage.file_overwrite) == (
        BUCKET, "private", False
    )  # fmt: skip


def test_a_document_goes_to_the_bucket_and_only_its_candidate_gets_it_back(client, bucket, draft):
    client.force_login(draft.candidate.user)
    url = reverse("candidate:documents", kwargs={"reference": draft.reference})
    response = client.post(url, {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", PDF)})
    assert response.status_code == 302
    document = Document.objects.get(application=draft)
    assert _keys(bucket) == [f"private/{document.file.name}"]
    head = bucket.head_object(Bucket=BUCKET, Key=f"private/{document.file.name}")
    assert head["ContentLength"] == len(PDF) == document.size

    download = reverse(
        "candidate:document_file", kwargs={"reference": draft.reference, "document_id": document.pk}
    )
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF

    other = UserFactory(email="bo@example.org")
    CandidateProfileFactory(user=other)
    client.force_login(other)
    assert client.get(download).status_code == 404


def test_a_resumable_upload_is_staged_locally_then_lands_in_the_bucket_and_plays_in_parts(
    client, bucket, draft, django_capture_on_commit_callbacks, tmp_path
):
    data = mp4_bytes(300_000, seed=5)
    client.force_login(draft.candidate.user)
    response = start(client, draft, data)
    assert response.status_code == 201, response.content
    location = response["Location"]
    send(client, location, data, stop_at=120_000, chunk=60_000)  # the connection drops here
    offset = int(client.head(location)["Upload-Offset"])
    assert offset == 120_000
    assert _keys(bucket) == []  # unfinished uploads stay in the local staging directory
    assert any((tmp_path / "staging").iterdir())
    with django_capture_on_commit_callbacks(execute=True):
        send(client, location, data, start_at=offset, chunk=60_000)

    recording = Recording.objects.get(application=draft)
    assert (recording.size, recording.sha256) == (len(data), sha256(data))
    assert _keys(bucket) == [f"private/{recording.file.name}"]
    assert list((tmp_path / "staging").iterdir()) == []
    with recording.file.open("rb") as stored:
        assert stored.read() == data

    url = reverse(
        "candidate:recording_file",
        kwargs={"reference": draft.reference, "recording_id": recording.pk},
    )
    fetched = _object_gets()
    response = client.get(url, headers={"Range": "bytes=1000-1999"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{len(data)}"
    assert b"".join(response.streaming_content) == data[1000:2000]
    # Only the part asked for came from the bucket, not the whole object.
    assert fetched == [{"Key": f"private/{recording.file.name}", "Range": "bytes=1000-1999"}]
    fetched.clear()
    response = client.get(url, headers={"Range": "bytes=-500"})
    assert b"".join(response.streaming_content) == data[-500:]
    assert [get["Range"] for get in fetched] == [f"bytes={len(data) - 500}-{len(data) - 1}"]


def test_erasing_a_candidate_removes_their_files_from_the_bucket(client, bucket, draft):
    client.force_login(draft.candidate.user)
    url = reverse("candidate:documents", kwargs={"reference": draft.reference})
    client.post(url, {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", PDF)})
    assert len(_keys(bucket)) == 1
    from concours.applications import privacy

    privacy.erase(draft.candidate.user)
    assert _keys(bucket) == []


def test_the_check_refuses_an_s3_storage_without_a_bucket():
    from concours.core.checks import check_private_storage

    private = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": ""}}
    with override_settings(
        STORAGES={**settings.STORAGES, "private": private}, CONCOURS_UPLOAD_STAGING_DIR=""
    ):
        assert [error.id for error in check_private_storage()] == ["concours.E002", "concours.E003"]
        with pytest.raises(SystemCheckError, match="no bucket is named"):
            call_command("check")
    # The older name of the same backend is checked too.
    alias = {**private, "BACKEND": "storages.backends.s3boto3.S3Boto3Storage"}
    with override_settings(
        STORAGES={**settings.STORAGES, "private": alias}, CONCOURS_UPLOAD_STAGING_DIR="/srv/staging"
    ):
        assert [error.id for error in check_private_storage()] == ["concours.E002"]


def test_the_check_accepts_the_default_and_a_named_bucket(bucket):
    from concours.core.checks import check_private_storage

    assert check_private_storage() == []
    with override_settings(STORAGES={**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage"}}):  # fmt: skip
        assert check_private_storage() == []
