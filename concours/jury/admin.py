"""The office's jury screens: the conflict-of-interest policy, jurors' names and institutions,
and read-only records of declarations, relationships, conflicts and checks. Conflicts are
decided on the conflict matrix (``jury:matrix``), which the conflict list links to."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from concours.competitions.access import competitions_for_office
from concours.competitions.admin_scoping import COMPETITION_LOOKUPS, OfficeScopedAdmin
from concours.competitions.models import Edition
from concours.jury.models import (
    Conflict,
    ConflictCheck,
    ConflictPolicy,
    JurorDeclaration,
    JurorProfile,
    Relationship,
)

COMPETITION_LOOKUPS.update(
    {
        "jury.conflictpolicy": "competition",
        "jury.jurorprofile": "seat__edition__competition",
        "jury.jurordeclaration": "seat__edition__competition",
        "jury.relationship": "seat__edition__competition",
        "jury.conflict": "seat__edition__competition",
        "jury.conflictcheck": "edition__competition",
    }
)


class ReadOnlyScopedAdmin(OfficeScopedAdmin):
    """Records the office reads but never edits here."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ConflictPolicy)
class ConflictPolicyAdmin(OfficeScopedAdmin):
    list_display = [
        "competition",
        "study_years",
        "private_lessons_min",
        "private_lessons_years",
        "master_classes_counted",
        "same_institution",
        "updated_at",
    ]
    list_select_related = ["competition"]


@admin.register(JurorProfile)
class JurorProfileAdmin(OfficeScopedAdmin):
    list_display = ["seat", "updated_at"]
    list_select_related = ["seat__edition"]
    search_fields = ["seat__name_en", "seat__name_zh", "other_names"]


@admin.register(JurorDeclaration)
class JurorDeclarationAdmin(ReadOnlyScopedAdmin):
    list_display = ["seat", "text_version", "language", "accepted_at", "accepted_by"]
    list_filter = [("seat__edition__competition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["seat", "accepted_by"]


@admin.register(Relationship)
class RelationshipAdmin(ReadOnlyScopedAdmin):
    list_display = ["seat", "application", "kind", "started_on", "ended_on", "declared_at", "withdrawn_at"]  # fmt: skip
    list_filter = ["kind", ("seat__edition__competition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["seat", "application__candidate", "application__division"]


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyScopedAdmin):
    list_display = ["seat", "application", "status", "stale", "decided_by", "decided_at", "decide"]
    list_filter = [
        "status",
        "stale",
        ("seat__edition__competition", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["seat", "application__candidate", "application__division", "decided_by"]
    change_list_template = "admin/jury/conflict/change_list.html"

    @admin.display(description=_("decide"))
    def decide(self, obj: Conflict) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("jury:conflict", args=[obj.pk]), _("Decide")
        )

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        editions: QuerySet[Edition] = Edition.objects.filter(
            competition__in=competitions_for_office(request.user)
        ).select_related("competition")
        extra = {**(extra_context or {}), "conflict_editions": editions.order_by("-starts_on")}
        return super().changelist_view(request, extra_context=extra)


@admin.register(ConflictCheck)
class ConflictCheckAdmin(ReadOnlyScopedAdmin):
    list_display = ["edition", "checked_at", "checked_by", "reference_date", "flagged", "added", "newly_stale"]  # fmt: skip
    list_filter = [("edition__competition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["edition", "checked_by"]
    exclude = ["notes"]
