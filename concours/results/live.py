"""Writes for a live round: its lifecycle, jurors' marks from the marking screen, submissions,
the office's overrides and absences. Every write is one transaction that also appends to the
edition's integrity log, so a change and its log entry land together or not at all.

A round's writes take the lock on its ``RoundProgress`` row first, then any mark, then the log
(always in that order, so they cannot deadlock): a mark can never slip in after marking closed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications.models import Application
from concours.competitions.models import JuryMember, Round
from concours.draws.selectors import order_for_round
from concours.jury.selectors import conflicted_pairs, is_conflicted
from concours.ledger.services import actor_of, append, edition_chain
from concours.results.models import (
    Absence,
    JurorSubmission,
    Mark,
    MarkOverride,
    MarkStatus,
    RoundProgress,
    RoundStage,
    RoundStep,
)
from concours.results.selectors import is_live_candidate, jurors_for_round, live_candidates
from concours.results.services import ResultsError, compute_round_results, plain


class LiveError(Exception):
    """A live-round operation refused, with a message for the juror or the office."""


#: Which stage may follow which (docs/live-rounds.md). Computing again is allowed; reopening
#: marking needs a note.
TRANSITIONS: dict[str, frozenset[str]] = {
    RoundStage.SCHEDULED: frozenset({RoundStage.LIVE}),
    RoundStage.LIVE: frozenset({RoundStage.CLOSED}),
    RoundStage.CLOSED: frozenset({RoundStage.LIVE, RoundStage.COMPUTED}),
    RoundStage.COMPUTED: frozenset({RoundStage.COMPUTED, RoundStage.DECIDED}),
    RoundStage.DECIDED: frozenset({RoundStage.PUBLISHED}),
    RoundStage.PUBLISHED: frozenset(),
}


def chain_of(round_: Round) -> str:
    """The integrity log a round's events go to: one chain per edition."""
    return edition_chain(round_.division.edition_id)


def log(round_: Round, kind: str, payload: dict[str, object], by: User | None) -> None:
    append(
        chain=chain_of(round_), kind=kind, payload={"round": round_.pk, **payload},
        actor=actor_of(by),
    )  # fmt: skip


# --- Reads that belong with the writes ---------------------------------------------------------


def progress_of(round_: Round) -> RoundProgress:
    """The round's live state, created (race-free) on first use."""
    found = RoundProgress.objects.filter(round=round_).first()
    if found is None:
        RoundProgress.objects.bulk_create([RoundProgress(round=round_)], ignore_conflicts=True)
        found = RoundProgress.objects.get(round=round_)
    return found


def _locked_progress(round_: Round) -> RoundProgress:
    found = RoundProgress.objects.select_for_update().filter(round=round_).order_by().first()
    if found is None:
        progress_of(round_)
        found = RoundProgress.objects.select_for_update().get(round=round_)
    return found


def order_of_appearance(round_: Round) -> list[Application]:
    """The round's candidates in the drawn order (alphabetical where nothing was drawn)."""
    return order_for_round(round_, candidates=live_candidates(round_))


def seat_for(user: User, round_: Round) -> JuryMember | None:
    if not user.is_authenticated:
        return None
    return jurors_for_round(round_).filter(user=user).first()


def mark_json(mark: Mark) -> dict[str, object]:
    """A mark as the log and the marking screen see it (no private notes)."""
    return {
        "application": mark.application_id, "juror": mark.juror_id, "status": mark.status,
        "value": None if mark.value is None else str(plain(mark.value)), "vote": mark.vote,
        "version": mark.version,
    }  # fmt: skip


# --- The lifecycle -----------------------------------------------------------------------------


def step_round(*, round_: Round, to: str, by: User | None, note: str = "") -> RoundProgress:
    """Move the round to the next stage, by a named person; refuse a step out of order."""
    with transaction.atomic():
        progress = _locked_progress(round_)
        if to not in TRANSITIONS[progress.stage]:
            raise LiveError(
                _("A round that is “%(now)s” cannot become “%(to)s”.")
                % {"now": progress.get_stage_display(), "to": RoundStage(to).label}
            )
        if progress.stage == RoundStage.CLOSED and to == RoundStage.LIVE and not note.strip():
            raise LiveError(_("Say why marking is reopened."))
        extra: dict[str, object] = {}
        if to == RoundStage.LIVE:
            _apply_conflicts(round_, by)
        if to == RoundStage.COMPUTED:
            try:
                computation = compute_round_results(round_=round_, by=by)
            except ResultsError as error:
                raise LiveError(str(error)) from None
            extra = {"computation": computation.pk, "digest": computation.digest}
        progress.stage = to
        progress.changed_at = timezone.now()
        progress.save(update_fields=["stage", "changed_at"])
        RoundStep.objects.create(round=round_, stage=to, by=by, note=note)
        log(round_, "round.step", {"stage": to, "note": note, **extra}, by)
    return progress


