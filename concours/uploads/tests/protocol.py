"""Speaking the upload protocol through Django's test client."""

import base64
import datetime as dt
import hashlib
import json

from django.utils import timezone

START_URL = "/uploads/"


def details(**overrides):
    return {
        "purpose": "recording",
        "title": "Bach, Chaconne",
        "recorded_on": (timezone.localdate() - dt.timedelta(days=10)).isoformat(),
        "unedited": True,
        **overrides,
    }


def start(client, application, data: bytes, **overrides):
    payload = details(
        **{
            "application": str(application.reference),
            "filename": "chaconne.mp4",
            "size": len(data),
            **overrides,
        }
    )
    return client.post(START_URL, json.dumps(payload), content_type="application/json")


def checksum_of(chunk: bytes) -> str:
    return "sha256 " + base64.b64encode(hashlib.sha256(chunk).digest()).decode()


def patch(client, url, offset: int, chunk: bytes, *, checksum: str | None = "auto", **headers):
    if checksum == "auto":
        checksum = checksum_of(chunk)
    if checksum is not None:
        headers["Upload-Checksum"] = checksum
    return client.patch(
        url,
        chunk,
        content_type="application/offset+octet-stream",
        headers={"Upload-Offset": str(offset), **headers},
    )


def send(client, url, data: bytes, *, start_at: int = 0, chunk: int = 64 * 1024, stop_at=None):
    """PATCH ``data`` from ``start_at`` in chunks, stopping (a dropped connection) at
    ``stop_at``; returns the last response."""
    offset, response = start_at, None
    end = len(data) if stop_at is None else stop_at
    while offset < end:
        response = patch(client, url, offset, data[offset : min(offset + chunk, end)])
        assert response.status_code == 204, response.content
        offset = int(response["Upload-Offset"])
    return response
