import datetime as dt

import pytest

from concours.demo.load_masterclasses import SLUG, load_masterclasses
from concours.demo.services import load_demo
from concours.masterclasses.models import ApplicationStatus, Lesson, MasterClassApplication

NOW = dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_demo_master_classes(client):
    """``load_demo`` loads the master classes (after the events they belong to)."""
    load_demo(now=NOW, live=False)
    assert MasterClassApplication.objects.filter(event__slug=SLUG).count() == 12
    statuses = list(MasterClassApplication.objects.values_list("status", flat=True))
    assert statuses.count(ApplicationStatus.SELECTED) == 8
    assert Lesson.objects.filter(session__event__slug=SLUG).count() == 16
    assert client.get(f"/master-classes/{SLUG}/timetable/").status_code == 200
    with pytest.raises(ValueError, match="already loaded"):
        load_masterclasses(now=NOW)
