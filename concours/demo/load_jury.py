"""Rows for the jury of the open edition (Schoenfeld 2027) and the pre-selection marks already
in (``people.generate_open_jury``, ``preselection.generate_marks``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from concours.accounts.models import User
from concours.applications.models import Application
from concours.competitions.models import Division, Edition, JuryMember, RoundKind
from concours.demo.people import JurorSpec
from concours.demo.preselection import MarkSpec
from concours.results.models import Mark, MarkStatus


@dataclass(frozen=True)
class LoadedJury:
    jurors: int
    marks: int


def load_open_jury(
    *,
    edition: Edition,
    divisions: dict[str, Division],
    jury: Sequence[JurorSpec],
    marks: Sequence[MarkSpec],
    login: tuple[str, User],
    office: User,
    opens: dt.datetime,
) -> LoadedJury:
    """The jurors, ``login`` (a juror's name and the demo juror's account) on that juror's seat,
    and the marks: a juror's own when they have an account, the office's for their own students
    (``S``); times count from ``opens``."""
    login_name, login_user = login
    seats = JuryMember.objects.bulk_create(
        JuryMember(
            edition=edition, division=divisions[juror.division],
            user=login_user if juror.name.latin == login_name else None,
            name_en=juror.name.latin, name_zh=juror.name.zh, country=juror.country,
            is_chair=juror.is_chair, order=juror.order, **juror.bio.fields("bio"),
        )
        for juror in jury
    )  # fmt: skip
    by_name = {seat.name_en: seat for seat in seats}
    rounds = {
        slug: division.rounds.get(kind=RoundKind.PRESELECTION)
        for slug, division in divisions.items()
    }
    applications = {
        application.candidate.user.email: application
        for application in Application.objects.filter(
            division__edition=edition, candidate__user__email__in={m.applicant for m in marks}
        ).select_related("candidate__user")
    }
    created = Mark.objects.bulk_create(
        Mark(
            round=rounds[mark.division], application=applications[mark.applicant],
            juror=by_name[mark.juror],
            status=MarkStatus.SCORED if mark.value is not None else MarkStatus.STUDENT,
            value=mark.value, recorded_at=opens + mark.at,
            recorded_by=(by_name[mark.juror].user if mark.value is not None else office),
        )
        for mark in marks
    )  # fmt: skip
    return LoadedJury(jurors=len(seats), marks=len(created))
