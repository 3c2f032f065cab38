"""Small files that look like the real thing from their first bytes."""

import hashlib
import random

FTYP_MP4 = (24).to_bytes(4, "big") + b"ftypmp42" + b"\x00\x00\x00\x00" + b"mp42isom"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def mp4_bytes(size: int, *, seed: int = 1) -> bytes:
    """``size`` bytes starting with an MP4 ``ftyp`` box, the rest noise."""
    return FTYP_MP4 + random.Random(seed).randbytes(size - len(FTYP_MP4))


def png_bytes(size: int) -> bytes:
    return PNG + random.Random(2).randbytes(size - len(PNG))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
