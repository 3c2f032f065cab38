"""A Redis server for the tests that need one: ``CONCOURS_TEST_REDIS_URL``, by default database
15 on 127.0.0.1:6379. Without one those tests are skipped. Each test uses its own key prefix
(``cache_settings``) and removes its keys afterwards (``remove_keys``)."""

import os
import uuid
from typing import Any

import pytest

REDIS_URL = os.environ.get("CONCOURS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_or_skip() -> Any:
    """A client of the test Redis, or the test is skipped."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    return client


def cache_settings() -> tuple[dict[str, Any], str]:
    """``CACHES`` with the default cache on the test Redis under a fresh key prefix, and it."""
    prefix = f"concours-test-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "concours.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    return caches, prefix


def remove_keys(client: Any, prefix: str) -> None:
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()
