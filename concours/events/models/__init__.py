"""Events: master classes, seminars, roundtables, conferences, concerts, the Annual Meeting and
the General Assembly. ``event.py`` holds what an event is (its owner, venues, rooms, sessions and
speakers); registration, tickets and attendance live beside it."""

from concours.events.models.event import (
    Event,
    EventKind,
    EventStatus,
    Room,
    Session,
    SessionMode,
    SessionSpeaker,
    Speaker,
    SpeakerRole,
    Venue,
)

__all__ = [
    "Event",
    "EventKind",
    "EventStatus",
    "Room",
    "Session",
    "SessionMode",
    "SessionSpeaker",
    "Speaker",
    "SpeakerRole",
    "Venue",
]