def set_on_stage(*, round_: Round, application: Application | None, by: User) -> None:
    """Tell the jurors' screens who is performing now."""
    with transaction.atomic():
        progress = _locked_progress(round_)
        if application is not None and application not in live_candidates(round_):
            raise LiveError(_("This candidate does not perform in this round."))
        progress.on_stage = application
        progress.save(update_fields=["on_stage"])


def set_panel_visibility(*, round_: Round, visible: bool, by: User) -> None:
    """Let jurors see every juror's marks once marking is closed, or not (the default)."""
    with transaction.atomic():
        progress = _locked_progress(round_)
        if progress.panel_visible_after_close != visible:
            progress.panel_visible_after_close = visible
            progress.save(update_fields=["panel_visible_after_close"])
            log(round_, "round.panel_visibility", {"visible": visible}, by)


# --- Conflicts of interest ---------------------------------------------------------------------


def apply_conflicts(*, round_: Round, by: User | None = None) -> int:
    """Mark ``S`` every conflicted pair of the round that is not ``S`` yet; how many changed."""
    with transaction.atomic():
        _locked_progress(round_)
        return _apply_conflicts(round_, by)


def _apply_conflicts(round_: Round, by: User | None) -> int:
    pairs = conflicted_pairs(round_)
    if not pairs:
        return 0
    competing = {application.pk for application in live_candidates(round_)}
    existing = {
        (mark.application_id, mark.juror_id): mark
        for mark in Mark.objects.filter(round=round_).select_for_update(of=("self",))
    }
    changed = 0
    for application_id, juror_id in sorted(pairs):
        if application_id not in competing:
            continue
        mark = existing.get((application_id, juror_id))
        if mark is not None and mark.status == MarkStatus.STUDENT:
            continue
        if mark is None:
            mark = Mark(round=round_, application_id=application_id, juror_id=juror_id)
        mark.status, mark.value, mark.vote = MarkStatus.STUDENT, None, None
        mark.version += 1
        mark.recorded_at, mark.recorded_by = timezone.now(), by
        mark.save()
        log(round_, "mark.conflict", mark_json(mark), by)
        changed += 1
    return changed


# --- Marks from the marking screen -------------------------------------------------------------


@dataclass(frozen=True)
class MarkReceipt:
    """What the server holds after a submission; ``applied`` is false for a resent or stale one."""

    mark: Mark
    applied: bool


def record_live_mark(
    *,
    round_: Round,
    seat: JuryMember,
    application: Application,
    status: str,
    value: Decimal | None,
    vote: bool | None,
    notes: str,
    feedback: str,
    version: int,
    by: User,
) -> MarkReceipt:
    """Store a juror's mark as sent by the marking screen. Idempotent: a submission whose
    ``version`` is not newer than the stored mark's changes nothing and answers with what is
    stored, so resending after a lost answer, or an old change arriving late, is harmless."""
    if status not in (MarkStatus.SCORED, MarkStatus.STUDENT):
        raise LiveError(_("A juror gives a mark or abstains (S)."))
    rule = round_.rule()
    if status == MarkStatus.SCORED:
        if value is None or not rule.scale.contains(value):
            raise LiveError(
                _("A mark must be on the scale %(scale)s.") % {"scale": rule.scale.describe()}
            )
        if rule.uses_votes and vote is None:
            raise LiveError(_("Say YES or NO as well."))
    else:
        value, vote = None, None
    with transaction.atomic():
        progress = _locked_progress(round_)
        mark = (
            Mark.objects.select_for_update(of=("self",))
            .filter(round=round_, application=application, juror=seat)
            .order_by()
            .first()
        )
        if mark is not None and version <= mark.version:
            return MarkReceipt(mark, applied=False)
        if progress.stage != RoundStage.LIVE:
            raise LiveError(_("Marking is not open in this round."))
        if JurorSubmission.objects.filter(round=round_, juror=seat).order_by().exists():
            raise LiveError(
                _("You have submitted your marks for this round; ask the office to change one.")
            )
        if not is_live_candidate(round_, application):
            raise LiveError(_("This candidate does not perform in this round."))
        if mark is not None and mark.status == MarkStatus.ABSENT:
            raise LiveError(_("You are recorded as absent for this performance."))
        if status == MarkStatus.SCORED and is_conflicted(application.pk, seat.pk):
            raise LiveError(
                _(
                    "You have a conflict of interest with this candidate: the mark is S, not a number."
                )
            )
        if mark is None:
            mark = Mark(round=round_, application=application, juror=seat)
        mark.status, mark.value, mark.vote = status, value, vote
        mark.notes, mark.feedback, mark.version = notes, feedback, version
        mark.recorded_at, mark.recorded_by = timezone.now(), by
        mark.save()
        log(round_, "mark", mark_json(mark), by)
    return MarkReceipt(mark, applied=True)


