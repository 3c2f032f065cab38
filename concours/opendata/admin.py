"""The imports in the office: read-only lists for the federation's secretariat (who imports).

Which editions came from members' documents, imported when and by whom, with the document's
SHA-256 and a link to the public document as the site now exports it; and each imported
round's published results. Nobody adds, changes or deletes here: an import is changed by
importing the member's corrected document again (``/open-data/import/``). Competition offices
do not see these screens.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from concours.competitions.models import EditionStatus
from concours.opendata.access import may_import
from concours.opendata.models import ImportedEdition, ImportedResult


class SecretariatReadOnlyAdmin(admin.ModelAdmin):
    """The secretariat may look; nobody adds, changes or deletes."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_import(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_import(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportedEdition)
class ImportedEditionAdmin(SecretariatReadOnlyAdmin):
    list_display = [
        "edition",
        "competition",
        "federation",
        "imported_at",
        "imported_by",
        "version",
        "digest",
        "document",
    ]
    list_filter = ["federation", "version"]
    search_fields = [
        "edition__competition__name_en",
        "edition__competition__slug",
        "edition__title_en",
        "document_sha256",
    ]
    list_select_related = ["edition__competition", "federation", "imported_by"]
    date_hierarchy = "imported_at"
    fields = [
        "edition",
        "federation",
        "imported_at",
        "imported_by",
        "version",
        "document_sha256",
        "document",
    ]
    readonly_fields = fields

    @admin.display(description=_("competition"), ordering="edition__competition__name_en")
    def competition(self, obj: ImportedEdition) -> str:
        return obj.edition.competition.name_en

    @admin.display(description=_("SHA-256"))
    def digest(self, obj: ImportedEdition) -> str:
        return format_html(
            '<code title="{}">{}…</code>', obj.document_sha256, obj.document_sha256[:12]
        )

    @admin.display(description=_("public document"))
    def document(self, obj: ImportedEdition) -> str:
        edition = obj.edition
        if edition.status == EditionStatus.DRAFT:
            return "—"
        url = reverse("opendata:edition", args=[edition.competition.slug, edition.year])
        return format_html(
            '<a href="{}">{}</a>', url, f"{edition.competition.slug}-{edition.year}.json"
        )


@admin.register(ImportedResult)
class ImportedResultAdmin(SecretariatReadOnlyAdmin):
    list_display = [
        "round",
        "edition",
        "published_at",
        "listing",
        "candidate_count",
        "advancer_count",
        "award_count",
        "ranked",
    ]
    list_filter = ["listing"]
    search_fields = [
        "round__division__edition__competition__name_en",
        "round__division__name_en",
        "round__name_en",
    ]
    list_select_related = ["round__division__edition__competition"]
    fields = [
        "round",
        "published_at",
        "listing",
        "record_digest",
        "candidates",
        "advancers",
        "awards",
        "ranking",
    ]
    readonly_fields = fields

    @admin.display(description=_("edition"))
    def edition(self, obj: ImportedResult) -> str:
        return str(obj.round.division.edition)

    @admin.display(description=_("candidates"))
    def candidate_count(self, obj: ImportedResult) -> int:
        return len(obj.candidates)

    @admin.display(description=_("advancers"))
    def advancer_count(self, obj: ImportedResult) -> int:
        return len(obj.advancers)

    @admin.display(description=_("awards"))
    def award_count(self, obj: ImportedResult) -> int:
        return len(obj.awards)

    @admin.display(description=_("full ranking"), boolean=True)
    def ranked(self, obj: ImportedResult) -> bool:
        return obj.ranking is not None
