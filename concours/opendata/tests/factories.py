"""Factories and helpers for the open-data tests: the spec's example document, and the rows
it needs (the federation and its disciplines)."""

import copy
import json

from concours.federation.tests.factories import DisciplineFactory, FederationFactory
from concours.interchange.tests.conftest import spec_example


def example_text() -> str:
    return spec_example()


def example() -> dict:
    return copy.deepcopy(json.loads(spec_example()))


def text_of(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def federation_with_disciplines():
    DisciplineFactory(code="violin")
    DisciplineFactory(code="cello")
    return FederationFactory()
