"""What the public pages show: advancers as the rules list them, prizes (ex aequo, withheld),
the record's digest from the embargo on, every number only from the sheets' time on."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from concours.competitions.tests.factories import PrizeFactory
from concours.publication.models import Listing
from concours.publication.tests.setup import make_decided_round, publish
from concours.publication.tests.urls import public_urls

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def _rows(response, caption: str) -> list[str]:
    """The text of each body row of the table with this caption."""
    html = response.content.decode()
    table = html[html.index(caption) :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>")[:-1]]


def test_advancers_in_alphabetical_order_without_ranks_or_numbers(client, decided):
    publication = publish(decided, publish_in=-HOUR, sheets_in=HOUR)
    response = client.get(public_urls(decided)["round"])
    assert _rows(response, "in alphabetical order") == ["Ana Alpha Poland", "Ben Beta Poland"]
    text = _text(response)
    assert publication.record_digest in text
    assert publication.chain_head in text
    assert "21.00" not in text  # no score before the sheets' time
    assert "sheets.csv" not in response.content.decode()
    assert public_urls(decided)["record"] not in response.content.decode()


def test_advancers_ranked(client, db):
    decided = make_decided_round()
    # Ben is ranked second, Ana first: alphabetical and ranked orders coincide, so swap names.
    ana = decided.candidates["Ana Alpha"].candidate
    ana.family_name, ana.given_name = "Zorn", "Zoe"
    ana.save()
    publish(decided, listing=Listing.RANKED, sheets_in=HOUR)
    response = client.get(public_urls(decided)["round"])
    assert _rows(response, "in ranking order") == ["1 Zoe Zorn Poland", "2 Ben Beta Poland"]


def test_prizes_with_a_shared_place_and_a_withheld_one(client, final):
    publish(final, sheets_in=HOUR)
    response = client.get(public_urls(final)["round"])
    assert _rows(response, "Prizes awarded by the jury") == [
        "1 First Prize Ana Alpha (Poland)",
        "2 Second Prize Ben Beta (Poland) Cai Gamma 蔡伽玛 (China) ex aequo",
        "3 Third Prize Not awarded (withheld by the jury)",
    ]
    assert "Advancing to the next round" not in _text(response)


def test_the_prize_names_the_office_wrote_in_both_languages(client, final):
    PrizeFactory(division=final.round.division, place=1, name_en="Grand Prix", name_zh="大奖")
    publish(final, sheets_in=HOUR)
    url = public_urls(final)["round"]
    assert _rows(client.get(url), "Prizes awarded")[0] == "1 Grand Prix Ana Alpha (Poland)"
    client.cookies["django_language"] = "zh-hans"
    assert "大奖" in _text(client.get(url))


def test_once_the_sheets_are_public_every_number_is(client, decided):
    publication = publish(decided)
    response = client.get(public_urls(decided)["round"])
    assert _rows(response, "Every candidate's score and rank") == [
        "1 Ana Alpha Poland 21.00 yes No. 1",
        "2 Ben Beta Poland 18.50 yes No. 2",
        "3 Cai Gamma China 15.50 no No. 4",
        "4 Dora Delta Poland 13.00 no No. 3",
    ]
    text = _text(response)
    assert publication.file_sha256 in text
    assert "python -m concours.scoring verify" in text
    assert 'alt="Every juror' in response.content.decode()


def test_the_score_sheets_page_keeps_s_and_a(client, decided):
    publish(decided)
    response = client.get(public_urls(decided)["sheets"])
    assert _rows(response, "Score sheet of Juror 2") == [
        "1 Ana Alpha Poland 22", "2 Ben Beta Poland S", "3 Dora Delta Poland 14",
        "4 Cai Gamma China 16",
    ]  # fmt: skip
    assert _rows(response, "Score sheet of Juror 3")[3] == "4 Cai Gamma China A"


def test_the_edition_lists_only_public_rounds(client, decided):
    publish(decided, sheets_in=HOUR)
    response = client.get(public_urls(decided)["edition"])
    assert response.status_code == 200
    assert "Round 1" in _text(response)
    assert "not public yet" not in _text(response)


def test_pages_in_chinese(client, decided):
    publish(decided)
    client.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        response = client.get(public_urls(decided)["round"])
    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in response.content.decode()


def test_no_inline_script_or_style_on_any_page(client, final):
    publish(final)
    for name in ("edition", "round", "sheets"):
        html = client.get(public_urls(final)[name]).content.decode()
        assert "<style" not in html
        assert " style=" not in html
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


@pytest.mark.parametrize("name", ["round", "sheets", "edition"])
def test_a_page_costs_the_same_queries_for_more_candidates(client, db, name):
    counts = []
    for extra in (0, 6):
        decided = make_decided_round(extra=extra)
        publish(decided)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(public_urls(decided)[name]).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
