"""The draws in the office: a scoped list in the admin. Draws are made and carried out on their
own pages (commit, inputs, draw, reveal: ``views/office.py``), which “Add” and each row open;
the admin never shows the seed and never deletes a draw."""

from typing import Any

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concours.competitions.admin_scoping import COMPETITION_LOOKUPS, OfficeScopedAdmin
from concours.core.validation import whole_number
from concours.draws.models import Draw

COMPETITION_LOOKUPS.update(
    {
        "draws.draw": "division__edition__competition",
        "draws.witnessinput": "draw__division__edition__competition",
    }
)


@admin.register(Draw)
class DrawAdmin(OfficeScopedAdmin):
    list_display = ["division", "scope", "method", "state", "committed_at", "drawn_at", "revealed_at", "open_link"]  # fmt: skip
    list_filter = [
        "state",
        "method",
        ("division__edition__competition", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["division__edition__competition", "round"]
    search_fields = ["division__name_en", "commitment"]

    @admin.display(description=gettext_lazy("round"))
    def scope(self, obj: Draw) -> str:
        return obj.round.name if obj.round_id else _("Every round")

    @admin.display(description=gettext_lazy("page"))
    def open_link(self, obj: Draw) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("draws:office_draw", args=[obj.pk]), _("open")
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def add_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Draws are committed on the office's own pages: choose the division there."""
        return HttpResponseRedirect(reverse("draws:office_index"))

    def change_view(
        self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        pk = whole_number(object_id)
        draw = None if pk is None else self.get_queryset(request).filter(pk=pk).first()
        if draw is None:
            raise Http404
        return HttpResponseRedirect(reverse("draws:office_draw", args=[draw.pk]))
