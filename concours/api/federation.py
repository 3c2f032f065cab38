"""Read-only API over the federation's open data beside the competitions: member cities, public
events with their timetables, and cooperation projects. Same conventions as ``views.py``:
anonymous, paged with a cap, filters that never fail (a value that cannot match gives an empty
list), bilingual texts as ``{"en": …, "zh": …}``. Nothing personal and no join URL is exposed."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from concours.api.serializers import BilingualField, BilingualSerializer
from concours.api.views import SLUG, ReadOnlyViewSet, _not_found, _param
from concours.cooperation.models import Project, ProjectKind, ProjectStatus
from concours.events.models import Event, EventKind, Session, SessionSpeaker
from concours.federation.models import City

# --- serializers -----------------------------------------------------------------------------


class CitySerializer(serializers.ModelSerializer[City]):
    name = BilingualField()
    description = BilingualField()
    country = serializers.CharField(source="country.code")
    competitions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = City
        fields = [
            "slug",
            "name",
            "country",
            "time_zone",
            "unesco_city_of_music",
            "unesco_since",
            "description",
            "competitions",
        ]


class SessionSpeakerSerializer(serializers.ModelSerializer[SessionSpeaker]):
    name = BilingualField(source="speaker.name")
    role = serializers.CharField()

    class Meta:
        model = SessionSpeaker
        fields = ["name", "role"]


class SessionSerializer(serializers.ModelSerializer[Session]):
    title = BilingualField()
    room = serializers.SerializerMethodField()
    speakers = SessionSpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        # Never the platform's URL: online attendees reach it through their personal join link.
        fields = ["id", "title", "starts_at", "ends_at", "mode", "room", "speakers"]

    @extend_schema_field(BilingualSerializer(allow_null=True))
    def get_room(self, session: Session) -> dict[str, str] | None:
        if session.room is None:
            return None
        return {"en": session.room.name_en, "zh": session.room.name_zh}


class EventSerializer(serializers.ModelSerializer[Event]):
    title = BilingualField()
    summary = BilingualField()
    description = BilingualField()
    competition = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    city = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    federation = serializers.SlugRelatedField(read_only=True, slug_field="short_name")
    host_city = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    edition = serializers.PrimaryKeyRelatedField(read_only=True)
    parent = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "status",
            "title",
            "summary",
            "description",
            "competition",
            "city",
            "federation",
            "edition",
            "parent",
            "host_city",
            "starts_on",
            "ends_on",
            "time_zone",
            "website",
            "registration_opens_at",
            "registration_closes_at",
            "sessions",
        ]


class ProjectSerializer(serializers.ModelSerializer[Project]):
    title = BilingualField()
    summary = BilingualField()
    description = BilingualField()
    competitions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    cities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = Project
        fields = [
            "slug",
            "kind",
            "status",
            "title",
            "summary",
            "description",
            "starts_on",
            "ends_on",
            "competitions",
            "cities",
        ]


# --- views -----------------------------------------------------------------------------------


def _slug_param(description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "slug", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=f"^{SLUG.pattern}$",
        description=description,
    )  # fmt: skip


def _choice_filter[T: Any](
    queryset: QuerySet[T], value: str | None, field: str, choices: Any
) -> QuerySet[T]:
    if not value:
        return queryset
    if value not in choices.values:
        return queryset.none()
    return queryset.filter(**{field: value})


def _slug_filter[T: Any](queryset: QuerySet[T], value: str | None, lookup: Q | str) -> QuerySet[T]:
    if not value:
        return queryset
    if not SLUG.fullmatch(value):
        return queryset.none()
    if isinstance(lookup, str):
        return queryset.filter(**{lookup: value})
    return queryset.filter(lookup)


class SlugLookupMixin:
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_object(self) -> Any:
        if not SLUG.fullmatch(self.kwargs[self.lookup_field]):  # type: ignore[attr-defined]
            raise NotFound
        return super().get_object()  # type: ignore[misc]


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[_slug_param("Slug of the city.")], responses=_not_found(CitySerializer)
    )
)
class CityViewSet(SlugLookupMixin, ReadOnlyViewSet[City]):
    """Cities that host member competitions, with their competitions (by slug)."""

    serializer_class = CitySerializer
    queryset = City.objects.prefetch_related("competitions").order_by("name_en", "id")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            _param("kind", "Kind of event: " + ", ".join(EventKind.values) + "."),
            _param("competition", "Slug of the member competition that holds it."),
            _param("city", "Slug of a city: events it holds, hosts, or of its competitions."),
            _param("from", "Events that end on or after this day (YYYY-MM-DD).", OpenApiTypes.DATE),
        ]
    ),
    retrieve=extend_schema(
        parameters=[_slug_param("Slug of the event.")], responses=_not_found(EventSerializer)
    ),
)
class EventViewSet(SlugLookupMixin, ReadOnlyViewSet[Event]):
    """Published (and cancelled) events, with their sessions, rooms and speakers."""

    serializer_class = EventSerializer

    def get_queryset(self) -> QuerySet[Event]:
        sessions = Session.objects.select_related("room").prefetch_related(
            Prefetch("speakers", queryset=SessionSpeaker.objects.select_related("speaker"))
        )
        events = (
            Event.objects.public()
            .select_related("competition", "city", "federation", "host_city", "parent")
            .prefetch_related(Prefetch("sessions", queryset=sessions))
            .order_by("starts_on", "id")
        )
        params = self.request.query_params
        events = _choice_filter(events, params.get("kind"), "kind", EventKind)
        events = _slug_filter(events, params.get("competition"), "competition__slug")
        city = params.get("city")
        events = _slug_filter(
            events,
            city,
            Q(city__slug=city) | Q(host_city__slug=city) | Q(competition__city__slug=city),
        )
        if raw := params.get("from"):
            try:
                events = events.filter(ends_on__gte=dt.date.fromisoformat(raw))
            except ValueError:
                events = events.none()
        return events


@extend_schema_view(
    list=extend_schema(
        parameters=[
            _param("kind", "Kind of project: " + ", ".join(ProjectKind.values) + "."),
            _param("status", "Status: " + ", ".join(ProjectStatus.values) + "."),
            _param("city", "Slug of a partner city."),
            _param("competition", "Slug of a partner competition."),
        ]
    ),
    retrieve=extend_schema(
        parameters=[_slug_param("Slug of the project.")], responses=_not_found(ProjectSerializer)
    ),
)
class ProjectViewSet(SlugLookupMixin, ReadOnlyViewSet[Project]):
    """Cooperation projects between member competitions and cities."""

    serializer_class = ProjectSerializer

    def get_queryset(self) -> QuerySet[Project]:
        projects = Project.objects.prefetch_related("competitions", "cities").order_by(
            "-starts_on", "slug"
        )
        params = self.request.query_params
        projects = _choice_filter(projects, params.get("kind"), "kind", ProjectKind)
        projects = _choice_filter(projects, params.get("status"), "status", ProjectStatus)
        projects = _slug_filter(projects, params.get("city"), "cities__slug")
        return _slug_filter(projects, params.get("competition"), "competitions__slug").distinct()
