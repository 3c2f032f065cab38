import datetime as dt

import pytest
from django.utils import timezone

from concours.accounts.tests.factories import UserFactory
from concours.competitions.tests.factories import CompetitionFactory, OfficeStaffFactory
from concours.events import services
from concours.events.models import SessionMode
from concours.events.tests.factories import (
    CategoryFactory,
    EventFactory,
    QuotaFactory,
    SessionFactory,
)


class Seminar:
    """A published seminar of a competition, open for registration, with two sessions (one at
    the venue, one hybrid), an observer category and a quota of two places; its office, another
    competition's office and a few people."""

    def __init__(self) -> None:
        self.competition = CompetitionFactory(slug="schoenfeld")
        now = timezone.now()
        self.event = EventFactory(
            competition=self.competition, slug="strings-seminar", title_en="Strings Seminar",
            registration_opens_at=now - dt.timedelta(days=1),
            registration_closes_at=now + dt.timedelta(days=20),
        )  # fmt: skip
        self.morning = SessionFactory(event=self.event, title_en="Morning lecture")
        self.evening = SessionFactory(
            event=self.event, title_en="Evening panel", mode=SessionMode.HYBRID,
            starts_at=self.morning.starts_at + dt.timedelta(hours=8),
            ends_at=self.morning.starts_at + dt.timedelta(hours=10),
            platform_url="https://meet.example.org/panel-secret",
        )  # fmt: skip
        self.category = CategoryFactory(event=self.event, name_en="Observer")
        self.quota = QuotaFactory(event=self.event, size=2)
        self.office = OfficeStaffFactory(competition=self.competition).user
        self.other_office = OfficeStaffFactory(competition=CompetitionFactory()).user
        self.people = [UserFactory(full_name=f"Person {n}") for n in range(5)]

    def register(self, user, **kwargs):
        kwargs.setdefault("category", self.category)
        return services.register(event=self.event, user=user, **kwargs).registration


@pytest.fixture
def seminar(db):
    return Seminar()
