"""Forms of the draw: the office's commitment and witnesses' inputs, and anyone's verification."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concours import draw as core
from concours.applications.models import Application
from concours.competitions.models import Division, Round
from concours.draws.models import DrawMethod
from concours.draws.selectors import admitted_applications, alphabetical_key

#: The largest record the verify page reads (a draw of 10 000 candidates is about 800 kB).
MAX_RECORD_BYTES = 2_000_000


def validate_short_text(value: str) -> None:
    """What a witness's name or input may be (spec §3); the field has stripped the ends."""
    if core.text_problem(core.normalise(value)):
        raise ValidationError(
            _("Use up to 200 characters, without line breaks or other control characters.")
        )


def _label(application: Application) -> str:
    profile = application.candidate
    return f"{profile.family_name}, {profile.given_name} (#{application.pk})"


class CommitForm(forms.Form):
    """Which round (or every round), which method, and which candidates."""

    round = forms.ModelChoiceField(
        label=_("Round"),
        queryset=Round.objects.none(),
        required=False,
        empty_label=_("Every round: one order for the whole division"),
    )
    method = forms.ChoiceField(
        label=_("Method"), choices=DrawMethod.choices, widget=forms.RadioSelect
    )
    applications = forms.ModelMultipleChoiceField(
        label=_("Candidates"),
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The candidates admitted to this division. For a later round, keep only those who "
            "advanced. The list is published with the commitment and cannot change afterwards."
        ),
    )

    def __init__(self, *args: Any, division: Division, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rounds = self.fields["round"]
        rounds.queryset = division.rounds.order_by("number")  # type: ignore[attr-defined]
        rounds.label_from_instance = lambda round_: round_.name  # type: ignore[attr-defined]
        admitted = admitted_applications(division)
        field = self.fields["applications"]
        field.queryset = admitted  # type: ignore[attr-defined]
        # Shown alphabetically as in the draw; the queryset still decides what is valid.
        field.choices = [(a.pk, _label(a)) for a in sorted(admitted, key=alphabetical_key)]
        self.initial.setdefault("applications", [a.pk for a in admitted])
        self.initial.setdefault("method", DrawMethod.RANDOM)


class WitnessInputForm(forms.Form):
    witness = forms.CharField(
        label=_("Witness"),
        max_length=core.model.MAX_TEXT,
        validators=[validate_short_text],
        help_text=_("The witness's name as it will be published, e.g. “Maria Nowak, notary”."),
    )
    value = forms.CharField(
        label=_("Input"),
        max_length=core.model.MAX_TEXT,
        validators=[validate_short_text],
        help_text=_("What the witness says: a word, a number, a line of a poem."),
    )


class VerifyForm(forms.Form):
    """A record pasted or uploaded; ``cleaned_data["record"]`` is the parsed JSON value."""

    text = forms.CharField(
        label=_("Paste the record"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        max_length=MAX_RECORD_BYTES,
    )
    file = forms.FileField(label=_("or choose the file"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        upload, text = cleaned.get("file"), cleaned.get("text", "")
        if upload is not None:
            if upload.size > MAX_RECORD_BYTES:
                raise ValidationError(_("This file is too large to be a draw record."))
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValidationError(_("This file is not UTF-8 text.")) from None
        if not text.strip():
            raise ValidationError(_("Paste a draw record or choose its file."))
        try:
            cleaned["record"] = core.parse_record(text)
        except ValueError as error:
            raise ValidationError(
                _("This is not a draw record in JSON: %(problem)s"), params={"problem": error}
            ) from None
        return cleaned
