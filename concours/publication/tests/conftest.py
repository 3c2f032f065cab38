import pytest
from django.core.cache import cache

from concours.publication.tests.setup import make_decided_round


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def decided(db):
    return make_decided_round()


@pytest.fixture
def final(db):
    return make_decided_round(final=True)
