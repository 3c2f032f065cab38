import datetime as dt

import factory

from concours.accounts.tests.factories import UserFactory
from concours.assembly.models import AgendaItem, Assembly, Delegate, Motion
from concours.competitions.tests.factories import CompetitionFactory
from concours.events.models import Event, EventKind, EventStatus
from concours.federation.tests.factories import FederationFactory


class GeneralAssemblyEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.GENERAL_ASSEMBLY
    status = EventStatus.PUBLISHED
    slug = factory.Sequence(lambda n: f"general-assembly-{n}")
    title_en = "General Assembly 2026"
    title_zh = "2026年全体大会"
    federation = factory.SubFactory(FederationFactory)
    starts_on = dt.date(2026, 5, 21)
    ends_on = dt.date(2026, 5, 21)
    time_zone = "Asia/Shanghai"


class AssemblyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assembly

    event = factory.SubFactory(GeneralAssemblyEventFactory)
    federation = factory.SelfAttribute("event.federation")


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    assembly = factory.SubFactory(AssemblyFactory)
    competition = factory.SubFactory(CompetitionFactory)
    user = factory.SubFactory(UserFactory)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    assembly = factory.SubFactory(AssemblyFactory)
    order = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Item {n}")


class MotionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motion

    agenda_item = factory.SubFactory(AgendaItemFactory)
    title_en = "Host the 2027 Annual Meeting in Schoenfeld"
    title_zh = "2027年年会在舍恩菲尔德举行"
