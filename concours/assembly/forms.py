from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from concours.assembly.models import VoteChoice
from concours.competitions.models import Competition


class VoteForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes, no or abstain.")},
    )  # fmt: skip


class RoomVoteForm(forms.Form):
    member = forms.ModelChoiceField(queryset=Competition.objects.none(), label=_("Member"))
    choice = forms.ChoiceField(
        label=_("Vote"), choices=VoteChoice.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes, no or abstain.")},
    )  # fmt: skip

    def __init__(self, *args: object, members: QuerySet[Competition], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=Competition.objects.none(), label=_("Member present in the room")
    )

    def __init__(self, *args: object, members: QuerySet[Competition], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    minutes_en = forms.CharField(
        label=_("Minutes (English)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    minutes_zh = forms.CharField(
        label=_("Minutes (Chinese)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
