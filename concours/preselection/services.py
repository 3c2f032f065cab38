"""Pre-selection from recordings: a panel marks, the results engine ranks, the office admits.

Marks are the results app's ``Mark`` rows for the pre-selection round, so the same engine,
records and checks apply as in the live rounds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications import services as application_services
from concours.applications.models import Application, ApplicationStatus
from concours.competitions.models import JuryMember, Round, RoundKind
from concours.results.models import Computation, Mark, MarkStatus
from concours.results.selectors import latest_computation


class PreselectionError(Exception):
    """Something the panel or the office cannot do now, with a message for them."""


def applications_to_review(round_: Round) -> QuerySet[Application]:
    return (
        Application.objects.filter(
            division_id=round_.division_id, status=ApplicationStatus.IN_PRESELECTION
        )
        .select_related("candidate")
        .order_by("reference")
    )


def seats_on(round_: Round) -> QuerySet[JuryMember]:
    division = round_.division
    return JuryMember.objects.filter(
        Q(division=division) | Q(division__isnull=True), edition_id=division.edition_id
    )


def access_round_for_juror(user: User, round_id: int) -> tuple[Round, JuryMember]:
    """The pre-selection round and the user's seat on its panel; ``Http404`` for anyone else."""
    round_ = (
        Round.objects.select_related("division__edition__competition")
        .filter(pk=round_id, kind=RoundKind.PRESELECTION)
        .first()
    )
    seat = (
        seats_on(round_).filter(user=user).first()
        if round_ is not None and user.is_authenticated
        else None
    )
    if round_ is None or seat is None:
        raise Http404(_("No such pre-selection."))
    return round_, seat


def anonymous_code(application: Application) -> str:
    """A stable code that says nothing about the candidate (blind review)."""
    return "P-" + hashlib.sha256(str(application.reference).encode()).hexdigest()[:6].upper()


def is_closed(round_: Round) -> bool:
    """Marks lock once the ranking has been computed."""
    return Computation.objects.filter(round=round_).exists()


def record_mark(
    *,
    round_: Round,
    application: Application,
    seat: JuryMember,
    value: Decimal,
    vote: bool | None,
    by: User,
) -> Mark:
    """The juror's mark for the application; marking again before the ranking replaces it."""
    rule = round_.rule()
    if not rule.scale.contains(value):
        raise PreselectionError(
            _("A mark must be on the scale %(scale)s.") % {"scale": rule.scale.describe()}
        )
    if rule.uses_votes and vote is None:
        raise PreselectionError(_("Say YES or NO as well."))
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=round_.pk)  # one writer at a time against closing
        if is_closed(round_):
            raise PreselectionError(_("The pre-selection is closed; marks can no longer change."))
        if not applications_to_review(round_).filter(pk=application.pk).exists():
            raise PreselectionError(_("This application is not in the pre-selection."))
        if Mark.objects.filter(
            round=round_, application=application, juror=seat, status=MarkStatus.STUDENT
        ).exists():
            raise PreselectionError(_("You do not mark your own student."))
        mark, _created = Mark.objects.update_or_create(
            round=round_, application=application, juror=seat,
            defaults={"status": MarkStatus.SCORED, "value": value, "vote": vote, "recorded_by": by},
        )  # fmt: skip
    return mark


@dataclass(frozen=True)
class Progress:
    juror: JuryMember
    marked: int
    total: int


def progress(round_: Round) -> list[Progress]:
    total = applications_to_review(round_).count()
    in_review = applications_to_review(round_).values("pk")
    seats = (
        seats_on(round_)
        .annotate(
            marked=Count("marks", filter=Q(marks__round=round_, marks__application__in=in_review))
        )
        .order_by("name_en")
    )
    return [Progress(seat, seat.marked, total) for seat in seats]


@dataclass(frozen=True)
class Admission:
    admitted: int
    reserve: int
    not_admitted: int


def admit_from_ranking(*, round_: Round, by: User) -> Admission:
    """Admit those the computed ranking advances, put the next ``reserve_count`` on the reserve
    list, and tell the rest; each through the workflow, each with its e-mail."""
    computation = latest_computation(round_)
    if computation is None:
        raise PreselectionError(_("Compute the ranking first."))
    if computation.advancing is None:
        raise PreselectionError(_("Say how many candidates advance from this round first."))
    rows = list(computation.scores.select_related("application").order_by("rank", "id"))
    admitted = [row for row in rows if row.advanced is True]
    # A tie at the cut left to the jury (advanced is None) stays in pre-selection until decided.
    rest = [row for row in rows if row.advanced is False]
    reserve = rest[: round_.reserve_count]
    declined = rest[round_.reserve_count :]
    with transaction.atomic():
        for rows_, status in (
            (admitted, ApplicationStatus.ADMITTED),
            (reserve, ApplicationStatus.RESERVE),
            (declined, ApplicationStatus.NOT_ADMITTED),
        ):
            for row in rows_:
                if row.application.status == ApplicationStatus.IN_PRESELECTION:
                    application_services.change_status(
                        application=row.application, to=status, by=by
                    )
    return Admission(len(admitted), len(reserve), len(declined))
