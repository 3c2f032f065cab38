"""Reminders before the deadline: each draft that is still missing something gets one e-mail
at each reminder point (7 days and 2 days before the close, by default), never twice.

Run ``manage.py send_reminders`` from cron every hour; it only enqueues tasks."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from concours.applications.models import Application, ApplicationStatus, Reminder
from concours.core.tasks import enqueue_on_commit

#: Reminder points: days before the applications close.
POINTS = (7, 2)


def due_reminders(
    *, now: dt.datetime, points: tuple[int, ...] = POINTS
) -> list[tuple[Application, str]]:
    """Drafts whose edition closes within a reminder point and that did not get that reminder."""
    found: list[tuple[Application, str]] = []
    drafts = Application.objects.filter(
        status=ApplicationStatus.DRAFT,
        division__edition__applications_close_at__gt=now,
        division__edition__applications_close_at__lte=now + dt.timedelta(days=max(points)),
    ).select_related("division__edition", "candidate__user")
    for application in drafts:
        left = application.division.edition.applications_close_at - now  # type: ignore[operator]
        passed = [days for days in points if left <= dt.timedelta(days=days)]
        if passed:
            kind = f"deadline-{min(passed)}d"
            if not application.reminders.filter(kind=kind).exists():
                found.append((application, kind))
    return found


def send_due_reminders(*, now: dt.datetime) -> int:
    """Record and enqueue every due reminder; a reminder recorded once is never sent again."""
    sent = 0
    for application, kind in due_reminders(now=now):
        try:
            with transaction.atomic():
                Reminder.objects.create(application=application, kind=kind, sent_at=now)
                _enqueue(application_id=application.pk)
        except IntegrityError:  # another run got there first
            continue
        sent += 1
    return sent


def _enqueue(*, application_id: int) -> None:
    from concours.applications.tasks import send_reminder

    enqueue_on_commit(send_reminder, application_id)
