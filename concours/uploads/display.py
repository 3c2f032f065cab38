"""How an upload and the recording it became are shown: in the page and in the protocol's JSON."""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from concours.applications.models import Recording
from concours.uploads.models import Upload


def recording_label(recording: Recording) -> str:
    """One line for an uploaded recording: what is played, its size and date (plain text)."""
    return _("%(title)s — uploaded file, %(size)s (%(date)s)") % {
        "title": recording.title,
        "size": filesizeformat(recording.size or 0),
        "date": date_format(recording.recorded_on, "DATE_FORMAT"),
    }


def describe(upload: Upload) -> dict[str, Any]:
    """The upload as the browser script reads it (``GET /uploads/<id>/``)."""
    recording = upload.recording
    return {
        "id": str(upload.pk),
        "url": reverse("uploads:upload", args=[upload.pk]),
        "status": upload.status,
        "filename": upload.filename,
        "size": upload.size,
        "offset": upload.offset,
        "content_type": upload.content_type,
        "sha256": upload.sha256,
        "rejection": upload.rejection or None,
        "message": upload.get_rejection_display() if upload.rejection else "",
        "recording": None
        if recording is None
        else {"id": recording.pk, "label": recording_label(recording)},
    }
