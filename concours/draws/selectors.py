"""Reads for draws: the public pages, the office's, and the order of appearance that the live
rounds use (``order_for_round``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from concours import draw as core
from concours.accounts.models import User
from concours.applications.models import Application, ApplicationStatus
from concours.competitions.access import competitions_for_office
from concours.competitions.models import Division, Edition, Round
from concours.draws.models import Draw, DrawState, WitnessInput

DRAWN = (DrawState.DRAWN, DrawState.REVEALED)


# --- The order of appearance ------------------------------------------------------------------


def admitted_applications(division: Division) -> QuerySet[Application]:
    """The division's admitted applications: the candidates of a draw unless the office names
    others (e.g. those who advanced to a later round)."""
    return (
        Application.objects.filter(division=division, status=ApplicationStatus.ADMITTED)
        .select_related("candidate")
        .order_by("pk")
    )


def draw_for_round(round_: Round) -> Draw | None:
    """The draw that sets the round's order: the round's own, else the division's draw for every
    round; only once the order is drawn."""
    draws = Draw.objects.filter(
        Q(round=round_) | Q(round__isnull=True), division_id=round_.division_id, state__in=DRAWN
    )
    found = {draw.round_id: draw for draw in draws}
    return found.get(round_.pk) or found.get(None)


def alphabetical_key(application: Application) -> tuple[str, str, str]:
    """Family name, given name, number, collated as in the draw (spec §4): the order when there
    is no draw, and for candidates a draw does not include."""
    profile = application.candidate
    return core.sort_key(
        core.Candidate(str(application.pk), profile.family_name, profile.given_name)
    )


def order_for_round(
    round_: Round, candidates: Iterable[Application] | None = None
) -> list[Application]:
    """The round's candidates in their order of appearance.

    ``candidates`` are the round's candidates when the caller knows them (e.g. who advanced);
    otherwise, for a round with a draw of its own, the candidates of that draw who are still
    admitted, and else the division's admitted applications. They perform in the drawn order
    (the round's own draw, else the division's draw for every round); anyone the draw does not
    include comes after, alphabetically; without a draw the order is alphabetical.
    """
    draw = draw_for_round(round_)
    if candidates is not None:
        pool = list(candidates)
    else:
        admitted = Application.objects.filter(
            division_id=round_.division_id, status=ApplicationStatus.ADMITTED
        ).select_related("candidate")
        if draw is not None and draw.round_id == round_.pk:
            admitted = admitted.filter(pk__in=draw.order)
        pool = list(admitted)
    by_id = {application.pk: application for application in pool}
    drawn = [by_id[pk] for pk in (draw.order if draw else []) if pk in by_id]
    placed = {application.pk for application in drawn}
    rest = sorted((a for a in pool if a.pk not in placed), key=alphabetical_key)
    return drawn + rest


def positions_for_round(
    round_: Round, candidates: Iterable[Application] | None = None
) -> dict[int, int]:
    """Application id → place in the round's order of appearance (1 performs first)."""
    ordered = order_for_round(round_, candidates)
    return {application.pk: place for place, application in enumerate(ordered, start=1)}


def position_of(
    round_: Round, application: Application, candidates: Iterable[Application] | None = None
) -> int | None:
    """The application's place in the round's order of appearance, or ``None`` if it is not in
    the round."""
    return positions_for_round(round_, candidates).get(application.pk)


# --- Pages ------------------------------------------------------------------------------------


def _with_details(draws: QuerySet[Draw]) -> QuerySet[Draw]:
    return draws.select_related("division__edition__competition", "round").prefetch_related(
        Prefetch("inputs", queryset=WitnessInput.objects.order_by("position"))
    )


def division_for_public_page(*, slug: str, year: int, division_slug: str) -> Division:
    """A division of a public edition, with its draws; ``Division.DoesNotExist`` otherwise."""
    return (
        Division.objects.filter(edition__in=Edition.objects.public())
        .select_related("edition__competition")
        .prefetch_related(Prefetch("draws", queryset=_with_details(Draw.objects.all())))
        .get(edition__competition__slug=slug, edition__year=year, slug=division_slug)
    )


def draw_for_public_page(
    *, slug: str, year: int, division_slug: str, round_number: int | None
) -> Draw:
    """One draw of a public edition; ``Draw.DoesNotExist`` otherwise."""
    draws = _with_details(Draw.objects.filter(division__edition__in=Edition.objects.public()))
    scope = Q(round__isnull=True) if round_number is None else Q(round__number=round_number)
    return draws.filter(scope).get(
        division__edition__competition__slug=slug,
        division__edition__year=year,
        division__slug=division_slug,
    )


def divisions_for_office(user: User) -> QuerySet[Division]:
    """The divisions of the competitions ``user`` runs, latest editions first, with draws."""
    return (
        Division.objects.filter(edition__competition__in=competitions_for_office(user))
        .select_related("edition__competition")
        .prefetch_related(Prefetch("draws", queryset=Draw.objects.select_related("round")))
        .order_by("-edition__starts_on", "edition__competition__name_en", "order", "name_en")
    )


def draws_for_office(user: User) -> QuerySet[Draw]:
    return _with_details(
        Draw.objects.filter(division__edition__competition__in=competitions_for_office(user))
    )


def order_rows(draw: Draw) -> list[dict[str, object]]:
    """The drawn order for a page: place, the candidate's names and id, from the draw itself."""
    by_id = {int(candidate["id"]): candidate for candidate in draw.candidates}
    return [{"place": place, "id": pk, **by_id[pk]} for place, pk in enumerate(draw.order, start=1)]


def candidate_rows(draw: Draw) -> list[dict[str, str]]:
    """The candidates of a draw in alphabetical order (spec §4)."""
    return sorted(
        draw.candidates,
        key=lambda c: core.sort_key(core.Candidate(c["id"], c["family_name"], c["given_name"])),
    )
