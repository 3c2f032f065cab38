"""The office's forms for a live round: step, who is on stage, absences and overrides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.competitions.models import JuryMember
from concours.results.models import MarkStatus, RoundStage


class StepForm(forms.Form):
    to = forms.ChoiceField(label=_("Next stage"), choices=RoundStage.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s, RoundStage(s).label) for s in allowed]  # type: ignore[attr-defined]


class _ApplicationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.candidate.display_name)


class _ApplicationsChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.candidate.display_name)


class _JurorChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _limit(field: forms.Field, pks: list[int], model: type[Any]) -> None:
    found = model.objects.filter(pk__in=pks)
    field.queryset = found.select_related("candidate") if model is Application else found  # type: ignore[attr-defined]


class OnStageForm(forms.Form):
    application = _ApplicationChoice(
        label=_("Now performing"), queryset=Application.objects.none(), required=False,
        empty_label=_("Nobody (a break)"),
    )  # fmt: skip

    def __init__(self, *args: Any, applications: list[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["application"], [a.pk for a in applications], Application)


class AbsenceForm(forms.Form):
    juror = _JurorChoice(label=_("Juror"), queryset=JuryMember.objects.none())
    applications = _ApplicationsChoice(
        label=_("Performances missed"), queryset=Application.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    voids_round = forms.BooleanField(
        label=_("The rules void this juror's marks for the whole round"), required=False
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self, *args: Any, applications: list[Application], jurors: list[JuryMember], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["applications"], [a.pk for a in applications], Application)
        _limit(self.fields["juror"], [j.pk for j in jurors], JuryMember)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("applications") and not data.get("voids_round"):
            self.add_error("applications", _("Choose the performances the juror missed."))
        return data


class OverrideForm(forms.Form):
    juror = _JurorChoice(label=_("Juror"), queryset=JuryMember.objects.none())
    application = _ApplicationChoice(label=_("Candidate"), queryset=Application.objects.none())
    status = forms.ChoiceField(label=_("Mark is"), choices=MarkStatus.choices)
    value = forms.DecimalField(label=_("Mark"), max_digits=7, decimal_places=3, required=False)
    vote = forms.TypedChoiceField(
        label=_("YES or NO"), choices=[("", "—"), ("yes", _("YES")), ("no", _("NO"))],
        required=False, coerce=lambda value: value == "yes", empty_value=None,
    )  # fmt: skip
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self, *args: Any, applications: list[Application], jurors: list[JuryMember], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["application"], [a.pk for a in applications], Application)
        _limit(self.fields["juror"], [j.pk for j in jurors], JuryMember)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == MarkStatus.SCORED and data.get("value") is None:
            self.add_error("value", _("Give the mark."))
        return data
