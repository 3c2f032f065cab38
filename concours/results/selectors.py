"""Reads for results: who is in a round, its marks, its latest computation."""

from django.db.models import Q, QuerySet

from concours.applications.models import Application, ApplicationStatus
from concours.competitions.models import JuryMember, Round
from concours.results.models import CandidateScore, Computation, Mark

NOT_COMPETING = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)


def candidates_for_round(round_: Round) -> QuerySet[Application]:
    """The division's applications that are still in the competition."""
    return (
        Application.objects.filter(division=round_.division)
        .exclude(status__in=NOT_COMPETING)
        .select_related("candidate")
        .order_by("candidate__family_name", "candidate__given_name", "id")
    )


def jurors_for_round(round_: Round) -> QuerySet[JuryMember]:
    """The jurors of the round's division, and those who sit on every division."""
    division = round_.division
    return JuryMember.objects.filter(
        Q(division=division) | Q(division__isnull=True), edition_id=division.edition_id
    ).order_by("name_en", "id")


def marks_for_round(round_: Round) -> QuerySet[Mark]:
    return Mark.objects.filter(round=round_).select_related("application__candidate", "juror")


def latest_computation(round_: Round) -> Computation | None:
    return Computation.objects.filter(round=round_).order_by("-computed_at", "-id").first()


def scores_of(computation: Computation) -> QuerySet[CandidateScore]:
    return computation.scores.select_related("application__candidate").order_by(
        "rank", "application__candidate__family_name"
    )
