"""The office's publication form: the embargo and the score sheets' time in the edition's own
time zone, how advancers are listed, whether the jurors' feedback is released."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.publication.models import SHEETS_AFTER_RESULTS, Listing

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PublicationForm(forms.Form):
    """Read and show it inside ``timezone.override(edition.zone)``: the times typed are the
    edition's local times (a time that does not exist there, or exists twice, is refused)."""

    publish_at = forms.DateTimeField(label=_("Results public from"), widget=LOCAL_INPUT)
    sheets_at = forms.DateTimeField(label=_("Score sheets public from"), widget=LOCAL_INPUT)
    listing = forms.ChoiceField(
        label=_("Advancers listed"), choices=Listing.choices, widget=forms.RadioSelect,
        initial=Listing.ALPHABETICAL,
    )  # fmt: skip
    release_feedback = forms.BooleanField(
        label=_(
            "Release the jurors' written feedback to each candidate once the results are public"
        ),
        required=False,
    )

    def __init__(self, *args: Any, zone: str, locked: Collection[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["publish_at"].help_text = _(
            "Nothing of this round is public before this time. In %(zone)s time."
        ) % {"zone": zone}
        self.fields["sheets_at"].help_text = _(
            "Every juror's marks, the full results and the results record become public at "
            "this time, as the rules set (e.g. days after the final). In %(zone)s time."
        ) % {"zone": zone}
        for name in locked:
            self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        publish_at, sheets_at = data.get("publish_at"), data.get("sheets_at")
        if publish_at and sheets_at and sheets_at < publish_at:
            self.add_error("sheets_at", SHEETS_AFTER_RESULTS)
        return data
