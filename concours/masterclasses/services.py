"""Writes for master classes: apply (and edit until registration closes), withdraw, decide, and
the timetable. Each is one transaction; e-mails leave through background tasks on commit.

This module is the one adapter to the pure ``concours.timetable`` core: it turns the event's
lesson slots (sessions with a teacher) and the selected participants into the core's problem,
and stores the core's timetable as ``Lesson`` rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours import timetable as core
from concours.accounts.models import User
from concours.core.tasks import enqueue_on_commit
from concours.events.models import Event, Session, Speaker
from concours.masterclasses import selectors
from concours.masterclasses.access import teachers_of
from concours.masterclasses.messages import reason_text
from concours.masterclasses.models import (
    ApplicationStatus,
    Decision,
    Lesson,
    MasterClassApplication,
    RepertoirePiece,
    Selection,
    TeacherPreference,
)
from concours.masterclasses.tasks import send_lessons_email

EDITABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN)


class MasterClassError(Exception):
    """An action that cannot be done, with a message for the person who tried."""


@dataclass(frozen=True)
class Piece:
    composer: str
    work: str
    minutes: int


def save_application(
    *, event: Event, user: User, details: dict[str, Any], pieces: list[Piece],
    teachers: list[Speaker], now: dt.datetime | None = None,
) -> MasterClassApplication:  # fmt: skip
    """Apply for an active place, or change the application, while registration is open."""
    now = now or timezone.now()
    if not event.registration_open(now):
        raise MasterClassError(_("Applications for this master class are closed."))
    allowed = set(teachers_of(event).values_list("pk", flat=True))
    if any(teacher.pk not in allowed for teacher in teachers):
        raise MasterClassError(_("Choose teachers of this master class."))
    with transaction.atomic():
        application = (
            MasterClassApplication.objects.select_for_update()
            .filter(event=event, applicant=user)
            .first()
        )
        if application is None:
            application = MasterClassApplication(event=event, applicant=user)
        elif application.status not in EDITABLE:
            raise MasterClassError(_("Your application has been decided on and cannot change."))
        for name, value in details.items():
            setattr(application, name, value)
        application.status = ApplicationStatus.SUBMITTED
        application.save()
        application.pieces.all().delete()
        RepertoirePiece.objects.bulk_create(
            RepertoirePiece(application=application, order=index, **vars(piece))
            for index, piece in enumerate(pieces, start=1)
        )
        application.preferences.all().delete()
        TeacherPreference.objects.bulk_create(
            TeacherPreference(application=application, teacher=teacher, rank=rank)
            for rank, teacher in enumerate(teachers, start=1)
        )
    return application


def withdraw_application(
    *, application: MasterClassApplication, by: User, now: dt.datetime | None = None
) -> None:
    with transaction.atomic():
        locked = MasterClassApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status == ApplicationStatus.WITHDRAWN:
            raise MasterClassError(_("This application is already withdrawn."))
        locked.lessons.all().delete()
        _set_status(locked, ApplicationStatus.WITHDRAWN, by, now)


def _set_status(
    application: MasterClassApplication, status: str, by: User | None, now: dt.datetime | None
) -> None:
    application.status = status
    application.status_changed_at = now or timezone.now()
    application.status_changed_by = by
    application.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])  # fmt: skip


def decide(
    *, application: MasterClassApplication, decision: str, by: User,
    teacher: Speaker | None = None, note: str = "", now: dt.datetime | None = None,
) -> Selection:  # fmt: skip
    """Select, put on the reserve list or decline; ``teacher`` when a teacher decides."""
    now = now or timezone.now()
    decision = Decision(decision)
    with transaction.atomic():
        locked = MasterClassApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status == ApplicationStatus.WITHDRAWN:
            raise MasterClassError(_("The applicant has withdrawn this application."))
        if decision != Decision.SELECTED:
            locked.lessons.all().delete()
        _set_status(locked, decision, by, now)
        return Selection.objects.create(
            application=locked, decision=decision, teacher=teacher, decided_by=by,
            decided_at=now, note=note,
        )  # fmt: skip


# --- The timetable -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    result: core.Result
    messages: list[str]
    pairs: list[tuple[int, int]]  # (application id, session id)


def build_problem(event: Event) -> core.Problem:
    """The core's problem: the event's lesson slots and its selected participants."""
    zone = event.zone
    sessions = list(selectors.lesson_slots(event))
    teachers = {s.teachers[0].speaker for s in sessions}  # type: ignore[attr-defined]
    teachers.update(teachers_of(event))
    slots = tuple(
        core.Slot(
            str(s.pk),
            str(s.teachers[0].speaker_id),  # type: ignore[attr-defined]
            s.starts_at.astimezone(zone).date(),
            s.starts_at.astimezone(zone).time(),
            s.ends_at.astimezone(zone).time(),
            f"room-{s.room_id}" if s.room_id else f"online-{s.pk}",
        )
        for s in sessions
        if s.ends_at.astimezone(zone).date() == s.starts_at.astimezone(zone).date()
    )
    participants = tuple(
        core.Participant(
            str(a.pk),
            a.name,
            a.lessons_wanted,
            preferences=tuple(str(p.teacher_id) for p in a.preferences.all()),
        )
        for a in selectors.selected(event)
    )
    return core.Problem(
        tuple(core.Teacher(str(t.pk), t.name_en) for t in sorted(teachers, key=lambda t: t.pk)),
        slots,
        participants,
    )


def propose_timetable(*, event: Event, effort: float = core.solver.DEFAULT_EFFORT) -> Proposal:
    """Run the core on the selected participants and the lesson slots (nothing is saved)."""
    problem = build_problem(event)
    if not problem.participants:
        raise MasterClassError(_("Select participants before building the timetable."))
    try:
        result = core.solve(problem, effort=effort)
    except core.InputError as error:  # pragma: no cover - the database keeps the data well-formed
        raise MasterClassError(str(error)) from None
    pairs = [(int(lesson.participant), int(lesson.slot)) for lesson in result.lessons]
    return Proposal(result, [reason_text(r) for r in result.reasons], pairs)


def save_timetable(
    *, event: Event, pairs: list[tuple[int, int]], by: User | None, notify: bool = True
) -> list[Lesson]:
    """Replace the event's lessons by ``pairs`` (application id, session id), after checking
    them against every rule of the timetable again (the data may have changed meanwhile)."""
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        problem = build_problem(event)
        violations = core.validate(problem, [core.Lesson(str(a), str(s)) for a, s in pairs])
        if violations:
            raise MasterClassError(" ".join(reason_text(v) for v in violations))
        teacher_of = {slot.id: int(slot.teacher) for slot in problem.slots}
        Lesson.objects.filter(session__event=event).delete()
        sessions = {s.pk: s for s in Session.objects.filter(pk__in=[s for _, s in pairs])}
        created = []
        counts: dict[int, int] = {}
        for application_id, session_id in sorted(pairs, key=lambda p: (sessions[p[1]].starts_at, p)):  # fmt: skip
            counts[application_id] = counts.get(application_id, 0) + 1
            created.append(
                Lesson(
                    application_id=application_id,
                    session_id=session_id,
                    teacher_id=teacher_of[str(session_id)],
                    order=counts[application_id],
                )
            )
        Lesson.objects.bulk_create(created)
        for application_id in sorted(counts) if notify else []:
            enqueue_on_commit(send_lessons_email, application_id)
    return created
