"""Read-only views of what the candidate entered and of the office's own records: the office
reviews an application here but never edits the candidate's content (it reopens an item)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from concours.applications.models import (
    Document,
    EligibilityException,
    EnsembleMember,
    Fee,
    GuardianConsent,
    ProgrammePiece,
    Recording,
    ReferenceLetter,
    Reopening,
    StatusChange,
    Teacher,
)
from concours.competitions.admin_scoping import OfficeScopedInline


def file_name(obj: Model) -> str:
    """The stored file's name, linked to the office's checked download view (the private
    storage is never linked directly)."""
    stored = getattr(obj, "file", None)
    if not stored:
        return ""
    kind = {"document": "document", "recording": "recording", "referenceletter": "letter"}[
        obj._meta.model_name
    ]
    url = reverse("office_file", kwargs={"kind": kind, "pk": obj.pk})
    return format_html('<a href="{}">{}</a>', url, PurePosixPath(stored.name).name)


class ReadOnlyInline(OfficeScopedInline):
    """Shown to anyone who may see the application; nobody adds, changes or deletes here."""

    can_delete = False
    select_related: tuple[str, ...] = ()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(self.fields or [])

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["changed_at", "old_status", "new_status", "changed_by", "note"]
    select_related = ("changed_by",)
    verbose_name_plural = _("status history")


class ReopeningInline(ReadOnlyInline):
    model = Reopening
    fields = ["item", "reason", "opened_at", "opened_by", "closed_at"]
    select_related = ("opened_by",)


class ProgrammePieceInline(ReadOnlyInline):
    model = ProgrammePiece
    fields = ["round", "order", "composer", "work", "movements", "duration", "category_names"]
    select_related = ("round",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).prefetch_related("categories")

    @admin.display(description=_("duration"))
    def duration(self, obj: ProgrammePiece) -> str:
        minutes, seconds = divmod(obj.duration_seconds, 60)
        return f"{minutes}:{seconds:02d}"

    @admin.display(description=_("categories"))
    def category_names(self, obj: ProgrammePiece) -> str:
        return ", ".join(str(category.name) for category in obj.categories.all())


class EnsembleMemberInline(ReadOnlyInline):
    model = EnsembleMember
    fields = [
        "order",
        "given_name",
        "family_name",
        "native_name",
        "birth_date",
        "instrument",
        "citizenship",
    ]
    select_related = ("instrument",)


class RecordingInline(ReadOnlyInline):
    model = Recording
    fields = [
        "round",
        "kind",
        "title",
        "url",
        "stored_file",
        "size",
        "sha256",
        "recorded_on",
        "unedited_declared_at",
    ]
    select_related = ("round",)

    @admin.display(description=_("file"))
    def stored_file(self, obj: Recording) -> str:
        return file_name(obj)


class DocumentInline(ReadOnlyInline):
    model = Document
    fields = ["kind", "stored_file", "content_type", "size", "uploaded_at"]

    @admin.display(description=_("file"))
    def stored_file(self, obj: Document) -> str:
        return file_name(obj)


class ReferenceLetterInline(ReadOnlyInline):
    model = ReferenceLetter
    fields = ["referee_name", "referee_email", "requested_at", "received_at", "stored_file"]

    @admin.display(description=_("file"))
    def stored_file(self, obj: ReferenceLetter) -> str:
        return file_name(obj)


class GuardianConsentInline(ReadOnlyInline):
    model = GuardianConsent
    fields = ["guardian_name", "guardian_email", "requested_at", "confirmed_at"]


class FeeInline(ReadOnlyInline):
    """The fee's state; the office confirms or waives it with the form above the page."""

    model = Fee
    fields = [
        "status",
        "amount",
        "currency",
        "method",
        "provider_reference",
        "confirmed_by",
        "confirmed_at",
        "note",
    ]
    select_related = ("confirmed_by",)


class EligibilityExceptionInline(ReadOnlyInline):
    """Granted with the form above the page, so who decided is always the signed-in person."""

    model = EligibilityException
    fields = ["waived", "reason", "decided_by", "decided_at"]
    select_related = ("decided_by",)


class TeacherInline(ReadOnlyInline):
    model = Teacher
    fields = ["name", "institution", "kind", "lessons", "started_on", "ended_on"]


APPLICATION_INLINES = [
    StatusChangeInline,
    ReopeningInline,
    FeeInline,
    EligibilityExceptionInline,
    ProgrammePieceInline,
    EnsembleMemberInline,
    RecordingInline,
    DocumentInline,
    ReferenceLetterInline,
    GuardianConsentInline,
]
