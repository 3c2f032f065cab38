"""The office's record of laureates: who won a placed prize at an edition of its competitions.
Divisions whose rules exclude former laureates check applications against it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application, CandidateProfile, Laureate
from concours.competitions.access import competitions_for_office, scope_to_office
from concours.competitions.admin_scoping import OfficeScopedAdmin
from concours.competitions.models import Prize, PrizeKind


def prize_label(prize: Prize) -> str:
    division = prize.division.name_en if prize.division else ""
    return f"{prize.edition} – {division} – {prize.name_en}"


class PrizeChoiceField(ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Prize) -> str:  # type: ignore[override]
        return prize_label(obj)


@admin.register(Laureate)
class LaureateAdmin(OfficeScopedAdmin):
    list_display = ["family_name", "given_name", "birth_date", "prize_won", "candidate"]
    list_filter = [
        ("prize__edition__competition", admin.RelatedOnlyFieldListFilter),
        ("prize__edition", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["given_name", "family_name"]
    list_select_related = ["prize__edition__competition", "prize__division", "candidate"]
    raw_id_fields = ["candidate"]
    fields = ["prize", "given_name", "family_name", "birth_date", "candidate"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Laureate]:
        queryset = admin.ModelAdmin.get_queryset(self, request)
        return scope_to_office(queryset, request.user, "prize__edition__competition")

    @admin.display(description=_("prize"), ordering="prize__edition__year")
    def prize_won(self, obj: Laureate) -> str:
        return prize_label(obj.prize)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "prize":
            placed = Prize.objects.filter(kind=PrizeKind.PLACE, division__isnull=False)
            kwargs["queryset"] = scope_to_office(
                placed.select_related("edition__competition", "division"),
                request.user,
                "edition__competition",
            ).order_by("-edition__year", "division__order", "place")
            kwargs["form_class"] = PrizeChoiceField
        if db_field.name == "candidate":
            # Only candidates who applied to the office's own competitions.
            applied = Application.objects.filter(
                division__edition__competition__in=competitions_for_office(request.user)
            ).values("candidate")
            kwargs["queryset"] = CandidateProfile.objects.filter(pk__in=applied)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
