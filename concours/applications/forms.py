"""The candidate's forms. Every message names the field, in the candidate's language."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from concours.applications.models import (
    Application,
    CandidateProfile,
    DocumentKind,
    EnsembleMember,
    Teacher,
    TeachingKind,
)
from concours.competitions.models import RepertoireCategory
from concours.repertoire import DurationErrorCode, DurationFormatError, parse_duration

DURATION_MESSAGES = {
    DurationErrorCode.EMPTY: _("Enter the duration, such as 4:30."),
    DurationErrorCode.NEGATIVE: _("A duration cannot be negative."),
    DurationErrorCode.ZERO: _("A duration must be longer than zero."),
}
DURATION_FORMAT = _("Write the duration as minutes:seconds, such as 4:30 or 25:00 (or h:mm:ss).")

#: What may be uploaded as each document, and how large (bytes).
DOCUMENT_TYPES: dict[str, tuple[frozenset[str], int]] = {
    DocumentKind.PHOTO: (frozenset({"image/jpeg", "image/png"}), 10 * 1024 * 1024),
    DocumentKind.CV: (frozenset({"application/pdf"}), 20 * 1024 * 1024),
    DocumentKind.BIRTH_PROOF: (
        frozenset({"application/pdf", "image/jpeg", "image/png"}),
        20 * 1024 * 1024,
    ),
    DocumentKind.FEE_PROOF: (
        frozenset({"application/pdf", "image/jpeg", "image/png"}),
        20 * 1024 * 1024,
    ),
    DocumentKind.OTHER: (frozenset({"application/pdf"}), 20 * 1024 * 1024),
}
MAGIC = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
VIDEO_HOSTS = (
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "vimeo.com",
    "www.vimeo.com",
    "player.vimeo.com",
)


def check_recording_date(day: dt.date, *, earliest: dt.date | None) -> dt.date:
    """A recording is made before today and, where the rules say so, on or after ``earliest``."""
    if day > dt.date.today():
        raise forms.ValidationError(_("A recording cannot be made in the future."))
    if earliest is not None and day < earliest:
        raise forms.ValidationError(
            _("The rules ask for a recording made on or after %(day)s.")
            % {"day": date_format(earliest)}
        )
    return day


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CandidateProfile
        fields = [
            "given_name", "family_name", "native_name", "birth_date", "citizenship", "other_citizenships",
            "country_represented", "residence", "place_of_study", "phone",
        ]  # fmt: skip
        widgets = {"birth_date": DateInput()}

    def clean_birth_date(self) -> dt.date:
        born: dt.date = self.cleaned_data["birth_date"]
        if born >= dt.date.today():
            raise forms.ValidationError(_("A date of birth must be in the past."))
        if born.year < 1900:
            raise forms.ValidationError(_("Please check the year of birth."))
        return born


class PieceForm(forms.Form):
    composer = forms.CharField(label=_("Composer"), max_length=200)
    work = forms.CharField(label=_("Work"), max_length=300)
    movements = forms.CharField(label=_("Movements"), max_length=300, required=False)
    duration = forms.CharField(label=_("Duration (m:ss)"), max_length=10)
    categories = forms.ModelMultipleChoiceField(
        label=_("Counts as"), queryset=RepertoireCategory.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, categories: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["categories"].queryset = categories

    def clean_duration(self) -> int:
        try:
            return parse_duration(self.cleaned_data["duration"])
        except DurationFormatError as error:
            raise forms.ValidationError(
                DURATION_MESSAGES.get(error.code, DURATION_FORMAT)
            ) from None


class BasePieceFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, categories: Any = None, **kwargs: Any) -> None:
        self.categories = categories
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "categories": self.categories}


PieceFormSet = forms.formset_factory(
    PieceForm, formset=BasePieceFormSet, extra=1, max_num=30, can_delete=True
)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload is None or kind is None:
            return cleaned
        allowed, limit = DOCUMENT_TYPES[kind]
        if upload.size > limit:
            self.add_error(
                "file",
                _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)},
            )
            return cleaned
        head = upload.read(16)
        upload.seek(0)
        detected = next((mime for magic, mime in MAGIC.items() if head.startswith(magic)), None)
        if detected not in allowed:
            self.add_error(
                "file",
                _("This kind of file is not accepted here; use %(types)s.")
                % {"types": ", ".join(sorted(t.split("/")[1].upper() for t in allowed))},
            )
        else:
            cleaned["content_type"] = detected
        return cleaned


class RecordingLinkForm(forms.Form):
    title = forms.CharField(label=_("What is played"), max_length=300)
    url = forms.URLField(label=_("Link (YouTube or Vimeo)"), assume_scheme="https")
    recorded_on = forms.DateField(label=_("Recorded on"), widget=DateInput())
    unedited = forms.BooleanField(
        label=_(
            "I declare that this recording is recent and unedited (no cuts, no sound editing)."
        ),
        error_messages={"required": _("The recording must be declared unedited.")},
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.hostname not in VIDEO_HOSTS:
            raise forms.ValidationError(_("Give a YouTube or Vimeo link starting with https://."))
        return url

    def __init__(self, *args: Any, earliest: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earliest = earliest

    def clean_recorded_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["recorded_on"]
        return check_recording_date(day, earliest=self.earliest)


class PersonRequestForm(forms.Form):
    """A guardian or a referee: who, and where the personal link goes."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))


class TeacherForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Teacher
        fields = ["name", "institution", "kind", "lessons", "started_on", "ended_on"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == TeachingKind.PRIVATE and not cleaned.get("lessons"):
            self.add_error("lessons", _("Give the number of private lessons."))
        return cleaned


class MemberForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EnsembleMember
        fields = [
            "given_name",
            "family_name",
            "native_name",
            "birth_date",
            "instrument",
            "citizenship",
        ]
        widgets = {"birth_date": DateInput()}


#: The candidate's teachers, the whole list at once (``services.replace_teachers``): rows are
#: not tied to database ids, so the page can save the list as the candidate types.
TeacherFormSet = forms.formset_factory(
    TeacherForm, extra=1, can_delete=True, max_num=20, validate_max=True
)
MemberFormSet = forms.inlineformset_factory(
    Application, EnsembleMember, form=MemberForm, extra=1, can_delete=True, max_num=12
)


class FeeProofForm(forms.Form):
    file = forms.FileField(label=_("Proof of payment (PDF, JPEG or PNG, up to 20 MB)"))

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        allowed, limit = DOCUMENT_TYPES[DocumentKind.FEE_PROOF]
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}
            )
        head = upload.read(16)
        upload.seek(0)
        detected = next((mime for magic, mime in MAGIC.items() if head.startswith(magic)), None)
        if detected not in allowed:
            raise forms.ValidationError(
                _("This kind of file is not accepted here; use %(types)s.")
                % {"types": "JPEG, PDF, PNG"}
            )
        upload.detected_type = detected
        return upload
