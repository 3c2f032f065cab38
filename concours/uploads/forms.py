"""The recording upload: the form the candidate sees, and the JSON that starts an upload."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from concours.applications.forms import DateInput
from concours.uploads.media import EXTENSIONS

ACCEPT = ",".join([*EXTENSIONS, *(f".{extension}" for extension in EXTENSIONS.values())])
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


class RecordingDetailsForm(forms.Form):
    """What is played, when, and the declaration: stored with the upload, used for the recording
    once the file is verified."""

    title = forms.CharField(label=_("What is played"), max_length=300)
    recorded_on = forms.DateField(label=_("Recorded on"), widget=DateInput())
    unedited = forms.BooleanField(
        label=_(
            "I declare that this recording is recent and unedited (no cuts, no sound editing)."
        ),
        error_messages={"required": _("The recording must be declared unedited.")},
    )

    def __init__(self, *args: Any, earliest: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earliest = earliest

    def clean_recorded_on(self) -> Any:
        from concours.applications.forms import check_recording_date

        return check_recording_date(self.cleaned_data["recorded_on"], earliest=self.earliest)


class RecordingUploadForm(RecordingDetailsForm):
    """Shown on the recordings page; the browser script sends the file, never this form."""

    file = forms.FileField(
        label=_("Video file"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    field_order = ["file", "title", "recorded_on", "unedited"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "upload-%s")  # beside the link form, on the same page
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "MP4, MOV, WebM or MKV, up to %(limit)s. A dropped connection does not lose what "
            "has arrived: choose the same file again to go on."
        ) % {"limit": filesizeformat(settings.CONCOURS_MAX_UPLOAD_BYTES)}


class StartUploadForm(RecordingDetailsForm):
    """The JSON body of ``POST /uploads/``."""

    filename = forms.CharField(label=_("File name"), max_length=1000)
    size = forms.IntegerField(label=_("File size"), min_value=1)
    sha256 = forms.CharField(label=_("SHA-256"), required=False)

    def clean_filename(self) -> str:
        name = PurePosixPath(self.cleaned_data["filename"].replace("\\", "/")).name
        try:
            name = get_valid_filename(name)
        except SuspiciousFileOperation:  # nothing usable is left
            raise forms.ValidationError(_("Give the file a name.")) from None
        return name[-200:]

    def clean_size(self) -> int:
        size: int = self.cleaned_data["size"]
        limit = settings.CONCOURS_MAX_UPLOAD_BYTES
        if size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s, the largest we accept.")
                % {"limit": filesizeformat(limit)},
                code="too_large",
            )
        return size

    def clean_sha256(self) -> str:
        digest: str = self.cleaned_data["sha256"].strip().lower()
        if digest and not SHA256_HEX.match(digest):
            raise forms.ValidationError(_("Give the SHA-256 as 64 hexadecimal digits."))
        return digest
