"""Read-only API over the public data: only editions that are not drafts, and what hangs off them.

Filters never fail: an empty filter value is ignored, and a value that cannot match anything (not
a whole number, negative, too large, not a slug) gives an empty list rather than an error.
"""

import re
from typing import Any, TypeVar

from django.db.models import Model, Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.serializers import BaseSerializer

from concours.api import serializers
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    Prize,
    RepertoireRequirement,
    Round,
)
from concours.core.validation import whole_number

M = TypeVar("M", bound=Model)

#: Largest id a ``BigAutoField`` can hold; anything larger cannot match and would overflow the database.
MAX_ID = 2**63 - 1
#: Years are stored in a ``PositiveSmallIntegerField`` (at most 32767 on PostgreSQL).
MAX_YEAR = 32767
#: What ``SlugField`` accepts. Anything else (a NUL byte, for one, which PostgreSQL rejects) cannot match.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class ApiPagination(LimitOffsetPagination):
    """``?limit=&offset=`` paging, with a cap on ``limit`` so that a huge one does not reach the database."""

    max_limit = 200


def _param(name: str, description: str, type_: OpenApiTypes = OpenApiTypes.STR) -> OpenApiParameter:
    return OpenApiParameter(
        name, type_, OpenApiParameter.QUERY, required=False, description=description
    )


def _not_found(serializer: type[BaseSerializer[Any]]) -> dict[int, Any]:
    return {
        200: serializer,
        404: OpenApiResponse(
            serializers.ErrorSerializer, description="No public object has this key."
        ),
    }


def _filter_by_number[T: Model](
    queryset: QuerySet[T], request: Request, param: str, field: str, maximum: int
) -> QuerySet[T]:
    """Filter on a whole-number query parameter; see the module docstring for bad values."""
    raw = request.query_params.get(param, "")
    if raw == "":
        return queryset
    number = whole_number(raw, maximum)
    if number is None:
        return queryset.none()
    return queryset.filter(**{field: number})


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet[M]):
    """Public and anonymous: no authentication (and so no session or CSRF), paged with a cap."""

    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = ApiPagination


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter(
                "slug",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                pattern=f"^{SLUG.pattern}$",
                description="Slug of the competition.",
            )
        ],
        responses=_not_found(serializers.CompetitionSerializer),
    )
)
class CompetitionViewSet(ReadOnlyViewSet[Competition]):
    """Member competitions of the federation and other competitions using Concours."""

    serializer_class = serializers.CompetitionSerializer
    lookup_field = "slug"
    # Let any single path segment reach the view, so that a malformed slug gets the API's JSON 404
    # rather than the site's HTML one.
    lookup_value_regex = "[^/]+"
    queryset = (
        Competition.objects.select_related("city", "federation")
        .prefetch_related("disciplines")
        .order_by("name_en", "id")
    )

    def get_object(self) -> Competition:
        if not SLUG.fullmatch(self.kwargs[self.lookup_field]):
            raise NotFound
        return super().get_object()


@extend_schema_view(
    list=extend_schema(
        parameters=[
            _param("competition", "Slug of a competition."),
            _param("year", "Year.", OpenApiTypes.INT),
        ]
    ),
    retrieve=extend_schema(responses=_not_found(serializers.EditionSerializer)),
)
class EditionViewSet(ReadOnlyViewSet[Edition]):
    """Editions that have been announced (drafts are never shown)."""

    serializer_class = serializers.EditionSerializer

    def get_queryset(self) -> QuerySet[Edition]:
        editions = (
            Edition.objects.public().select_related("competition").order_by("-starts_on", "id")
        )
        request: Request = self.request
        if slug := request.query_params.get("competition"):
            editions = (
                editions.filter(competition__slug=slug) if SLUG.fullmatch(slug) else editions.none()
            )
        return _filter_by_number(editions, request, "year", "year", MAX_YEAR)


@extend_schema_view(
    list=extend_schema(parameters=[_param("edition", "Id of an edition.", OpenApiTypes.INT)]),
    retrieve=extend_schema(responses=_not_found(serializers.DivisionSerializer)),
)
class DivisionViewSet(ReadOnlyViewSet[Division]):
    """Divisions of the public editions, with their eligibility rules and prizes."""

    serializer_class = serializers.DivisionSerializer

    def get_queryset(self) -> QuerySet[Division]:
        divisions = (
            Division.objects.filter(edition__in=Edition.objects.public())
            .select_related("discipline")
            .prefetch_related(
                "instruments",
                Prefetch(
                    "prizes", queryset=Prize.objects.order_by("kind", "place", "name_en", "id")
                ),
            )
            # Like the editions, latest first; spelt out because ``order_by("edition")`` would
            # silently use Edition's own ordering and mix divisions of editions on the same dates.
            .order_by("-edition__starts_on", "edition_id", "order", "id")
        )
        return _filter_by_number(divisions, self.request, "edition", "edition_id", MAX_ID)


@extend_schema_view(
    list=extend_schema(parameters=[_param("division", "Id of a division.", OpenApiTypes.INT)]),
    retrieve=extend_schema(responses=_not_found(serializers.RoundSerializer)),
)
class RoundViewSet(ReadOnlyViewSet[Round]):
    """Rounds of the divisions of the public editions, with their repertoire requirements."""

    serializer_class = serializers.RoundSerializer

    def get_queryset(self) -> QuerySet[Round]:
        rounds = (
            Round.objects.filter(division__edition__in=Edition.objects.public())
            .prefetch_related(
                Prefetch(
                    "requirements",
                    queryset=RepertoireRequirement.objects.select_related("category").order_by(
                        "id"
                    ),
                )
            )
            .order_by(
                "-division__edition__starts_on",
                "division__edition_id",
                "division__order",
                "division_id",
                "number",
            )
        )
        return _filter_by_number(rounds, self.request, "division", "division_id", MAX_ID)
