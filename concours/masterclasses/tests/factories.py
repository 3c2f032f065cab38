"""Factories of master classes, built on the events app's own factories."""

import datetime as dt

import factory

from concours.accounts.tests.factories import UserFactory
from concours.events.models import EventKind, SessionSpeaker, SpeakerRole
from concours.events.tests import factories as events
from concours.events.tests.factories import RoomFactory, SpeakerFactory, VenueFactory
from concours.masterclasses.models import (
    MasterClassApplication,
    RepertoirePiece,
    TeacherPreference,
)

UTC = dt.UTC

__all__ = ["RoomFactory", "SpeakerFactory", "VenueFactory"]  # re-exported for the tests


class MasterClassFactory(events.EventFactory):
    kind = EventKind.MASTER_CLASS
    slug = factory.Sequence(lambda n: f"master-class-{n}")
    title_en = factory.Sequence(lambda n: f"Master class {n}")
    starts_on = dt.date(2025, 7, 14)
    ends_on = dt.date(2025, 7, 16)
    time_zone = "Europe/Vienna"
    registration_opens_at = dt.datetime(2025, 1, 1, tzinfo=UTC)
    registration_closes_at = dt.datetime(2099, 1, 1, tzinfo=UTC)


class SessionFactory(events.SessionFactory):
    event = factory.SubFactory(MasterClassFactory)
    title_en = "Lesson"
    starts_at = dt.datetime(2025, 7, 14, 7, 0, tzinfo=UTC)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=50))


def lesson_slot(event, teacher, room, day, hour):
    """A lesson slot: a session of ``event`` with ``teacher`` as its teacher (times in UTC)."""
    session = SessionFactory(
        event=event, room=room, title_en=f"Lesson with {teacher.name_en}",
        starts_at=dt.datetime(2025, 7, day, hour, 0, tzinfo=UTC),
    )  # fmt: skip
    SessionSpeaker.objects.create(session=session, speaker=teacher, role=SpeakerRole.TEACHER)
    return session


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MasterClassApplication

    event = factory.SubFactory(MasterClassFactory)
    applicant = factory.SubFactory(UserFactory)
    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    instrument = "Violin"
    date_of_birth = dt.date(2003, 5, 1)
    nationality = "Austria"
    recording_url = "https://youtu.be/dQw4w9WgXcQ"
    motivation = "I would like to work on Bach."
    lessons_wanted = 2


def with_choices(application, *teachers):
    RepertoirePiece.objects.create(application=application, composer="Bach", work="Partita No. 2", minutes=30)  # fmt: skip
    for rank, teacher in enumerate(teachers, start=1):
        TeacherPreference.objects.create(application=application, teacher=teacher, rank=rank)
    return application
