"""The jury's decisions on a computed round: the anonymised ranking (numbers, not names, as the
Chopin jury sees it), who advances, places (ex aequo allowed), withheld prizes; then the round
is marked decided."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concours.competitions.access import access_round_for_office
from concours.competitions.models import Round
from concours.results import live
from concours.results.decision_forms import FORMS, DecisionForm
from concours.results.models import Computation, RoundStage
from concours.results.selectors import latest_computation, unique_labels
from concours.results.services import ResultsError, record_decision


def _numbers(round_: Round) -> dict[int, int]:
    """Each candidate's number: their place in the order of appearance."""
    return {a.pk: n for n, a in enumerate(live.order_of_appearance(round_), start=1)}


def _setting(round_: Round) -> tuple[Computation | None, dict[str, Any]]:
    computation = latest_computation(round_)
    if computation is None:
        return None, {}
    scores = list(computation.scores.select_related("application__candidate"))
    applications = [row.application for row in scores]
    labels = {a.pk: label for label, a in unique_labels(applications, "candidate").items()}
    numbers = _numbers(round_)
    return computation, {"labels": labels, "applications": applications, "numbers": numbers}


def _context(request: HttpRequest, round_: Round, **bound: DecisionForm) -> dict[str, Any]:
    computation, setting = _setting(round_)
    forms: dict[str, DecisionForm] = {}
    if computation is not None:
        advancing = [row.application_id for row in computation.scores.all() if row.advanced]
        for kind, form_class in FORMS.items():
            initial = {"candidates": advancing} if kind == "confirm-advancers" else None
            forms[kind] = bound.get(kind) or form_class(initial=initial, prefix=kind, **setting)
    numbers = setting.get("numbers", {})
    show_names = request.GET.get("names") == "1"
    rows = [
        {"number": numbers.get(row.application_id), "row": row,
         "name": row.application.candidate.display_name if show_names else None}
        for row in (computation.scores.select_related("application__candidate") if computation else [])
    ]  # fmt: skip
    return {
        "round": round_, "progress": live.progress_of(round_), "computation": computation,
        "rows": rows, "forms": forms, "show_names": show_names,
        "decisions": computation.decisions.all() if computation else [],
    }  # fmt: skip


@login_required
@require_safe
def decide(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access_round_for_office(request.user, round_id, preselection=False)  # type: ignore[arg-type]
    return render(request, "results/decide.html", _context(request, round_))


@login_required
@require_POST
def record(request: HttpRequest, round_id: int, kind: str) -> HttpResponse:
    round_ = access_round_for_office(request.user, round_id, preselection=False)  # type: ignore[arg-type]
    computation, setting = _setting(round_)
    form_class = FORMS.get(kind)
    if computation is None or form_class is None:
        messages.error(request, _("Compute the results first."))
        return redirect("results:decide", round_id=round_.pk)
    if live.progress_of(round_).stage != RoundStage.COMPUTED:
        messages.error(request, _("Decisions are taken on computed results, before publication."))
        return redirect("results:decide", round_id=round_.pk)
    form = form_class(request.POST, prefix=kind, **setting)
    if form.is_valid():
        try:
            with transaction.atomic():
                row = record_decision(
                    computation=computation, decision=form.decision(), by=request.user,  # type: ignore[arg-type]
                )  # fmt: skip
                live.log(
                    round_, "decision", {"computation": computation.pk, **row.payload},
                    request.user,  # type: ignore[arg-type]
                )  # fmt: skip
        except (ResultsError, ValueError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("results:decide", round_id=round_.pk)
    context = _context(request, round_, **{kind: form})
    return render(request, "results/decide.html", context, status=400)
