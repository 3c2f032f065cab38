"""Writes for results: import marks, compute a round through the engine, record decisions.

This module is the one adapter between the database and the pure ``concours.scoring`` engine:
it turns rows into the engine's values, calls it, and stores what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications.models import Application
from concours.competitions.models import Round
from concours.jury.selectors import conflicted_pairs
from concours.ledger.services import actor_of, append, edition_chain
from concours.results.models import CandidateScore, Computation, JuryDecision, Mark, MarkStatus
from concours.results.selectors import (
    candidates_for_round,
    jurors_for_round,
    marks_for_round,
    unique_labels,
)
from concours.scoring import model as engine
from concours.scoring.csvio import InputError, parse_marks
from concours.scoring.decisions import Decision, decision_from_json, decision_problems, to_json
from concours.scoring.engine import score_stage
from concours.scoring.model import StageResult
from concours.scoring.record import build_record, digest_of, marks_from_json, rule_from_json

STATUS_TO_ENGINE = {
    MarkStatus.SCORED: engine.MarkStatus.SCORED,
    MarkStatus.STUDENT: engine.MarkStatus.STUDENT,
    MarkStatus.ABSENT: engine.MarkStatus.ABSENT,
}


class ResultsError(Exception):
    """A results operation that cannot be done, with a message for the office."""


@dataclass(frozen=True)
class ImportSummary:
    created: int
    unchanged: int


def import_marks(*, round_: Round, content: str, filename: str, by: User | None) -> ImportSummary:
    """Import a round's marks from CSV (``candidate``, ``juror``, ``score``, optional ``vote``).

    All or nothing: any bad line (off the scale, unknown name, a second mark for a pair, a mark
    that differs from one already stored) rejects the whole file with ``InputError`` naming the
    line. Importing the same file again changes nothing.
    """
    rule = round_.rule()
    parsed = parse_marks(content, rule, name=filename)
    candidates = unique_labels(candidates_for_round(round_), "candidate")
    jurors = unique_labels(jurors_for_round(round_), "name_en")
    existing = {(mark.application_id, mark.juror_id): mark for mark in marks_for_round(round_)}
    conflicted = conflicted_pairs(round_)
    to_create: list[Mark] = []
    unchanged = 0
    for mark, line in zip(parsed.marks, parsed.lines, strict=True):
        application = candidates.get(mark.candidate)
        if application is None:
            raise InputError(
                filename,
                line,
                _("no candidate “%(name)s” in this round") % {"name": mark.candidate},
            )
        juror = jurors.get(mark.juror)
        if juror is None:
            raise InputError(
                filename, line, _("no juror “%(name)s” on this round's jury") % {"name": mark.juror}
            )
        row = Mark(
            round=round_, application=application, juror=juror, status=MarkStatus(mark.status.value),
            value=mark.value, vote=mark.vote, recorded_by=by,
        )  # fmt: skip
        if row.status == MarkStatus.SCORED and (application.pk, juror.pk) in conflicted:
            raise InputError(
                filename,
                line,
                _("“%(juror)s” has a conflict of interest with “%(name)s”: the mark must be S")
                % {"juror": mark.juror, "name": mark.candidate},
            )
        stored = existing.get((application.pk, juror.pk))
        if stored is None:
            to_create.append(row)
        elif (stored.status, stored.value, stored.vote) == (row.status, row.value, row.vote):
            unchanged += 1
        else:
            raise InputError(
                filename,
                line,
                _(
                    "“%(juror)s” already has a different mark for “%(name)s”; marks are never overwritten by an import"
                )
                % {"juror": mark.juror, "name": mark.candidate},
            )
    with transaction.atomic():
        Mark.objects.bulk_create(to_create)
        for created in to_create:
            append(
                chain=edition_chain(round_.division.edition_id), kind="mark.imported",
                payload={
                    "round": round_.pk, "application": created.application_id,
                    "juror": created.juror_id, "status": created.status,
                    "value": None if created.value is None else str(plain(created.value)),
                    "vote": created.vote, "file": filename,
                },
                actor=actor_of(by),
            )  # fmt: skip
    return ImportSummary(created=len(to_create), unchanged=unchanged)


def engine_marks(round_: Round) -> tuple[list[engine.Mark], dict[str, Application]]:
    """The round's stored marks as the engine's values, and the candidates by label."""
    marks = list(marks_for_round(round_))
    candidates = unique_labels({mark.application for mark in marks}, "candidate")
    jurors = unique_labels({mark.juror for mark in marks}, "name_en")
    candidate_label = {application.pk: label for label, application in candidates.items()}
    juror_label = {juror.pk: label for label, juror in jurors.items()}
    converted = [
        engine.Mark(
            candidate=candidate_label[mark.application_id],
            juror=juror_label[mark.juror_id],
            status=STATUS_TO_ENGINE[MarkStatus(mark.status)],
            value=plain(mark.value) if mark.value is not None else None,
            vote=mark.vote,
        )
        for mark in marks
    ]
    return converted, candidates


def plain(value: Decimal) -> Decimal:
    """A stored mark without the column's trailing zeros: 14.000 → 14, 17.500 → 17.5."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def compute_round_results(*, round_: Round, by: User | None) -> Computation:
    """Run the engine on the round's marks and store the results as a new snapshot."""
    marks, candidates = engine_marks(round_)
    if not marks:
        raise ResultsError(_("This round has no marks yet."))
    try:
        rule = round_.rule()
        record = build_record(
            marks=marks, rule=rule, preset=round_.scoring_preset, stage=round_.number,
            advance=round_.advancing, title=str(round_),
        )  # fmt: skip
    except ValueError as error:
        raise ResultsError(
            _("The results cannot be computed: %(problem)s") % {"problem": error}
        ) from None
    with transaction.atomic():
        computation = Computation.objects.create(
            round=round_, computed_by=by, preset=round_.scoring_preset, parameters=round_.scoring_parameters,
            advancing=round_.advancing, record=record, digest=digest_of(record),
        )  # fmt: skip
        # The rows repeat the record's results, so lists and the published record never differ.
        CandidateScore.objects.bulk_create(
            CandidateScore(
                computation=computation,
                application=candidates[str(row["candidate"])],
                score=Decimal(str(row["score"])),
                rank=int(str(row["rank"])),
                advanced=row["advanced"],
            )
            for row in cast(list[dict[str, object]], record["results"])
        )
    return computation


