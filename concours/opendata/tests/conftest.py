"""The demo writes candidates' files: in tests, onto a temporary private storage."""

from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from concours.demo.tests.conftest import use_private_storage


@pytest.fixture
def private_storage(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FileSystemStorage:
    return use_private_storage(monkeypatch, tmp_path / "private")


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    """The validator's throttle counts requests in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
