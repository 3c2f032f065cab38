"""The juror's marking screen for a live round, and the small JSON endpoints it talks to.

The screen (``static/concours/js/live-marking.js``) keeps every change in the browser until the
server confirms it, so a dropped connection loses nothing; each submission carries a version
and the server applies only newer ones, so resending is harmless (docs/live-rounds.md).
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concours.applications.models import Application, ProgrammePiece
from concours.competitions.models import JuryMember, Round, RoundKind
from concours.jury.selectors import has_accepted_declaration
from concours.results import live
from concours.results.models import Mark, MarkStatus, RoundStage
from concours.results.selectors import jurors_for_round
from concours.results.services import plain

#: The longest note or feedback the screen sends (characters).
TEXT_LIMIT = 5000


def _round_and_seat(request: HttpRequest, round_id: int) -> tuple[Round, JuryMember]:
    """A live round and the user's seat on its jury; ``Http404`` for anyone else."""
    round_ = (
        Round.objects.select_related("division__edition__competition")
        .exclude(kind=RoundKind.PRESELECTION)
        .filter(pk=round_id)
        .first()
    )
    seat = live.seat_for(request.user, round_) if round_ is not None else None  # type: ignore[arg-type]
    if round_ is None or seat is None:
        raise Http404(_("No such round on your jury."))
    return round_, seat


@login_required
@require_safe
def screen(request: HttpRequest, round_id: int) -> HttpResponse:
    round_, seat = _round_and_seat(request, round_id)
    if not has_accepted_declaration(seat):
        messages.info(request, _("Please accept the confidentiality declaration first."))
        return redirect("jury:declaration", seat_id=seat.pk)
    progress = live.progress_of(round_)
    if progress.stage == RoundStage.LIVE:
        live.apply_conflicts(round_=round_)
    order = live.order_of_appearance(round_)
    mine = {mark.application_id: mark for mark in Mark.objects.filter(round=round_, juror=seat)}
    pieces: dict[int, list[object]] = {}
    for piece in ProgrammePiece.objects.filter(round=round_, application__in=order).order_by(
        "order", "id"
    ):
        pieces.setdefault(piece.application_id, []).append(piece)
    rule = round_.rule()
    rows = [
        {"position": index, "application": application, "mark": mine.get(application.pk),
         "pieces": pieces.get(application.pk, [])}
        for index, application in enumerate(order, start=1)
    ]  # fmt: skip
    closed = progress.stage not in (RoundStage.SCHEDULED, RoundStage.LIVE)
    context = {
        "round": round_, "seat": seat, "progress": progress, "rows": rows, "rule": rule,
        "scale": rule.scale, "votes": rule.uses_votes,
        "submitted": round_.submissions.filter(juror=seat).first(),
        "marked": len(mine), "panel": _panel(round_, order) if closed and progress.panel_visible_after_close else None,
    }  # fmt: skip
    return render(request, "results/juror_screen.html", context)


def _panel(round_: Round, order: list[Application]) -> dict[str, object]:
    """Every juror's marks, for after the round when the office lets jurors see them."""
    jurors = list(jurors_for_round(round_))
    marks = {(m.application_id, m.juror_id): m for m in Mark.objects.filter(round=round_)}
    return {
        "jurors": jurors,
        "rows": [
            (application, [marks.get((application.pk, juror.pk)) for juror in jurors])
            for application in order
        ],
    }


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message}, status=status)


def _mark_payload(mark: Mark) -> dict[str, object]:
    return {
        "status": mark.status, "value": None if mark.value is None else str(plain(mark.value)),
        "vote": mark.vote, "notes": mark.notes, "feedback": mark.feedback, "version": mark.version,
        "recorded_at": mark.recorded_at.isoformat(),
    }  # fmt: skip


@login_required
@require_POST
def submit_mark(request: HttpRequest, round_id: int) -> JsonResponse:
    """One mark from the screen, as JSON; answers with what the server now holds."""
    round_, seat = _round_and_seat(request, round_id)
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _error(_("The mark could not be read (not JSON)."))
    if not isinstance(data, dict):
        return _error(_("The mark could not be read (not JSON)."))
    try:
        reference = uuid.UUID(str(data.get("application", "")))
    except ValueError:
        return _error(_("Unknown candidate."))
    application = Application.objects.filter(reference=reference, division=round_.division).first()
    if application is None:
        return _error(_("Unknown candidate."))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return _error(_("The mark has no valid version number."))
    status = data.get("status", MarkStatus.SCORED)
    value: Decimal | None = None
    raw = data.get("value")
    if status == MarkStatus.SCORED:
        try:
            value = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            return _error(_("A mark must be a number, e.g. 21 or 21.5."))
        if not value.is_finite():
            return _error(_("A mark must be a number, e.g. 21 or 21.5."))
    vote = data.get("vote")
    if vote not in (True, False, None):
        return _error(_("A vote is YES or NO."))
    notes, feedback = str(data.get("notes") or ""), str(data.get("feedback") or "")
    if len(notes) > TEXT_LIMIT or len(feedback) > TEXT_LIMIT:
        return _error(
            _("Notes and feedback are limited to %(limit)s characters.") % {"limit": TEXT_LIMIT}
        )
    try:
        receipt = live.record_live_mark(
            round_=round_, seat=seat, application=application, status=str(status), value=value,
            vote=vote, notes=notes, feedback=feedback, version=version, by=request.user,  # type: ignore[arg-type]
        )  # fmt: skip
    except live.LiveError as error:
        return _error(str(error), status=409)
    return JsonResponse(
        {"ok": True, "applied": receipt.applied, "mark": _mark_payload(receipt.mark)}
    )


@login_required
@require_safe
def state(request: HttpRequest, round_id: int) -> JsonResponse:
    """What the screen polls: the stage, who is on stage, and the server's version of each of
    the juror's own marks (never anyone else's)."""
    round_, seat = _round_and_seat(request, round_id)
    progress = live.progress_of(round_)
    on_stage = progress.on_stage.reference if progress.on_stage_id else None  # type: ignore[union-attr]
    marks = {
        str(mark.application.reference): _mark_payload(mark)
        for mark in Mark.objects.filter(round=round_, juror=seat).select_related("application")
    }
    return JsonResponse(
        {
            "stage": progress.stage,
            "stage_label": progress.get_stage_display(),
            "on_stage": str(on_stage) if on_stage else None,
            "submitted": round_.submissions.filter(juror=seat).exists(),
            "marks": marks,
        }
    )


@login_required
@require_POST
def submit_round(request: HttpRequest, round_id: int) -> HttpResponse:
    round_, seat = _round_and_seat(request, round_id)
    try:
        live.submit_marks(round_=round_, seat=seat, by=request.user)  # type: ignore[arg-type]
    except live.LiveError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your marks for this round are submitted and locked."))
    return redirect("results:screen", round_id=round_.pk)
