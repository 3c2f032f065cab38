"""Point the private storage at a temporary directory for one test (used by the uploads tests
and the browser test), so no test writes under data/. The file fields use a proxy that looks
``STORAGES["private"]`` up on every use (concours/core/storage.py), so overriding the setting
is enough."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.test import override_settings


@contextmanager
def private_storage_at(directory: Path) -> Iterator[Storage]:
    private = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(directory), "base_url": None},
    }
    with override_settings(STORAGES={**settings.STORAGES, "private": private}):
        yield storages["private"]
