"""Master-class applications and lessons in the office (scoped to the event's competition; the
secretariat sees city and federation events). Deciding and the timetable have their own pages
(``views/office.py``); here the office corrects details such as the number of lessons."""

from django.contrib import admin

from concours.competitions.admin_scoping import COMPETITION_LOOKUPS, OfficeScopedAdmin
from concours.masterclasses.models import (
    Lesson,
    MasterClassApplication,
    RepertoirePiece,
    Selection,
    TeacherPreference,
)

COMPETITION_LOOKUPS.update(
    {
        "masterclasses.masterclassapplication": "event__competition",
        "masterclasses.lesson": "application__event__competition",
    }
)


class PieceInline(admin.TabularInline):
    model = RepertoirePiece
    extra = 0


class PreferenceInline(admin.TabularInline):
    model = TeacherPreference
    extra = 0
    autocomplete_fields: list[str] = []
    raw_id_fields = ["teacher"]


class SelectionInline(admin.TabularInline):
    model = Selection
    extra = 0
    can_delete = False
    readonly_fields = ["decision", "teacher", "decided_by", "decided_at", "note"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(MasterClassApplication)
class MasterClassApplicationAdmin(OfficeScopedAdmin):
    list_display = ["family_name", "given_name", "event", "instrument", "status", "lessons_wanted"]  # fmt: skip
    list_filter = ["status", ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event"]
    search_fields = ["family_name", "given_name", "applicant__email"]
    readonly_fields = ["applicant", "status_changed_at", "status_changed_by", "submitted_at"]
    raw_id_fields = ["event"]
    inlines = [PieceInline, PreferenceInline, SelectionInline]


@admin.register(Lesson)
class LessonAdmin(OfficeScopedAdmin):
    list_display = ["application", "teacher", "session", "order"]
    list_select_related = ["application", "teacher", "session"]
    raw_id_fields = ["application", "teacher", "session"]
