"""Serving a stored file to a player in the page: HTTP range requests (RFC 9110 §14).

A browser's ``<video>`` asks for parts of a file (``Range: bytes=…``) so that it can start
playing before the whole file has arrived and jump to any moment. ``parse_range`` reads the
header (plain values, no Django); ``ranged_file_response`` answers it from Django's storage API
(``storage.open`` and ``seek``), or, on an S3-compatible bucket, with one ranged ``GET`` of the
part asked for (``core.storage.open_part``).

What is answered:

- no ``Range``, or one that cannot be used: the whole file, ``200``;
- one satisfiable range: ``206 Partial Content`` with ``Content-Range``;
- a range that starts at or past the end of the file: ``416`` with ``Content-Range: bytes */size``.

A header "cannot be used" when it names another unit, does not parse, has a last byte before
its first (``bytes=100-50``), or asks for several ranges: RFC 9110 lets a server ignore such a
header, and players never need several ranges at once. An ``If-Range`` that does not match the
file's ``ETag`` also gets the whole file, so a client never splices parts of two versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.core.files.storage import Storage
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from concours.core.storage import open_part

#: How much is read from the storage at a time.
CHUNK_SIZE = 64 * 1024

_RANGE_SPEC = re.compile(r"(\d*)-(\d*)")


class RangeNotSatisfiable(Exception):
    """The range starts at or past the end of the file (or asks for no bytes at all)."""


@dataclass(frozen=True, slots=True)
class ByteRange:
    """Bytes ``start`` to ``end`` of a file, both included."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The part of a file of ``size`` bytes that a ``Range`` header asks for.

    ``None`` means "send the whole file": no header, or one that cannot be used (see the module's
    docstring). Raises ``RangeNotSatisfiable`` for a range that starts at or past the end, and for
    a suffix of zero bytes (``bytes=-0``). A last byte past the end is read as the end.
    """
    if not header:
        return None
    unit, equals, specs = header.partition("=")
    if not equals or unit.strip().lower() != "bytes":
        return None
    match = _RANGE_SPEC.fullmatch(specs.strip())
    if match is None:  # several ranges, or not a range at all
        return None
    first, last = match.groups()
    if not first:
        if not last:  # "bytes=-"
            return None
        suffix = int(last)  # the last ``suffix`` bytes
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        raise RangeNotSatisfiable
    return ByteRange(start, size - 1 if not last else min(int(last), size - 1))


class _FilePart:
    """``length`` bytes of an open file from ``start``, in chunks. The file closes once read, or
    when the response closes (it registers ``close`` when it takes this as its content).
    ``start=None``: the file is already positioned (a ranged read from S3)."""

    def __init__(self, file: IO[bytes], start: int | None, length: int) -> None:
        self._file = file
        self._start = start
        self._length = length

    def __iter__(self) -> Iterator[bytes]:
        try:
            if self._start is not None:
                self._file.seek(self._start)
            remaining = self._length
            while remaining > 0:
                chunk = self._file.read(min(CHUNK_SIZE, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                yield chunk
        finally:  # read to the end, or given up: either way the file is done with
            self._file.close()

    def close(self) -> None:
        self._file.close()


def _range_applies(request: HttpRequest, etag: str) -> bool:
    """``If-Range`` absent, or naming this very file (a strong ETag; we send no dates)."""
    if_range = request.headers.get("If-Range")
    return if_range is None or (bool(etag) and if_range.strip() == etag)


def ranged_file_response(
    request: HttpRequest,
    *,
    storage: Storage,
    name: str,
    content_type: str,
    etag: str = "",
    filename: str = "",
    as_attachment: bool = False,
) -> HttpResponseBase:
    """The file ``name`` of ``storage``, or the part of it the request's ``Range`` asks for.

    ``etag`` (quoted, e.g. ``'"<sha256>"'``) is sent and checked against ``If-Range``;
    ``filename`` goes into ``Content-Disposition`` (leave it empty where the name must not be
    seen, as in blind review). A file missing from the storage is ``Http404``.
    """
    try:
        size = storage.size(name)
    except FileNotFoundError:
        raise Http404(_("No such file.")) from None
    byte_range = None
    if request.method == "GET" and _range_applies(request, etag):  # RFC 9110: GET only
        try:
            byte_range = parse_range(request.headers.get("Range"), size)
        except RangeNotSatisfiable:
            response: HttpResponseBase = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            response["Accept-Ranges"] = "bytes"
            return response
    part = byte_range or ByteRange(0, size - 1)
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    else:
        ranged = open_part(storage, name, part.start, part.length) if part.length else None
        content = (
            _FilePart(ranged, None, part.length)
            if ranged is not None
            else _FilePart(storage.open(name, "rb"), part.start, part.length)
        )
        response = StreamingHttpResponse(content, content_type=content_type)
    if byte_range is not None:
        response.status_code = 206
        response["Content-Range"] = byte_range.content_range(size)
    response["Content-Length"] = str(part.length)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment, filename)
        if filename
        else ("attachment" if as_attachment else "inline")
    )
    if etag:
        response["ETag"] = etag
    return response
