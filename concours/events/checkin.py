"""Attendance: checking a ticket in at the door, and recording who joined online."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from concours.accounts.models import User
from concours.events.models import (
    Attendance,
    AttendanceKind,
    Registration,
    RegistrationSession,
    RegistrationStatus,
    Session,
)
from concours.events.tickets import normalise_code


@dataclass(frozen=True)
class CheckIn:
    #: "checked_in", "already", "not_for_session", "not_confirmed" or "not_a_ticket"
    result: str
    registration: Registration | None = None
    attendance: Attendance | None = None


def covers(registration: Registration, session: Session) -> bool:
    """Whether the registration is for ``session`` (every session when there is no choice)."""
    if not registration.event.choose_sessions:
        return session.event_id == registration.event_id
    return RegistrationSession.objects.filter(registration=registration, session=session).exists()


def check_in(*, session: Session, code: str, by: User, now: dt.datetime | None = None) -> CheckIn:
    """Check a ticket in for ``session``; a second check-in answers when the first was."""
    now = now or timezone.now()
    secret = normalise_code(code)
    registration = (
        Registration.objects.select_related("user", "category", "event")
        .filter(ticket_secret=secret, event_id=session.event_id)
        .first()
        if secret
        else None
    )
    if registration is None:
        return CheckIn("not_a_ticket")
    if registration.status != RegistrationStatus.CONFIRMED:
        return CheckIn("not_confirmed", registration)
    if not covers(registration, session):
        return CheckIn("not_for_session", registration)
    existing = Attendance.objects.filter(registration=registration, session=session).first()
    if existing is not None:
        return CheckIn("already", registration, existing)
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                registration=registration, session=session, kind=AttendanceKind.IN_PERSON,
                at=now, by=by,
            )  # fmt: skip
    except IntegrityError:  # scanned at two doors at once
        existing = Attendance.objects.get(registration=registration, session=session)
        return CheckIn("already", registration, existing)
    return CheckIn("checked_in", registration, attendance)


def record_online_attendance(
    *, registration: Registration, session: Session, now: dt.datetime | None = None
) -> Attendance:
    attendance, _ = Attendance.objects.get_or_create(
        registration=registration, session=session,
        defaults={"kind": AttendanceKind.ONLINE, "at": now or timezone.now()},
    )  # fmt: skip
    return attendance
