"""Results night: public pages come from the cache, publishing makes every cached page stale at
once, and no cached answer outlives the time it would change by itself."""

import datetime as dt
import re
import time

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, TestCase
from django.utils import timezone, translation

from concours.publication import caching
from concours.publication.services import amend_publication
from concours.publication.tests.setup import make_decided_round, publish
from concours.publication.tests.urls import public_urls

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _wait_until(moment: dt.datetime) -> None:
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.05)


def test_a_second_visitor_is_served_without_a_query(client, decided, django_assert_num_queries):
    publish(decided)
    url = public_urls(decided)["round"]
    first = client.get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())


def test_publishing_makes_cached_pages_stale_at_once(client, decided):
    publish(decided)
    url = public_urls(decided)["round"]
    assert "Ana Alpha" in client.get(url).content.decode()
    ana = decided.candidates["Ana Alpha"].candidate
    ana.given_name = "Anna"
    ana.save()
    assert "Anna Alpha" not in client.get(url).content.decode()  # still the cached page
    publish(make_decided_round())  # another round, anywhere
    assert "Anna Alpha" in client.get(url).content.decode()


def test_moving_the_embargo_forward_shows_the_results_at_once(client, decided):
    publication = publish(decided, publish_in=HOUR, sheets_in=2 * HOUR)
    url = public_urls(decided)["round"]
    assert client.get(url).status_code == 404
    now = timezone.now()
    with TestCase.captureOnCommitCallbacks(execute=True):
        amend_publication(
            publication=publication, publish_at=now, sheets_at=now + HOUR,
            listing=publication.listing, release_feedback=True, by=decided.office,
        )  # fmt: skip
    assert client.get(url).status_code == 200


def test_not_found_is_not_kept_beyond_the_embargo(client, decided):
    publication = publish(decided, publish_in=dt.timedelta(seconds=1.5), sheets_in=HOUR)
    urls = public_urls(decided)
    assert client.get(urls["round"]).status_code == 404
    assert client.get(urls["edition"]).status_code == 404
    _wait_until(publication.publish_at)
    assert client.get(urls["round"]).status_code == 200
    assert client.get(urls["edition"]).status_code == 200


def test_the_results_page_is_not_kept_beyond_the_sheets_time(client, decided):
    publication = publish(decided, publish_in=-HOUR, sheets_in=dt.timedelta(seconds=1.5))
    urls = public_urls(decided)
    assert urls["sheets"] not in client.get(urls["round"]).content.decode()
    assert client.get(urls["sheets_csv"]).status_code == 404
    _wait_until(publication.sheets_at)
    assert urls["sheets"] in client.get(urls["round"]).content.decode()
    assert client.get(urls["sheets_csv"]).status_code == 200


def test_each_visitor_gets_their_own_csrf_token(decided):
    publish(decided)
    url = public_urls(decided)["round"]
    tokens = []
    for _visitor in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(url).content.decode()
        assert caching.CSRF_PLACEHOLDER not in page
        tokens.append(TOKEN.search(page).group(1))
        switched = visitor.post(
            "/i18n/setlang/",
            {"language": "zh-hans", "next": url, "csrfmiddlewaretoken": tokens[-1]},
        )
        assert switched.status_code == 302
    assert tokens[0] != tokens[1]


def test_signed_in_people_get_their_own_page(client, decided):
    publish(decided)
    url = public_urls(decided)["round"]
    assert "Sign in" in client.get(url).content.decode()
    client.force_login(decided.jurors[0].user)
    page = client.get(url).content.decode()
    assert "Sign out" in page
    assert "Sign in" not in page


def test_the_office_preview_is_never_kept(client, decided):
    publish(decided, publish_in=HOUR, sheets_in=HOUR)
    urls = public_urls(decided)
    client.force_login(decided.office)
    for name in ("round", "sheets_pdf"):
        response = client.get(urls[name])
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    stranger = Client()
    assert stranger.get(urls["round"]).status_code == 404
    assert stranger.get(urls["sheets_pdf"]).status_code == 404


def test_cache_headers(client, decided):
    publish(decided, publish_in=-HOUR, sheets_in=dt.timedelta(seconds=30))
    urls = public_urls(decided)
    page = client.get(urls["round"])
    control = page["Cache-Control"]
    assert "private" in control
    assert 0 <= int(re.search(r"max-age=(\d+)", control).group(1)) <= 30
    assert "Cookie" in page["Vary"]


def test_languages_are_cached_apart(client, decided):
    publish(decided)
    url = public_urls(decided)["round"]
    assert '<html lang="en">' in client.get(url).content.decode()
    chinese = Client()
    chinese.cookies["django_language"] = "zh-hans"
    assert '<html lang="zh-hans">' in chinese.get(url).content.decode()
    assert '<html lang="en">' in Client().get(url).content.decode()


def test_a_lost_version_comes_back_from_the_database(decided):
    publish(decided)
    before = caching.version()
    cache.delete(caching.VERSION_KEY)
    assert caching.version() == before == caching.version_from_database()


def test_a_query_string_is_served_but_never_stored(client, decided):
    publish(decided)
    url = public_urls(decided)["round"]
    with translation.override("en"):
        key = caching.page_key(RequestFactory().get(url), per_language=True)
    assert client.get(url + "?utm=x").status_code == 200
    assert cache.get(key) is None
    client.get(url)
    assert cache.get(key)[0] == "page"
