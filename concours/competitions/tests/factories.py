import datetime as dt
from decimal import Decimal

import factory

from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    EditionStatus,
    JuryMember,
    OfficeStaff,
    Prize,
    PrizeKind,
    RepertoireCategory,
    RepertoireRequirement,
    Round,
)
from concours.federation.tests.factories import CityFactory, DisciplineFactory, FederationFactory


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition
        skip_postgeneration_save = True

    federation = factory.SubFactory(FederationFactory)
    name_en = factory.Sequence(lambda n: f"International Competition No. {n}")
    name_zh = factory.Sequence(lambda n: f"第{n}号国际比赛")
    short_name_en = factory.Sequence(lambda n: f"Competition {n}")
    slug = factory.Sequence(lambda n: f"competition-{n}")
    city = factory.SubFactory(CityFactory)
    founded_year = 2013
    member_since = 2017

    @factory.post_generation
    def disciplines(self, create, extracted, **kwargs):
        if create:
            self.disciplines.set(extracted or [DisciplineFactory()])


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    competition = factory.SubFactory(CompetitionFactory)
    year = 2025
    status = EditionStatus.ANNOUNCED
    starts_on = factory.LazyAttribute(lambda o: dt.date(o.year, 8, 1))
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.year, 8, 14))
    venue_en = "Harbin Concert Hall"
    venue_zh = "哈尔滨音乐厅"
    time_zone = "Asia/Shanghai"


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    discipline = factory.SubFactory(DisciplineFactory)
    name_en = "Violin"
    name_zh = "小提琴"
    slug = factory.Sequence(lambda n: f"division-{n}")
    born_on_or_after = dt.date(1993, 1, 1)
    born_on_or_before = dt.date(2009, 12, 31)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    division = factory.SubFactory(DivisionFactory)
    number = factory.Sequence(lambda n: n + 1)
    name_en = factory.LazyAttribute(lambda o: f"Round {o.number}")
    name_zh = factory.LazyAttribute(lambda o: f"第{o.number}轮")
    min_duration = dt.timedelta(minutes=20)
    max_duration = dt.timedelta(minutes=25)
    advancing = 14


class RepertoireCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RepertoireCategory

    edition = factory.SubFactory(EditionFactory)
    code = factory.Sequence(lambda n: f"category-{n}")
    name_en = "Paganini caprice"
    name_zh = "帕格尼尼随想曲"


class RepertoireRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RepertoireRequirement

    round = factory.SubFactory(RoundFactory)
    category = factory.SubFactory(
        RepertoireCategoryFactory, edition=factory.SelfAttribute("..round.division.edition")
    )
    min_count = 1


class PrizeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prize

    division = factory.SubFactory(DivisionFactory)
    edition = factory.SelfAttribute("division.edition")
    kind = PrizeKind.PLACE
    place = 1
    name_en = "First Prize"
    name_zh = "一等奖"
    amount = Decimal("30000.00")
    currency = "USD"
    medal = "gold"


class JuryMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryMember

    edition = factory.SubFactory(EditionFactory)
    name_en = factory.Faker("name")
    country = "DE"


class OfficeStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeStaff

    competition = factory.SubFactory(CompetitionFactory)
    user = factory.SubFactory("concours.accounts.tests.factories.UserFactory")
