"""The demo's events (``load_demo`` runs ``load_events`` after the competitions)."""

import datetime as dt

import pytest

from concours.demo.load_events import (
    ANNUAL_MEETING_SLUG,
    GENERAL_ASSEMBLY_SLUG,
    MASTER_CLASSES_SLUG,
)
from concours.demo.services import load_demo
from concours.events.models import (
    Attendance,
    Event,
    Registration,
    RegistrationStatus,
    Session,
    Speaker,
)

NOW = dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_load_events_after_the_demo(client):
    load_demo(now=NOW, live=False)
    assert Event.objects.count() == 4
    assert Session.objects.count() == 33  # 27 master-class lessons of 3 teachers over 3 days
    assert Registration.objects.count() == 10
    assert Attendance.objects.count() == 12
    classes = Event.objects.get(slug=MASTER_CLASSES_SLUG)
    assert (classes.kind, classes.competition.slug, classes.edition.year) == ("master_class", "schoenfeld", 2025)  # fmt: skip
    assert Speaker.objects.filter(sessions__session__event=classes).distinct().count() == 3
    meeting = Event.objects.get(slug=ANNUAL_MEETING_SLUG)
    assert meeting.federation is not None
    assert meeting.host_city.slug == "harbin"
    assert meeting.starts_on <= NOW.date() <= meeting.ends_on
    assert Event.objects.get(slug=GENERAL_ASSEMBLY_SLUG).parent == meeting
    statuses = sorted(Registration.objects.filter(event=meeting).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.WAITLISTED) == 1
    assert statuses.count(RegistrationStatus.OFFERED) == 1
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get("/events/").status_code == 200
