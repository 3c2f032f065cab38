"""The public pages of a draw: what shows in each state, never the seed before the reveal, the
record file, the verification page, and the link from the edition page."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concours import draw as core
from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory
from concours.competitions.models import EditionStatus
from concours.draws import services
from concours.draws.tests.conftest import DRAWN

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}


def page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_edition_page_links_to_the_division_draws(client, festival):
    url = reverse("draws:division", args=["schoenfeld", 2027, "violin"])
    assert f'href="{url}"' in page(client, festival.edition.get_absolute_url())


def test_the_division_page_lists_its_draws(client, festival):
    url = reverse("draws:division", args=["schoenfeld", 2027, "violin"])
    assert "No draw yet." in page(client, url)
    every, first = festival.commit(), festival.drawn(festival.round1)
    content = page(client, url)
    assert f'href="{every.get_absolute_url()}"' in content
    assert f'href="{first.get_absolute_url()}"' in content
    assert first.get_absolute_url() == "/competitions/schoenfeld/2027/violin/draws/round-1/"


def test_a_committed_draw_shows_the_commitment_and_keeps_the_seed(client, festival):
    draw = festival.commit(method="chopin")
    content = page(client, draw.get_absolute_url())
    assert draw.commitment in content
    assert draw.seed not in content
    assert "Secret until the draw is over" in content
    assert "Order of appearance" not in content
    assert draw.record_url not in content
    assert "Łukasiewicz, Anna" in content
    assert client.get(draw.record_url).status_code == 404


def test_inputs_are_published_as_they_come(client, festival):
    draw = festival.commit()
    services.add_witness_input(draw=draw, witness="Maria Nowak", value="<Mazurka>", by=None)
    content = page(client, draw.get_absolute_url())
    assert "Maria Nowak: “&lt;Mazurka&gt;”" in content


def test_a_drawn_draw_shows_the_order_but_not_the_seed(client, festival):
    draw = festival.drawn(method="chopin")
    content = page(client, draw.get_absolute_url())
    assert "Order of appearance" in content
    assert f"<strong>{draw.letter}</strong>" in content
    assert draw.seed not in content
    assert draw.draw_digest in content
    response = client.get(draw.record_url)
    record = json.loads(response.content)
    assert record["seed"] is None
    assert draw.seed not in response.content.decode()


def test_a_revealed_draw_shows_the_seed_and_serves_the_record(client, festival):
    draw = festival.revealed()
    content = page(client, draw.get_absolute_url())
    assert draw.seed in content
    response = client.get(draw.record_url)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="draw-schoenfeld-2027-violin-all-rounds.json"'
    )
    assert response.content.decode() == draw.record
    assert core.verify(core.parse_record(response.content.decode())) == []


def test_a_round_draw_has_its_own_record_file(client, festival):
    draw = festival.revealed(festival.round2)
    response = client.get(draw.record_url)
    assert response["Content-Disposition"] == (
        'attachment; filename="draw-schoenfeld-2027-violin-round-2.json"'
    )
    assert json.loads(response.content)["round"] == 2


def test_the_pages_speak_chinese(client, festival):
    draw = festival.revealed()
    content = page(client, draw.get_absolute_url(), **ZH)
    assert '<html lang="zh-hans">' in content
    assert draw.seed in content


@pytest.mark.parametrize(
    "url",
    [
        "/competitions/schoenfeld/2027/violin/draws/all-rounds/",
        "/competitions/schoenfeld/2027/violin/draws/round-1/",
        "/competitions/schoenfeld/2027/violin/draws/round-1/record.json",
        "/competitions/schoenfeld/2027/cello/draws/",
        "/competitions/schoenfeld/2026/violin/draws/",
        "/competitions/other/2027/violin/draws/all-rounds/",
    ],
)
def test_missing_draws_are_404(client, festival, url):
    festival.commit(festival.round2)
    assert client.get(url).status_code == 404


def test_a_draft_edition_shows_no_draw(client, festival):
    draw = festival.revealed()
    festival.edition.status = EditionStatus.DRAFT
    festival.edition.save()
    for url in (
        draw.get_absolute_url(),
        draw.record_url,
        reverse("draws:division", args=["schoenfeld", 2027, "violin"]),
    ):
        assert client.get(url).status_code == 404


def test_the_draw_page_reads_a_constant_number_of_queries(client, festival):
    draw = festival.drawn()
    with CaptureQueriesContext(connection) as few:
        page(client, draw.get_absolute_url())
    services.cancel_draw(draw=festival.commit(festival.round1))
    for _ in range(10):
        ApplicationFactory(division=festival.division, status=ApplicationStatus.ADMITTED)
    bigger = festival.commit(festival.round1)
    for i in range(5):
        services.add_witness_input(draw=bigger, witness=f"w{i}", value="x", by=None)
    bigger = services.perform_draw(draw=bigger, by=None, now=DRAWN)
    with CaptureQueriesContext(connection) as many:
        page(client, bigger.get_absolute_url())
    assert len(many) == len(few)


# --- The verification page ---------------------------------------------------------------------


def test_the_verify_page_is_a_form(client):
    content = page(client, reverse("draws:verify"))
    assert 'enctype="multipart/form-data"' in content


def test_a_pasted_record_that_verifies(client, festival):
    draw = festival.revealed(method="chopin")
    response = client.post(reverse("draws:verify"), {"text": draw.record})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Verified: the order follows from the seed and the inputs." in content
    assert f"letter {draw.letter}" in content
    first = next(c for c in draw.candidates if c["id"] == str(draw.order[0]))
    assert f"<li>{first['family_name']}, {first['given_name']} ({first['id']})</li>" in content


def test_an_uploaded_record_that_verifies(client, festival):
    draw = festival.revealed()
    upload = SimpleUploadedFile("draw.json", b"\xef\xbb\xbf" + draw.record.encode())
    response = client.post(reverse("draws:verify"), {"file": upload})
    assert "Verified:" in response.content.decode()


def test_a_record_before_the_reveal_is_not_verified_yet(client, festival):
    draw = festival.drawn()
    response = client.post(reverse("draws:verify"), {"text": draw.record})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Not verified: 1 problem" in content
    assert "seed: not revealed yet, so the order cannot be recomputed" in content


def test_an_edited_record_lists_every_problem(client, festival):
    draw = festival.revealed()
    record = core.parse_record(draw.record)
    record["order"] = list(reversed(record["order"]))
    response = client.post(reverse("draws:verify"), {"text": json.dumps(record)})
    content = response.content.decode()
    assert "Not verified: 3 problems" in content
    assert "digests.draw: recorded" in content
    assert "order[0]: recorded" in content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Paste a draw record or choose its file."),
        ({"text": "{"}, "This is not a draw record in JSON: not valid JSON (line 1, column 2"),
        ({"text": '{"round": 1.5}'}, "the number 1.5 is not allowed"),
        ({"text": "[" * 50_000}, "JSON nested too deeply"),
        ({"file": SimpleUploadedFile("d.json", b"\xff\xfe")}, "This file is not UTF-8 text."),
        (
            {"file": SimpleUploadedFile("d.json", b" " * 2_000_001)},
            "This file is too large to be a draw record.",
        ),
        ({"file": SimpleUploadedFile("d.json", b"")}, "The submitted file is empty."),
        ({"text": "x" * 2_000_001}, "Ensure this value has at most 2000000 characters"),
    ],
)
def test_bad_input_is_a_clear_message_not_an_error(client, data, message):
    response = client.post(reverse("draws:verify"), data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_json_that_is_not_a_record_is_a_problem(client):
    response = client.post(reverse("draws:verify"), {"text": "[1, 2]"})
    assert response.status_code == 200
    assert "the record must be a JSON object, found a list" in response.content.decode()
