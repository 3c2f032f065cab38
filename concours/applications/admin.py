from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from concours.applications.models import Application, CandidateProfile
from concours.competitions.access import competitions_for_office
from concours.competitions.admin_scoping import OfficeScopedAdmin


@admin.register(Application)
class ApplicationAdmin(OfficeScopedAdmin):
    list_display = ["candidate", "division", "status", "submitted_at"]
    list_filter = [
        "status",
        ("division__edition__competition", admin.RelatedOnlyFieldListFilter),
        ("division", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["candidate__given_name", "candidate__family_name", "candidate__native_name"]
    list_select_related = ["candidate", "division__edition__competition"]
    raw_id_fields = ["candidate"]


@admin.register(CandidateProfile)
class CandidateProfileAdmin(OfficeScopedAdmin):
    """A candidate is visible to the offices of the competitions they applied to."""

    list_display = ["family_name", "given_name", "native_name", "birth_date", "country_represented"]
    list_filter = ["country_represented"]
    search_fields = ["given_name", "family_name", "native_name"]
    raw_id_fields = ["user"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CandidateProfile]:
        queryset = admin.ModelAdmin.get_queryset(self, request)
        allowed = competitions_for_office(request.user).values("pk")
        return queryset.filter(
            pk__in=Application.objects.filter(division__edition__competition__in=allowed).values(
                "candidate"
            )
        )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False
