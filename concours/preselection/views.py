"""The panel's pages (reviewing recordings, marking) and the office's (progress, ranking,
admission). Jurors reach only the rounds of their own panel; the office only its competition."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concours.applications.models import Application, RecordingKind
from concours.competitions.access import access_round_for_office
from concours.competitions.models import Round
from concours.core.ranges import ranged_file_response
from concours.preselection import services
from concours.preselection.forms import MarkForm
from concours.results.models import Mark
from concours.results.selectors import latest_computation, scores_of
from concours.results.services import ResultsError, compute_round_results


def _application_in_review(round_: Round, reference: uuid.UUID) -> Application:
    application = services.applications_to_review(round_).filter(reference=reference).first()
    if application is None:
        raise Http404(_("No such application in this pre-selection."))
    return application


@login_required
@require_safe
def panel(request: HttpRequest, round_id: int) -> HttpResponse:
    round_, seat = services.access_round_for_juror(request.user, round_id)  # type: ignore[arg-type]
    mine = {mark.application_id: mark for mark in Mark.objects.filter(round=round_, juror=seat)}
    rows = [
        {
            "application": application,
            "code": services.anonymous_code(application),
            "mark": mine.get(application.pk),
        }
        for application in services.applications_to_review(round_)
    ]
    context = {"round": round_, "rows": rows, "done": sum(1 for row in rows if row["mark"] is not None),
               "closed": services.is_closed(round_)}  # fmt: skip
    return render(request, "preselection/panel.html", context)


@login_required
def review(request: HttpRequest, round_id: int, reference: uuid.UUID) -> HttpResponse:
    round_, seat = services.access_round_for_juror(request.user, round_id)  # type: ignore[arg-type]
    application = _application_in_review(round_, reference)
    rule = round_.rule()
    existing = Mark.objects.filter(round=round_, application=application, juror=seat).first()
    initial = (
        {
            "value": existing.value,
            "vote": ("yes" if existing.vote else "no")
            if existing and existing.vote is not None
            else None,
        }
        if existing
        else None
    )
    form = MarkForm(
        request.POST if request.method == "POST" else None, initial=initial,
        scale=(rule.scale.minimum, rule.scale.maximum, rule.scale.step), votes=rule.uses_votes,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.record_mark(
                round_=round_, application=application, seat=seat, value=form.cleaned_data["value"],
                vote=form.cleaned_data.get("vote"), by=request.user,  # type: ignore[arg-type]
            )  # fmt: skip
        except services.PreselectionError as error:
            form.add_error("value", str(error))
        else:
            messages.success(request, _("Mark saved."))
            return redirect("preselection:panel", round_id=round_.pk)
    context = {
        "round": round_, "application": application, "form": form, "blind": round_.blind_review,
        "code": services.anonymous_code(application), "recordings": application.recordings.all(),
        "pieces": application.pieces.filter(round=round_),
    }  # fmt: skip
    return render(request, "preselection/review.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def recording(
    request: HttpRequest, round_id: int, reference: uuid.UUID, recording_id: int
) -> HttpResponseBase:
    """An uploaded recording, for playing in the page (not offered as a download), in parts
    as the player asks (``Range``), so that a juror can jump to any moment. No file name is
    sent: the candidate's own file name could give them away in a blind review."""
    round_, _seat = services.access_round_for_juror(request.user, round_id)  # type: ignore[arg-type]
    application = _application_in_review(round_, reference)
    found = get_object_or_404(application.recordings, pk=recording_id, kind=RecordingKind.UPLOAD)
    response = ranged_file_response(
        request, storage=found.file.storage, name=found.file.name,
        content_type=found.media_type, etag=found.etag,
    )  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    return response


def _office_round(request: HttpRequest, round_id: int) -> Round:
    return access_round_for_office(request.user, round_id, preselection=True)  # type: ignore[arg-type]


@login_required
@require_safe
def office(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    computation = latest_computation(round_)
    context = {
        "round": round_, "progress": services.progress(round_), "computation": computation,
        "scores": scores_of(computation) if computation else [],
        "waiting": services.applications_to_review(round_).count(),
    }  # fmt: skip
    return render(request, "preselection/office.html", context)


@login_required
@require_POST
def compute(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    try:
        compute_round_results(round_=round_, by=request.user)  # type: ignore[arg-type]
    except ResultsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The ranking is computed; marks are now locked."))
    return redirect("preselection:office", round_id=round_.pk)


@login_required
@require_POST
def admit(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    try:
        done = services.admit_from_ranking(round_=round_, by=request.user)  # type: ignore[arg-type]
    except services.PreselectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "%(admitted)s admitted, %(reserve)s on the reserve list, %(declined)s not admitted; e-mails are on their way."
            )
            % {"admitted": done.admitted, "reserve": done.reserve, "declined": done.not_admitted},
        )
    return redirect("preselection:office", round_id=round_.pk)
