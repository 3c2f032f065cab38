"""Tiny, valid files for the demo's documents: a PNG portrait and one-page PDFs.

They are made here, byte by byte, so the demo needs no image or PDF library and every load
writes the same bytes. Each file says it is a demo document, not a real one.
"""

from __future__ import annotations

import struct
import unicodedata
import zlib
from collections.abc import Sequence

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PDF_SIGNATURE = b"%PDF-"

#: Size of the demo photo in pixels (a small portrait).
PHOTO_SIZE = (24, 32)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _silhouette(centre: float, scale: float) -> tuple[tuple[bool, ...], ...]:
    """Which pixels of the photo are a person (head and shoulders) standing at ``centre``
    (a share of the width), ``scale`` times the size of a portrait."""
    width, height = PHOTO_SIZE
    x0 = width * centre
    head_y = height - (height - 11) * scale
    shoulders_y = height - (height - 21) * scale
    return tuple(
        tuple(
            (x - x0) ** 2 / (36 * scale**2) + (y - head_y) ** 2 / (49 * scale**2) <= 1
            or (y >= shoulders_y and abs(x - x0) <= (y - shoulders_y) * 0.9 + 6 * scale)
            for x in range(width)
        )
        for y in range(height)
    )


_PORTRAIT = _silhouette(0.5, 1.0)
_GROUP = tuple(
    tuple(any(row) for row in zip(*rows, strict=True))
    for rows in zip(*(_silhouette(centre, 0.45) for centre in (0.2, 0.5, 0.8)), strict=True)
)
_BACKGROUND = bytes((236, 236, 232))


def png_portrait(colour: tuple[int, int, int], *, group: bool = False) -> bytes:
    """A small RGB PNG: a light background with a ``colour`` silhouette (head and shoulders),
    or three small ones side by side for a ``group`` photo."""
    width, height = PHOTO_SIZE
    person = bytes(colour)
    rows = b"".join(
        b"\x00" + b"".join(person if inside else _BACKGROUND for inside in row)  # filter: none
        for row in (_GROUP if group else _PORTRAIT)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"tEXt", b"Comment\x00Concours demo: not a real photo")
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def _pdf_text(text: str) -> str:
    """``text`` for a PDF string in the standard Helvetica font: accents dropped, other
    non-ASCII characters replaced, and the string delimiters escaped."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_document(title: str, lines: Sequence[str]) -> bytes:
    """A one-page A4 PDF with ``title`` and ``lines`` in Helvetica, and a correct cross-reference
    table (so any reader opens it)."""
    text = [f"BT /F1 16 Tf 56 780 Td ({_pdf_text(title)}) Tj ET"]
    for index, line in enumerate(lines):
        text.append(f"BT /F1 11 Tf 56 {748 - 18 * index} Td ({_pdf_text(line)}) Tj ET")
    content = "\n".join(text).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Title (%s) /Producer (Concours demo) >>" % _pdf_text(title).encode("ascii"),
    ]
    out = bytearray(PDF_SIGNATURE + b"1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
