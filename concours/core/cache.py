"""Django's Redis cache, keeping its ``redis.Redis`` client instead of building one per call.

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` object for every cache
operation (over the same connection pool). Building one registers the client's ~170 response
callbacks, which costs more CPU than the ``GET`` itself: measured in process on the deadline
rush's set-up (docs/benchmarks.md, issue 4), reading a session from the cache took 0.26 ms of
CPU, 0.12 ms of it making the client. Every request of a signed-in visitor reads its session
through the cache (``cached_db``), so this is paid on nearly every request. (redis-py issue
#3624 is about making the client itself cheaper to build.)

A ``redis.Redis`` client holds no connection of its own: it takes one from its pool for each
command and gives it back, so one client per pool is safe to share between threads, and the
pool itself notices a fork (gunicorn's workers) and starts afresh. Everything else is Django's.
"""

from __future__ import annotations

import threading
from typing import Any

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    """One ``redis.Redis`` client per connection pool (per server), made on first use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}
        self._lock = threading.Lock()

    def _get_connection_pool(self, write: bool) -> Any:
        # Django's makes a server's pool on first use without a lock, so two threads starting
        # together could each make one, and each its own client here.
        with self._lock:
            return super()._get_connection_pool(write)

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            with self._lock:
                client = self._clients.get(id(pool))
                if client is None:
                    client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with the client above."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
