import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.jury.models import PERIOD_IN_ORDER, RelationshipKind
from concours.jury.services import DISMISS_NEEDS_REASON, OTHER_NEEDS_NOTE


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DeclarationForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read this declaration and accept it."),
        error_messages={"required": _("Tick the box to accept the declaration.")},
    )


class CandidateChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Application) -> str:
        candidate = obj.candidate
        native = f" ({candidate.native_name})" if candidate.native_name else ""
        return (
            f"{candidate.family_name.upper()} {candidate.given_name}{native} — {obj.division.name}"
        )


class RelationshipForm(forms.Form):
    application = CandidateChoiceField(
        label=_("Candidate"), queryset=Application.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Relationship"), choices=RelationshipKind.choices)
    started_on = forms.DateField(label=_("From"), required=False, widget=DateInput())
    ended_on = forms.DateField(
        label=_("Until"), required=False, widget=DateInput(), help_text=_("Empty if it continues.")
    )
    lessons = forms.IntegerField(
        label=_("Number of lessons"),
        required=False,
        min_value=0,
        max_value=32767,
        help_text=_("For private lessons."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything the office should know; required for “Other”."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = candidates  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started: dt.date | None = data.get("started_on")
        ended: dt.date | None = data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", PERIOD_IN_ORDER)
        if data.get("kind") == RelationshipKind.OTHER and not (data.get("note") or "").strip():
            self.add_error("note", OTHER_NEEDS_NOTE)
        return data


class JurorDetailsForm(forms.Form):
    other_names = forms.CharField(
        label=_("Other forms of your name"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: other spellings, a former name, your name in another script."),
    )
    institutions = forms.CharField(
        label=_("Where you teach"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, in every form candidates may write it."),
    )


class DecisionForm(forms.Form):
    CONFIRM, DISMISS = "confirm", "dismiss"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (CONFIRM, _("Confirm: the juror does not mark this candidate (S)")),
            (DISMISS, _("Dismiss: no conflict, the juror marks this candidate")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to dismiss."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.DISMISS and not (data.get("reason") or "").strip():
            self.add_error("reason", DISMISS_NEEDS_REASON)
        return data
