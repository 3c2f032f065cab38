"""The office's small forms on an application's page, and the note beside the list's actions."""

from __future__ import annotations

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import gettext_lazy as _

from concours.applications.models import FeeStatus, ItemKind
from concours.eligibility import ProblemCode

#: The eligibility problems, as the office reads them when granting an exception.
PROBLEM_LABELS = {
    ProblemCode.TOO_FEW_MEMBERS: _("Too few ensemble members"),
    ProblemCode.TOO_MANY_MEMBERS: _("Too many ensemble members"),
    ProblemCode.MISSING_INSTRUMENT: _("A required instrument is missing"),
    ProblemCode.BORN_TOO_EARLY: _("Born too early (too old)"),
    ProblemCode.BORN_TOO_LATE: _("Born too late (too young)"),
    ProblemCode.FORMER_LAUREATE: _("Former laureate"),
    ProblemCode.TOTAL_AGE_OVER_CAP: _("Total age over the cap"),
}


class StatusActionForm(ActionForm):
    """The list's action bar, with an optional note kept in the status history."""

    note = forms.CharField(label=_("Note:"), required=False, max_length=500)


class ReopenForm(forms.Form):
    prefix = "reopen"
    item = forms.ChoiceField(label=_("Item"), choices=ItemKind.choices)
    # The service says when it is empty, in its own words.
    reason = forms.CharField(
        label=_("What to correct"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "required": True}),
    )


class FeeDecisionForm(forms.Form):
    prefix = "fee"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (FeeStatus.PAID, _("Confirm the payment")),
            (FeeStatus.WAIVED, _("Waive the fee")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        help_text=_("Required for a waiver: why the fee is waived."),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )


class ExceptionForm(forms.Form):
    prefix = "exception"
    waived = forms.MultipleChoiceField(
        label=_("Rules to waive"),
        choices=list(PROBLEM_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the exception is granted."))
        return reason
