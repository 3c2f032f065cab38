"""Schoenfeld 2025 in the demo runs its live rounds: conflicts found and enforced, the order
drawn verifiably, the first round marked (S, one absence), decided and published, the second
round live with half of its marks in, and an integrity log that verifies."""

import datetime as dt

import pytest
from django.utils import timezone

from concours import draw as draw_core
from concours.competitions.models import Edition, RoundKind
from concours.demo.services import load_demo
from concours.draws.models import Draw, DrawState
from concours.jury.models import Conflict, ConflictStatus
from concours.ledger.selectors import verify
from concours.ledger.services import edition_chain
from concours.publication.models import Publication
from concours.results import live
from concours.results.models import Absence, Mark, MarkStatus, RoundStage
from concours.scoring.record import verify_record

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def test_the_2025_edition_runs_its_live_rounds():
    load_demo(now=NOW)
    edition = Edition.objects.get(competition__slug="schoenfeld", year=2025)
    assert edition.status == "running"

    conflicts = Conflict.objects.filter(seat__edition=edition)
    assert conflicts.count() == 6  # two flagged per division; the master classes are exempt
    assert set(conflicts.values_list("status", flat=True)) == {ConflictStatus.CONFIRMED}

    for division in edition.divisions.all():
        first, second = division.rounds.exclude(kind=RoundKind.PRESELECTION).order_by("number")[:2]
        assert live.progress_of(first).stage == RoundStage.PUBLISHED
        assert live.progress_of(second).stage == RoundStage.LIVE
        # Every conflicted pair of the first round is S, and nothing else is.
        s_pairs = set(
            Mark.objects.filter(round=first, status=MarkStatus.STUDENT).values_list(
                "application__candidate_id", "juror_id"
            )
        )
        conflicted = set(
            conflicts.filter(application__division=division).values_list(
                "application__candidate_id", "seat_id"
            )
        )
        assert s_pairs == conflicted
        computation = first.computations.latest()
        assert verify_record(computation.record) == []
        publication = Publication.objects.get(round=first)
        assert publication.publish_at < timezone.now()
        # The second round: half of the order of appearance marked by every juror.
        order = live.order_of_appearance(second)
        marked = set(
            Mark.objects.filter(round=second, status=MarkStatus.SCORED).values_list(
                "application_id", flat=True
            )
        )  # conflicted pairs are S from the moment the round went live, performed or not
        assert marked == {application.pk for application in order[: len(order) // 2]}
        assert live.progress_of(second).on_stage == order[len(order) // 2]

    absence = Absence.objects.get(round__division__edition=edition)
    assert absence.applications.count() == 3
    assert Mark.objects.filter(round=absence.round, status=MarkStatus.ABSENT).count() == 3

    for found in Draw.objects.filter(division__edition=edition):
        assert found.state == DrawState.REVEALED
        assert draw_core.verify(draw_core.parse_record(found.record)) == []

    assert verify(edition_chain(edition.pk)) == []
