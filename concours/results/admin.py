"""The office's results screens: marks and computations are read-only here (marks are never
edited in place), and a round's results are computed by an action."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from concours.competitions.admin_scoping import COMPETITION_LOOKUPS, OfficeScopedAdmin
from concours.competitions.models import RoundKind
from concours.results.models import (
    Absence,
    CandidateScore,
    Computation,
    JurorSubmission,
    JuryDecision,
    Mark,
    MarkOverride,
    RoundResults,
    RoundStage,
    RoundStep,
)
from concours.results.services import ResultsError, compute_round_results

COMPETITION_LOOKUPS.update(
    {
        "results.mark": "round__division__edition__competition",
        "results.computation": "round__division__edition__competition",
        "results.jurydecision": "round__division__edition__competition",
        "results.roundresults": "division__edition__competition",
        "results.roundstep": "round__division__edition__competition",
        "results.markoverride": "mark__round__division__edition__competition",
        "results.absence": "round__division__edition__competition",
        "results.jurorsubmission": "round__division__edition__competition",
    }
)


class ReadOnlyScopedAdmin(OfficeScopedAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Mark)
class MarkAdmin(ReadOnlyScopedAdmin):
    list_display = ["round", "application", "juror", "status", "value", "vote", "recorded_at"]
    list_filter = [
        ("round__division__edition__competition", admin.RelatedOnlyFieldListFilter),
        "status",
    ]
    search_fields = ["application__candidate__family_name", "juror__name_en"]
    list_select_related = [
        "round__division__edition__competition",
        "application__candidate",
        "juror",
    ]


class CandidateScoreInline(admin.TabularInline):
    model = CandidateScore
    fields = ["rank", "application", "score", "advanced"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[CandidateScore]:
        return super().get_queryset(request).select_related("application__candidate")


@admin.register(Computation)
class ComputationAdmin(ReadOnlyScopedAdmin):
    list_display = ["round", "computed_at", "computed_by", "preset", "advancing", "digest"]
    list_filter = [("round__division__edition__competition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["round__division__edition__competition", "computed_by"]
    inlines = [CandidateScoreInline]
    exclude = ["record"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj)


@admin.register(JuryDecision)
class JuryDecisionAdmin(ReadOnlyScopedAdmin):
    list_display = [
        "round",
        "kind",
        "decided_by",
        "in_favour",
        "against",
        "abstaining",
        "required",
        "recorded_at",
    ]
    list_filter = [
        "kind",
        ("round__division__edition__competition", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["round__division__edition__competition"]


@admin.register(RoundResults)
class RoundResultsAdmin(ReadOnlyScopedAdmin):
    list_display = [
        "__str__", "stage", "scoring_preset", "advancing", "mark_count", "computation_count",
        "screens",
    ]  # fmt: skip
    list_filter = [
        ("division__edition__competition", admin.RelatedOnlyFieldListFilter),
        "scoring_preset",
    ]
    list_select_related = ["division__edition__competition", "progress"]
    actions = ["compute_results"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoundResults]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                mark_total=Count("marks", distinct=True),
                computation_total=Count("computations", distinct=True),
            )
        )

    @admin.display(description=_("stage"))
    def stage(self, obj: Any) -> str:
        progress = getattr(obj, "progress", None)
        return str(progress.get_stage_display() if progress else RoundStage.SCHEDULED.label)

    @admin.display(description=_("open"))
    def screens(self, obj: Any) -> str:
        if obj.kind == RoundKind.PRESELECTION:
            return format_html(
                '<a href="{}">{}</a>', reverse("preselection:office", args=[obj.pk]),
                _("Pre-selection"),
            )  # fmt: skip
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("results:live", args=[obj.pk]), _("Live view"),
            reverse("results:decide", args=[obj.pk]), _("Decisions"),
        )  # fmt: skip

    @admin.display(description=_("marks"), ordering="mark_total")
    def mark_count(self, obj: Any) -> int:
        return int(obj.mark_total)

    @admin.display(description=_("computations"), ordering="computation_total")
    def computation_count(self, obj: Any) -> int:
        return int(obj.computation_total)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The action needs "change"; the form itself has nothing to edit here.
        return obj is None and self._in_scope(request, None)

    @admin.action(description=_("Compute the results of the selected rounds"))
    def compute_results(self, request: HttpRequest, queryset: QuerySet[RoundResults]) -> None:
        done = 0
        for round_ in queryset:
            try:
                compute_round_results(round_=round_, by=request.user)  # type: ignore[arg-type]
            except ResultsError as error:
                self.message_user(request, f"{round_}: {error}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "Computed the results of %(count)d round.",
                    "Computed the results of %(count)d rounds.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )


@admin.register(RoundStep)
class RoundStepAdmin(ReadOnlyScopedAdmin):
    list_display = ["round", "stage", "at", "by", "note"]
    list_filter = ["stage"]
    list_select_related = ["round__division__edition", "by"]


@admin.register(MarkOverride)
class MarkOverrideAdmin(ReadOnlyScopedAdmin):
    list_display = ["mark", "before", "after", "reason", "at", "by"]
    list_select_related = ["mark__application__candidate", "mark__juror", "by"]


@admin.register(Absence)
class AbsenceAdmin(ReadOnlyScopedAdmin):
    list_display = ["round", "juror", "reason", "at", "by"]
    list_select_related = ["round__division__edition", "juror", "by"]


@admin.register(JurorSubmission)
class JurorSubmissionAdmin(ReadOnlyScopedAdmin):
    list_display = ["round", "juror", "submitted_at"]
    list_select_related = ["round__division__edition", "juror"]
