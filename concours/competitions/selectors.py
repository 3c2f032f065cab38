"""Reads for the public pages and the API. Each returns a queryset shaped for its page, with the
related rows it shows fetched up front, so the number of queries does not grow with rows."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from concours.accounts.models import User
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    EditionStatus,
    JuryMember,
    Prize,
    RepertoireRequirement,
    Round,
)
from concours.federation.models import DEFAULT_CLASH_WINDOW_DAYS, Discipline


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


# Date-clash advice -------------------------------------------------------------------------
#
# Two editions clash when another member competition holds an edition in a discipline both
# share, and the gap between the two date ranges is at most ``days`` (overlapping ranges have
# no gap; exactly ``days`` between one's last day and the other's first day still clashes).
# Only public, not cancelled editions of *other* competitions are compared: a member's drafts
# are its own business, so they are never shown to another member's planners.


def clash_window_days(competition: Competition | None) -> int:
    """The federation's clash window for ``competition`` (the default without a federation)."""
    if competition is not None and competition.federation_id is not None:
        return competition.federation.clash_window_days
    return DEFAULT_CLASH_WINDOW_DAYS


def editions_near(
    *,
    discipline_ids: Iterable[int],
    starts_on: dt.date,
    ends_on: dt.date,
    days: int,
    exclude_competition_id: int | None = None,
    federation_id: int | None = None,
) -> QuerySet[Edition]:
    """Public, not cancelled editions of member competitions with a division in one of
    ``discipline_ids`` whose dates lie within ``days`` of ``starts_on``–``ends_on``."""
    window = dt.timedelta(days=days)
    members = Competition.objects.filter(federation__isnull=False)
    if federation_id is not None:
        members = members.filter(federation_id=federation_id)
    if exclude_competition_id is not None:
        members = members.exclude(pk=exclude_competition_id)
    matching = Division.objects.filter(discipline_id__in=list(discipline_ids)).values("edition_id")
    return (
        Edition.objects.public()
        .exclude(status=EditionStatus.CANCELLED)
        .filter(
            competition__in=members,
            pk__in=matching,
            starts_on__lte=ends_on + window,
            ends_on__gte=starts_on - window,
        )
        .select_related("competition__city")
        .prefetch_related("divisions__discipline")
        .order_by("starts_on", "competition__name_en")
    )


def edition_discipline_ids(edition: Edition) -> list[int]:
    """The disciplines of an edition's divisions; its competition's before it has divisions."""
    ids = list(
        Division.objects.filter(edition=edition).values_list("discipline_id", flat=True).distinct()
    )
    if not ids:
        ids = list(edition.competition.disciplines.values_list("pk", flat=True))
    return ids


def clashing_editions(edition: Edition, days: int | None = None) -> QuerySet[Edition]:
    """Editions of other member competitions sharing a discipline with ``edition`` and held
    within ``days`` (the federation's ``clash_window_days`` by default) of its dates."""
    competition = edition.competition
    return editions_near(
        discipline_ids=edition_discipline_ids(edition),
        starts_on=edition.starts_on,
        ends_on=edition.ends_on,
        days=clash_window_days(competition) if days is None else days,
        exclude_competition_id=competition.pk,
        federation_id=competition.federation_id,
    )
