"""The office list's own filters: age on the edition's first day, country represented, fee and
open reopenings. Choices come from the office's own applications only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from concours.applications.models import Application, FeeStatus, ItemKind, Reopening
from concours.eligibility import window_for_ages

#: Age bands on the edition's first day: (youngest, oldest), both included.
AGE_RANGES: dict[str, tuple[int | None, int | None]] = {
    "under-18": (None, 17),
    "18-25": (18, 25),
    "26-32": (26, 32),
    "over-32": (33, None),
}


class AgeRangeFilter(admin.SimpleListFilter):
    """Exact ages, turned into birth-date windows per edition start (so the database filters)."""

    title = _("age on the first day")
    parameter_name = "age"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("under-18", _("under 18")),
            ("18-25", _("18 to 25")),
            ("26-32", _("26 to 32")),
            ("over-32", _("over 32")),
        ]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Application]
    ) -> QuerySet[Application] | None:
        bounds = AGE_RANGES.get(self.value() or "")
        if bounds is None:
            return None
        return queryset.filter(age_condition(queryset, *bounds))


def age_condition(queryset: QuerySet[Application], youngest: int | None, oldest: int | None) -> Q:
    """Aged ``youngest`` to ``oldest`` on the first day of the application's edition."""
    first_days = (
        queryset.prefetch_related(None)
        .order_by()
        .values_list("division__edition__starts_on", flat=True)
        .distinct()
    )
    condition = Q(pk__in=[])
    for day in first_days:
        window = window_for_ages(youngest=youngest, oldest=oldest, on=day)
        on_day = Q(division__edition__starts_on=day)
        if window.born_on_or_after is not None:
            on_day &= Q(candidate__birth_date__gte=window.born_on_or_after)
        if window.born_on_or_before is not None:
            on_day &= Q(candidate__birth_date__lte=window.born_on_or_before)
        condition |= on_day
    return condition


class CountryRepresentedFilter(admin.SimpleListFilter):
    """Only the countries of the office's own candidates (never another competition's)."""

    title = _("country represented")
    parameter_name = "country"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = (
            model_admin.scoped_queryset(request)
            .order_by()
            .values_list("candidate__country_represented", flat=True)
            .distinct()
        )
        return sorted(((code, str(countries.name(code))) for code in codes), key=lambda c: c[1])

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Application]
    ) -> QuerySet[Application] | None:
        if not self.value():
            return None
        return queryset.filter(candidate__country_represented=self.value())


class FeeStatusFilter(admin.SimpleListFilter):
    title = _("fee")
    parameter_name = "fee"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("none", _("No fee")), *FeeStatus.choices]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Application]
    ) -> QuerySet[Application] | None:
        value = self.value()
        if value == "none":
            return queryset.filter(fee__isnull=True)
        if value in FeeStatus.values:
            return queryset.filter(fee__status=value)
        return None


class OpenReopeningsFilter(admin.SimpleListFilter):
    """Applications with items the candidate still has to correct (any, none, or one item)."""

    title = _("items to correct")
    parameter_name = "reopened"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Any item")), ("no", _("None")), *ItemKind.choices]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Application]
    ) -> QuerySet[Application] | None:
        value = self.value()
        open_ = Reopening.objects.filter(application=OuterRef("pk"), closed_at__isnull=True)
        if value == "yes":
            return queryset.filter(Exists(open_))
        if value == "no":
            return queryset.filter(~Exists(open_))
        if value in ItemKind.values:
            return queryset.filter(Exists(open_.filter(item=value)))
        return None
