"""The interchange document in the API (read-only) and a validator that writes nothing.

Mounted by ``opendata/urls.py`` under ``/api/v1/interchange/``; drf-spectacular lists both in
``/api/schema/``. Both are anonymous: no session, so no CSRF token is needed to validate.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from concours import interchange
from concours.interchange import Problem
from concours.opendata import reading, selectors
from concours.opendata.checks import database_problems
from concours.opendata.exporting import export_edition
from concours.opendata.messages import describe

EXAMPLE_PATH = "docs/algorithms/interchange.md §11"


class ProblemSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="What is wrong, e.g. `not_date` (spec §8).")
    path = serializers.CharField(help_text='JSON pointer of the place, `""` for the document.')
    message = serializers.CharField(help_text="The message, in the request's language.")
    params = serializers.DictField(child=serializers.CharField())


class ValidationSerializer(serializers.Serializer[Any]):
    valid = serializers.BooleanField()
    problems = ProblemSerializer(many=True)


class RawParser(BaseParser):
    """The request body as bytes, read up to one byte past the size limit."""

    media_type = "*/*"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> bytes:
        if stream is None:
            return b""
        return bytes(stream.read(interchange.MAX_BYTES + 1))


class EditionDocumentView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="interchange_edition",
        summary="An edition as an interchange document",
        description=(
            "The public edition of the competition `slug` in year `year` as a "
            "`concours-edition` 1.0 document (canonical JSON: keys sorted, decimals as strings), "
            f"specified in {EXAMPLE_PATH}. Drafts answer 404; results appear after their embargo."
        ),
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The document."),
            404: OpenApiResponse(description="No public edition has this key."),
        },
        tags=["interchange"],
    )
    def get(self, request: Request, slug: str, year: int) -> HttpResponse:
        edition = selectors.public_edition(slug=slug, year=year)
        if edition is None:
            raise NotFound
        text = interchange.dump(export_edition(edition))
        return HttpResponse(text.encode("utf-8"), content_type="application/json; charset=utf-8")


class ValidateThrottle(AnonRateThrottle):
    """Validating costs up to 5 MB of parsing: a client (by address) gets 60 a minute."""

    scope = "interchange_validate"
    rate = "60/minute"


class ValidateView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [RawParser]
    throttle_classes = [ValidateThrottle]

    @extend_schema(
        operation_id="interchange_validate",
        summary="Check an interchange document",
        description=(
            "Checks a `concours-edition` document (the request body, at most 5,000,000 bytes) "
            "and lists every problem with its JSON pointer. Nothing is stored. At most 60 "
            "requests a minute from one address."
        ),
        request={"application/json": OpenApiTypes.OBJECT},
        responses={
            200: ValidationSerializer,
            413: OpenApiResponse(ValidationSerializer, description="The body is too large."),
            429: OpenApiResponse(description="More than 60 requests a minute from one address."),
        },
        examples=[
            OpenApiExample(
                "A problem",
                value={
                    "valid": False,
                    "problems": [
                        {
                            "code": "not_date",
                            "path": "/edition/starts_on",
                            "message": "“2025-02-30” is not a date; write it as YYYY-MM-DD.",
                            "params": {"value": "2025-02-30"},
                        }
                    ],
                },
                response_only=True,
            )
        ],
        tags=["interchange"],
    )
    def post(self, request: Request) -> Response:
        if _declared_length(request) > interchange.MAX_BYTES:
            # Refused on the declared length, before a byte of the body is read.
            found = [Problem("too_large", "", {"limit": str(interchange.MAX_BYTES)})]
        else:
            data = request.data if isinstance(request.data, bytes) else b""
            parsed = reading.parse(data)
            found = parsed if isinstance(parsed, list) else database_problems(parsed)
        problems = [
            {"code": p.code, "path": p.path, "message": describe(p), "params": p.params}
            for p in found
        ]
        status = 413 if any(p.code == "too_large" for p in found) else 200
        return Response({"valid": not problems, "problems": problems}, status=status)


def _declared_length(request: Request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
