"""Reads for the public pages and the API. Each returns a queryset shaped for its page, with the
related rows it shows fetched up front, so the number of queries does not grow with rows."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from concours.accounts.models import User
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    JuryMember,
    Prize,
    RepertoireRequirement,
    Round,
)
from concours.federation.models import Discipline


def public_editions() -> QuerySet[Edition]:
    return Edition.objects.public().select_related("competition__city")


def upcoming_editions(*, today: dt.date, discipline: Discipline | None = None) -> QuerySet[Edition]:
    """Editions that are running or still to come, soonest first."""
    editions = (
        public_editions()
        .filter(ends_on__gte=today)
        .prefetch_related("divisions__discipline")
        .order_by("starts_on", "competition__name_en")
    )
    if discipline is not None:
        editions = editions.filter(divisions__discipline=discipline).distinct()
    return editions


def recent_editions(*, today: dt.date, limit: int = 6) -> QuerySet[Edition]:
    return (
        public_editions()
        .filter(ends_on__lt=today)
        .prefetch_related("divisions__discipline")
        .order_by("-ends_on")[:limit]
    )


def disciplines_in_use() -> QuerySet[Discipline]:
    return Discipline.objects.filter(divisions__edition__in=Edition.objects.public()).distinct()


def member_directory() -> QuerySet[Competition]:
    """Member competitions with their city and disciplines, for the directory."""
    return (
        Competition.objects.filter(federation__isnull=False)
        .select_related("city", "federation")
        .prefetch_related("disciplines")
        .order_by("name_en")
    )


def competition_for_public_page(*, slug: str) -> Competition:
    return (
        Competition.objects.select_related("city", "federation")
        .prefetch_related(
            "disciplines",
            Prefetch("editions", queryset=Edition.objects.public().order_by("-year")),
        )
        .get(slug=slug)
    )


def edition_for_public_page(*, slug: str, year: int) -> Edition:
    """An edition with its divisions, rounds, requirements, prizes and jury, in few queries."""
    rounds = Round.objects.order_by("number").prefetch_related(
        Prefetch(
            "requirements",
            queryset=RepertoireRequirement.objects.select_related("category").order_by("id"),
        )
    )
    divisions = (
        Division.objects.select_related("discipline")
        .prefetch_related(
            Prefetch("rounds", queryset=rounds),
            Prefetch("prizes", queryset=Prize.objects.order_by("kind", "place", "name_en")),
            "instruments",
        )
        .order_by("order", "name_en")
    )
    return (
        public_editions()
        .prefetch_related(
            Prefetch("divisions", queryset=divisions),
            Prefetch("jury", queryset=JuryMember.objects.select_related("division")),
            Prefetch(
                "prizes",
                queryset=Prize.objects.filter(division__isnull=True).order_by("name_en"),
                to_attr="edition_wide_prizes",
            ),
        )
        .get(competition__slug=slug, year=year)
    )


def preselection_rounds_for(seats: list[JuryMember]) -> list[Round]:
    """The pre-selection rounds the juror's seats put them on the panel of."""
    if not seats:
        return []
    rounds = Round.objects.filter(kind="preselection").select_related(
        "division__edition__competition"
    )
    return [
        round_
        for round_ in rounds.filter(
            division__edition__in=[seat.edition_id for seat in seats]
        ).order_by("division__order")
        if any(
            seat.edition_id == round_.division.edition_id
            and seat.division_id in (None, round_.division_id)
            for seat in seats
        )
    ]


def jury_seats_of(user: User) -> QuerySet[JuryMember]:
    return (
        JuryMember.objects.filter(user=user)
        .select_related("edition__competition", "division")
        .prefetch_related("division__rounds")
    )
