"""Django's upload handlers for form uploads (a CV, a photo, a proof of payment), reading the
request body a mebibyte at a time instead of Django's default 64 KiB.

The production server, gunicorn, receives a request body of known length up to 1 MiB per
``recv()`` (``SocketUnreader.max_body_chunk``) and keeps what the application has not asked for
yet in a buffer. Each smaller read copies that whole buffer twice (once out, once back), so a
5 MiB file read 64 KiB at a time costs about 80 MiB of copying and thousands of fresh pages:
measured under gunicorn, 17 ms of CPU per 5 MiB upload with 64 KiB reads against 8.5 ms with
1 MiB reads (docs/benchmarks.md, "Issue 4 — the deadline rush"). Larger reads than the server's
own chunk bring the copying back, so the size matches it. Django's multipart parser also takes
fewer turns of its Python loops with larger pieces.

The chunk is also the most a small upload keeps in memory beyond its own size, which stays
under ``FILE_UPLOAD_MAX_MEMORY_SIZE`` (larger files go to a temporary file, as by default).
Resumable recording uploads do not come through here: ``concours.uploads`` reads its chunks
itself, also a mebibyte at a time.
"""

from django.core.files import uploadhandler

#: Bytes per read of an upload's body: gunicorn's largest ``recv()`` for a body of known length.
CHUNK_BYTES = 1024 * 1024


class MemoryFileUploadHandler(uploadhandler.MemoryFileUploadHandler):
    """Small files (up to ``FILE_UPLOAD_MAX_MEMORY_SIZE``) kept in memory."""

    chunk_size = CHUNK_BYTES


class TemporaryFileUploadHandler(uploadhandler.TemporaryFileUploadHandler):
    """Larger files streamed into a temporary file, then moved into the storage."""

    chunk_size = CHUNK_BYTES
