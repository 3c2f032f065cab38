"""Who may do what at a General Assembly: the secretariat chairs; a member's voting delegate
votes for the member, and for the members whose proxy the member holds."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.assembly.models import Assembly, Delegate, Proxy
from concours.competitions.models import Competition
from concours.events.models import EventStatus
from concours.federation.access import is_secretariat


def can_chair(user: User | AnonymousUser) -> bool:
    """The federation's secretariat chairs the assembly (opens and closes motions, records
    the room's votes, publishes)."""
    return is_secretariat(user)


def access_assembly(assembly_id: int, user: User | AnonymousUser) -> Assembly:
    """An assembly whose event is public (or any, for the secretariat); 404 otherwise."""
    found = Assembly.objects.select_related("event", "federation").filter(pk=assembly_id).first()
    if found is None or (found.event.status == EventStatus.DRAFT and not can_chair(user)):
        raise Http404(_("No such assembly."))
    return found


def delegation(assembly: Assembly, user: User | AnonymousUser) -> Delegate | None:
    """The user's seat at the assembly, voting or not; ``None`` for anyone else."""
    if not user.is_authenticated:
        return None
    return (
        Delegate.objects.select_related("competition")
        .filter(assembly=assembly, user_id=user.pk)
        .first()
    )


def votes_for(assembly: Assembly, user: User | AnonymousUser) -> list[tuple[Competition, bool]]:
    """The members the user may vote for, each with whether it is by proxy: their own member
    (if they are its voting delegate), then the members whose proxy it holds."""
    seat = delegation(assembly, user)
    if seat is None or not seat.voting:
        return []
    held = (
        Proxy.objects.filter(assembly=assembly, holder_id=seat.competition_id)
        .select_related("giver")
        .order_by("giver__name_en")
    )
    return [(seat.competition, False), *((proxy.giver, True) for proxy in held)]


def voting_capacity(assembly: Assembly, user: User, competition_id: int) -> bool | None:
    """How the user may vote for this member: ``False`` directly, ``True`` by proxy, ``None``
    not at all."""
    for member, by_proxy in votes_for(assembly, user):
        if member.pk == competition_id:
            return by_proxy
    return None
