"""The office's live view of a round: who has marked whom, what is missing, the engine's
warnings about jurors' patterns, and the round's steps, absences and overrides."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concours.competitions.access import access_round_for_office
from concours.competitions.models import Round
from concours.results import live
from concours.results.forms import AbsenceForm, OnStageForm, OverrideForm, StepForm
from concours.results.models import Mark, RoundStage
from concours.results.selectors import jurors_for_round, latest_computation, scores_of
from concours.results.services import engine_marks
from concours.scoring.analysis.jurors import juror_patterns


def _office_round(request: HttpRequest, round_id: int) -> Round:
    return access_round_for_office(request.user, round_id, preselection=False)  # type: ignore[arg-type]


def warnings_for(round_: Round) -> list[str]:
    """The engine's juror patterns, as sentences: a reversed scale, an extreme outlier."""
    marks, _candidates = engine_marks(round_)
    if len({mark.juror for mark in marks if mark.value is not None}) < 2:
        return []
    names = {str(juror.name_en): juror for juror in jurors_for_round(round_)}
    found = []
    for pattern in juror_patterns(marks):
        name = names[pattern.juror].name if pattern.juror in names else pattern.juror
        if pattern.reversed_scale:
            found.append(
                _("%(juror)s's marks run against the rest of the panel (reversed scale?).")
                % {"juror": name}
            )
        if pattern.outlier:
            found.append(
                _("%(juror)s marks far from the rest of the panel (an extreme outlier).")
                % {"juror": name}
            )
    return found


def _context(round_: Round, **forms: Any) -> dict[str, Any]:
    progress = live.progress_of(round_)
    order = live.order_of_appearance(round_)
    jurors = list(jurors_for_round(round_))
    marks = {(m.application_id, m.juror_id): m for m in Mark.objects.filter(round=round_)}
    submitted = set(round_.submissions.values_list("juror_id", flat=True))
    rows = [
        (index, application, [marks.get((application.pk, juror.pk)) for juror in jurors])
        for index, application in enumerate(order, start=1)
    ]
    missing = {
        juror.pk: sum(1 for application in order if (application.pk, juror.pk) not in marks)
        for juror in jurors
    }
    computation = latest_computation(round_)
    allowed = sorted(live.TRANSITIONS[progress.stage], key=list(RoundStage.values).index)
    context = {
        "round": round_, "progress": progress, "rows": rows,
        "jurors": [(juror, missing[juror.pk], juror.pk in submitted) for juror in jurors],
        "total_missing": sum(missing.values()), "warnings": warnings_for(round_),
        "steps": round_.steps.select_related("by"), "computation": computation,
        "scores": scores_of(computation) if computation else [],
        "absences": round_.absences.select_related("juror", "by").prefetch_related("applications__candidate"),
        "step_form": StepForm(allowed=allowed),
        "on_stage_form": OnStageForm(applications=order, initial={"application": progress.on_stage_id}),
        "absence_form": AbsenceForm(applications=order, jurors=jurors),
        "override_form": OverrideForm(applications=order, jurors=jurors),
    }  # fmt: skip
    context.update(forms)
    return context


def _page(request: HttpRequest, round_: Round, status: int = 200, **forms: Any) -> HttpResponse:
    return render(request, "results/office_live.html", _context(round_, **forms), status=status)


@login_required
@require_safe
def live_round(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    if live.progress_of(round_).stage == RoundStage.LIVE:
        live.apply_conflicts(round_=round_, by=request.user)  # type: ignore[arg-type]
    return _page(request, round_)


def _done(request: HttpRequest, round_: Round) -> HttpResponse:
    return redirect("results:live", round_id=round_.pk)


def _act(
    request: HttpRequest, round_: Round, name: str, form: Form,
    action: Callable[[dict[str, Any]], object], done: str,
) -> HttpResponse:  # fmt: skip
    """Validate the office's form, run the service; a refusal is shown on the form (400)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except live.LiveError as error:
            form.add_error(None, str(error))
        else:
            if done:
                messages.success(request, done)
            return _done(request, round_)
    return _page(request, round_, status=400, **{name: form})


@login_required
@require_POST
def step(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    allowed = sorted(live.TRANSITIONS[live.progress_of(round_).stage])
    return _act(
        request, round_, "step_form", StepForm(request.POST, allowed=allowed),
        lambda data: live.step_round(round_=round_, to=data["to"], by=request.user, note=data["note"]),  # type: ignore[arg-type]
        _("The round moved on."),
    )  # fmt: skip


@login_required
@require_POST
def on_stage(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    return _act(
        request, round_, "on_stage_form",
        OnStageForm(request.POST, applications=live.order_of_appearance(round_)),
        lambda data: live.set_on_stage(round_=round_, application=data["application"], by=request.user),  # type: ignore[arg-type]
        "",
    )  # fmt: skip


@login_required
@require_POST
def absence(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    form = AbsenceForm(
        request.POST, applications=live.order_of_appearance(round_),
        jurors=list(jurors_for_round(round_)),
    )  # fmt: skip
    return _act(
        request, round_, "absence_form", form,
        lambda data: live.record_absence(
            round_=round_, seat=data["juror"], applications=data["applications"],
            reason=data["reason"], voids_round=data["voids_round"], by=request.user,  # type: ignore[arg-type]
        ),
        _("The absence is recorded."),
    )  # fmt: skip


@login_required
@require_POST
def override(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    form = OverrideForm(
        request.POST, applications=live.order_of_appearance(round_),
        jurors=list(jurors_for_round(round_)),
    )  # fmt: skip
    return _act(
        request, round_, "override_form", form,
        lambda data: live.override_mark(
            round_=round_, seat=data["juror"], application=data["application"],
            status=data["status"], value=data["value"], vote=data["vote"],
            reason=data["reason"], by=request.user,  # type: ignore[arg-type]
        ),
        _("The mark is changed and the change is logged."),
    )  # fmt: skip


@login_required
@require_POST
def panel_visibility(request: HttpRequest, round_id: int) -> HttpResponse:
    """Whether jurors see the whole panel's marks once marking is closed (as the rules say)."""
    round_ = _office_round(request, round_id)
    live.set_panel_visibility(
        round_=round_, visible=request.POST.get("visible") == "1", by=request.user,  # type: ignore[arg-type]
    )  # fmt: skip
    return _done(request, round_)


@login_required
@require_POST
def compute(request: HttpRequest, round_id: int) -> HttpResponse:
    """Compute the results of a round whose marking is closed (again after an override)."""
    round_ = _office_round(request, round_id)
    if live.progress_of(round_).stage not in (RoundStage.CLOSED, RoundStage.COMPUTED):
        messages.error(request, _("Close the marking before computing the results."))
        return _done(request, round_)
    try:
        live.step_round(round_=round_, to=RoundStage.COMPUTED, by=request.user)  # type: ignore[arg-type]
    except live.LiveError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The results are computed."))
    return _done(request, round_)
