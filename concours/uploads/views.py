"""The upload protocol, spoken by the candidate's browser (docs/uploads.md).

``POST /uploads/`` starts an upload; ``HEAD`` tells how much has arrived; ``PATCH`` appends one
chunk at the offset given; ``GET`` describes the upload as JSON; ``DELETE`` abandons it. Every
answer is JSON (or empty), every error carries a ``code`` for the script and a ``message`` for
the person. An upload that is not the signed-in person's own answers 404.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concours.applications.selectors import access_application_for_candidate
from concours.core.validation import whole_number
from concours.uploads import services
from concours.uploads.display import describe
from concours.uploads.forms import StartUploadForm
from concours.uploads.models import Rejection, Upload, UploadPurpose
from concours.uploads.selectors import access_upload_for_owner

CHUNK_TYPE = "application/offset+octet-stream"

ERROR_STATUS: dict[type[services.UploadError], int] = {
    services.NotEditable: 403,
    services.TooLarge: 413,
    services.TooManyOpenUploads: 429,
    services.NoRoom: 507,
    services.NotReceiving: 409,
    services.OffsetMismatch: 409,
    services.Expired: 410,
    services.PastDeclaredSize: 413,
    services.BadChecksum: 400,
    services.ChecksumMismatch: 460,
}


def _error(code: str, message: object, status: int, **extra: Any) -> JsonResponse:
    response = JsonResponse({"error": code, "message": str(message), **extra}, status=status)
    if status == 460:  # tus's "Checksum Mismatch"; not in the HTTP registry
        response.reason_phrase = "Checksum Mismatch"
    response["Cache-Control"] = "no-store"
    return response


def _service_error(error: services.UploadError) -> JsonResponse:
    if isinstance(error, services.Rejected):
        upload = error.upload
        status = 415 if upload.rejection == Rejection.WRONG_TYPE else 410
        return _error(error.code, error, status, upload=describe(upload))
    if isinstance(error, services.OffsetMismatch):
        response = _error(error.code, error, 409, offset=error.offset)
        response["Upload-Offset"] = str(error.offset)
        return response
    return _error(error.code, error, ERROR_STATUS[type(error)])


def _signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``login_required``, but a script gets a JSON 403 rather than a log-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _error("not_signed_in", _("Your session has ended. Please sign in again."), 403)
        return view(request, *args, **kwargs)

    return wrapper


def _with_offset(response: HttpResponse, upload: Upload) -> HttpResponse:
    response["Upload-Offset"] = str(upload.offset)
    response["Upload-Length"] = str(upload.size)
    response["Cache-Control"] = "no-store"
    return response


@_signed_in
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Start an upload: the file's name and size, the application, what the recording is."""
    if request.content_type != "application/json":
        return _error("wrong_content_type", _("Send the upload's details as JSON."), 415)
    try:
        payload = json.loads(request.body)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        return _error("invalid_json", _("Send the upload's details as a JSON object."), 400)
    if payload.get("purpose", UploadPurpose.RECORDING) != UploadPurpose.RECORDING:
        return _error("invalid", _("Only recordings can be uploaded here."), 400)
    try:
        application = access_application_for_candidate(request.user, payload.get("application"))  # type: ignore[arg-type]
    except (Http404, ValidationError):
        return _error("not_found", _("No such application."), 404)
    # A form reads text, as a page sends it: a JSON number or boolean as its JSON text (a date
    # field cannot read a number; it would fail, not refuse it).
    fields = {
        name: value if value is None or isinstance(value, str) else json.dumps(value)
        for name, value in payload.items()
    }
    form = StartUploadForm(fields, earliest=application.division.recordings_made_after)
    if not form.is_valid():
        too_large = form.has_error("size", "too_large")
        return _error(
            "too_large" if too_large else "invalid",
            form.errors["size"][0] if too_large else _("Please correct the fields shown."),
            413 if too_large else 400,
            errors={field: list(messages) for field, messages in form.errors.items()},
        )
    data = form.cleaned_data
    now = timezone.now()
    try:
        upload = services.start_recording_upload(
            owner=request.user, application=application, filename=data["filename"], size=data["size"],
            declared_sha256=data["sha256"], now=now,
            details=services.RecordingDetails(
                title=data["title"], recorded_on=data["recorded_on"], unedited_declared_at=now
            ),
        )  # fmt: skip
    except services.UploadError as error:
        return _service_error(error)
    response = JsonResponse(describe(upload), status=201)
    response["Location"] = reverse("uploads:upload", args=[upload.pk])
    return _with_offset(response, upload)


@_signed_in
@require_http_methods(["GET", "HEAD", "PATCH", "DELETE"])
def upload(request: HttpRequest, upload_id: uuid.UUID) -> HttpResponse:
    try:
        found = access_upload_for_owner(request.user, upload_id)  # type: ignore[arg-type]
    except Http404:
        return _error("not_found", _("No such upload."), 404)
    if request.method == "HEAD":
        return _with_offset(HttpResponse(), found)
    if request.method == "GET":
        return _with_offset(JsonResponse(describe(found)), found)
    if request.method == "DELETE":
        try:
            services.abandon_upload(upload_id=found.pk)
        except services.UploadError as error:
            return _service_error(error)
        return HttpResponse(status=204)
    return _append(request, found)


def _read_exactly(request: HttpRequest, length: int) -> bytes:
    data = bytearray()
    while len(data) < length:
        part = request.read(min(1024 * 1024, length - len(data)))
        if not part:
            break
        data += part
    return bytes(data)


def _append(request: HttpRequest, upload: Upload) -> HttpResponse:
    """``PATCH``: one chunk at ``Upload-Offset``. Everything that can be refused is refused from
    the headers, before the body is read."""
    if request.content_type != CHUNK_TYPE:
        return _error(
            "wrong_content_type", _("Send the part as %(type)s.") % {"type": CHUNK_TYPE}, 415
        )
    offset = whole_number(request.headers.get("Upload-Offset", ""))
    if offset is None:
        return _error(
            "bad_offset", _("Say where this part starts in the Upload-Offset header."), 400
        )
    length = whole_number(str(request.META.get("CONTENT_LENGTH", "")))
    if length is None:
        return _error("length_required", _("Say how long this part is (Content-Length)."), 411)
    if length > settings.CONCOURS_UPLOAD_CHUNK_BYTES:
        return _error(
            "chunk_too_large",
            _("A part may be at most %(limit)s bytes.") % {"limit": settings.CONCOURS_UPLOAD_CHUNK_BYTES},
            413,
        )  # fmt: skip
    try:
        header = request.headers.get("Upload-Checksum")
        checksum = services.ChunkChecksum.parse(header) if header else None
    except services.UploadError as error:
        return _service_error(error)
    now = timezone.now()
    try:  # the same checks as under the lock, to avoid reading a body that would be refused
        services.check_chunk_fits(upload=upload, offset=offset, length=length, now=now)
    except services.UploadError as error:
        return _service_error(error)
    data = _read_exactly(request, length)
    if len(data) != length:
        return _error("incomplete", _("The part arrived incomplete; send it again."), 400)
    try:
        upload = services.append_chunk(
            upload_id=upload.pk, offset=offset, data=data, checksum=checksum, now=now
        )
    except services.UploadError as error:
        return _service_error(error)
    return _with_offset(HttpResponse(status=204), upload)
