"""Reads for the master-class pages, shaped so that queries do not grow with rows."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from concours.events.models import Event, Room, Session, SessionSpeaker, SpeakerRole
from concours.masterclasses.models import (
    ApplicationStatus,
    Lesson,
    MasterClassApplication,
    TeacherPreference,
)


def with_details(queryset: QuerySet[MasterClassApplication]) -> QuerySet[MasterClassApplication]:
    return queryset.prefetch_related(
        "pieces", Prefetch("preferences", TeacherPreference.objects.select_related("teacher"))
    )


def application_of(event: Event, user: object) -> MasterClassApplication | None:
    return with_details(MasterClassApplication.objects.filter(event=event, applicant=user)).first()


def lessons_of(application: MasterClassApplication) -> QuerySet[Lesson]:
    return application.lessons.select_related("teacher", "session__room__venue")


def lesson_slots(event: Event) -> QuerySet[Session]:
    """The event's sessions that have a teacher: the lesson slots, with their teacher."""
    teaching = SessionSpeaker.objects.filter(role=SpeakerRole.TEACHER).select_related("speaker")
    return (
        Session.objects.filter(event=event, speakers__role=SpeakerRole.TEACHER)
        .distinct()
        .select_related("room__venue")
        .prefetch_related(Prefetch("speakers", teaching, to_attr="teachers"))
        .order_by("starts_at", "id")
    )


def selected(event: Event) -> QuerySet[MasterClassApplication]:
    return with_details(
        MasterClassApplication.objects.filter(event=event, status=ApplicationStatus.SELECTED)
    )


@dataclass(frozen=True)
class GridCell:
    session: Session
    lesson: Lesson | None


@dataclass(frozen=True)
class GridDay:
    day: dt.date
    rooms: list[Room | None]
    rows: list[tuple[dt.time, list[list[GridCell]]]]


def grid(event: Event, sessions: list[Session], lessons: dict[int, Lesson]) -> list[GridDay]:
    """Days × rooms: for each day, the rooms as columns and the start times as rows."""
    zone = event.zone
    by_day: dict[dt.date, list[Session]] = defaultdict(list)
    for session in sessions:
        by_day[session.starts_at.astimezone(zone).date()].append(session)
    days = []
    for day, day_sessions in sorted(by_day.items()):
        rooms = sorted({s.room for s in day_sessions}, key=lambda r: (r is None, str(r)))
        times = sorted({s.starts_at.astimezone(zone).time() for s in day_sessions})
        rows = []
        for time in times:
            cells = [
                [
                    GridCell(s, lessons.get(s.pk))
                    for s in day_sessions
                    if s.room == room and s.starts_at.astimezone(zone).time() == time
                ]
                for room in rooms
            ]
            rows.append((time, cells))
        days.append(GridDay(day, rooms, rows))
    return days


def saved_lessons(event: Event) -> dict[int, Lesson]:
    found = Lesson.objects.filter(session__event=event).select_related("application", "teacher")
    return {lesson.session_id: lesson for lesson in found}
