"""The API's OpenAPI schema as a dictionary, as drf-spectacular makes it for ``/api/schema/``."""

from typing import Any

from drf_spectacular.generators import SchemaGenerator


def generate_schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)
