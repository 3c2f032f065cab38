"""Writes for resumable uploads: start, append a chunk, abandon, verify, purge (docs/uploads.md).

Every change of an upload happens under a lock on its row (``select_for_update``), so two
requests carrying the same chunk cannot both append it; the bytes go to disk (``staging``) before
the offset that acknowledges them is committed. Verification reads the whole file outside any
transaction and only takes the lock to record the outcome.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications.models import Application, ItemKind, Recording, RecordingKind
from concours.applications.services import may_edit
from concours.core.tasks import enqueue_on_commit
from concours.uploads import staging
from concours.uploads.media import EXTENSIONS, HEAD_BYTES, detect_video_type
from concours.uploads.models import Rejection, Upload, UploadPurpose, UploadStatus
from concours.uploads.tasks import verify_upload_task

#: An upload still "verifying" this long after its last chunk lost its worker; it is queued again.
STALLED_VERIFICATION = dt.timedelta(hours=1)


class UploadError(Exception):
    """Something the upload's state or the limits do not allow, with a message for the person.

    ``code`` is for programs (the browser script); the message is for people.
    """

    code = "invalid"


class NotEditable(UploadError):
    code = "not_editable"


class TooLarge(UploadError):
    code = "too_large"


class NoRoom(UploadError):
    code = "no_room"


class TooManyOpenUploads(UploadError):
    code = "too_many_uploads"


class NotReceiving(UploadError):
    code = "not_receiving"


class Expired(UploadError):
    code = "expired"


class OffsetMismatch(UploadError):
    code = "offset_mismatch"

    def __init__(self, message: str, *, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class PastDeclaredSize(UploadError):
    code = "past_declared_size"


class ChecksumMismatch(UploadError):
    code = "checksum_mismatch"


class BadChecksum(UploadError):
    code = "bad_checksum"


class Rejected(UploadError):
    """The chunk showed the upload cannot succeed; it is now rejected (``upload.rejection``)."""

    code = "rejected"

    def __init__(self, upload: Upload) -> None:
        super().__init__(upload.get_rejection_display())
        self.upload = upload


@dataclass(frozen=True)
class RecordingDetails:
    title: str
    recorded_on: dt.date
    unedited_declared_at: dt.datetime


@dataclass(frozen=True)
class ChunkChecksum:
    """The ``Upload-Checksum`` header: an algorithm and the digest of one chunk."""

    algorithm: str
    digest: bytes

    @classmethod
    def parse(cls, header: str) -> ChunkChecksum:
        algorithm, _space, encoded = header.strip().partition(" ")
        if algorithm.lower() != "sha256":
            raise BadChecksum(_("Only SHA-256 checksums of chunks are supported."))
        try:
            digest = base64.b64decode(encoded.strip(), validate=True)
        except ValueError:  # binascii.Error, or text that is not ASCII
            digest = b""
        if len(digest) != hashlib.sha256().digest_size:
            raise BadChecksum(_("The chunk's checksum is not a base64-encoded SHA-256 digest."))
        return cls(algorithm="sha256", digest=digest)

    def matches(self, data: bytes) -> bool:
        return hashlib.new(self.algorithm, data).digest() == self.digest


def _expiry(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(seconds=settings.CONCOURS_UPLOAD_EXPIRY_SECONDS)


def start_recording_upload(
    *,
    owner: User,
    application: Application,
    filename: str,
    size: int,
    details: RecordingDetails,
    declared_sha256: str = "",
    now: dt.datetime,
) -> Upload:
    """A new upload of a recording for ``application``, once the limits allow it: the size, the
    owner's number of unfinished uploads, and the disk space every unfinished upload may still
    need."""
    if not may_edit(application, ItemKind.RECORDINGS):
        raise NotEditable(Rejection.NOT_EDITABLE.label)
    if size > settings.CONCOURS_MAX_UPLOAD_BYTES:
        raise TooLarge(_("The file is larger than the largest we accept."))
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=owner.pk).first()  # one start at a time
        receiving = Upload.objects.filter(status=UploadStatus.RECEIVING, expires_at__gt=now)
        if receiving.filter(owner=owner).count() >= settings.CONCOURS_MAX_OPEN_UPLOADS:
            raise TooManyOpenUploads(
                _("You have too many unfinished uploads. Finish or cancel one of them first.")
            )
        promised = receiving.aggregate(rest=Sum(F("size") - F("offset")))["rest"] or 0
        if staging.free_bytes() < promised + size + settings.CONCOURS_UPLOAD_DISK_RESERVE_BYTES:
            raise NoRoom(
                _("The server has no room for this file right now. Please try again later.")
            )
        return Upload.objects.create(
            owner=owner, application=application, purpose=UploadPurpose.RECORDING, filename=filename,
            size=size, declared_sha256=declared_sha256, title=details.title,
            recorded_on=details.recorded_on, unedited_declared_at=details.unedited_declared_at,
            created_at=now, expires_at=_expiry(now),
        )  # fmt: skip


def _check_receiving(upload: Upload, now: dt.datetime) -> None:
    if upload.status != UploadStatus.RECEIVING:
        raise NotReceiving(_("This upload has already received its whole file."))
    if upload.expires_at <= now:
        raise Expired(_("This upload waited too long for its next part. Please start again."))


def _reject(upload: Upload, rejection: Rejection, now: dt.datetime) -> None:
    upload.status = UploadStatus.REJECTED
    upload.rejection = rejection
    upload.expires_at = _expiry(now)  # the reason stays readable for a while
    upload.save(
        update_fields=["status", "rejection", "sha256", "content_type", "expires_at", "updated_at"]
    )
    transaction.on_commit(partial(staging.discard, upload))


def check_chunk_fits(*, upload: Upload, offset: int, length: int, now: dt.datetime) -> None:
    """A chunk of ``length`` bytes at ``offset`` continues the file and stays within it."""
    _check_receiving(upload, now)
    if offset != upload.offset:
        raise OffsetMismatch(
            _("This part does not continue the file; go on from the offset given."),
            offset=upload.offset,
        )
    if offset + length > upload.size:
        raise PastDeclaredSize(_("This part goes beyond the file size that was announced."))


def append_chunk(
    *,
    upload_id: uuid.UUID,
    offset: int,
    data: bytes,
    checksum: ChunkChecksum | None,
    now: dt.datetime,
) -> Upload:
    """Append ``data`` at ``offset``, which must be exactly the bytes received so far.

    The first chunk must look like a video, so a wrong file is refused before it fills the disk.
    The last one hands the upload to verification (a background task).
    """
    if checksum is not None and not checksum.matches(data):
        raise ChecksumMismatch(_("This part of the file was damaged on the way; send it again."))
    with transaction.atomic():
        upload = Upload.objects.select_for_update().get(pk=upload_id)
        check_chunk_fits(upload=upload, offset=offset, length=len(data), now=now)
        rejection = None
        judged_at_once = offset == 0 and len(data) >= min(HEAD_BYTES, upload.size)
        if judged_at_once and detect_video_type(data[:HEAD_BYTES]) is None:
            rejection = Rejection.WRONG_TYPE
        if rejection is None:
            try:
                staging.write_at(upload, offset, data)
            except staging.StagingLost:
                rejection = Rejection.MISSING
        if rejection is not None:
            _reject(upload, rejection, now)
        else:
            upload.offset += len(data)
            upload.expires_at = _expiry(now)
            if upload.is_complete:
                upload.status = UploadStatus.VERIFYING
                enqueue_on_commit(verify_upload_task, upload_id=str(upload.pk))
            upload.save(update_fields=["offset", "status", "expires_at", "updated_at"])
    if rejection is not None:
        raise Rejected(upload)
    return upload


def abandon_upload(*, upload_id: uuid.UUID) -> None:
    """The owner gives up: the row and whatever arrived go. A file being verified or already a
    recording stays."""
    with transaction.atomic():
        upload = Upload.objects.select_for_update().get(pk=upload_id)
        if upload.status in (UploadStatus.VERIFYING, UploadStatus.READY):
            raise NotReceiving(_("This upload is complete and can no longer be cancelled."))
        path = staging.staging_path(upload)  # before delete() forgets the id
        upload.delete()
        transaction.on_commit(partial(path.unlink, missing_ok=True))


def _stored_name(upload: Upload, recording: Recording, content_type: str) -> str:
    stem = PurePosixPath(upload.filename).stem[:20] or "recording"
    name = f"{upload.pk.hex[:8]}-{stem}.{EXTENSIONS[content_type]}"
    return Recording._meta.get_field("file").generate_filename(recording, name)


def verify_upload(*, upload_id: uuid.UUID, now: dt.datetime) -> Upload | None:
    """Check what arrived (size, type by its bytes, SHA-256, the announced digest if any) and
    make it the application's recording, or reject it with the reason. Running it again once
    the upload is decided changes nothing."""
    upload = Upload.objects.filter(pk=upload_id, status=UploadStatus.VERIFYING).first()
    if upload is None:
        return None
    found = staging.inspect(upload)  # minutes for gigabytes: outside any transaction
    rejection = None
    if found is None:
        rejection = Rejection.MISSING
    elif found.size != upload.size:
        rejection = Rejection.SIZE_MISMATCH
    elif found.content_type is None:
        rejection = Rejection.WRONG_TYPE
    elif upload.declared_sha256 and upload.declared_sha256 != found.sha256:
        rejection = Rejection.CHECKSUM_MISMATCH
    placed = ""
    try:
        with transaction.atomic():
            upload = (
                Upload.objects.select_for_update(of=("self",))
                .select_related("application")
                .filter(pk=upload_id, status=UploadStatus.VERIFYING)
                .first()
            )
            if upload is None:
                return None
            if found is not None:
                upload.sha256, upload.content_type = found.sha256, found.content_type or ""
            if rejection is None and not may_edit(upload.application, ItemKind.RECORDINGS):
                rejection = Rejection.NOT_EDITABLE
            if rejection is not None:
                _reject(upload, rejection, now)
                return upload
            assert found is not None  # for the type checker: a rejection otherwise
            assert found.content_type is not None
            recording = Recording(
                application=upload.application, kind=RecordingKind.UPLOAD, size=found.size,
                sha256=found.sha256, content_type=found.content_type, title=upload.title, recorded_on=upload.recorded_on,
                unedited_declared_at=upload.unedited_declared_at,
            )  # fmt: skip
            name = _stored_name(upload, recording, found.content_type)
            placed = staging.place_in_storage(
                upload, name, max_length=Recording._meta.get_field("file").max_length
            )
            recording.file.name = placed
            recording.save()
            upload.recording = recording
            upload.status = UploadStatus.READY
            upload.expires_at = _expiry(now)
            upload.save(
                update_fields=[
                    "recording",
                    "status",
                    "sha256",
                    "content_type",
                    "expires_at",
                    "updated_at",
                ]
            )
            transaction.on_commit(partial(staging.discard, upload))
    except Exception:
        if placed:
            staging.take_back(upload, placed)
        raise
    return upload


def purge_expired_uploads(*, now: dt.datetime) -> tuple[int, int]:
    """Delete unfinished and rejected uploads past their expiry (with their staging files) and
    queue the verification of uploads whose worker stopped; returns (deleted, queued again).
    Uploads that became recordings stay: they record the detected type and where the file
    came from."""
    expired = list(
        Upload.objects.filter(
            expires_at__lte=now, status__in=[UploadStatus.RECEIVING, UploadStatus.REJECTED]
        )
    )
    for upload in expired:
        staging.discard(upload)
    Upload.objects.filter(pk__in=[u.pk for u in expired]).delete()
    stalled = list(
        Upload.objects.filter(
            status=UploadStatus.VERIFYING, updated_at__lte=now - STALLED_VERIFICATION
        ).values_list("pk", flat=True)
    )
    for upload_id in stalled:
        verify_upload_task.enqueue(upload_id=str(upload_id))
    return len(expired), len(stalled)
