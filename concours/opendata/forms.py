from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.interchange import MAX_BYTES


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Edition document (JSON)"),
        help_text=_("A concours-edition document, at most 5 MB."),
    )

    def clean_document(self) -> bytes:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The document is larger than %(limit)s bytes."), params={"limit": MAX_BYTES}
            )
        return bytes(upload.read())


class ConfirmForm(forms.Form):
    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
