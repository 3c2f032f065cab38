"""Form uploads are read a mebibyte at a time, the size gunicorn receives a body in."""

from django.conf import settings
from django.core.files.uploadhandler import load_handler
from django.test import RequestFactory

from concours.core import uploadhandlers


def test_the_configured_handlers_read_a_mebibyte_at_a_time():
    request = RequestFactory().post("/")
    handlers = [load_handler(path, request) for path in settings.FILE_UPLOAD_HANDLERS]
    assert [type(handler) for handler in handlers] == [
        uploadhandlers.MemoryFileUploadHandler,
        uploadhandlers.TemporaryFileUploadHandler,
    ]
    assert {handler.chunk_size for handler in handlers} == {uploadhandlers.CHUNK_BYTES}
    # Django's multipart parser requires a multiple of 4 (for base64-encoded parts).
    assert uploadhandlers.CHUNK_BYTES % 4 == 0


def test_the_chunk_is_the_production_servers_largest_body_read():
    """Smaller reads make gunicorn copy its read-ahead buffer on every read, larger ones bring
    the copying back (docs/benchmarks.md); if gunicorn changes its chunk, this says so."""
    from gunicorn.http.unreader import SocketUnreader

    assert SocketUnreader.max_body_chunk == uploadhandlers.CHUNK_BYTES
