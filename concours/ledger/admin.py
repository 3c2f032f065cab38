"""The integrity log in the office: read-only, for the secretariat (``access.may_read_ledger``),
with an action that verifies the selected chains."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from concours.ledger.access import may_read_ledger
from concours.ledger.models import Chain, Entry
from concours.ledger.selectors import verify


class LedgerAdmin(admin.ModelAdmin):
    """Readers may look; nobody adds, changes or deletes."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_read_ledger(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_read_ledger(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Chain)
class ChainAdmin(LedgerAdmin):
    list_display = ["key", "length", "head_hash", "entry_list"]
    search_fields = ["key"]
    actions = ["verify_chains"]

    @admin.display(description=_("entries"))
    def entry_list(self, obj: Chain) -> str:
        url = reverse("admin:ledger_entry_changelist")
        return format_html('<a href="{}?chain__id__exact={}">{}</a>', url, obj.pk, _("show"))

    @admin.action(description=_("Verify the selected chains"), permissions=["view"])
    def verify_chains(self, request: HttpRequest, queryset: QuerySet[Chain]) -> None:
        for chain in queryset:
            problems = verify(chain.key)
            if not problems:
                self.message_user(
                    request,
                    ngettext(
                        "%(chain)s verifies: %(length)d entry, head %(head)s.",
                        "%(chain)s verifies: %(length)d entries, head %(head)s.",
                        chain.length,
                    )
                    % {"chain": chain.key, "length": chain.length, "head": chain.head_hash},
                    messages.SUCCESS,
                )
                continue
            self.message_user(
                request,
                ngettext(
                    "%(chain)s is broken: %(count)d problem: %(first)s",
                    "%(chain)s is broken: %(count)d problems, the first: %(first)s",
                    len(problems),
                )
                % {"chain": chain.key, "count": len(problems), "first": problems[0]},
                messages.ERROR,
            )


@admin.register(Entry)
class EntryAdmin(LedgerAdmin):
    list_display = ["chain", "seq", "recorded_at", "actor", "kind", "hash"]
    list_filter = [("chain", admin.RelatedOnlyFieldListFilter), "kind"]
    search_fields = ["kind", "actor", "hash"]
    list_select_related = ["chain"]
    ordering = ["chain__key", "-seq"]
    show_full_result_count = False
