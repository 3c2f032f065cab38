"""Which files count as videos, by their first bytes (``media.detect_video_type``)."""

import pytest

from concours.uploads.media import detect_video_type
from concours.uploads.tests.media import FTYP_MP4, PNG


def _ftyp(brand: bytes, size: int = 24) -> bytes:
    return size.to_bytes(4, "big") + b"ftyp" + brand + b"\x00\x00\x02\x00" + b"isomiso2"


EBML_WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"
EBML_MKV = b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x88matroska"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (FTYP_MP4, "video/mp4"),
        (_ftyp(b"isom"), "video/mp4"),
        (_ftyp(b"qt  "), "video/quicktime"),
        (EBML_WEBM, "video/webm"),
        (EBML_MKV, "video/x-matroska"),
    ],
)
def test_detect_video_type_accepts_video_containers(head, expected):
    assert detect_video_type(head + bytes(40)) == expected


@pytest.mark.parametrize(
    "head",
    [
        PNG,
        b"%PDF-1.7\n",
        b"\xff\xd8\xff\xe0",
        _ftyp(b"heic"),  # a still photo in an ISO container
        _ftyp(b"M4A "),  # sound only
        _ftyp(b"\x00\x01\x02\x03"),
        _ftyp(b"isom", size=8),  # a box too small to hold a brand
        b"\x1a\x45\xdf\xa3" + b"\x00" * 40,  # EBML, but no document type we know
        b"ftyp",
        b"",
    ],
)
def test_detect_video_type_refuses_everything_else(head):
    assert detect_video_type(head + bytes(40)) is None
