"""Reminders before the deadline: what is missing, once per reminder point, never twice."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from concours.applications.models import ApplicationStatus, Reminder
from concours.applications.reminders import due_reminders, send_due_reminders

pytestmark = pytest.mark.django_db


def test_reminders_at_seven_and_two_days_once_each(
    draft, django_capture_on_commit_callbacks, settings
):
    settings.CONCOURS_SITE_URL = "http://testserver"
    close = draft.division.edition.applications_close_at
    assert due_reminders(now=close - dt.timedelta(days=8)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(now=close - dt.timedelta(days=6)) == 1
        assert send_due_reminders(now=close - dt.timedelta(days=5)) == 0  # the 7-day one is done
        assert send_due_reminders(now=close - dt.timedelta(days=1)) == 1
    assert list(Reminder.objects.values_list("kind", flat=True).order_by("kind")) == [
        "deadline-2d",
        "deadline-7d",
    ]
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert "Still missing:" in body
    assert "- Round 1 has no pieces yet." in body


def test_submitted_applications_get_no_reminder(draft):
    draft.status = ApplicationStatus.SUBMITTED
    draft.save()
    close = draft.division.edition.applications_close_at
    assert due_reminders(now=close - dt.timedelta(days=1)) == []


def test_command(draft):
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue() == "0 reminders queued.\n"
