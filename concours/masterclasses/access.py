"""Who may see and decide master-class applications.

The office of the event's competition (or the secretariat, for a city's or the federation's
events) sees every application and builds the timetable. A teacher — a speaker linked to a user
who teaches in the event — sees and decides the applications that ranked them. Anyone else finds
nothing (404)."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.competitions.access import competitions_for_office
from concours.events.models import Event, EventKind, Speaker, SpeakerRole
from concours.federation.access import is_secretariat
from concours.masterclasses.models import MasterClassApplication


def is_event_office(user: User | AnonymousUser, event: Event) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if event.competition_id is None:
        return is_secretariat(user)
    return competitions_for_office(user).filter(pk=event.competition_id).exists()


def teachers_of(event: Event) -> QuerySet[Speaker]:
    """The speakers who teach in ``event`` (a teacher of one of its sessions)."""
    return Speaker.objects.filter(
        sessions__session__event=event, sessions__role=SpeakerRole.TEACHER
    ).distinct()


@dataclass(frozen=True)
class Reviewer:
    """What a reviewer of ``event`` may do: everything (the office) or as these teachers."""

    event: Event
    office: bool
    teachers: tuple[Speaker, ...]

    def applications(self) -> QuerySet[MasterClassApplication]:
        found = MasterClassApplication.objects.filter(event=self.event)
        if self.office:
            return found
        return found.filter(preferences__teacher__in=self.teachers).distinct()


def master_class(slug: str) -> Event:
    event = Event.objects.select_related("competition").filter(slug=slug, kind=EventKind.MASTER_CLASS).first()  # fmt: skip
    if event is None:
        raise Http404(_("No such master class."))
    return event


def access_reviewer(user: User | AnonymousUser, slug: str) -> Reviewer:
    """The reviewer's rights in the master class ``slug``; ``Http404`` for anyone else."""
    event = master_class(slug)
    office = is_event_office(user, event)
    teachers: tuple[Speaker, ...] = ()
    if not office and user.is_authenticated:
        teachers = tuple(teachers_of(event).filter(user=user))
    if not office and not teachers:
        raise Http404(_("No such master class."))
    return Reviewer(event, office, teachers)


def access_office(user: User | AnonymousUser, slug: str) -> Event:
    event = master_class(slug)
    if not is_event_office(user, event):
        raise Http404(_("No such master class."))
    return event
