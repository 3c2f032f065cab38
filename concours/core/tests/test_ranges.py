"""Range requests (RFC 9110 §14): the header's edge cases, and the responses built from a
storage."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import Http404
from django.test import RequestFactory

from concours.core.ranges import ByteRange, RangeNotSatisfiable, parse_range, ranged_file_response

DATA = bytes(range(256)) * 40  # 10,240 bytes, each position recognisable
SIZE = len(DATA)
ETAG = '"abc123"'


# --- parse_range ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-", ByteRange(0, SIZE - 1)),
        ("bytes=0-0", ByteRange(0, 0)),
        ("bytes=100-199", ByteRange(100, 199)),
        ("bytes=-500", ByteRange(SIZE - 500, SIZE - 1)),
        ("bytes=-20000", ByteRange(0, SIZE - 1)),  # a suffix longer than the file: all of it
        ("bytes=10000-99999", ByteRange(10000, SIZE - 1)),  # past the end: up to the end
        (f"bytes={SIZE - 1}-", ByteRange(SIZE - 1, SIZE - 1)),
        ("BYTES=5-9", ByteRange(5, 9)),
        ("bytes= 5-9 ", ByteRange(5, 9)),
    ],
)
def test_parse_range_satisfiable(header, expected):
    assert parse_range(header, SIZE) == expected


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "bytes=100-50",  # last before first: invalid, ignored
        "bytes=-",
        "bytes=abc",
        "bytes=1-2-3",
        "bytes 0-100",
        "items=0-100",
        "bytes=0-1,5-9",  # several ranges: refused by sending the whole file
        "bytes=-1.5",
    ],
)
def test_parse_range_unusable_means_the_whole_file(header):
    assert parse_range(header, SIZE) is None


@pytest.mark.parametrize(
    ("header", "size"),
    [(f"bytes={SIZE}-", SIZE), ("bytes=20000-30000", SIZE), ("bytes=-0", SIZE), ("bytes=0-", 0),
     ("bytes=-5", 0)],
)  # fmt: skip
def test_parse_range_unsatisfiable(header, size):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, size)


def test_byte_range_length_and_content_range():
    assert ByteRange(100, 199).length == 100
    assert ByteRange(100, 199).content_range(SIZE) == f"bytes 100-199/{SIZE}"


# --- ranged_file_response -------------------------------------------------------------------


@pytest.fixture
def storage(tmp_path):
    storage = FileSystemStorage(location=tmp_path, base_url=None)
    storage.save("take.mp4", ContentFile(DATA))
    storage.save("empty.mp4", ContentFile(b""))
    return storage


def _get(storage, name="take.mp4", method="get", **headers):
    request = getattr(RequestFactory(), method)("/file", headers=headers)
    return ranged_file_response(
        request, storage=storage, name=name, content_type="video/mp4", etag=ETAG
    )


def _body(response):
    return b"".join(response.streaming_content)


def test_no_range_sends_the_whole_file(storage):
    response = _get(storage)
    assert response.status_code == 200
    assert (response["Content-Type"], response["Content-Length"], response["Accept-Ranges"]) == (
        "video/mp4",
        str(SIZE),
        "bytes",
    )
    assert (response["ETag"], response["Content-Disposition"]) == (ETAG, "inline")
    assert not response.has_header("Content-Range")
    assert _body(response) == DATA


def test_a_range_sends_206_with_just_those_bytes(storage):
    response = _get(storage, Range="bytes=1000-70999")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-{SIZE - 1}/{SIZE}"
    assert response["Content-Length"] == str(SIZE - 1000)
    assert _body(response) == DATA[1000:]


def test_a_suffix_range_sends_the_end(storage):
    response = _get(storage, Range="bytes=-500")
    assert (response.status_code, response["Content-Range"]) == (
        206,
        f"bytes {SIZE - 500}-{SIZE - 1}/{SIZE}",
    )
    assert _body(response) == DATA[-500:]


def test_a_range_larger_than_a_chunk_arrives_whole(storage, monkeypatch):
    monkeypatch.setattr("concours.core.ranges.CHUNK_SIZE", 1000)
    response = _get(storage, Range="bytes=10-5009")
    chunks = list(response.streaming_content)
    assert [len(chunk) for chunk in chunks] == [1000] * 5
    assert b"".join(chunks) == DATA[10:5010]


def test_a_range_past_the_end_is_416(storage):
    response = _get(storage, Range=f"bytes={SIZE}-")
    assert response.status_code == 416
    assert (response["Content-Range"], response["Accept-Ranges"]) == (f"bytes */{SIZE}", "bytes")
    assert response.content == b""


@pytest.mark.parametrize("header", ["bytes=100-50", "bytes=0-1,5-9", "pages=1-2", "bytes=x-"])
def test_an_unusable_range_sends_the_whole_file(storage, header):
    response = _get(storage, Range=header)
    assert response.status_code == 200
    assert _body(response) == DATA


def test_if_range_with_another_etag_sends_the_whole_file(storage):
    response = _get(storage, Range="bytes=0-9", **{"If-Range": '"changed"'})
    assert response.status_code == 200
    assert _body(response) == DATA
    response = _get(storage, Range="bytes=0-9", **{"If-Range": ETAG})
    assert (response.status_code, _body(response)) == (206, DATA[:10])


def test_head_says_the_size_and_reads_nothing(storage):
    response = _get(storage, method="head", Range="bytes=0-9")
    assert response.status_code == 200  # Range is for GET only
    assert (response["Content-Length"], response["Accept-Ranges"]) == (str(SIZE), "bytes")
    assert response.content == b""


def test_an_empty_file(storage):
    response = _get(storage, name="empty.mp4")
    assert (response.status_code, response["Content-Length"], _body(response)) == (200, "0", b"")
    assert _get(storage, name="empty.mp4", Range="bytes=0-").status_code == 416


def test_a_missing_file_is_404(storage):
    with pytest.raises(Http404):
        _get(storage, name="gone.mp4")


def test_attachment_with_a_file_name(storage):
    request = RequestFactory().get("/file")
    response = ranged_file_response(
        request, storage=storage, name="take.mp4", content_type="video/mp4",
        filename="Bach chaconne.mp4", as_attachment=True,
    )  # fmt: skip
    assert response["Content-Disposition"] == 'attachment; filename="Bach chaconne.mp4"'
    assert not response.has_header("ETag")
    assert _body(response) == DATA
