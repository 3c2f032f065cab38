"""The office's screens for competitions, editions, divisions, rounds, prizes and the jury."""

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concours.competitions.admin_scoping import OfficeScopedAdmin, OfficeScopedInline
from concours.competitions.forms import DivisionAdminForm
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    JuryMember,
    OfficeStaff,
    Prize,
    RepertoireCategory,
    RepertoireRequirement,
    Round,
)
from concours.competitions.selectors import clash_window_days, clashing_editions
from concours.federation.access import is_secretariat


class OfficeStaffInline(OfficeScopedInline):
    """Who runs the office is visible to its staff; only the secretariat appoints them."""

    model = OfficeStaff
    raw_id_fields = ["user"]
    fields = ["user", "title_en", "title_zh"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)


@admin.register(Competition)
class CompetitionAdmin(OfficeScopedAdmin):
    list_display = ["name_en", "name_zh", "city", "founded_year", "member_since", "edition_count"]
    list_filter = ["disciplines", "city__country"]
    search_fields = ["name_en", "name_zh", "short_name_en", "city__name_en"]
    prepopulated_fields = {"slug": ["short_name_en"]}
    filter_horizontal = ["disciplines"]
    inlines = [OfficeStaffInline]
    fieldsets = [
        (None, {"fields": ["name_en", "name_zh", "short_name_en", "short_name_zh", "slug"]}),
        (_("Place and history"), {"fields": ["city", "founded_year", "website", "disciplines"]}),
        (_("Federation membership"), {"fields": ["federation", "member_since"]}),
        (_("Description"), {"fields": ["description_en", "description_zh"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("city").prefetch_related("editions")

    @admin.display(description=_("editions"))
    def edition_count(self, obj: Competition) -> int:
        return len(obj.editions.all())

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Membership is the federation's decision, not the office's.
        return [] if is_secretariat(request.user) else ["federation", "member_since"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)


class DivisionInline(OfficeScopedInline):
    model = Division
    fields = [
        "order",
        "name_en",
        "name_zh",
        "slug",
        "discipline",
        "born_on_or_after",
        "born_on_or_before",
    ]
    show_change_link = True


class RepertoireCategoryInline(OfficeScopedInline):
    model = RepertoireCategory
    fields = ["code", "name_en", "name_zh"]


@admin.register(Edition)
class EditionAdmin(OfficeScopedAdmin):
    list_display = ["__str__", "competition", "year", "status", "starts_on", "ends_on"]
    list_filter = ["status", "year", ("competition", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "competition__name_en",
        "competition__name_zh",
        "title_en",
        "title_zh",
        "venue_en",
    ]
    list_select_related = ["competition"]
    date_hierarchy = "starts_on"
    inlines = [DivisionInline, RepertoireCategoryInline]
    fieldsets = [
        (None, {"fields": ["competition", "year", "number", "title_en", "title_zh", "status"]}),
        (
            _("Dates and place"),
            {
                "fields": [
                    "starts_on",
                    "ends_on",
                    "clash_advice",
                    "venue_en",
                    "venue_zh",
                    "time_zone",
                ]
            },
        ),
        (_("Applications"), {"fields": ["applications_open_at", "applications_close_at"]}),
        (_("Rules"), {"fields": ["rules_en", "rules_zh"]}),
        (_("Public lists"), {"fields": ["published_country", "publish_place_of_study"]}),
    ]
    readonly_fields = ["clash_advice"]

    @admin.display(description=_("date clashes"))
    def clash_advice(self, obj: Edition | None) -> str:
        """Other members' editions of the same discipline near these dates (advice only)."""
        if obj is None or obj.pk is None:
            return gettext("Saved editions are compared with other members' editions.")
        clashes = list(clashing_editions(obj))
        if not clashes:
            return gettext("No other member holds an edition in the same discipline nearby.")
        return format_html_join(mark_safe("<br>"), "{} ({} – {})", _clash_rows(clashes))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """After the divisions are saved too, warn (without blocking) about date clashes."""
        super().save_related(request, form, formsets, change)
        edition = form.instance
        clashes = list(clashing_editions(edition))
        if clashes:
            messages.warning(
                request,
                gettext(
                    "Possible date clash: %(editions)s — within %(days)s days of these dates, "
                    "in the same discipline."
                )
                % {
                    "editions": "; ".join(
                        f"{title} ({starts} – {ends})"
                        for title, starts, ends in _clash_rows(clashes)
                    ),
                    "days": clash_window_days(edition.competition),
                },
            )


def _clash_rows(clashes: list[Edition]) -> list[tuple[str, str, str]]:
    return [
        (str(edition.title), date_format(edition.starts_on), date_format(edition.ends_on))
        for edition in clashes
    ]


class RoundInline(OfficeScopedInline):
    model = Round
    fields = [
        "number",
        "name_en",
        "name_zh",
        "kind",
        "advancing",
        "scoring_preset",
        "min_duration",
        "max_duration",
    ]
    show_change_link = True


class PrizeInline(OfficeScopedInline):
    model = Prize
    fields = [
        "kind",
        "place",
        "name_en",
        "name_zh",
        "amount",
        "currency",
        "medal",
        "outcome",
        "edition",
    ]


@admin.register(Division)
class DivisionAdmin(OfficeScopedAdmin):
    form = DivisionAdminForm
    list_display = [
        "name_en",
        "edition",
        "discipline",
        "born_on_or_after",
        "born_on_or_before",
        "fee_policy",
    ]
    list_filter = [
        "discipline",
        "fee_policy",
        ("edition__competition", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_en", "name_zh", "edition__competition__name_en"]
    list_select_related = ["edition__competition", "discipline"]
    filter_horizontal = ["instruments"]
    inlines = [RoundInline, PrizeInline]
    fieldsets = [
        (None, {"fields": ["edition", "discipline", "name_en", "name_zh", "slug", "order"]}),
        (
            _("Eligibility"),
            {
                "fields": [
                    "born_on_or_after",
                    "born_on_or_before",
                    "youngest_age",
                    "oldest_age",
                    "former_laureates",
                ]
            },
        ),
        (
            _("Ensembles"),
            {
                "fields": [
                    "min_members",
                    "max_members",
                    "instruments",
                    "max_total_age",
                    "ages_counted_on",
                ]
            },
        ),
        (_("Recordings"), {"fields": ["recordings_made_after"]}),
        (_("Application fee"), {"fields": ["fee_policy", "fee_amount", "fee_currency"]}),
    ]


class RequirementInline(OfficeScopedInline):
    model = RepertoireRequirement
    fields = ["category", "min_count", "max_count", "note_en", "note_zh"]


@admin.register(Round)
class RoundAdmin(OfficeScopedAdmin):
    list_display = ["name_en", "division", "number", "kind", "advancing", "scoring_preset"]
    list_filter = [
        "kind",
        "scoring_preset",
        ("division__edition__competition", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_en", "name_zh", "division__name_en"]
    list_select_related = ["division__edition__competition"]
    inlines = [RequirementInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "division",
                    "number",
                    "name_en",
                    "name_zh",
                    "kind",
                    "starts_on",
                    "ends_on",
                ]
            },
        ),
        (
            _("Format"),
            {
                "fields": [
                    "format_en",
                    "format_zh",
                    "with_orchestra",
                    "blind_review",
                    "reserve_count",
                ]
            },
        ),
        (_("Programme"), {"fields": ["min_duration", "max_duration", "repertoire_may_repeat"]}),
        (_("Scoring"), {"fields": ["advancing", "scoring_preset", "scoring_parameters"]}),
    ]


@admin.register(Prize)
class PrizeAdmin(OfficeScopedAdmin):
    list_display = [
        "name_en",
        "edition",
        "division",
        "kind",
        "place",
        "amount",
        "currency",
        "medal",
        "outcome",
    ]
    list_filter = [
        "kind",
        "medal",
        "outcome",
        ("edition__competition", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_en", "name_zh"]
    list_select_related = ["edition__competition", "division__edition__competition"]


@admin.register(JuryMember)
class JuryMemberAdmin(OfficeScopedAdmin):
    list_display = ["name_en", "name_zh", "country", "edition", "division", "is_chair"]
    list_filter = [
        "is_chair",
        ("edition__competition", admin.RelatedOnlyFieldListFilter),
        ("edition", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_en", "name_zh", "user__email"]
    list_select_related = ["edition__competition", "division__edition__competition"]
    raw_id_fields = ["user"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Linking a juror to a log-in needs the user list, which only the secretariat sees.
        return [] if is_secretariat(request.user) else ["user"]


@admin.register(RepertoireCategory)
class RepertoireCategoryAdmin(OfficeScopedAdmin):
    list_display = ["name_en", "name_zh", "code", "edition"]
    list_filter = [("edition__competition", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_en", "name_zh", "code"]
    list_select_related = ["edition__competition"]
