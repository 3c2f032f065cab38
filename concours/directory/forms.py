"""Filters of the directory and the calendar, and the planners' date-clash form. Filters arrive
in the query string: a value that is not understood is reported on its field and ignored."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from concours.competitions.models import Competition
from concours.directory import selectors
from concours.federation.models import Discipline

MONTH_FORMAT = "%Y-%m"


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self) -> None:
        super().__init__(format=MONTH_FORMAT)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _discipline_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Discipline"),
        required=False,
        queryset=Discipline.objects.all(),
        to_field_name="code",
        empty_label=_("All disciplines"),
    )


def _country_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Country"), required=False)


def _country_choices() -> list[tuple[str, str]]:
    names = dict(countries)
    return [("", str(_("All countries")))] + [
        (code, str(names.get(code, code))) for code in selectors.member_countries()
    ]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    discipline = _discipline_field()
    country = _country_field()
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=selectors.member_cities(),
        to_field_name="slug",
        empty_label=_("All cities"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices()  # type: ignore[attr-defined]
        self.fields["city"].queryset = selectors.member_cities()  # type: ignore[attr-defined]


class DeadlineFilter:
    OPEN = "open"
    UPCOMING = "upcoming"
    CHOICES = [
        ("", _("Any")),
        (OPEN, _("Applications open now")),
        (UPCOMING, _("Applications opening later")),
    ]


class CalendarFilterForm(forms.Form):
    discipline = _discipline_field()
    country = _country_field()
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=[MONTH_FORMAT],
        widget=MonthInput(),
        help_text=_("For example 2027-05."),
        error_messages={"invalid": _("Enter a month as YYYY-MM, for example 2027-05.")},
    )
    deadline = forms.ChoiceField(
        label=_("Applications"), required=False, choices=DeadlineFilter.CHOICES
    )
    born = forms.DateField(
        label=_("Candidate born on"),
        required=False,
        widget=DateInput(),
        help_text=_("Editions with a division whose birth-date window admits this date."),
    )
    age = forms.IntegerField(
        label=_("Candidate aged"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("Editions with a division open to this age."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("born") is not None and cleaned.get("age") is not None:
            self.add_error("age", _("Give a date of birth or an age, not both."))
        return cleaned


class ClashCheckForm(forms.Form):
    """“Would my dates clash?”: the disciplines and dates a planner has in mind."""

    disciplines = forms.ModelMultipleChoiceField(
        label=_("Disciplines"),
        queryset=Discipline.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput())
    competition = forms.ModelChoiceField(
        label=_("Your competition"),
        required=False,
        queryset=Competition.objects.none(),
        to_field_name="slug",
        empty_label=_("—"),
        help_text=_("Its own editions are left out."),
    )
    days = forms.IntegerField(
        label=_("Window (days)"),
        required=False,
        min_value=0,
        max_value=366,
        help_text=_("Empty for the federation's window."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competition"].queryset = (  # type: ignore[attr-defined]
            selectors.member_competitions().order_by("name_en")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts_on: dt.date | None = cleaned.get("starts_on")
        ends_on: dt.date | None = cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned
