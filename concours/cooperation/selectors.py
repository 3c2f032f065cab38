"""Reads of cooperation projects for the public pages and the city pages."""

from django.db.models import Prefetch, Q, QuerySet

from concours.competitions.models import Competition
from concours.cooperation.models import Project, ProjectDocument
from concours.federation.models import City


def _partners() -> list[Prefetch]:
    return [
        Prefetch("competitions", queryset=Competition.objects.select_related("city")),
        Prefetch("cities", queryset=City.objects.order_by("name_en")),
    ]


def projects(*, kind: str = "", status: str = "", city: City | None = None) -> QuerySet[Project]:
    """Projects with their partners, filtered; a city matches as a partner or as the host of a
    partner competition."""
    found = Project.objects.all()
    if kind:
        found = found.filter(kind=kind)
    if status:
        found = found.filter(status=status)
    if city is not None:
        found = found.filter(pk__in=projects_of_city(city).values("pk"))
    return found.prefetch_related(*_partners())


def projects_of_city(city: City) -> QuerySet[Project]:
    matching = Project.objects.filter(Q(cities=city) | Q(competitions__city=city)).values("pk")
    return Project.objects.filter(pk__in=matching).prefetch_related(*_partners())


def project_for_page(*, slug: str) -> Project:
    return Project.objects.prefetch_related(
        *_partners(),
        Prefetch("documents", queryset=ProjectDocument.objects.filter(is_public=True)),
        "news",
    ).get(slug=slug)


def public_document(*, slug: str, pk: int) -> ProjectDocument:
    return ProjectDocument.objects.get(project__slug=slug, pk=pk, is_public=True)
