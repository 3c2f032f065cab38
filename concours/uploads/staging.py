"""Where the bytes of an unfinished upload wait, and how they become the recording's file.

Chunks are written into one staging file per upload, at their offset, with the file cut back to
the end of the chunk and flushed to disk before the offset is committed; whatever lies beyond the
committed offset (a chunk whose transaction failed) is overwritten by the next chunk.

The staging file lives in the private storage (``uploads/partial/``) so that finishing an upload
is a rename, not a copy of gigabytes. A storage without local paths (S3) needs
``CONCOURS_UPLOAD_STAGING_DIR``, a local directory; the finished file is then streamed into the
storage once (docs/uploads.md).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import Storage

from concours.applications.models import Recording
from concours.uploads.media import HEAD_BYTES, detect_video_type
from concours.uploads.models import Upload

STAGING_PREFIX = "uploads/partial"


class StagingLost(Exception):
    """The staging file is shorter than the bytes already acknowledged."""


def storage() -> Storage:
    """The storage recordings' files are kept in (the private one)."""
    return Recording._meta.get_field("file").storage


def _local_path(name: str) -> Path | None:
    try:
        return Path(storage().path(name))
    except NotImplementedError:
        return None


def staging_dir() -> Path:
    configured = settings.CONCOURS_UPLOAD_STAGING_DIR
    directory = Path(configured) if configured else _local_path(STAGING_PREFIX)
    if directory is None:
        raise ImproperlyConfigured(
            "The private storage has no local paths; set CONCOURS_UPLOAD_STAGING_DIR to a local "
            "directory for unfinished uploads."
        )
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def staging_path(upload: Upload) -> Path:
    return staging_dir() / f"{upload.pk}.part"


def free_bytes() -> int:
    return shutil.disk_usage(staging_dir()).free


def write_at(upload: Upload, offset: int, data: bytes) -> None:
    """Write ``data`` at ``offset``; the file then ends where the chunk ends, safely on disk."""
    fd = os.open(staging_path(upload), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.fstat(fd).st_size < offset:
            raise StagingLost(str(upload.pk))
        view = memoryview(data)
        position = offset
        while view:
            written = os.pwrite(fd, view, position)
            view, position = view[written:], position + written
        os.ftruncate(fd, position)
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Inspection:
    """What actually arrived."""

    size: int
    content_type: str | None
    sha256: str


def inspect(upload: Upload) -> Inspection | None:
    """Size, type and SHA-256 of the staging file, read once; ``None`` when it is missing."""
    try:
        handle = staging_path(upload).open("rb")
    except FileNotFoundError:
        return None
    with handle:
        head = handle.read(HEAD_BYTES)
        handle.seek(0)
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
        size = os.fstat(handle.fileno()).st_size
    return Inspection(size=size, content_type=detect_video_type(head), sha256=digest)


def discard(upload: Upload) -> None:
    staging_path(upload).unlink(missing_ok=True)


def place_in_storage(upload: Upload, name: str, *, max_length: int | None = None) -> str:
    """Put the staging file into the storage under ``name`` (or a free variant of it) and return
    the name used: a rename when both are on one local file system, else a streamed copy (the
    staging file then stays until ``discard``)."""
    source = staging_path(upload)
    name = storage().get_available_name(name, max_length=max_length)
    target = _local_path(name)
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(source, target)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
        else:
            return name
    with source.open("rb") as handle:
        return storage().save(name, File(handle), max_length=max_length)


def take_back(upload: Upload, name: str) -> None:
    """Undo ``place_in_storage`` after the database refused the result."""
    source = staging_path(upload)
    target = _local_path(name)
    if not source.exists() and target is not None and target.exists():
        os.replace(target, source)
    else:
        storage().delete(name)
