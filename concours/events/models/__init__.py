"""Events: master classes, seminars, roundtables, conferences, concerts, the Annual Meeting and
the General Assembly. ``event.py`` holds what an event is (its owner, venues, rooms, sessions and
speakers); ``registration.py`` the registration (categories, questions, quotas, the waiting
list, tickets); ``attendance.py`` who was there, reminders and personal calendar feeds."""

from concours.events.models.attendance import (
    Attendance,
    AttendanceKind,
    CalendarFeed,
    SessionReminder,
)
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
from concours.events.models.registration import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    CategoryKind,
    FeeStatus,
    Question,
    QuestionKind,
    Quota,
    Registration,
    RegistrationCategory,
    RegistrationSession,
    RegistrationStatus,
)

__all__ = [
    "ACTIVE_STATUSES",
    "HOLDING_STATUSES",
    "Attendance",
    "AttendanceKind",
    "CalendarFeed",
    "CategoryKind",
    "Event",
    "EventKind",
    "EventStatus",
    "FeeStatus",
    "Question",
    "QuestionKind",
    "Quota",
    "Registration",
    "RegistrationCategory",
    "RegistrationSession",
    "RegistrationStatus",
    "Room",
    "Session",
    "SessionMode",
    "SessionReminder",
    "SessionSpeaker",
    "Speaker",
    "SpeakerRole",
    "Venue",
]
