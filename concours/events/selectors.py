"""Reads for the events' pages, shaped so that queries do not grow with rows."""

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Prefetch, QuerySet

from concours.accounts.models import User
from concours.events.models import (
    HOLDING_STATUSES,
    Attendance,
    Event,
    Question,
    Registration,
    RegistrationCategory,
    RegistrationStatus,
    Session,
    SessionSpeaker,
    Speaker,
)


def public_events(*, kind: str = "", when: str = "upcoming", today: dt.date) -> QuerySet[Event]:
    """Public events, upcoming (soonest first) or past (latest first), of one kind or all."""
    events = Event.objects.public().select_related("competition", "city", "federation", "host_city")
    if kind:
        events = events.filter(kind=kind)
    if when == "past":
        return events.filter(ends_on__lt=today).order_by("-starts_on", "id")
    return events.filter(ends_on__gte=today).order_by("starts_on", "id")


def sessions_with_details(event: Event) -> list[Session]:
    speakers = SessionSpeaker.objects.select_related("speaker").order_by("order", "id")
    return list(
        event.sessions.select_related("room__venue")
        .prefetch_related(Prefetch("speakers", queryset=speakers))
        .order_by("starts_at", "id")
    )


@dataclass(frozen=True)
class Day:
    date: dt.date
    sessions: list[Session]


def timetable(event: Event, sessions: list[Session]) -> list[Day]:
    """The sessions grouped by day in the event's time zone."""
    zone = event.zone
    return [
        Day(date, list(group))
        for date, group in groupby(sessions, key=lambda s: s.starts_at.astimezone(zone).date())
    ]


def speakers_of(sessions: list[Session]) -> list[Speaker]:
    seen: dict[int, Speaker] = {}
    for session in sessions:
        for link in session.speakers.all():
            seen.setdefault(link.speaker_id, link.speaker)
    return sorted(seen.values(), key=lambda s: (s.name_en, s.pk))


def registration_form_data(
    event: Event,
) -> tuple[list[RegistrationCategory], list[Question], list[Session]]:
    categories = list(event.categories.filter(is_public=True))
    questions = list(event.questions.all())
    sessions = list(event.sessions.order_by("starts_at", "id")) if event.choose_sessions else []
    return categories, questions, sessions


def active_registration(event: Event, user: User) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status__in=[RegistrationStatus.CANCELLED, RegistrationStatus.EXPIRED])
        .first()
    )


def registrations_of(user: User) -> list[Registration]:
    return list(
        Registration.objects.filter(user=user)
        .select_related("event", "category")
        .order_by("-event__starts_on", "-id")
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED, pk__lt=registration.pk
    ).count()
    return ahead + 1


def sessions_of(registration: Registration) -> list[Session]:
    """The sessions a registration covers, with their rooms."""
    sessions = Session.objects.select_related("room__venue", "event").order_by("starts_at", "id")
    if registration.event.choose_sessions:
        return list(sessions.filter(chosen_by__registration=registration))
    return list(sessions.filter(event_id=registration.event_id))


def attendances_of(registration: Registration) -> list[Attendance]:
    return list(
        registration.attendances.select_related("session").order_by("session__starts_at", "id")
    )


def personal_sessions(user: User) -> list[Session]:
    """A person's own sessions: those of their registrations holding a place, and those they
    speak at or teach."""
    registrations = Registration.objects.filter(user=user, status__in=HOLDING_STATUSES)
    chosen = Session.objects.filter(
        chosen_by__registration__in=registrations, event__choose_sessions=True
    )
    whole = Session.objects.filter(
        event__registrations__in=registrations, event__choose_sessions=False
    )
    spoken = Session.objects.filter(speakers__speaker__user=user)
    ids = set(chosen.values_list("pk", flat=True))
    ids |= set(whole.values_list("pk", flat=True))
    ids |= set(spoken.values_list("pk", flat=True))
    return list(
        Session.objects.filter(pk__in=ids)
        .select_related("event", "room__venue")
        .order_by("starts_at", "id")
    )
