"""Candidates as the office sees them: read-only (the office asks the candidate to correct
their details by reopening an item), and only those who applied to the office's competitions."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from concours.applications.admin.inlines import TeacherInline
from concours.applications.models import Application, CandidateProfile
from concours.competitions.access import competitions_for_office
from concours.competitions.admin_scoping import OfficeScopedAdmin


@admin.register(CandidateProfile)
class CandidateProfileAdmin(OfficeScopedAdmin):
    """A candidate is visible to the offices of the competitions they applied to."""

    list_display = ["family_name", "given_name", "native_name", "birth_date", "country_represented"]
    list_filter = ["country_represented"]
    search_fields = ["given_name", "family_name", "native_name", "user__email"]
    inlines = [TeacherInline]

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

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
