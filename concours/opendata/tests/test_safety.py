"""Hostile documents: too large (refused on the declared length, before reading), nested
deeply enough to exhaust the recursion limit, or sent too often. Never a 500, nothing stored."""

import pytest
from django.test import Client

from concours.competitions.models import Edition
from concours.interchange import MAX_BYTES
from concours.opendata import reading
from concours.opendata.models import ImportedEdition
from concours.opendata.services import import_text
from concours.opendata.tests.factories import example, federation_with_disciplines, text_of

pytestmark = pytest.mark.django_db

VALIDATE = "/api/v1/interchange/validate/"


def _with_parameters(nested: str) -> bytes:
    """The spec's example with the final round's scoring parameters replaced by ``nested``."""
    text = text_of(example()).decode("utf-8")
    assert text.count('"parameters": {}') == 1
    return text.replace('"parameters": {}', f'"parameters": {{"x": {nested}}}').encode("utf-8")


def _problems(response) -> list[tuple[str, str]]:
    return [(p["code"], p["path"]) for p in response.json()["problems"]]


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"a":' * 100_000, b"[" * 5_000 + b"]" * 5_000],
    ids=["open-arrays", "open-objects", "closed-arrays"],
)
def test_deep_nesting_is_one_problem_not_a_crash(client, body):
    response = client.post(VALIDATE, body, content_type="application/json")
    assert (response.status_code, _problems(response)) == (200, [("too_deep", "")])


@pytest.mark.parametrize("levels", [40, 400, 990, 995])
def test_deep_scoring_parameters_are_refused_with_their_path(client, levels):
    federation_with_disciplines()
    body = _with_parameters("[" * levels + "]" * levels)
    response = client.post(VALIDATE, body, content_type="application/json")
    assert response.status_code == 200
    # Below the decoder's limit the core reads it and the guard names the place; at the
    # limit the core's walk runs out of stack and the whole document is refused.
    assert _problems(response) in (
        [("too_deep", "/divisions/0/rounds/1/scoring/parameters")],
        [("too_deep", "")],
    )


def test_parameters_nested_within_the_limit_are_accepted():
    value = {"x": [[[1]]]}
    assert (reading.depth(value), reading.depth(3), reading.depth([])) == (4, 0, 1)
    assert reading.depth({"a": {"b": {}}}) == 3


def test_a_deep_document_imports_nothing():
    federation = federation_with_disciplines()
    for levels in (200, 990):
        body = _with_parameters("[" * levels + "]" * levels)
        found = import_text(text=body, federation=federation, actor=None)
        assert isinstance(found, list)
        assert [p.code for p in found] == ["too_deep"]
    assert (Edition.objects.count(), ImportedEdition.objects.count()) == (0, 0)


def test_a_large_body_is_refused_on_its_declared_length(client, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the body was read")

    monkeypatch.setattr("concours.opendata.api.RawParser.parse", never)
    response = client.generic(
        "POST",
        VALIDATE,
        b"[]",
        content_type="application/json",
        CONTENT_LENGTH=str(MAX_BYTES + 1),
    )
    assert response.status_code == 413
    assert response.json()["problems"][0]["code"] == "too_large"


def test_a_large_body_without_a_true_length_is_still_refused(client):
    response = client.post(VALIDATE, b" " * (MAX_BYTES + 10), content_type="application/json")
    assert (response.status_code, _problems(response)) == (413, [("too_large", "")])


def test_the_validator_is_throttled_per_address():
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [
        client.post(VALIDATE, b"{}", content_type="application/json").status_code for _ in range(61)
    ]
    assert statuses == [200] * 60 + [429]
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert other.post(VALIDATE, b"{}", content_type="application/json").status_code == 200
