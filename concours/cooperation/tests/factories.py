import datetime as dt

import factory

from concours.cooperation.models import Project, ProjectKind, ProjectNews, ProjectStatus


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project; pass its partners as ``competitions=[…]`` and ``cities=[…]``."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"project-{n}")
    kind = ProjectKind.LAUREATE_TOUR
    status = ProjectStatus.ACTIVE
    title_en = factory.Sequence(lambda n: f"Laureate tour {n}")
    title_zh = factory.Sequence(lambda n: f"获奖者巡演{n}")
    summary_en = "Laureates play in each other's cities."
    starts_on = dt.date(2027, 3, 1)
    ends_on = dt.date(2027, 6, 30)

    @factory.post_generation
    def competitions(self, create, extracted, **kwargs):
        if create and extracted:
            self.competitions.set(extracted)

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create and extracted:
            self.cities.set(extracted)


class ProjectNewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectNews

    project = factory.SubFactory(ProjectFactory)
    date = dt.date(2027, 3, 2)
    title_en = "First concert"
    title_zh = "首场音乐会"
    text_en = "The tour opened."
