"""Sessions read through the shared cache (``REDIS_URL`` set): kept in the database as well, so
a flushed or restarted cache signs nobody out.

These need a Redis server (``concours.core.tests.redis``) and are skipped without one.
"""

import pytest
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.core.tests.redis import cache_settings, redis_or_skip, remove_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_sessions():
    client = redis_or_skip()
    caches, prefix = cache_settings()
    with override_settings(
        CACHES=caches, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        yield client, prefix
    remove_keys(client, prefix)


def test_a_session_is_cached_and_kept_in_the_database(client, redis_sessions):
    redis, prefix = redis_sessions
    user = UserFactory()
    client.force_login(user)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    assert list(redis.scan_iter(f"{prefix}:*{key}"))
    assert client.get(reverse("dashboard")).status_code == 200

    for cached in redis.scan_iter(f"{prefix}:*"):
        redis.delete(cached)  # the cache restarted
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert list(redis.scan_iter(f"{prefix}:*{key}"))  # read from the database, cached again
