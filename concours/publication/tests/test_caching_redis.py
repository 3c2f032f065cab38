"""Results night with Redis: each process serves pages from its own copies while the version it
follows is current, and a publication anywhere reaches every process at once (announced on
Redis), or within ``FOLLOW_SECONDS`` if the announcement is lost.

These need a Redis server (``CONCOURS_TEST_REDIS_URL``, by default database 15 on
127.0.0.1:6379) and are skipped without one. Each test uses its own key prefix and removes its
keys afterwards; nothing else in that database is touched.
"""

import datetime as dt
import re
import time

import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import timezone

from concours.core.tests.redis import cache_settings, redis_or_skip, remove_keys
from concours.publication import caching
from concours.publication.tests.setup import make_decided_round, publish
from concours.publication.tests.urls import public_urls

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def redis_cache():
    client = redis_or_skip()
    caches, prefix = cache_settings()
    with override_settings(CACHES=caches):
        yield client
        caching._follower = None  # its thread stops within FOLLOW_SECONDS
    remove_keys(client, prefix)


def _eventually(condition, seconds: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.02)


def _following(version: str | None = None) -> bool:
    follower = caching._follower
    if follower is None or follower.version is None:
        return False
    return version is None or follower.version == version


def _without_token(page: bytes) -> str:
    return TOKEN.sub("", page.decode())


def test_pages_come_from_the_process_without_asking_redis(
    redis_cache, decided, django_assert_num_queries
):
    publish(decided)
    url = public_urls(decided)["round"]
    first = Client().get(url)
    _eventually(_following)
    Client().get(url)  # now also in this process's copies
    cache = caches["default"]
    reads = []
    original = cache.get_many
    cache.get_many = lambda *args, **kwargs: reads.append(args) or original(*args, **kwargs)
    try:
        with django_assert_num_queries(0):
            second = Client().get(url)
    finally:
        del cache.get_many
    assert reads == []
    assert second.status_code == 200
    assert _without_token(second.content) == _without_token(first.content)
    assert TOKEN.search(second.content.decode()).group(1) != TOKEN.search(
        first.content.decode()
    ).group(1)


def test_publishing_here_is_followed_at_once(redis_cache, decided):
    publish(decided)
    url = public_urls(decided)["round"]
    assert "Ana Alpha" in Client().get(url).content.decode()
    _eventually(_following)
    ana = decided.candidates["Ana Alpha"].candidate
    ana.given_name = "Anna"
    ana.save()
    assert "Anna Alpha" not in Client().get(url).content.decode()  # the copy
    publish(make_decided_round())  # another round: the version changes
    assert "Anna Alpha" in Client().get(url).content.decode()


def test_a_publication_in_another_process_is_heard_at_once(redis_cache, decided, monkeypatch):
    monkeypatch.setattr(caching, "FOLLOW_SECONDS", 10.0)  # only the announcement can tell it
    publish(decided)
    url = public_urls(decided)["round"]
    Client().get(url)
    _eventually(lambda: caching._follower.heard >= 2)  # subscribed and read the version once
    ana = decided.candidates["Ana Alpha"].candidate
    ana.given_name = "Anna"
    ana.save()
    assert "Anna Alpha" not in Client().get(url).content.decode()
    # What another process's ``invalidate`` does: a new version in the cache, announced.
    cache = caches["default"]
    cache.set(caching.VERSION_KEY, "another", timeout=60)
    redis_cache.publish(cache.make_key(caching.ANNOUNCE_KEY), "another")
    _eventually(lambda: _following("another"), seconds=0.5)
    assert "Anna Alpha" in Client().get(url).content.decode()


def test_a_lost_announcement_is_caught_up_with(redis_cache, decided):
    publish(decided)
    url = public_urls(decided)["round"]
    Client().get(url)
    _eventually(_following)
    ana = decided.candidates["Ana Alpha"].candidate
    ana.given_name = "Anna"
    ana.save()
    caches["default"].set(caching.VERSION_KEY, "unannounced", timeout=60)
    _eventually(lambda: _following("unannounced"), seconds=caching.FOLLOW_SECONDS + 1)
    assert "Anna Alpha" in Client().get(url).content.decode()


def test_a_copy_is_not_served_past_its_time(redis_cache, decided):
    publication = publish(decided, sheets_in=dt.timedelta(seconds=1.5))
    urls = public_urls(decided)
    assert urls["sheets"] not in Client().get(urls["round"]).content.decode()
    _eventually(_following)
    assert urls["sheets"] not in Client().get(urls["round"]).content.decode()
    time.sleep(max(0.0, (publication.sheets_at - timezone.now()).total_seconds()) + 0.05)
    assert urls["sheets"] in Client().get(urls["round"]).content.decode()


def test_copies_stay_within_their_size():
    copies = caching._Copies(limit=3 * 1024)
    for n in range(5):
        copies.put(
            f"page-{n}", ("page", "v1", time.time() + 60, b"x" * 1000, "text/html", None, None)
        )
    assert copies.size <= 3 * 1024
    assert copies.get("page-0", "v1", time.time()) is None  # the oldest went first
    assert copies.get("page-4", "v1", time.time()) is not None
    assert copies.get("page-4", "v2", time.time()) is None  # another version: not served
    assert copies.get("page-4", "v1", time.time() + 61) is None  # past its time: not served
    copies.put("big", ("page", "v1", time.time() + 60, b"x" * 4096, "text/html", None, None))
    assert copies.get("big", "v1", time.time()) is None  # larger than the whole: never kept
