"""The applicant's form: details, up to three pieces, and up to three teachers in order."""

import datetime as dt
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concours.events.models import Event
from concours.masterclasses.access import teachers_of
from concours.masterclasses.models import Decision, MasterClassApplication
from concours.masterclasses.services import Piece

PIECES = 3
CHOICES = 3
DETAILS = [
    "given_name", "family_name", "instrument", "date_of_birth", "nationality",
    "recording_url", "motivation",
]  # fmt: skip


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = MasterClassApplication
        fields = DETAILS
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}),
            "motivation": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teachers = list(teachers_of(event).order_by("name_en"))
        existing = self.instance.pk and list(self.instance.preferences.all())
        existing_pieces = self.instance.pk and list(self.instance.pieces.all())
        for index in range(1, PIECES + 1):
            required = index == 1
            piece = existing_pieces[index - 1] if existing_pieces and len(existing_pieces) >= index else None  # fmt: skip
            self.fields[f"piece{index}_composer"] = forms.CharField(label=_("Composer"), max_length=200, required=required, initial=piece and piece.composer)  # fmt: skip
            self.fields[f"piece{index}_work"] = forms.CharField(label=_("Work"), max_length=300, required=required, initial=piece and piece.work)  # fmt: skip
            self.fields[f"piece{index}_minutes"] = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=180, required=required, initial=piece and piece.minutes)  # fmt: skip
        labels = [_("First choice of teacher"), _("Second choice"), _("Third choice")]
        for index in range(1, CHOICES + 1):
            chosen = existing[index - 1].teacher_id if existing and len(existing) >= index else None  # fmt: skip
            self.fields[f"teacher{index}"] = forms.ModelChoiceField(
                label=labels[index - 1], queryset=teachers_of(event), required=index == 1,
                initial=chosen, empty_label=_("(none)"),
            )  # fmt: skip
            self.fields[f"teacher{index}"].choices = [("", _("(none)"))] + [(t.pk, t.name) for t in teachers]  # type: ignore[attr-defined]  # fmt: skip

    def piece_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"piece{i}_{part}"] for part in ("composer", "work", "minutes")] for i in range(1, PIECES + 1)]  # fmt: skip

    def teacher_fields(self) -> list[forms.BoundField]:
        return [self[f"teacher{i}"] for i in range(1, CHOICES + 1)]

    def clean_date_of_birth(self) -> dt.date:
        born: dt.date = self.cleaned_data["date_of_birth"]
        if born >= dt.date.today() or born.year < 1900:
            raise ValidationError(_("Give your real date of birth."))
        return born

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for index in range(2, PIECES + 1):
            parts = [f"piece{index}_{part}" for part in ("composer", "work", "minutes")]
            given = [cleaned.get(name) not in (None, "") for name in parts]
            if any(given) and not all(given):
                for name, present in zip(parts, given, strict=True):
                    if not present and name not in self.errors:
                        self.add_error(name, _("Give the composer, the work and its duration."))
        seen: set[int] = set()
        for index in range(1, CHOICES + 1):
            teacher = cleaned.get(f"teacher{index}")
            if teacher is not None:
                if teacher.pk in seen:
                    self.add_error(f"teacher{index}", _("You have already chosen this teacher."))
                seen.add(teacher.pk)
        return cleaned

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in DETAILS}

    def pieces(self) -> list[Piece]:
        return [
            Piece(
                self.cleaned_data[f"piece{i}_composer"],
                self.cleaned_data[f"piece{i}_work"],
                self.cleaned_data[f"piece{i}_minutes"],
            )
            for i in range(1, PIECES + 1)
            if self.cleaned_data.get(f"piece{i}_composer")
        ]

    def teachers(self) -> list[Any]:
        return [t for i in range(1, CHOICES + 1) if (t := self.cleaned_data.get(f"teacher{i}"))]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)  # fmt: skip
    note = forms.CharField(label=_("Note (only for the office and teachers)"), max_length=500, required=False)  # fmt: skip


class ConfirmTimetableForm(forms.Form):
    """The proposed timetable, sent back to be saved: ``[[application id, session id], …]``."""

    pairs = forms.CharField(widget=forms.HiddenInput)

    def clean_pairs(self) -> list[tuple[int, int]]:
        try:
            data = json.loads(self.cleaned_data["pairs"])
            pairs = [(int(a), int(s)) for a, s in data]
        except (ValueError, TypeError):
            raise ValidationError(_("This timetable could not be read; build it again.")) from None
        return pairs
