"""Office forms beyond what the models give."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.competitions.models import Division
from concours.eligibility import window_for_ages


class DivisionAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """Lets the office write "aged 16 to 32" and stores the exact birth dates it means."""

    youngest_age = forms.IntegerField(
        label=_("youngest age"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_(
            "Fills the birth dates from an age range, counted on “ages counted on” (under Ensembles) "
            "or, if that is empty, on the edition's first day."
        ),
    )
    oldest_age = forms.IntegerField(
        label=_("oldest age"), required=False, min_value=0, max_value=120
    )

    class Meta:
        model = Division
        fields = [
            "edition", "discipline", "name_en", "name_zh", "slug", "order",
            "born_on_or_after", "born_on_or_before", "former_laureates",
            "min_members", "max_members", "instruments", "max_total_age", "ages_counted_on",
            "recordings_made_after", "fee_policy", "fee_amount", "fee_currency",
        ]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        youngest, oldest = cleaned.get("youngest_age"), cleaned.get("oldest_age")
        if youngest is None and oldest is None:
            return cleaned
        if youngest is not None and oldest is not None and oldest < youngest:
            self.add_error("oldest_age", _("The oldest age cannot be below the youngest age."))
            return cleaned
        day = cleaned.get("ages_counted_on") or getattr(cleaned.get("edition"), "starts_on", None)
        if day is None:
            self.add_error(
                "youngest_age",
                _(
                    "Choose the edition, or fill in “ages counted on”: ages are counted on that day."
                ),
            )
            return cleaned
        window = window_for_ages(youngest=youngest, oldest=oldest, on=day)
        cleaned["born_on_or_after"] = window.born_on_or_after
        cleaned["born_on_or_before"] = window.born_on_or_before
        return cleaned
