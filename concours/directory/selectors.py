"""Reads for the member directory, the calendar and the city pages. Each fetches the related rows
its page shows up front, so the number of queries does not grow with rows."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from concours.competitions.models import Competition, Division, Edition, EditionStatus
from concours.cooperation.models import Project
from concours.cooperation.selectors import projects_of_city
from concours.events.models import Event
from concours.federation.models import City, Discipline


def _public_editions_newest_first() -> Prefetch:
    return Prefetch("editions", queryset=Edition.objects.public().order_by("-starts_on"))


def member_competitions() -> QuerySet[Competition]:
    """Every member competition: one that belongs to a federation."""
    return Competition.objects.filter(federation__isnull=False)


def members(
    *,
    discipline: Discipline | None = None,
    country: str = "",
    city: City | None = None,
    search: str = "",
) -> QuerySet[Competition]:
    """Member competitions for the directory with city, federation, disciplines and public
    editions; ``search`` matches the name or short name in either language."""
    found = member_competitions()
    if discipline is not None:
        found = found.filter(pk__in=Competition.objects.filter(disciplines=discipline).values("pk"))
    if country:
        found = found.filter(city__country=country)
    if city is not None:
        found = found.filter(city=city)
    if search := search.strip():
        found = found.filter(
            Q(name_en__icontains=search)
            | Q(name_zh__icontains=search)
            | Q(short_name_en__icontains=search)
            | Q(short_name_zh__icontains=search)
        )
    return (
        found.select_related("city", "federation")
        .prefetch_related("disciplines", _public_editions_newest_first())
        .order_by("name_en")
    )


def member_countries() -> list[str]:
    """The ISO codes of the countries member competitions are held in."""
    codes = member_competitions().values_list("city__country", flat=True).distinct()
    return sorted(set(codes))


def member_cities() -> QuerySet[City]:
    """Cities with a page: they host a member competition or take part in a project."""
    hosting = member_competitions().values("city_id")
    partnering = Project.objects.filter(cities__isnull=False).values("cities")
    return City.objects.filter(Q(pk__in=hosting) | Q(pk__in=partnering)).order_by("name_en")


def cities_for_list() -> QuerySet[City]:
    return member_cities().prefetch_related(
        Prefetch("competitions", queryset=member_competitions().order_by("name_en"))
    )


def city_for_page(*, slug: str, today: dt.date) -> City:
    """A member city with its member competitions, each with its next public editions."""
    upcoming = (
        Edition.objects.public()
        .exclude(status=EditionStatus.CANCELLED)
        .filter(ends_on__gte=today)
        .order_by("starts_on")
    )
    competitions = (
        member_competitions()
        .prefetch_related("disciplines", Prefetch("editions", upcoming, to_attr="upcoming"))
        .order_by("name_en")
    )
    return (
        member_cities()
        .prefetch_related(Prefetch("competitions", competitions, to_attr="members"))
        .get(slug=slug)
    )


def events_of_city(city: City) -> QuerySet[Event]:
    """Published events the city organises, hosts, or that its competitions hold."""
    return (
        Event.objects.public()
        .filter(Q(city=city) | Q(host_city=city) | Q(competition__city=city))
        .distinct()
        .order_by("-starts_on", "id")
    )


def projects_for_city(city: City) -> QuerySet[Project]:
    return projects_of_city(city)


def calendar_editions(
    *,
    discipline: Discipline | None = None,
    country: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Edition]:
    """Public, not cancelled editions of member competitions whose dates or application deadline
    fall between ``since`` and ``until`` (either may be open), with what the calendar shows.
    The deadline is compared by day with a day's margin on each side, as its local day depends
    on the edition's time zone; the calendar refines it."""
    editions = (
        Edition.objects.public()
        .exclude(status=EditionStatus.CANCELLED)
        .filter(competition__in=member_competitions())
    )
    if discipline is not None:
        editions = editions.filter(
            pk__in=Division.objects.filter(discipline=discipline).values("edition_id")
        )
    if country:
        editions = editions.filter(competition__city__country=country)
    in_dates = Q()
    in_deadline = Q(applications_close_at__isnull=False)
    if since is not None:
        in_dates &= Q(ends_on__gte=since)
        in_deadline &= Q(applications_close_at__date__gte=since - dt.timedelta(days=1))
    if until is not None:
        in_dates &= Q(starts_on__lte=until)
        in_deadline &= Q(applications_close_at__date__lte=until + dt.timedelta(days=1))
    divisions = Division.objects.select_related("discipline").order_by("order", "name_en")
    return (
        editions.filter(in_dates | in_deadline)
        .select_related("competition__city")
        .prefetch_related(Prefetch("divisions", divisions))
        .order_by("starts_on", "competition__name_en")
    )
