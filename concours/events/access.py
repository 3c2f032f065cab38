"""Who may do what with events. The office of an event is its competition's office staff (and
the secretariat); events of a city or of the federation are the secretariat's."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.competitions.access import competitions_for_office
from concours.events.models import Event, EventStatus, Registration
from concours.federation.access import is_secretariat


def events_for_office(user: User | AnonymousUser) -> QuerySet[Event]:
    if not user.is_authenticated or not user.is_active:
        return Event.objects.none()
    if is_secretariat(user):
        return Event.objects.all()
    return Event.objects.filter(competition__in=competitions_for_office(user).values("pk"))


def can_manage_event(user: User | AnonymousUser, event: Event) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if is_secretariat(user):
        return True
    if event.competition_id is None:
        return False
    return competitions_for_office(user).filter(pk=event.competition_id).exists()


def access_event_for_office(user: User | AnonymousUser, slug: str) -> Event:
    """The event, if ``user`` runs it; otherwise ``Http404`` (never reveal it exists)."""
    event = Event.objects.filter(slug=slug).first()
    if event is None or not can_manage_event(user, event):
        raise Http404(_("No such event."))
    return event


def access_public_event(slug: str) -> Event:
    """A published or cancelled event (drafts are not public)."""
    event = (
        Event.objects.select_related("competition", "city", "federation", "host_city", "edition")
        .filter(slug=slug)
        .exclude(status=EventStatus.DRAFT)
        .first()
    )
    if event is None:
        raise Http404(_("No such event."))
    return event


def access_event_to_register(slug: str) -> Event:
    """A published or cancelled event without its related rows: the registration form needs
    only the event's own fields, and this is the path the rush of registrations takes."""
    event = Event.objects.filter(slug=slug).exclude(status=EventStatus.DRAFT).first()
    if event is None:
        raise Http404(_("No such event."))
    return event


def access_own_registration(user: User | AnonymousUser, registration_id: int) -> Registration:
    """The registrant's own registration; anyone else's answers 404."""
    found = (
        Registration.objects.select_related("event", "category", "user")
        .filter(Q(pk=registration_id) & Q(user_id=getattr(user, "pk", None)))
        .first()
    )
    if found is None:
        raise Http404(_("No such registration."))
    return found
