"""The assembly in the office, for the federation's secretariat only: assemblies with their
agenda, delegates and motions; proxies (recorded through the service, never changed); the votes
read-only. The assembly is run on the chair's page (``views/chair.py``)."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concours.assembly import services
from concours.assembly.access import can_chair
from concours.assembly.models import (
    AgendaItem,
    Assembly,
    Delegate,
    Motion,
    MotionState,
    Proxy,
    Vote,
)


class SecretariatOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_chair(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_chair(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_chair(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return can_chair(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_chair(request.user)


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Assembly)
class AssemblyAdmin(SecretariatOnlyAdmin):
    list_display = ["__str__", "federation", "max_proxies", "chair_link"]
    list_select_related = ["event", "federation"]
    inlines = [AgendaItemInline, DelegateInline]

    @admin.display(description=gettext_lazy("chair"))
    def chair_link(self, obj: Assembly) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("assembly:chair", args=[obj.pk]), _("open")
        )


@admin.register(Motion)
class MotionAdmin(SecretariatOnlyAdmin):
    list_display = ["title_en", "agenda_item", "motion_type", "state"]
    list_filter = ["state", "motion_type"]
    list_select_related = ["agenda_item"]
    readonly_fields = ["state", "opened_at", "closed_at", "published_at"]
    exclude = ["minutes_en", "minutes_zh"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A motion's wording is fixed once it is put to the vote."""
        return super().has_change_permission(request, obj) and (
            obj is None or obj.state == MotionState.DRAFT
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)


@admin.register(Proxy)
class ProxyAdmin(SecretariatOnlyAdmin):
    list_display = ["giver", "holder", "assembly", "recorded_at"]
    list_select_related = ["giver", "holder", "assembly__event"]
    fields = ["assembly", "giver", "holder", "note"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Proxy, form: Any, change: bool) -> None:
        try:
            saved = services.record_proxy(
                assembly=obj.assembly, giver=obj.giver, holder=obj.holder, note=obj.note,
                by=request.user,  # type: ignore[arg-type]
            )  # fmt: skip
        except services.AssemblyError as error:  # checked in the form first; a race lands here
            messages.error(request, str(error))
            return
        obj.pk = saved.pk

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)

        def clean(this: Any) -> dict[str, Any]:
            data: dict[str, Any] = super(form, this).clean()
            if all(data.get(name) for name in ("assembly", "giver", "holder")):
                try:
                    services.check_proxy(
                        assembly=data["assembly"], giver=data["giver"], holder=data["holder"]
                    )
                except services.AssemblyError as error:
                    raise ValidationError(str(error)) from None
            return data

        form.clean = clean
        return form


@admin.register(Vote)
class VoteAdmin(SecretariatOnlyAdmin):
    list_display = ["motion", "competition", "choice", "channel", "via_proxy", "cast_at"]
    list_filter = ["channel", "via_proxy", "choice"]
    list_select_related = ["motion", "competition"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
