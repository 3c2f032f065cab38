"""Who may open which jury page. Jurors reach only their own seats; the office only the
editions of its competitions (through ``competitions.access``). Anything else is a 404."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.competitions.access import competitions_for_office
from concours.competitions.models import Edition, JuryMember
from concours.jury.models import Conflict


def access_seat_for_juror(user: User | AnonymousUser, seat_id: int) -> JuryMember:
    """The user's own jury seat; ``Http404`` for anyone else's."""
    seat = (
        JuryMember.objects.select_related("edition__competition", "division")
        .filter(pk=seat_id, user_id=user.pk)
        .first()
        if user.is_authenticated and user.is_active
        else None
    )
    if seat is None:
        raise Http404(_("No such jury seat."))
    return seat


def access_edition_for_office(user: User | AnonymousUser, edition_id: int) -> Edition:
    """An edition of a competition the user runs (the secretariat: any); else ``Http404``."""
    edition = (
        Edition.objects.select_related("competition")
        .filter(pk=edition_id, competition__in=competitions_for_office(user))
        .first()
    )
    if edition is None:
        raise Http404(_("No such edition."))
    return edition


def access_conflict_for_office(user: User | AnonymousUser, conflict_id: int) -> Conflict:
    """A conflict in a competition the user runs; else ``Http404``."""
    conflict = (
        Conflict.objects.select_related(
            "seat__division",
            "seat__edition__competition",
            "application__candidate",
            "application__division",
            "decided_by",
        )
        .filter(pk=conflict_id, seat__edition__competition__in=competitions_for_office(user))
        .first()
    )
    if conflict is None:
        raise Http404(_("No such conflict."))
    return conflict
