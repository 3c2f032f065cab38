"""The marks already in for the Schoenfeld 2027 pre-selection.

Each panel is part-way through: some jurors have marked every recording in pre-selection, some
a few, some none yet, so the office's progress page (``preselection:office``) has something to
show. The demo juror log-in has marked none, and still has recordings to mark. A juror never
marks their own student (a current one, or lessons within the last three years: the rule in
the edition's text); the office has recorded those as "not marked: own student" (``S``).

Nothing here touches the database or the clock: times are offsets after the window opened, as in
``applicants``. The marks use their own random generator, so they change nothing else.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from concours.applications.models import ApplicationStatus
from concours.demo.data import DEMO_SEED
from concours.demo.people import JurorSpec
from concours.demo.scenarios import LATEST
from concours.demo.schoenfeld import PRESELECTION_SCORING, open_edition
from concours.demo.specs import ApplicantSpec

#: Lessons that ended this long before the edition still make a juror the candidate's teacher.
CONFLICT_YEARS = 3
#: The scale of the pre-selection's marks, and where the demo's recordings fall on it.
LOWEST, HIGHEST = PRESELECTION_SCORING["scale"]
QUALITY = (13, 22)
SPREAD = 3


@dataclass(frozen=True)
class MarkSpec:
    division: str
    #: The juror's name (Latin letters), unique in the demo.
    juror: str
    #: The applicant's e-mail address (their account).
    applicant: str
    #: ``None``: not marked, the juror's own student (``S``).
    value: int | None
    at: dt.timedelta


def own_students_since() -> dt.date:
    starts_on = open_edition().starts_on
    return starts_on.replace(year=starts_on.year - CONFLICT_YEARS)


def teachers_on_the_jury(applicant: ApplicantSpec) -> set[str]:
    """The jurors who taught ``applicant`` recently enough to count (``CONFLICT_YEARS``)."""
    since = own_students_since()
    return {
        teacher.juror
        for teacher in applicant.teachers
        if teacher.juror and (teacher.ended_on is None or teacher.ended_on >= since)
    }


def _entered(applicant: ApplicantSpec) -> dt.timedelta:
    return next(
        step.at for step in applicant.steps if step.new == ApplicationStatus.IN_PRESELECTION
    )


def generate_marks(
    jury: Sequence[JurorSpec],
    applicants: Sequence[ApplicantSpec],
    *,
    login_juror: str,
    seed: int = DEMO_SEED,
) -> tuple[MarkSpec, ...]:
    """The marks of each 2027 juror for the applications in pre-selection in their division;
    ``login_juror`` (the demo juror log-in's) has marked none of their own. The same for the
    same seed."""
    rng = random.Random(f"{seed}-preselection-marks")
    marks: list[MarkSpec] = []
    divisions = list(dict.fromkeys(juror.division for juror in jury))
    for division in divisions:
        in_review = [
            applicant
            for applicant in applicants
            if applicant.division == division
            and applicant.status == ApplicationStatus.IN_PRESELECTION
        ]
        quality = {applicant.profile.email: rng.randint(*QUALITY) for applicant in in_review}
        for juror in (juror for juror in jury if juror.division == division):
            queue = list(in_review)
            rng.shuffle(queue)
            done = 0 if juror.name.latin == login_juror else rng.randint(0, len(queue))
            for position, applicant in enumerate(queue):
                email, entered = applicant.profile.email, _entered(applicant)
                if juror.name.latin in teachers_on_the_jury(applicant):
                    at = entered + dt.timedelta(hours=2)
                    marks.append(MarkSpec(division, juror.name.latin, email, None, at))
                elif position < done:
                    minutes = (LATEST - entered).total_seconds() / 60 * rng.uniform(0.2, 0.95)
                    at = entered + dt.timedelta(minutes=round(minutes))
                    value = min(max(quality[email] + rng.randint(-SPREAD, SPREAD), LOWEST), HIGHEST)
                    marks.append(MarkSpec(division, juror.name.latin, email, value, at))
    return tuple(marks)
