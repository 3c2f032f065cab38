import factory

from concours.federation.models import City, Discipline, Federation, Instrument, SecretariatMember


class FederationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Federation
        django_get_or_create = ["short_name"]

    short_name = "WFIMC"
    name_en = "World Federation of International Music Competitions"
    name_zh = "世界国际音乐比赛联盟"
    founded_year = 1957


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ["slug"]

    name_en = "Harbin"
    name_zh = "哈尔滨"
    slug = factory.LazyAttribute(lambda o: o.name_en.lower().replace(" ", "-"))
    country = "CN"
    time_zone = "Asia/Shanghai"
    unesco_city_of_music = True


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline
        django_get_or_create = ["code"]

    code = "violin"
    name_en = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
    name_zh = factory.LazyAttribute(
        lambda o: {"violin": "小提琴", "cello": "大提琴", "chamber-music": "室内乐"}.get(o.code, "")
    )


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        django_get_or_create = ["code"]

    code = "piano"
    name_en = factory.LazyAttribute(lambda o: o.code.capitalize())


class SecretariatMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecretariatMember

    federation = factory.SubFactory(FederationFactory)
    user = factory.SubFactory("concours.accounts.tests.factories.UserFactory")
