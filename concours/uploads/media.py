"""Which video container a file is, from its first bytes (no Django here).

We accept the containers phones and cameras write: ISO base media (MP4, and QuickTime MOV with
an ``ftyp`` box) and Matroska (MKV, and WebM). The name and the browser's declared type are never
trusted; the bytes decide.
"""

from __future__ import annotations

#: How many leading bytes ``detect_video_type`` needs to decide.
HEAD_BYTES = 64

EBML_MAGIC = b"\x1a\x45\xdf\xa3"

#: ``ftyp`` brands of ISO base media files that are not videos: still images (HEIF, AVIF) and
#: audio only (M4A, audiobooks, Flash audio).
NOT_VIDEO_BRANDS = frozenset(
    {
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs",
        b"mif1", b"msf1", b"avif", b"avis", b"avio",
        b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B ",
    }
)  # fmt: skip

EXTENSIONS = {
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/webm": "webm",
    "video/x-matroska": "mkv",
}


def detect_video_type(head: bytes) -> str | None:
    """The media type of a file starting with ``head`` (give at least ``HEAD_BYTES``), or ``None``
    when it is not a video container we accept."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        box_size = int.from_bytes(head[0:4], "big")
        brand = head[8:12]
        if box_size < 16 or brand in NOT_VIDEO_BRANDS or not _printable(brand):
            return None
        return "video/quicktime" if brand == b"qt  " else "video/mp4"
    if head.startswith(EBML_MAGIC):
        if b"webm" in head:
            return "video/webm"
        if b"matroska" in head:
            return "video/x-matroska"
    return None


def _printable(brand: bytes) -> bool:
    return all(0x20 <= byte < 0x7F for byte in brand)