def missing_for(round_: Round, seat: JuryMember) -> list[Application]:
    """The round's candidates this juror has not marked (nor abstained on) yet."""
    marked = set(
        Mark.objects.filter(round=round_, juror=seat).values_list("application_id", flat=True)
    )
    return [a for a in order_of_appearance(round_) if a.pk not in marked]


def submit_marks(*, round_: Round, seat: JuryMember, by: User) -> JurorSubmission:
    """The juror hands in the round's marks; from then on only the office can change one."""
    with transaction.atomic():
        progress = _locked_progress(round_)
        if progress.stage not in (RoundStage.LIVE, RoundStage.CLOSED):
            raise LiveError(_("Marking is not open in this round."))
        found = JurorSubmission.objects.filter(round=round_, juror=seat).first()
        if found is not None:
            return found
        missing = missing_for(round_, seat)
        if missing:
            raise LiveError(
                _("Mark every performance first; still missing: %(names)s.")
                % {"names": ", ".join(a.candidate.display_name for a in missing)}
            )
        submission = JurorSubmission.objects.create(round=round_, juror=seat)
        log(round_, "marks.submitted", {"juror": seat.pk}, by)
    return submission


# --- The office --------------------------------------------------------------------------------


def override_mark(
    *,
    round_: Round,
    seat: JuryMember,
    application: Application,
    status: str,
    value: Decimal | None,
    vote: bool | None,
    reason: str,
    by: User,
) -> Mark:
    """The office changes a juror's mark, with a reason; logged with what it was before."""
    if not reason.strip():
        raise LiveError(_("Say why the mark is changed."))
    rule = round_.rule()
    if status == MarkStatus.SCORED and (value is None or not rule.scale.contains(value)):
        raise LiveError(
            _("A mark must be on the scale %(scale)s.") % {"scale": rule.scale.describe()}
        )
    if status != MarkStatus.SCORED:
        value, vote = None, None
    with transaction.atomic():
        progress = _locked_progress(round_)
        if progress.stage in (RoundStage.DECIDED, RoundStage.PUBLISHED):
            raise LiveError(_("The jury has decided on these results; marks can no longer change."))
        if status == MarkStatus.SCORED and is_conflicted(application.pk, seat.pk):
            raise LiveError(_("This juror has a conflict of interest with this candidate."))
        mark = (
            Mark.objects.select_for_update(of=("self",))
            .filter(round=round_, application=application, juror=seat)
            .first()
        ) or Mark(round=round_, application=application, juror=seat, status=MarkStatus.ABSENT)
        before = mark_json(mark) if mark.pk else None
        mark.status, mark.value, mark.vote = status, value, vote
        mark.version += 1
        mark.recorded_at, mark.recorded_by = timezone.now(), by
        mark.save()
        after = mark_json(mark)
        MarkOverride.objects.create(mark=mark, before=before, after=after, reason=reason, by=by)
        log(round_, "mark.override", {"before": before, "after": after, "reason": reason}, by)
    return mark


def record_absence(
    *,
    round_: Round,
    seat: JuryMember,
    applications: Iterable[Application],
    reason: str,
    voids_round: bool,
    by: User,
) -> Absence:
    """A juror missed these performances: their marks for them are absent (``A``). Where the
    rules void the juror's votes for the whole round, every mark of theirs in it becomes ``A``."""
    missed: Sequence[Application] = list(applications)
    if not reason.strip():
        raise LiveError(_("Say why the juror was absent."))
    if not missed and not voids_round:
        raise LiveError(_("Choose the performances the juror missed."))
    with transaction.atomic():
        progress = _locked_progress(round_)
        if progress.stage in (RoundStage.DECIDED, RoundStage.PUBLISHED):
            raise LiveError(_("The jury has decided on these results; marks can no longer change."))
        competing = live_candidates(round_)
        if any(application not in competing for application in missed):
            raise LiveError(_("This candidate does not perform in this round."))
        targets = competing if voids_round else missed
        absence = Absence.objects.create(round=round_, juror=seat, reason=reason, by=by)
        absence.applications.set(targets)
        existing = {
            mark.application_id: mark
            for mark in Mark.objects.select_for_update(of=("self",)).filter(
                round=round_, juror=seat
            )
        }
        for application in targets:
            mark = existing.get(application.pk) or Mark(
                round=round_, application=application, juror=seat
            )
            if mark.pk and mark.status == MarkStatus.ABSENT:
                continue
            before = mark_json(mark) if mark.pk else None
            mark.status, mark.value, mark.vote = MarkStatus.ABSENT, None, None
            mark.version += 1
            mark.recorded_at, mark.recorded_by = timezone.now(), by
            mark.save()
            if before is not None:
                MarkOverride.objects.create(
                    mark=mark, before=before, after=mark_json(mark), reason=reason, by=by
                )
        log(
            round_, "juror.absent",
            {"juror": seat.pk, "applications": sorted(a.pk for a in targets), "reason": reason,
             "voids_round": voids_round},
            by,
        )  # fmt: skip
    return absence