def stage_result_of(computation: Computation) -> StageResult:
    """The engine's result, recomputed from exactly what the stored record says."""
    rule, advance = rule_from_json(computation.record["rule"])
    return score_stage(marks_from_json(computation.record["marks"]), rule, advance=advance)


def decisions_of(computation: Computation) -> list[Decision]:
    return [
        decision_from_json(row.payload, f"decisions[{index}]")
        for index, row in enumerate(computation.decisions.order_by("recorded_at", "id"))
    ]


def record_decision(
    *, computation: Computation, decision: Decision, by: User | None
) -> JuryDecision:
    """Record a jury decision on a computation's results, after checking it fits them and the
    decisions already taken (a passed vote, real candidates, no place given twice…)."""
    with transaction.atomic():
        # One decision at a time per computation, so two offices cannot both award 1st place.
        Computation.objects.select_for_update().get(pk=computation.pk)
        problems = decision_problems(
            [*decisions_of(computation), decision], stage_result_of(computation)
        )
        if problems:
            raise ResultsError(
                _("The decision does not fit the results: %(problem)s") % {"problem": problems[0]}
            )
        vote = decision.vote
        return JuryDecision.objects.create(
            round=computation.round, computation=computation, kind=decision.kind,
            payload=to_json([decision])[0], decided_by=decision.decided_by,
            in_favour=vote.in_favour if vote else 0, against=vote.against if vote else 0,
            abstaining=vote.abstaining if vote else 0, required=str(vote.required) if vote else "",
            note=decision.note, recorded_by=by,
        )  # fmt: skip


def record_with_decisions(computation: Computation) -> dict[str, object]:
    """The computation's results record with the jury's decisions in it, digests renewed."""
    record = computation.record
    rule, advance = rule_from_json(record["rule"])
    return build_record(
        marks=marks_from_json(record["marks"]), rule=rule, preset=record["preset"], stage=record["stage"],
        advance=advance, decisions=decisions_of(computation), title=record["title"],
    )  # fmt: skip
