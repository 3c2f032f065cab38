"""A large file arriving in chunks over several requests (docs/uploads.md).

The bytes wait in a staging file (``staging.py``) until the last chunk; the row records how far
they got, what was promised (name, size) and, once verified, what arrived (type, SHA-256).
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UploadPurpose(models.TextChoices):
    RECORDING = "recording", _("Recording")


class UploadStatus(models.TextChoices):
    RECEIVING = "receiving", _("Receiving")
    VERIFYING = "verifying", _("Verifying")
    READY = "ready", _("Ready")
    REJECTED = "rejected", _("Rejected")


class Rejection(models.TextChoices):
    """Why an upload was refused; the label is the message the candidate reads."""

    WRONG_TYPE = (
        "wrong_type",
        _("This file is not a video we accept. Upload an MP4, MOV, WebM or MKV file."),
    )
    SIZE_MISMATCH = (
        "size_mismatch",
        _("The file that arrived is not as large as announced. Please upload it again."),
    )
    CHECKSUM_MISMATCH = (
        "checksum_mismatch",
        _("The file was damaged on the way (its checksum does not match). Please upload it again."),
    )
    MISSING = "missing", _("The uploaded data was lost on the server. Please upload it again.")
    NOT_EDITABLE = "not_editable", _("The recordings of this application can no longer be changed.")


class Upload(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="uploads",
        verbose_name=_("owner"),
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uploads",
        verbose_name=_("application"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=UploadPurpose.choices)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.BigIntegerField(_("size in bytes"), validators=[MinValueValidator(1)])
    offset = models.BigIntegerField(_("bytes received"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=UploadStatus.choices, default=UploadStatus.RECEIVING
    )
    rejection = models.CharField(
        _("reason for rejection"), max_length=30, choices=Rejection.choices, blank=True
    )
    content_type = models.CharField(_("detected type"), max_length=100, blank=True)
    declared_sha256 = models.CharField(_("announced SHA-256"), max_length=64, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # What the recording will say once the file is verified (purpose "recording").
    title = models.CharField(_("what is played"), max_length=300, blank=True)
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)
    unedited_declared_at = models.DateTimeField(_("declared unedited"), null=True, blank=True)
    recording = models.OneToOneField(
        "applications.Recording",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="upload",
        verbose_name=_("recording"),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "status"], name="upload_owner_status"),
            models.Index(fields=["status", "expires_at"], name="upload_status_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(offset__gte=0) & Q(offset__lte=F("size")), name="upload_offset_in_file"
            ),
            models.CheckConstraint(
                condition=Q(status="rejected", rejection__gt="")
                | (~Q(status="rejected") & Q(rejection="")),
                name="upload_rejected_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_complete(self) -> bool:
        return self.offset == self.size
