"""Reads for the jury's pages and for the results side: whose marks are ``S`` in a round, the
office's conflict matrix, a juror's candidates and declarations. Each read fetches what its page
shows up front, so the number of queries does not grow with rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from concours.accounts.models import User
from concours.applications.models import Application, ApplicationStatus
from concours.competitions.models import Division, Edition, JuryMember, Round
from concours.jury.declaration import DECLARATION_VERSION
from concours.jury.models import Conflict, ConflictCheck, ConflictStatus, Relationship

#: Applications the jury does not judge: not submitted, or withdrawn.
OUT_OF_SCOPE = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)


def seats_of(user: User) -> QuerySet[JuryMember]:
    """The user's jury seats, newest edition first."""
    return (
        JuryMember.objects.filter(user_id=user.pk)
        .select_related("edition__competition", "division")
        .order_by("-edition__starts_on", "division__order", "pk")
    )


def seats_on_division(division: Division) -> QuerySet[JuryMember]:
    """The seats that judge ``division``: its own jury and the edition-wide jurors."""
    return JuryMember.objects.filter(
        Q(division_id=division.pk) | Q(division__isnull=True), edition_id=division.edition_id
    )


def applications_in_scope(division: Division) -> QuerySet[Application]:
    """The division's applications the jury judges (submitted and not withdrawn)."""
    return (
        Application.objects.filter(division_id=division.pk)
        .exclude(status__in=OUT_OF_SCOPE)
        .select_related("candidate")
        .order_by("candidate__family_name", "candidate__given_name", "pk")
    )


def candidates_for_seat(seat: JuryMember) -> QuerySet[Application]:
    """The applications a juror may declare a relationship with: those of their division, or
    of every division of the edition for an edition-wide seat."""
    applications = Application.objects.filter(division__edition_id=seat.edition_id)
    if seat.division_id is not None:
        applications = applications.filter(division_id=seat.division_id)
    return (
        applications.exclude(status__in=OUT_OF_SCOPE)
        .select_related("candidate", "division")
        .order_by("division__order", "candidate__family_name", "candidate__given_name", "pk")
    )


def has_accepted_declaration(seat: JuryMember) -> bool:
    """The juror accepted the current version of the declaration."""
    return seat.declarations.filter(text_version=DECLARATION_VERSION).exists()


def relationships_of(seat: JuryMember) -> QuerySet[Relationship]:
    """The juror's declared relationships that still stand."""
    return (
        Relationship.objects.filter(seat=seat, withdrawn_at__isnull=True)
        .select_related("application__candidate", "application__division")
        .order_by("declared_at", "pk")
    )


def conflicted_pairs(round_: Round) -> set[tuple[int, int]]:
    """``(application_id, jury_member_id)`` pairs whose marks are ``S`` in ``round_``: every
    conflict of the round's division and of the seats on that round except dismissed ones
    (and except flags the latest check no longer raises and nobody confirmed)."""
    rows = (
        Conflict.objects.filter(application__division_id=round_.division_id)
        .filter(Q(seat__division_id=round_.division_id) | Q(seat__division__isnull=True))
        .exclude(status=ConflictStatus.DISMISSED)
        .exclude(stale=True, status=ConflictStatus.FLAGGED)
    )
    return set(rows.values_list("application_id", "seat_id"))


def is_conflicted(application_id: int, seat_id: int) -> bool:
    """Whether this one pair must be ``S`` (the test of ``conflicted_pairs`` for a single pair,
    in one small query: the marking screen asks it for every mark)."""
    return (
        Conflict.objects.filter(application_id=application_id, seat_id=seat_id)
        .exclude(status=ConflictStatus.DISMISSED)
        .exclude(stale=True, status=ConflictStatus.FLAGGED)
        .order_by()
        .exists()
    )


def latest_check(edition: Edition) -> ConflictCheck | None:
    return ConflictCheck.objects.filter(edition=edition).select_related("checked_by").first()


def changes_since(check: ConflictCheck | None, edition: Edition) -> int:
    """Relationships declared or withdrawn since ``check`` (all of them without a check)."""
    relationships = Relationship.objects.filter(seat__edition_id=edition.pk)
    if check is not None:
        relationships = relationships.filter(
            Q(declared_at__gt=check.checked_at) | Q(withdrawn_at__gt=check.checked_at)
        )
    return relationships.count()


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One juror × candidate cell: the conflict if any, and the latest check's notes."""

    seat: JuryMember
    conflict: Conflict | None
    notes: tuple[Mapping[str, Any], ...] = ()

    @property
    def state(self) -> str:
        """``confirmed``, ``dismissed``, ``flagged``, ``stale``, ``note`` or ``""``."""
        if self.conflict is not None:
            if self.conflict.stale and self.conflict.status == ConflictStatus.FLAGGED:
                return "stale"
            return str(self.conflict.status)
        return "note" if self.notes else ""


@dataclass(frozen=True, slots=True)
class MatrixRow:
    application: Application
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True, slots=True)
class DivisionMatrix:
    """A division's jurors (columns) × candidates (rows), with a count per cell state."""

    division: Division
    seats: tuple[JuryMember, ...]
    rows: tuple[MatrixRow, ...]
    counts: Mapping[str, int] = field(default_factory=dict)


def conflict_matrix(
    *, edition: Edition | None = None, division: Division | None = None
) -> list[DivisionMatrix]:
    """The office's conflict matrix: one table per division of ``edition``, or for
    ``division`` alone. Five queries, whatever the number of jurors and candidates."""
    if (edition is None) == (division is None):
        raise ValueError("give either an edition or a division")
    if division is not None:
        edition_id = division.edition_id
        divisions = [division]
    else:
        assert edition is not None
        edition_id = edition.pk
        divisions = list(edition.divisions.select_related("edition").order_by("order", "pk"))
    division_ids = [item.pk for item in divisions]
    seats = list(
        JuryMember.objects.filter(edition_id=edition_id)
        .filter(Q(division_id__in=division_ids) | Q(division__isnull=True))
        .order_by("-is_chair", "order", "name_en", "pk")
    )
    applications: dict[int, list[Application]] = defaultdict(list)
    for application in (
        Application.objects.filter(division_id__in=division_ids)
        .exclude(status__in=OUT_OF_SCOPE)
        .select_related("candidate")
        .order_by("candidate__family_name", "candidate__given_name", "pk")
    ):
        applications[application.division_id].append(application)
    conflicts = {
        (conflict.seat_id, conflict.application_id): conflict
        for conflict in Conflict.objects.filter(application__division_id__in=division_ids)
    }
    check = ConflictCheck.objects.filter(edition_id=edition_id).only("notes").first()
    notes: dict[tuple[int, int], tuple[Mapping[str, Any], ...]] = {}
    for note in check.notes if check is not None else []:
        notes[(note["seat"], note["application"])] = tuple(note["reasons"])
    matrices = []
    for item in divisions:
        columns = tuple(s for s in seats if s.division_id in (None, item.pk))
        rows = tuple(
            MatrixRow(
                application=application,
                cells=tuple(
                    MatrixCell(
                        seat=seat,
                        conflict=conflicts.get((seat.pk, application.pk)),
                        notes=notes.get((seat.pk, application.pk), ()),
                    )
                    for seat in columns
                ),
            )
            for application in applications[item.pk]
        )
        counts: dict[str, int] = defaultdict(int)
        for row in rows:
            for cell in row.cells:
                if cell.state:
                    counts[cell.state] += 1
        matrices.append(DivisionMatrix(item, columns, rows, dict(counts)))
    return matrices
