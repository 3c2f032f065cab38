"""Property-based fuzzing of the API from its own OpenAPI schema, with Schemathesis.

Requests go in-process to Django's WSGI application, in the test's thread and so over the test's
database connection: the rows the fixture creates inside pytest-django's transaction are visible to
the API without committing anything. Under ``-n 2`` each worker has its own test database, and
Schemathesis makes one test item per operation, which xdist shares out like any other test.

Two runs:

* **positive**: only requests the schema allows. Every response must be documented and match the
  schema (status code, content type, headers, body), and none may be a server error.
* **negative**: requests that break the schema (``?year=abc``, ``/editions/x/``, unknown values…).
  The API deliberately answers bad filter values with 200 and an empty list rather than 400, so the
  ``negative_data_rejection`` check does not apply: here only "no server error" is checked, which is
  what matters for junk that the Internet will send.
"""

import datetime as dt
from decimal import Decimal

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from concours.api.tests.schema import generate_schema
from concours.competitions.models import EditionStatus, FeePolicy, RoundKind
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    PrizeFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)
from concours.federation.tests.factories import DisciplineFactory, InstrumentFactory

# Bounded and quick: the whole module runs in about ten seconds. ``database=None`` keeps Hypothesis
# from writing an example database under ``.hypothesis/`` in the repository.
FUZZ_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    database=None,
    # The fixture's data is made once per test function, not per example: that is intended.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def make_data():
    """A small public edition (two divisions, three rounds, prizes, requirements) and a draft;
    returns the keys of some public objects."""
    competition = CompetitionFactory(
        slug="harbin",
        name_en="Harbin International Music Competition",
        name_zh="哈尔滨国际音乐比赛",
        website="https://www.example.org/",
        disciplines=[DisciplineFactory(code="violin"), DisciplineFactory(code="cello")],
    )
    CompetitionFactory(slug="solo", name_zh="", federation=None, member_since=None)
    edition = EditionFactory(
        competition=competition,
        year=2027,
        number=5,
        applications_open_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        applications_close_at=dt.datetime(2027, 3, 1, tzinfo=dt.UTC),
    )
    violin = DivisionFactory(
        edition=edition,
        slug="violin",
        fee_policy=FeePolicy.ON_SUBMISSION,
        fee_amount=Decimal("120.00"),
        fee_currency="USD",
    )
    PrizeFactory(division=violin, place=1)
    PrizeFactory(division=violin, place=2, medal="", amount=None, currency="")
    trio = DivisionFactory(
        edition=edition,
        slug="trio",
        discipline=DisciplineFactory(code="chamber-music"),
        min_members=3,
        max_members=3,
        max_total_age=90,
        ages_counted_on=dt.date(2027, 7, 20),
    )
    trio.instruments.set([InstrumentFactory(code="piano"), InstrumentFactory(code="cello")])
    first = RoundFactory(
        division=violin,
        number=1,
        kind=RoundKind.PRESELECTION,
        scoring_parameters={"scale": [1, 25]},
    )
    RepertoireRequirementFactory(round=first, max_count=2, note_en="From memory")
    RoundFactory(
        division=violin,
        number=2,
        kind=RoundKind.FINAL,
        min_duration=None,
        max_duration=None,
        advancing=None,
    )
    RoundFactory(division=trio, number=1)
    draft = EditionFactory(competition=competition, year=2029, status=EditionStatus.DRAFT)
    RoundFactory(division=DivisionFactory(edition=draft, slug="secret"), number=1)
    return {
        "slug": "harbin",
        "year": 2027,
        "edition": edition.pk,
        "division": violin.pk,
        "round": first.pk,
    }


def load_schema(mode):
    """The schema that ``/api/schema/`` serves (``test_api`` checks that they are the same), made
    without a request so that it can be built when the tests are collected: Schemathesis's lazy
    ``schemathesis.pytest.from_fixture`` loader does not work with pytest 9.2 (it sets
    ``Function._nodeid``, which pytest no longer has)."""
    config = schemathesis.Config.from_dict({"generation": {"mode": mode, "database": "none"}})
    return schemathesis.openapi.from_dict(generate_schema(), config=config)


positive = load_schema("positive")
negative = load_schema("negative")


@pytest.fixture
def keys(db):
    return make_data()


@pytest.fixture
def wsgi_app(keys, settings):
    """Django's WSGI application, over the test's database with :func:`make_data`'s rows in it."""
    settings.ALLOWED_HOSTS = ["localhost"]  # the Host header of Schemathesis's WSGI client
    # Like Django's test client: a request must not close the test's connection when it ends, or
    # (on PostgreSQL) the test's transaction, with the fixture's rows, would be gone.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()  # a fresh handler: its middleware sees this test's settings
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@positive.parametrize()
@FUZZ_SETTINGS
def test_valid_requests_get_documented_responses(case, wsgi_app):
    case.call_and_validate(app=wsgi_app, checks=POSITIVE_CHECKS)


@negative.parametrize()
@FUZZ_SETTINGS
def test_invalid_requests_get_no_server_error(case, wsgi_app):
    case.call_and_validate(app=wsgi_app, checks=[not_a_server_error])


@pytest.mark.parametrize(
    ("path", "path_parameters", "query"),
    [
        ("/api/v1/competitions/", {}, {}),
        ("/api/v1/competitions/{slug}/", {"slug": "slug"}, {}),
        ("/api/v1/editions/", {}, {"competition": "slug", "year": "year"}),
        ("/api/v1/editions/{id}/", {"id": "edition"}, {}),
        ("/api/v1/divisions/", {}, {"edition": "edition"}),
        ("/api/v1/divisions/{id}/", {"id": "division"}, {}),
        ("/api/v1/rounds/", {}, {"division": "division"}),
        ("/api/v1/rounds/{id}/", {"id": "round"}, {}),
    ],
)
def test_existing_objects_match_the_schema(wsgi_app, keys, path, path_parameters, query):
    """The fuzzer seldom guesses an existing id (never, on PostgreSQL, whose sequences do not
    restart): ask for the fixture's objects explicitly, so that their bodies are checked too."""
    case = positive[path]["GET"].Case(
        path_parameters={name: keys[key] for name, key in path_parameters.items()},
        query={name: keys[key] for name, key in query.items()},
    )
    response = case.call_and_validate(app=wsgi_app, checks=POSITIVE_CHECKS)
    assert response.status_code == 200
    body = response.json()
    if "results" in body:
        assert body["count"] == len(body["results"]) >= 1
