from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concours.cooperation.models import Project, ProjectKind, ProjectStatus
from concours.cooperation.services import validate_partners
from concours.federation.models import City


class ProjectAdminForm(forms.ModelForm):
    """The secretariat's form: rejects a project with fewer than two partners."""

    class Meta:
        model = Project
        fields = [
            "title_en",
            "title_zh",
            "slug",
            "kind",
            "status",
            "summary_en",
            "summary_zh",
            "description_en",
            "description_zh",
            "starts_on",
            "ends_on",
            "competitions",
            "cities",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "competitions" in cleaned and "cities" in cleaned:
            try:
                validate_partners(competitions=cleaned["competitions"], cities=cleaned["cities"])
            except ValidationError as error:
                self.add_error(None, error.message_dict["competitions"])
        return cleaned


class ProjectFilterForm(forms.Form):
    """The public list's filters; a value that is not offered is reported and ignored."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *ProjectKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ProjectStatus.choices]
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=City.objects.filter(cooperation_projects__isnull=False).distinct(),
        to_field_name="slug",
        empty_label=_("Any city"),
    )
