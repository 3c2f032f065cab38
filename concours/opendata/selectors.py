"""Reads of the open data: the public editions that have a document, one public edition."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from concours.accounts.models import User
from concours.competitions.models import Edition
from concours.federation.models import Federation, SecretariatMember
from concours.opendata.models import ImportedResult


def public_editions() -> QuerySet[Edition]:
    """Every edition that is not a draft, with its competition (one query), newest first."""
    return (
        Edition.objects.public()
        .select_related("competition", "imported")
        .order_by("competition__name_en", "-year")
    )


def public_edition(*, slug: str, year: int) -> Edition | None:
    return (
        Edition.objects.public()
        .select_related("competition__city")
        .filter(competition__slug=slug, year=year)
        .first()
    )


def federation_for(user: User | None) -> Federation | None:
    """The federation an import is for: the user's secretariat's, else the first one."""
    if user is not None:
        membership = SecretariatMember.objects.filter(user=user).select_related("federation")
        found = membership.first()
        if found is not None:
            return found.federation
    return Federation.objects.order_by("pk").first()


def imported_rounds(edition: Edition) -> list[dict[str, Any]]:
    """The imported results of ``edition``'s rounds, shaped for the page: candidates by their
    code, advancers and awards as names, the ranking (when it was public) with names."""
    results = (
        ImportedResult.objects.filter(round__division__edition=edition)
        .select_related("round__division")
        .order_by("round__division__order", "round__division_id", "round__number")
    )
    rounds = []
    for result in results:
        names = {c["code"]: c for c in result.candidates}

        def who(code: str, names: dict[str, Any] = names) -> dict[str, Any]:
            return names.get(code, {"code": code, "name": code, "native_name": "", "countries": []})

        rounds.append(
            {
                "round": result.round,
                "published_at": result.published_at,
                "advancers": [who(code) for code in result.advancers],
                "awards": [
                    {**award, "who": [who(code) for code in award.get("candidates", [])]}
                    for award in result.awards
                ],
                "ranking": [{**row, "who": who(row["candidate"])} for row in result.ranking or []],
            }
        )
    return rounds
