"""Schoenfeld 2025 as it runs: conflicts of interest checked, the order of appearance drawn,
the first live round of each division marked (some ``S``, one absence), decided and published,
the second live round under way with half of its marks in.

Everything goes through the same services the office and the jurors use (so the integrity log,
the draws' records and the publications are real); marks are deterministic, from a seeded
generator, and shaped like a real panel (each candidate a level, each juror a leaning).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from concours.accounts.models import User
from concours.applications.models import Application, Teacher, TeachingKind
from concours.competitions.models import Division, Edition, JuryMember, Round, RoundKind
from concours.draws import services as draws
from concours.jury import services as jury
from concours.jury.models import Conflict
from concours.publication.services import publish_round
from concours.results import live
from concours.results.models import Mark, MarkStatus, RoundStage
from concours.results.selectors import jurors_for_round, unique_labels
from concours.results.services import record_decision
from concours.scoring.decisions import ConfirmAdvancers, Vote

#: How each division's order is drawn: one order for every round, or a new draw per round.
DRAWS = {"violin": ("chopin", None), "cello": ("random", 2), "chamber-music": ("random", None)}

FEEDBACK = (
    "A singing tone in the slow movement; the fast passages could breathe more.",
    "Convincing architecture in the Bach. Watch the intonation in the high positions.",
    "Bold and personal. Some rubato felt imposed rather than felt.",
)


@dataclass(frozen=True)
class LiveSummary:
    marks: int
    conflicts: int
    published: int


def load_live_rounds(
    *, edition: Edition, office: User, juror_login: User | None, now: dt.datetime
) -> LiveSummary:
    rng = random.Random(f"concours-demo-live-{edition.year}")
    divisions = list(edition.divisions.order_by("order", "pk"))
    _teachers_for_conflicts(divisions, rng)
    jury.refresh_conflicts(edition=edition, by=office, on=edition.starts_on)
    conflicts = 0
    for conflict in Conflict.objects.filter(seat__edition=edition):
        jury.confirm_conflict(
            conflict=conflict, by=office, reason="Confirmed from the candidate's application."
        )
        conflicts += 1
    if juror_login is not None:
        for seat in JuryMember.objects.filter(edition=edition, user=juror_login):
            jury.accept_declaration(seat=seat, by=juror_login)
    published = 0
    for division in divisions:
        rounds = list(division.rounds.exclude(kind=RoundKind.PRESELECTION).order_by("number"))
        first, second = rounds[0], rounds[1]
        _draw(division, first, office, now - dt.timedelta(days=4))
        _mark_round(first, office, rng, share=1, absence=division.slug == "violin")
        _decide_and_publish(first, office, now)
        published += 1
        live.step_round(round_=second, to=RoundStage.LIVE, by=office)
        order = live.order_of_appearance(second)
        _mark_round(second, office, rng, share=Fraction(1, 2), absence=False)
        live.set_on_stage(round_=second, application=order[len(order) // 2], by=office)
    return LiveSummary(
        marks=Mark.objects.filter(round__division__edition=edition).count(),
        conflicts=conflicts,
        published=published,
    )


def _teachers_for_conflicts(divisions: list[Division], rng: random.Random) -> None:
    """Two candidates per division studied with a juror (flagged), one took a master class with
    another (exempt under the default policy: a near miss the office sees)."""
    rows = []
    for division in divisions:
        seats = list(JuryMember.objects.filter(division=division, is_chair=False).order_by("order"))
        admitted = list(
            Application.objects.filter(division=division, status="admitted")
            .select_related("candidate")
            .order_by("candidate__family_name", "pk")
        )
        student, pupil, visitor = admitted[2], admitted[7], admitted[4]
        rows += [
            Teacher(
                candidate=student.candidate, name=f"Prof. {seats[0].name_en}",
                institution="Harbin Conservatory of Music", kind=TeachingKind.REGULAR,
                started_on=dt.date(2019, 9, 1), ended_on=dt.date(2024, 6, 30),
            ),
            Teacher(
                candidate=pupil.candidate, name=seats[1].name_en.upper(),
                kind=TeachingKind.PRIVATE, lessons=4, started_on=dt.date(2023, 3, 1),
                ended_on=dt.date(2023, 11, 30),
            ),
            Teacher(
                candidate=visitor.candidate, name=seats[2].name_en,
                kind=TeachingKind.MASTERCLASS, lessons=1, started_on=dt.date(2021, 7, 12),
                ended_on=dt.date(2021, 7, 12),
            ),
        ]  # fmt: skip
    Teacher.objects.bulk_create(rows)
    del rng  # the choice of candidates is fixed by their names, so the demo reads the same


def _draw(division: Division, first: Round, office: User, at: dt.datetime) -> None:
    method, round_number = DRAWS.get(division.slug, ("random", None))
    scope = first if round_number is not None else None
    draw = draws.commit_draw(division=division, round_=scope, method=method, by=office, now=at)
    draws.add_witness_input(
        draw=draw, witness="Li Na (notary)", value="Harbin 2025", by=office,
        now=at + dt.timedelta(hours=20),
    )  # fmt: skip
    draws.add_witness_input(
        draw=draw, witness="Anna Berg (candidate)", value="sonata", by=office,
        now=at + dt.timedelta(hours=20, minutes=2),
    )  # fmt: skip
    draws.perform_draw(draw=draw, by=office, now=at + dt.timedelta(hours=20, minutes=5))
    draws.reveal_draw(draw=draw, by=office, now=at + dt.timedelta(hours=21))


def _mark_round(round_: Round, office: User, rng: random.Random, *, share: Fraction | int,
                absence: bool) -> None:  # fmt: skip
    """Every juror marks the first ``share`` of the order of appearance (``S`` pairs stay S);
    with ``absence``, one juror misses three performances, recorded by the office."""
    progress = live.progress_of(round_)
    if progress.stage == RoundStage.SCHEDULED:
        live.step_round(round_=round_, to=RoundStage.LIVE, by=office)
    order = live.order_of_appearance(round_)
    seats = list(jurors_for_round(round_))
    if absence:
        live.record_absence(
            round_=round_, seat=seats[-1], applications=order[4:7], by=office, voids_round=False,
            reason="Delayed flight: missed three performances of the morning session.",
        )  # fmt: skip
    level = {a.pk: rng.randint(12, 22) for a in order}
    leaning = {seat.pk: rng.choice((-2, -1, 0, 0, 1, 2)) for seat in seats}
    held = {
        (mark.application_id, mark.juror_id)
        for mark in Mark.objects.filter(round=round_).exclude(status=MarkStatus.SCORED)
    }
    performed = order[: int(len(order) * share)]
    for index, application in enumerate(performed):
        for seat in seats:
            if (application.pk, seat.pk) in held:
                continue
            value = max(1, min(25, level[application.pk] + leaning[seat.pk] + rng.randint(-2, 2)))
            live.record_live_mark(
                round_=round_, seat=seat, application=application, status=MarkStatus.SCORED,
                value=Decimal(value), vote=None, notes="",
                feedback=FEEDBACK[(index + seat.pk) % len(FEEDBACK)] if index % 3 == 0 else "",
                version=1, by=seat.user or office,
            )  # fmt: skip
    if share == 1:
        for seat in seats:
            live.submit_marks(round_=round_, seat=seat, by=seat.user or office)


def _decide_and_publish(round_: Round, office: User, now: dt.datetime) -> None:
    live.step_round(round_=round_, to=RoundStage.CLOSED, by=office)
    live.step_round(round_=round_, to=RoundStage.COMPUTED, by=office)
    computation = round_.computations.latest()
    rows = list(computation.scores.select_related("application__candidate"))
    labels = {
        a.pk: label
        for label, a in unique_labels([r.application for r in rows], "candidate").items()
    }
    advancing = tuple(labels[row.application_id] for row in rows if row.advanced)
    jurors = len(jurors_for_round(round_))
    record_decision(
        computation=computation,
        decision=ConfirmAdvancers(
            candidates=advancing, decided_by="the jury, on the chair's proposal",
            decided_at=(now - dt.timedelta(days=2)).isoformat(timespec="seconds"),
            vote=Vote(in_favour=jurors - 1, against=0, abstaining=1, required=Fraction(2, 3)),
        ),
        by=office,
    )  # fmt: skip
    live.step_round(round_=round_, to=RoundStage.DECIDED, by=office)
    publish_round(
        round_=round_, publish_at=now - dt.timedelta(days=2), sheets_at=now - dt.timedelta(days=1),
        listing="alphabetical", release_feedback=True, by=office,
    )  # fmt: skip
