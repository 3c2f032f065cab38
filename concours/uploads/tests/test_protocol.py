"""The upload protocol through the test client: start, HEAD, PATCH in order, conflicts, resuming,
checksums, limits, verification into a recording, and who may touch an upload."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from concours.applications.models import Recording, RecordingKind
from concours.uploads import staging
from concours.uploads.models import Rejection, Upload, UploadStatus
from concours.uploads.tests.media import mp4_bytes, png_bytes, sha256
from concours.uploads.tests.protocol import START_URL, details, patch, send, start

pytestmark = pytest.mark.django_db

DATA = mp4_bytes(300_000)


@pytest.fixture
def started(signed_in, draft):
    response = start(signed_in, draft, DATA)
    assert response.status_code == 201, response.content
    return response["Location"]


def _upload(url: str) -> Upload:
    return Upload.objects.get(pk=url.rstrip("/").rsplit("/", 1)[-1])


def test_start_answers_201_with_the_location_and_offset_zero(signed_in, draft):
    response = start(signed_in, draft, DATA)
    upload = Upload.objects.get()
    assert response.status_code == 201
    assert response["Location"] == f"/uploads/{upload.pk}/"
    assert response["Upload-Offset"] == "0"
    assert response.json()["status"] == "receiving"
    assert (upload.owner, upload.application, upload.filename, upload.size) == (
        draft.candidate.user, draft, "chaconne.mp4", 300_000
    )  # fmt: skip
    assert (upload.title, upload.offset) == ("Bach, Chaconne", 0)
    assert upload.unedited_declared_at is not None


def test_start_over_the_size_limit_is_413_before_anything_is_written(
    signed_in, draft, settings, private_storage
):
    settings.CONCOURS_MAX_UPLOAD_BYTES = 1000
    response = start(signed_in, draft, DATA)
    assert response.status_code == 413
    assert response.json()["errors"] == {
        "size": ["The file is larger than 1000\xa0bytes, the largest we accept."]
    }
    assert Upload.objects.count() == 0
    assert not (staging.staging_dir()).exists() or list(staging.staging_dir().iterdir()) == []


def test_start_names_every_wrong_field(signed_in, draft):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = start(signed_in, draft, DATA, title="", unedited=False, recorded_on=tomorrow)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "title": ["This field is required."],
        "recorded_on": ["A recording cannot be made in the future."],
        "unedited": ["The recording must be declared unedited."],
    }
    assert Upload.objects.count() == 0


def test_start_keeps_only_the_file_name_of_a_path(signed_in, draft):
    response = start(signed_in, draft, DATA, filename="C:\\Users\\ana\\..\\my chaconne.mp4")
    assert response.status_code == 201
    assert Upload.objects.get().filename == "my_chaconne.mp4"


def test_start_for_another_candidates_application_is_404(client, draft):
    from concours.applications.tests.factories import CandidateProfileFactory

    client.force_login(CandidateProfileFactory().user)
    assert start(client, draft, DATA).status_code == 404
    assert Upload.objects.count() == 0


def test_start_when_recordings_can_no_longer_change_is_403(signed_in, draft):
    draft.status = "submitted"
    draft.save()
    response = start(signed_in, draft, DATA)
    assert response.status_code == 403
    assert response.json()["message"] == str(Rejection.NOT_EDITABLE.label)


def test_start_refuses_what_the_disk_cannot_hold(signed_in, draft, settings):
    settings.CONCOURS_UPLOAD_DISK_RESERVE_BYTES = 10**18
    response = start(signed_in, draft, DATA)
    assert response.status_code == 507
    assert response.json()["error"] == "no_room"


def test_start_refuses_too_many_unfinished_uploads(signed_in, draft, settings):
    settings.CONCOURS_MAX_OPEN_UPLOADS = 2
    assert [start(signed_in, draft, DATA).status_code for _ in range(3)] == [201, 201, 429]


def test_start_needs_json(signed_in, draft):
    response = signed_in.post(START_URL, {"size": "5"})
    assert response.status_code == 415


def test_head_reports_the_offset(signed_in, started):
    send(signed_in, started, DATA, stop_at=100_000, chunk=50_000)
    response = signed_in.head(started)
    assert response.status_code == 200
    assert (response["Upload-Offset"], response["Upload-Length"]) == ("100000", "300000")
    assert response["Cache-Control"] == "no-store"
    assert response.content == b""


def test_chunks_in_order_advance_the_offset(signed_in, started):
    offsets = []
    for offset in range(0, 120_000, 40_000):
        response = patch(signed_in, started, offset, DATA[offset : offset + 40_000])
        assert response.status_code == 204
        offsets.append(int(response["Upload-Offset"]))
    assert offsets == [40_000, 80_000, 120_000]
    assert staging.staging_path(_upload(started)).read_bytes() == DATA[:120_000]


def test_a_chunk_at_the_wrong_offset_is_409_with_the_current_offset(signed_in, started):
    send(signed_in, started, DATA, stop_at=50_000, chunk=50_000)
    response = patch(signed_in, started, 10_000, DATA[10_000:20_000])
    assert response.status_code == 409
    assert response["Upload-Offset"] == "50000"
    assert response.json()["offset"] == 50_000
    assert _upload(started).offset == 50_000
    assert staging.staging_path(_upload(started)).read_bytes() == DATA[:50_000]


def test_the_same_chunk_sent_twice_is_appended_once(signed_in, started):
    assert patch(signed_in, started, 0, DATA[:30_000]).status_code == 204
    assert patch(signed_in, started, 0, DATA[:30_000]).status_code == 409
    assert staging.staging_path(_upload(started)).read_bytes() == DATA[:30_000]


def test_resuming_after_a_dropped_connection_completes_the_recording(
    signed_in, started, draft, django_capture_on_commit_callbacks
):
    send(signed_in, started, DATA, stop_at=130_000, chunk=65_000)  # then the connection drops
    offset = int(signed_in.head(started)["Upload-Offset"])
    assert offset == 130_000
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, started, DATA, start_at=offset, chunk=65_000)
    recording = Recording.objects.get(application=draft)
    with recording.file.open("rb") as stored:
        assert stored.read() == DATA
    assert (recording.size, recording.sha256) == (300_000, sha256(DATA))


def test_a_completed_mp4_becomes_the_applications_recording(
    signed_in, started, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, started, DATA, chunk=100_000)
    upload = _upload(started)
    recording = Recording.objects.get(application=draft)
    assert upload.status == UploadStatus.READY
    assert upload.recording == recording
    assert (upload.content_type, upload.sha256) == ("video/mp4", sha256(DATA))
    assert (recording.kind, recording.title, recording.size, recording.sha256) == (
        RecordingKind.UPLOAD, "Bach, Chaconne", 300_000, sha256(DATA)
    )  # fmt: skip
    assert recording.content_type == "video/mp4"
    assert recording.recorded_on == timezone.localdate() - dt.timedelta(days=10)
    assert recording.unedited_declared_at == upload.unedited_declared_at
    assert recording.file.name == (
        f"applications/{draft.reference}/recording/{upload.pk.hex[:8]}-chaconne.mp4"
    )
    assert not staging.staging_path(upload).exists()
    status = signed_in.get(started).json()
    assert (status["status"], status["recording"]["id"]) == ("ready", recording.pk)
    assert status["recording"]["label"].startswith("Bach, Chaconne — uploaded file, 293.0\xa0KB (")


def test_the_status_says_verifying_until_the_worker_ran(signed_in, started, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send(signed_in, started, DATA, chunk=150_000)
    assert signed_in.get(started).json()["status"] == "verifying"
    assert Recording.objects.count() == 0


def test_a_chunk_whose_checksum_does_not_match_is_460_and_not_appended(signed_in, started):
    send(signed_in, started, DATA, stop_at=10_000, chunk=10_000)
    response = patch(
        signed_in, started, 10_000, DATA[10_000:20_000], checksum="sha256 " + "A" * 43 + "="
    )
    assert response.status_code == 460
    assert response.reason_phrase == "Checksum Mismatch"
    assert response.json()["error"] == "checksum_mismatch"
    assert _upload(started).offset == 10_000
    assert staging.staging_path(_upload(started)).read_bytes() == DATA[:10_000]


def test_a_checksum_in_another_algorithm_is_400(signed_in, started):
    response = patch(signed_in, started, 0, DATA[:1000], checksum="md5 AAAA")
    assert response.status_code == 400
    assert _upload(started).offset == 0


def test_chunks_without_a_checksum_are_accepted(signed_in, started):
    assert patch(signed_in, started, 0, DATA[:1000], checksum=None).status_code == 204


def test_a_chunk_past_the_declared_size_is_413(signed_in, started):
    send(signed_in, started, DATA, stop_at=290_000, chunk=145_000)
    response = patch(signed_in, started, 290_000, DATA[290_000:] + b"extra bytes")
    assert response.status_code == 413
    assert response.json()["error"] == "past_declared_size"
    assert _upload(started).offset == 290_000


def test_a_chunk_over_the_chunk_limit_is_413(signed_in, started, settings):
    settings.CONCOURS_UPLOAD_CHUNK_BYTES = 1000
    response = patch(signed_in, started, 0, DATA[:1001])
    assert response.status_code == 413
    assert response.json()["error"] == "chunk_too_large"


def test_a_chunk_must_say_where_it_goes_and_be_raw_bytes(signed_in, started):
    no_offset = signed_in.patch(started, DATA[:100], content_type="application/offset+octet-stream")
    as_form = signed_in.patch(
        started, DATA[:100], content_type="text/plain", headers={"Upload-Offset": "0"}
    )
    assert (no_offset.status_code, as_form.status_code) == (400, 415)


def test_a_png_is_refused_at_its_first_chunk(signed_in, draft):
    data = png_bytes(200_000)
    url = start(signed_in, draft, data, filename="photo.mp4")["Location"]
    response = patch(signed_in, url, 0, data[:65_536])
    upload = _upload(url)
    assert response.status_code == 415
    assert response.json()["upload"]["rejection"] == "wrong_type"
    assert (upload.status, upload.rejection) == (UploadStatus.REJECTED, Rejection.WRONG_TYPE)
    assert not staging.staging_path(upload).exists()
    assert patch(signed_in, url, 0, data[:65_536]).status_code == 409


def test_a_png_in_tiny_chunks_is_rejected_after_verification_with_the_reason(
    signed_in, draft, django_capture_on_commit_callbacks
):
    data = png_bytes(3_000)
    url = start(signed_in, draft, data, filename="photo.mp4")["Location"]
    assert patch(signed_in, url, 0, data[:16]).status_code == 204  # too short to judge alone
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, url, data, start_at=16, chunk=1_000)
    upload = _upload(url)
    assert (upload.status, upload.rejection) == (UploadStatus.REJECTED, Rejection.WRONG_TYPE)
    status = signed_in.get(url).json()
    assert (status["status"], status["rejection"]) == ("rejected", "wrong_type")
    assert status["message"] == (
        "This file is not a video we accept. Upload an MP4, MOV, WebM or MKV file."
    )
    assert Recording.objects.count() == 0
    assert not staging.staging_path(upload).exists()


def test_an_announced_sha256_that_does_not_match_rejects_the_file(
    signed_in, draft, django_capture_on_commit_callbacks
):
    url = start(signed_in, draft, DATA, sha256="0" * 64)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, url, DATA, chunk=150_000)
    assert _upload(url).rejection == Rejection.CHECKSUM_MISMATCH
    assert Recording.objects.count() == 0


def test_a_recording_cannot_arrive_after_the_application_closed(
    signed_in, started, draft, django_capture_on_commit_callbacks
):
    send(signed_in, started, DATA, stop_at=150_000, chunk=150_000)
    draft.status = "submitted"
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, started, DATA, start_at=150_000, chunk=150_000)
    assert _upload(started).rejection == Rejection.NOT_EDITABLE
    assert Recording.objects.count() == 0


def test_delete_abandons_the_upload_and_its_bytes(
    signed_in, started, django_capture_on_commit_callbacks
):
    send(signed_in, started, DATA, stop_at=50_000, chunk=50_000)
    path = staging.staging_path(_upload(started))
    with django_capture_on_commit_callbacks(execute=True):
        assert signed_in.delete(started).status_code == 204
    assert Upload.objects.count() == 0
    assert not path.exists()
    assert signed_in.head(started).status_code == 404


def test_a_verified_upload_cannot_be_cancelled(
    signed_in, started, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, started, DATA, chunk=150_000)
    assert signed_in.delete(started).status_code == 409
    assert Recording.objects.count() == 1


def test_an_expired_upload_takes_no_more_chunks(signed_in, started):
    Upload.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert patch(signed_in, started, 0, DATA[:1000]).status_code == 410


@pytest.mark.parametrize(
    ("method", "status"),
    [("get", 404), ("head", 404), ("patch", 404), ("delete", 404)],
)
def test_another_person_gets_404_on_every_endpoint(client, started, method, status):
    from concours.applications.tests.factories import CandidateProfileFactory

    client.force_login(CandidateProfileFactory().user)
    if method == "patch":
        response = patch(client, started, 0, DATA[:1000])
    else:
        response = getattr(client, method)(started)
    assert response.status_code == status
    assert _upload(started).offset == 0


@pytest.mark.parametrize("method", ["get", "head", "patch", "delete"])
def test_anonymous_is_refused_on_every_endpoint(client, started, method):
    client.logout()
    if method == "patch":
        response = patch(client, started, 0, DATA[:1000])
    else:
        response = getattr(client, method)(started)
    assert response.status_code == 403
    assert Upload.objects.get().offset == 0


def test_anonymous_cannot_start(client, draft):
    response = start(client, draft, DATA)
    assert response.status_code == 403
    assert response.json()["error"] == "not_signed_in"


def test_writes_need_the_csrf_token(candidate, draft):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(candidate.user)
    payload = json.dumps(details(application=str(draft.reference), filename="a.mp4", size=1000))
    refused = browser.post(START_URL, payload, content_type="application/json")
    browser.get(f"/me/applications/{draft.reference}/recordings/")
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        START_URL, payload, content_type="application/json", headers={"X-CSRFToken": token}
    )
    url = accepted["Location"]
    patch_refused = patch(browser, url, 0, DATA[:1000])
    patch_accepted = patch(browser, url, 0, DATA[:1000], **{"X-CSRFToken": token})
    assert [r.status_code for r in (refused, accepted, patch_refused, patch_accepted)] == [
        403, 201, 403, 204
    ]  # fmt: skip


def test_an_unknown_method_is_405(signed_in, started):
    assert signed_in.put(started, b"").status_code == 405


def test_chunks_are_not_form_uploads_and_ignore_the_form_limit(signed_in, started, settings):
    settings.CONCOURS_MAX_FORM_UPLOAD_BYTES = 1000
    response = patch(signed_in, started, 0, DATA[:100_000])
    assert response.status_code == 204
    assert int(response["Upload-Offset"]) == 100_000
