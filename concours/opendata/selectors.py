"""Reads of the open data: the public editions that have a document, one public edition."""

from __future__ import annotations

from django.db.models import QuerySet

from concours.accounts.models import User
from concours.competitions.models import Edition
from concours.federation.models import Federation, SecretariatMember


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
