"""Forms for the jury's decisions on computed results: who advances, places, withheld prizes.

Each form builds the engine's decision (``concours.scoring.decisions``); the engine's own checks
(the vote passed with the required majority, real candidates, no place twice) run when it is
recorded, and their message is shown on the form.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concours.applications.models import Application
from concours.scoring.decisions import AwardPlace, ConfirmAdvancers, Decision, Vote, WithholdPrize


class _Numbered(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Candidates shown by their number in the order of appearance, not by name."""

    def __init__(self, *args: Any, numbers: dict[int, int], **kwargs: Any) -> None:
        self.numbers = numbers
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return _("No. %(number)s") % {"number": self.numbers.get(obj.pk, obj.pk)}


def _valid_share(text: str) -> bool:
    try:
        share = Fraction(text.replace(" ", ""))
    except (ValueError, ZeroDivisionError):
        return False
    return 0 < share <= 1


class DecisionForm(forms.Form):
    decided_by = forms.CharField(
        label=_("Decided by"), max_length=200, initial=_("the jury, on the chair's proposal")
    )
    in_favour = forms.IntegerField(label=_("Votes in favour"), min_value=0, required=False)
    against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    abstaining = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)
    required = forms.RegexField(
        label=_("Majority required"), regex=r"^\s*\d+\s*/\s*\d+\s*$", initial="2/3",
        required=False, error_messages={"invalid": _("Write a fraction such as 2/3 or 1/2.")},
        help_text=_("Of the votes cast, e.g. 2/3."),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, labels: dict[int, str], applications: list[Application],
        numbers: dict[int, int], **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.labels = labels
        if "candidates" in self.fields:
            self.fields["candidates"] = _Numbered(
                label=self.fields["candidates"].label, numbers=numbers,
                queryset=Application.objects.filter(pk__in=[a.pk for a in applications]),
                widget=forms.CheckboxSelectMultiple, required=True,
            )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        counts = [data.get(name) for name in ("in_favour", "against", "abstaining")]
        if any(count is not None for count in counts) or data.get("required"):
            if data.get("in_favour") is None:
                self.add_error("in_favour", _("Give the votes in favour."))
            if data.get("against") is None:
                self.add_error("against", _("Give the votes against."))
            if not data.get("required"):
                self.add_error("required", _("Give the majority required."))
            elif not _valid_share(data["required"]):
                self.add_error("required", _("The majority is a fraction between 0 and 1."))
        return data

    def vote(self) -> Vote | None:
        data = self.cleaned_data
        if data.get("in_favour") is None:
            return None
        return Vote(
            in_favour=data["in_favour"], against=data["against"],
            abstaining=data.get("abstaining") or 0,
            required=Fraction(data["required"].replace(" ", "")),
        )  # fmt: skip

    def names(self) -> tuple[str, ...]:
        return tuple(self.labels[a.pk] for a in self.cleaned_data["candidates"])

    def common(self) -> dict[str, Any]:
        return {
            "decided_by": self.cleaned_data["decided_by"],
            "decided_at": timezone.now().isoformat(timespec="seconds"),
            "vote": self.vote(), "note": self.cleaned_data["note"],
        }  # fmt: skip

    def decision(self) -> Decision:  # pragma: no cover - each form defines it
        raise NotImplementedError


class ConfirmAdvancersForm(DecisionForm):
    candidates = forms.Field(label=_("Candidates who advance"))

    def decision(self) -> Decision:
        return ConfirmAdvancers(candidates=self.names(), **self.common())


class AwardPlaceForm(DecisionForm):
    place = forms.IntegerField(label=pgettext_lazy("rank", "Place"), min_value=1)
    prize_name = forms.CharField(label=_("Prize"), max_length=200, required=False)
    candidates = forms.Field(label=_("Awarded to (several = ex aequo)"))

    def decision(self) -> Decision:
        return AwardPlace(
            place=self.cleaned_data["place"], candidates=self.names(),
            prize_name=self.cleaned_data["prize_name"], **self.common(),
        )  # fmt: skip


class WithholdPrizeForm(DecisionForm):
    place = forms.IntegerField(label=pgettext_lazy("rank", "Place"), min_value=1)
    prize_name = forms.CharField(label=_("Prize"), max_length=200, required=False)

    def decision(self) -> Decision:
        return WithholdPrize(
            place=self.cleaned_data["place"], prize_name=self.cleaned_data["prize_name"],
            **self.common(),
        )  # fmt: skip


FORMS: dict[str, type[DecisionForm]] = {
    "confirm-advancers": ConfirmAdvancersForm,
    "award-place": AwardPlaceForm,
    "withhold-prize": WithholdPrizeForm,
}
