"""The Redis cache backend (``concours.core.cache``): Django's, keeping one client per server.

These need a Redis server (``concours.core.tests.redis``) and are skipped without one.
"""

import sys
import threading

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.test import override_settings

from concours.core.cache import RedisCache
from concours.core.tests.redis import cache_settings, redis_or_skip, remove_keys


@pytest.fixture
def redis_cache():
    client = redis_or_skip()
    settings, prefix = cache_settings()
    with override_settings(CACHES=settings):
        cache = caches["default"]
        yield cache
        cache.close()
    remove_keys(client, prefix)


def test_the_tests_and_production_use_it(redis_cache):
    assert isinstance(redis_cache, RedisCache)
    assert isinstance(redis_cache, DjangoRedisCache)  # what publication.caching looks for


def test_it_keeps_one_client_for_every_operation(redis_cache):
    inner = redis_cache._cache
    first = inner.get_client("a")
    assert inner.get_client("b") is first
    assert inner.get_client("a", write=True) is first  # one server: reads and writes alike
    redis_cache.set("key", 1)
    assert inner.get_client("key") is first


def test_it_reads_and_writes_as_django_s_does(redis_cache):
    assert redis_cache.get("missing", "default") == "default"
    redis_cache.set("number", 41, timeout=60)
    assert redis_cache.incr("number") == 42
    assert redis_cache.add("number", 0) is False
    redis_cache.set_many({"a": {"nested": [1, 2]}, "b": "text"})
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": {"nested": [1, 2]}, "b": "text"}
    assert redis_cache.delete("a") is True
    assert redis_cache.get("a") is None
    assert redis_cache.touch("b", 60) is True
    redis_cache.set("short", "x", timeout=0)  # Django's rule: a timeout of 0 stores nothing
    assert redis_cache.get("short") is None


def test_threads_share_the_client_safely(redis_cache):
    """Eight threads start together on a cache that has made no pool and no client yet."""
    inner = redis_cache._cache
    assert inner._pools == {}
    clients, failures = [], []
    start = threading.Barrier(8)

    def work(number: int) -> None:
        try:
            start.wait()
            clients.append(inner.get_client(None))
            for turn in range(50):
                redis_cache.set(f"thread-{number}", turn)
                if redis_cache.get(f"thread-{number}") != turn:
                    failures.append((number, turn))
        except Exception as error:  # reported by the assertion below
            failures.append((number, repr(error)))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns every microsecond: races show
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
    assert len({id(client) for client in clients}) == 1
    assert len(inner._pools) == 1


def test_a_server_list_keeps_a_client_per_server(redis_cache):
    url = redis_cache._servers[0]
    two = RedisCache(f"{url},{url}", {"KEY_PREFIX": redis_cache.key_prefix})
    writer = two._cache.get_client(None, write=True)
    reader = two._cache.get_client(None)  # reads go to the second server (the replica)
    assert writer is not reader
    assert two._cache.get_client(None, write=True) is writer
    assert two._cache.get_client(None) is reader
    two.set("replicated", "yes")
    assert two.get("replicated") == "yes"
    two.close()
