"""The events in the office (the Django admin, scoped): events with their sessions, categories,
quotas and questions; venues and rooms; speakers; registrations (filters, fees, revoking join
links, CSV export). Office staff see their own competition's events; events of a city or of the
federation are the secretariat's."""

import csv
import json
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concours.competitions.admin_scoping import (
    COMPETITION_LOOKUPS,
    OfficeScopedAdmin,
    OfficeScopedInline,
)
from concours.core.spreadsheets import safe_cell
from concours.events import documents, services, tickets
from concours.events.models import (
    Event,
    Question,
    Quota,
    Registration,
    RegistrationCategory,
    RegistrationStatus,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Venue,
)
from concours.events.notifications import notify_rescheduled
from concours.federation.access import is_secretariat

COMPETITION_LOOKUPS.update(
    {
        "events.event": "competition",
        "events.session": "event__competition",
        "events.registrationcategory": "event__competition",
        "events.quota": "event__competition",
        "events.question": "event__competition",
        "events.registration": "event__competition",
        "events.attendance": "registration__event__competition",
    }
)


class SessionInline(OfficeScopedInline):
    model = Session
    fields = ["title_en", "title_zh", "starts_at", "ends_at", "mode", "room", "platform_url"]


class CategoryInline(OfficeScopedInline):
    model = RegistrationCategory
    fields = ["kind", "name_en", "name_zh", "fee_amount", "fee_currency", "is_public", "order"]


class QuotaInline(OfficeScopedInline):
    model = Quota
    fields = ["name", "size", "category", "session"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        parent_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None  # fmt: skip
        if db_field.name == "category":
            kwargs["queryset"] = RegistrationCategory.objects.filter(event_id=parent_id)
        elif db_field.name == "session":
            kwargs["queryset"] = Session.objects.filter(event_id=parent_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class QuestionInline(OfficeScopedInline):
    model = Question
    fields = ["text_en", "text_zh", "kind", "required", "choices", "order"]


@admin.register(Event)
class EventAdmin(OfficeScopedAdmin):
    list_display = ["title_en", "kind", "status", "starts_on", "owner_name"]
    list_filter = ["kind", "status"]
    list_select_related = ["competition", "city", "federation"]
    search_fields = ["title_en", "title_zh", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [SessionInline, CategoryInline, QuotaInline, QuestionInline]

    @admin.display(description=gettext_lazy("owner"))
    def owner_name(self, obj: Event) -> str:
        return str(obj.owner or "")

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        # Office staff hold their competition's events only: no city or federation events.
        return [] if is_secretariat(request.user) else ["city", "federation"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:  # fmt: skip
        form = super().get_form(request, obj, change, **kwargs)
        if not is_secretariat(request.user) and "competition" in form.base_fields:
            form.base_fields["competition"].required = True
        return form

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        moved = []
        if formset.model is Session:
            moved = [
                f.instance for f in formset.forms
                if f.instance.pk and {"starts_at", "ends_at"} & set(f.changed_data)
                and not f.cleaned_data.get("DELETE")
            ]  # fmt: skip
        super().save_formset(request, form, formset, change)
        for session in moved:
            sent = notify_rescheduled(session=session)
            messages.info(request, _("%(n)d registrants are e-mailed the new time of “%(s)s”.") % {"n": sent, "s": session})  # fmt: skip
        if formset.model is Quota and formset.has_changed():
            services.offer_free_places(event=form.instance)


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class SharedOfficeAdmin(OfficeScopedAdmin):
    """Venues and speakers are shared by every office (no competition of their own)."""


@admin.register(Venue)
class VenueAdmin(SharedOfficeAdmin):
    list_display = ["name_en", "city"]
    search_fields = ["name_en", "name_zh"]
    inlines = [RoomInline]


@admin.register(Speaker)
class SpeakerAdmin(SharedOfficeAdmin):
    list_display = ["name_en", "name_zh", "user"]
    search_fields = ["name_en", "name_zh"]
    raw_id_fields = ["user"]


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    extra = 0
    raw_id_fields = ["speaker"]


@admin.register(Registration)
class RegistrationAdmin(OfficeScopedAdmin):
    list_display = ["user", "event", "category", "status", "fee_status", "created_at"]
    list_editable = ["fee_status"]
    list_filter = [
        ("event", admin.RelatedOnlyFieldListFilter),
        "status",
        ("category", admin.RelatedOnlyFieldListFilter),
        "fee_status",
    ]
    list_select_related = ["user", "event", "category"]
    search_fields = ["user__full_name", "user__email"]
    readonly_fields = ["event", "user", "category", "status", "answers", "offer_expires_at", "created_at", "changed_at"]  # fmt: skip
    fields = [*readonly_fields, "fee_status"]
    actions = ["revoke_join_links", "export_csv", "print_badges"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    @admin.action(description=gettext_lazy("Revoke the personal join links"))
    def revoke_join_links(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        for registration in queryset:
            tickets.revoke_join_links(registration=registration)
        messages.success(request, _("The join links of %(n)d registrations no longer work.") % {"n": len(queryset)})  # fmt: skip

    @admin.action(description=gettext_lazy("Export as CSV"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Registration]) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="registrations.csv"'
        writer = csv.writer(response)
        writer.writerow(["event", "name", "email", "category", "status", "fee", "registered", "answers"])  # fmt: skip
        for r in queryset.select_related("event", "user", "category"):
            writer.writerow([safe_cell(v) for v in (
                r.event.slug, r.user.full_name, r.user.email, r.category.name_en, r.status,
                r.fee_status, r.created_at.isoformat(), json.dumps(r.answers, ensure_ascii=False),
            )])  # fmt: skip
        return response

    @admin.action(description=gettext_lazy("Print name badges (PDF)"))
    def print_badges(self, request: HttpRequest, queryset: QuerySet[Registration]) -> HttpResponse | None:  # fmt: skip
        confirmed = list(
            queryset.filter(status=RegistrationStatus.CONFIRMED)
            .select_related("event", "user", "category")
            .order_by("event_id", "user__full_name", "id")
        )
        if not confirmed:
            messages.warning(request, _("Badges are printed for confirmed registrations only; none is selected."))  # fmt: skip
            return None
        response = HttpResponse(documents.badges_pdf(confirmed), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="badges.pdf"'
        return response


@admin.register(Session)
class SessionAdmin(OfficeScopedAdmin):
    """A session with its speakers; moving it e-mails its registrants the new time."""

    list_display = ["title_en", "event", "starts_at", "ends_at", "mode", "room"]
    list_filter = [("event", admin.RelatedOnlyFieldListFilter), "mode"]
    list_select_related = ["event", "room__venue"]
    inlines = [SessionSpeakerInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and {"starts_at", "ends_at"} & set(form.changed_data):
            sent = notify_rescheduled(session=obj)
            messages.info(request, _("%(n)d registrants are e-mailed the new time of “%(s)s”.") % {"n": sent, "s": obj})  # fmt: skip
