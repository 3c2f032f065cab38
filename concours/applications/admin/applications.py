"""The office's applications: a filtered list with counts per status and exports, the status
workflow as actions, and a review page that reads the candidate's content without editing it
(the office reopens one item, confirms or waives the fee, grants an eligibility exception).

Every screen is scoped to the office's own competitions through ``OfficeScopedAdmin``; an
application of another competition answers as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation, IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR, ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.forms import Form
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concours.applications import exports
from concours.applications.admin.filters import (
    AgeRangeFilter,
    CountryRepresentedFilter,
    FeeStatusFilter,
    OpenReopeningsFilter,
)
from concours.applications.admin.forms import (
    ExceptionForm,
    FeeDecisionForm,
    ReopenForm,
    StatusActionForm,
)
from concours.applications.admin.inlines import APPLICATION_INLINES
from concours.applications.admin.messages import write_to_candidates
from concours.applications.admin.review import review_context
from concours.applications.models import Application, ApplicationStatus, FeeStatus
from concours.applications.services import (
    ApplicationError,
    change_status,
    decide_fee,
    grant_exception,
    reopen_item,
)
from concours.applications.workflow import OFFICE_TRANSITIONS
from concours.competitions.admin_scoping import OfficeScopedAdmin

#: Where the office can move applications, in the workflow's order.
MOVE_TARGETS = [
    status
    for status in ApplicationStatus
    if any(status in targets for targets in OFFICE_TRANSITIONS.values())
]
BOTH_PAGES = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]
EXPORT_FORMATS = ("csv", "xlsx")


def _move_action(status: ApplicationStatus) -> Callable[..., None]:
    def move(modeladmin: ApplicationAdmin, request: HttpRequest, queryset: QuerySet) -> None:
        modeladmin.move_to(request, queryset, status)

    move.__name__ = f"move_to_{status.value}"
    return admin.action(
        description=format_lazy(_("Move to “{}”"), status.label),
        permissions=["change"],
        location=BOTH_PAGES,
    )(move)


MOVE_ACTIONS = [_move_action(status) for status in MOVE_TARGETS]


def _form_errors(form: Form) -> str:
    return " ".join(
        f"{form.fields[name].label}: {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )


@admin.register(Application)
class ApplicationAdmin(OfficeScopedAdmin):
    list_display = [
        "candidate_name",
        "native_name",
        "division",
        "status",
        "country_represented",
        "age",
        "submitted_at",
        "fee_status",
        "items_to_correct",
    ]
    list_display_links = ["candidate_name"]
    list_filter = [
        ("division__edition__competition", admin.RelatedOnlyFieldListFilter),
        ("division__edition", admin.RelatedOnlyFieldListFilter),
        ("division", admin.RelatedOnlyFieldListFilter),
        "status",
        CountryRepresentedFilter,
        AgeRangeFilter,
        FeeStatusFilter,
        OpenReopeningsFilter,
    ]
    search_fields = [
        "candidate__given_name",
        "candidate__family_name",
        "candidate__native_name",
        "candidate__user__email",
    ]
    search_help_text = _("Given or family name, name in own script, or e-mail address.")
    list_per_page = 50
    action_form = StatusActionForm
    actions = [
        *MOVE_ACTIONS,
        "confirm_fee_payment",
        write_to_candidates,
        "export_csv",
        "export_xlsx",
    ]
    inlines = APPLICATION_INLINES
    fieldsets = [
        (
            None,
            {"fields": ["candidate", "division", "status", "submitted_at", "reference"]},
        ),
        (
            _("Candidate"),
            {
                "fields": [
                    "native_name",
                    "email",
                    "birth_date",
                    "age",
                    "citizenships",
                    "country_represented",
                    "residence",
                    "place_of_study",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    readonly_fields = [
        "candidate",
        "division",
        "status",
        "submitted_at",
        "reference",
        "native_name",
        "email",
        "birth_date",
        "age",
        "citizenships",
        "country_represented",
        "residence",
        "place_of_study",
        "created_at",
        "updated_at",
    ]

    # --- scope and permissions ---------------------------------------------------------------

    def scoped_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        """The office's applications, without the list's extras (for filters' choices)."""
        return super().get_queryset(request)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        return exports.with_row_data(self.scoped_queryset(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Actions need "change"; an application's own content is never edited here."""
        return obj is None and self._in_scope(request, None)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # candidates apply themselves

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the workflow withdraws; history is kept

    def has_review_permission(self, request: HttpRequest, obj: Application) -> bool:
        """Reopen an item, decide on the fee, grant an exception: whoever sees the application."""
        return self._in_scope(request, obj)

    # --- list columns ------------------------------------------------------------------------

    @admin.display(description=_("candidate"), ordering="candidate__family_name")
    def candidate_name(self, obj: Application) -> str:
        return obj.candidate.display_name

    @admin.display(description=_("name in own script"), ordering="candidate__native_name")
    def native_name(self, obj: Application) -> str:
        return obj.candidate.native_name

    @admin.display(description=_("country represented"), ordering="candidate__country_represented")
    def country_represented(self, obj: Application) -> str:
        return str(obj.candidate.country_represented.name)

    @admin.display(description=_("age on the first day"), ordering="-candidate__birth_date")
    def age(self, obj: Application) -> int | None:
        return exports.age_on_first_day(obj)

    @admin.display(description=_("fee"), ordering="fee__status")
    def fee_status(self, obj: Application) -> str:
        return exports.fee_label(obj)

    @admin.display(description=_("items to correct"), ordering="open_reopening_count")
    def items_to_correct(self, obj: Application) -> str:
        items = exports.open_items(obj)
        return f"{len(items)}: {', '.join(items)}" if items else "0"

    # --- review page fields ------------------------------------------------------------------

    @admin.display(description=_("e-mail address"))
    def email(self, obj: Application) -> str:
        user = obj.candidate.user
        return user.email if user is not None else ""

    @admin.display(description=_("date of birth"))
    def birth_date(self, obj: Application) -> Any:
        return obj.candidate.birth_date

    @admin.display(description=_("citizenship"))
    def citizenships(self, obj: Application) -> str:
        candidate = obj.candidate
        names = [candidate.citizenship.name, *(c.name for c in candidate.other_citizenships)]
        return ", ".join(str(name) for name in names)

    @admin.display(description=_("country of residence"))
    def residence(self, obj: Application) -> str:
        return str(obj.candidate.residence.name)

    @admin.display(description=_("place of study"))
    def place_of_study(self, obj: Application) -> str:
        return obj.candidate.place_of_study

    # --- counts per status and export links --------------------------------------------------

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if isinstance(response, TemplateResponse) and context and "cl" in context:
            context["status_counts"] = self.status_counts(request, context["cl"])
            params = request.GET.copy()
            params.pop(PAGE_VAR, None)  # an export holds every page
            query = params.urlencode()
            context["export_links"] = [
                (label, self._export_url(file_format) + (f"?{query}" if query else ""))
                for file_format, label in (("csv", _("Export CSV")), ("xlsx", _("Export XLSX")))
            ]
        return response

    def status_counts(self, request: HttpRequest, cl: ChangeList) -> list[dict[str, Any]]:
        """How many applications of each status match the other filters and the search (like
        a facet: choosing a status does not zero the others)."""
        selected = request.GET.get("status__exact")
        queryset = cl.queryset
        status_filter = next(
            (spec for spec in cl.filter_specs if getattr(spec, "field_path", "") == "status"),
            None,
        )
        if status_filter is not None and selected is not None:
            queryset = cl.get_queryset(
                request, exclude_parameters=status_filter.expected_parameters()
            )
        counts = queryset.aggregate(
            **{status.value: Count("pk", filter=Q(status=status)) for status in ApplicationStatus}
        )
        return [
            {
                "status": status.value,
                "label": status.label,
                "count": counts[status.value],
                "selected": status.value == selected,
                "url": cl.get_query_string({"status__exact": status.value}, ["status__"]),
            }
            for status in ApplicationStatus
        ]

    # --- exports -----------------------------------------------------------------------------

    def _export_url(self, file_format: str) -> str:
        return reverse(
            "admin:applications_application_export",
            args=[file_format],
            current_app=self.admin_site.name,
        )

    def export_view(self, request: HttpRequest, file_format: str) -> HttpResponse:
        """The whole filtered list (every page), exactly as the list shows it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if file_format not in EXPORT_FORMATS:
            raise Http404
        request.GET = request.GET.copy()
        request.GET.pop(PAGE_VAR, None)  # every page, whichever page the link came from
        try:
            cl = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            changelist = reverse(
                "admin:applications_application_changelist", current_app=self.admin_site.name
            )
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")
        return exports.response(cl.queryset, file_format)

    @admin.action(description=_("Export the selected applications as CSV"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Application]) -> HttpResponse:
        return exports.response(queryset, "csv")

    @admin.action(description=_("Export the selected applications as XLSX"), permissions=["view"])
    def export_xlsx(self, request: HttpRequest, queryset: QuerySet[Application]) -> HttpResponse:
        return exports.response(queryset, "xlsx")

    # --- the workflow ------------------------------------------------------------------------

    @staticmethod
    def _action_note(request: HttpRequest) -> str:
        prefix = f"{ActionLocation.CHANGE_FORM.value}-"
        return (request.POST.get("note") or request.POST.get(f"{prefix}note") or "").strip()

    def move_to(
        self, request: HttpRequest, queryset: QuerySet[Application], status: ApplicationStatus
    ) -> None:
        """Each application through ``services.change_status``; a refusal is reported for that
        application and the others still move."""
        note = self._action_note(request)
        moved = 0
        for application in queryset:
            try:
                change_status(application=application, to=status, by=request.user, note=note)  # type: ignore[arg-type]
            except ApplicationError as error:
                self.message_user(request, f"{application}: {error}", messages.ERROR)
            else:
                moved += 1
        if moved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d application moved to “%(status)s”.",
                    "%(count)d applications moved to “%(status)s”.",
                    moved,
                )
                % {"count": moved, "status": status.label},
                messages.SUCCESS,
            )

    @admin.action(description=_("Confirm the fee payment"), permissions=["change"])
    def confirm_fee_payment(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        done = 0
        for application in queryset:
            try:
                decide_fee(
                    application=application, decision=FeeStatus.PAID, note="",
                    by=request.user, now=timezone.now(),  # type: ignore[arg-type]
                )  # fmt: skip
            except ApplicationError as error:
                self.message_user(request, f"{application}: {error}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "Payment confirmed for %(count)d application.",
                    "Payment confirmed for %(count)d applications.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )

    # --- the review page ---------------------------------------------------------------------

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        name = "applications_application"
        own = [
            path(
                "export/<str:file_format>/",
                wrap(self.export_view),
                name=f"{name}_export",
            ),
            path("<path:object_id>/reopen/", wrap(self.reopen_view), name=f"{name}_reopen"),
            path("<path:object_id>/fee/", wrap(self.fee_view), name=f"{name}_fee"),
            path(
                "<path:object_id>/exception/", wrap(self.exception_view), name=f"{name}_exception"
            ),
        ]
        return own + super().get_urls()

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra = dict(extra_context or {})
        if request.method == "GET":
            application = self.get_object(request, unquote(object_id))
            if application is not None and self.has_review_permission(request, application):
                extra["review"] = review_context(application, now=timezone.now())
        return super().change_view(request, object_id, form_url, extra)

    def _review_post(
        self,
        request: HttpRequest,
        object_id: str,
        handle: Callable[[Application], str],
    ) -> HttpResponse:
        """Run ``handle`` on the office's own application; report its message or its refusal,
        then go back to the application's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        application = self.get_object(request, unquote(object_id))
        if application is None or not self.has_review_permission(request, application):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        try:
            message = handle(application)
        except ApplicationError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(
                "admin:applications_application_change",
                args=[application.pk],
                current_app=self.admin_site.name,
            )
        )

    def reopen_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        def handle(application: Application) -> str:
            form = ReopenForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_form_errors(form))
            reopening = reopen_item(
                application=application,
                item=form.cleaned_data["item"],
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
            )
            return gettext("“%(item)s” is open for correction; the candidate can change it.") % {
                "item": reopening.get_item_display()
            }

        return self._review_post(request, object_id, handle)

    def fee_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        def handle(application: Application) -> str:
            form = FeeDecisionForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_form_errors(form))
            fee = decide_fee(
                application=application,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
            return gettext("The fee is now “%(status)s”.") % {"status": fee.get_status_display()}

        return self._review_post(request, object_id, handle)

    def exception_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        def handle(application: Application) -> str:
            form = ExceptionForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_form_errors(form))
            grant_exception(
                application=application,
                waived=form.cleaned_data["waived"],
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
            return gettext("Exception granted.")

        return self._review_post(request, object_id, handle)
