import datetime as dt

import factory
from django.utils import timezone

from concours.accounts.tests.factories import UserFactory
from concours.competitions.tests.factories import CompetitionFactory
from concours.events.models import (
    CategoryKind,
    Event,
    EventKind,
    EventStatus,
    Question,
    Quota,
    Registration,
    RegistrationCategory,
    Room,
    Session,
    SessionMode,
    SessionSpeaker,
    Speaker,
    Venue,
)
from concours.federation.tests.factories import CityFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.SEMINAR
    status = EventStatus.PUBLISHED
    slug = factory.Sequence(lambda n: f"event-{n}")
    title_en = factory.Sequence(lambda n: f"Seminar No. {n}")
    title_zh = factory.Sequence(lambda n: f"第{n}号研讨会")
    competition = factory.SubFactory(CompetitionFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=1))
    time_zone = "Asia/Shanghai"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name_en = factory.Sequence(lambda n: f"Concert Hall {n}")
    name_zh = "音乐厅"
    city = factory.SubFactory(CityFactory)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name_en = factory.Sequence(lambda n: f"Hall {n}")
    name_zh = "大厅"
    capacity = 200


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title_en = factory.Sequence(lambda n: f"Lecture {n}")
    title_zh = factory.Sequence(lambda n: f"讲座{n}")
    starts_at = factory.LazyAttribute(
        lambda o: dt.datetime.combine(o.event.starts_on, dt.time(9), tzinfo=o.event.zone)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    mode = SessionMode.VENUE
    room = factory.SubFactory(RoomFactory)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name_en = factory.Sequence(lambda n: f"Speaker {n}")
    name_zh = factory.Sequence(lambda n: f"演讲人{n}")
    bio_en = "Teaches violin."
    bio_zh = "小提琴教师。"


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationCategory

    event = factory.SubFactory(EventFactory)
    kind = CategoryKind.OBSERVER
    name_en = "Observer"
    name_zh = "观察员"


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quota

    event = factory.SubFactory(EventFactory)
    name = "Places"
    size = 2


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    text_en = "Your institution"
    text_zh = "您的单位"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    category = factory.SubFactory(CategoryFactory, event=factory.SelfAttribute("..event"))
