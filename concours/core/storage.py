"""The private storage, looked up on every use.

``FileField(storage=callable)`` calls the callable once, when models load; a plain lookup
would then pin the storage configured at import time. This proxy asks ``storages["private"]``
each time, so a deployment's (or a test's) ``STORAGES["private"]`` is always the one used.
"""

from typing import Any

from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible


@deconstructible(path="concours.core.storage.PrivateStorage")
class PrivateStorage(Storage):
    """Delegates every operation to ``storages["private"]``."""

    @staticmethod
    def _target() -> Storage:
        return storages["private"]

    def _open(self, name: str, mode: str = "rb") -> Any:
        return self._target().open(name, mode)

    def _save(self, name: str, content: Any) -> str:
        return self._target().save(name, content)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return self._target().get_available_name(name, max_length=max_length)

    def generate_filename(self, filename: str) -> str:
        return self._target().generate_filename(filename)

    def delete(self, name: str) -> None:
        self._target().delete(name)

    def exists(self, name: str) -> bool:
        return self._target().exists(name)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        return self._target().listdir(path)

    def size(self, name: str) -> int:
        return self._target().size(name)

    def url(self, name: str | None) -> str:
        return self._target().url(name)

    def path(self, name: str) -> str:
        return self._target().path(name)

    def get_modified_time(self, name: str) -> Any:
        return self._target().get_modified_time(name)

    def get_created_time(self, name: str) -> Any:
        return self._target().get_created_time(name)

    def get_accessed_time(self, name: str) -> Any:
        return self._target().get_accessed_time(name)


private_storage = PrivateStorage()


def backend_of(storage: Storage) -> Storage:
    """The storage that really holds the files: the configured one behind the proxy."""
    return storage._target() if isinstance(storage, PrivateStorage) else storage


def open_part(storage: Storage, name: str, start: int, length: int) -> Any | None:
    """``length`` bytes of ``name`` from ``start``, read straight from an S3-compatible bucket
    (django-storages' ``S3Storage``) with one ranged ``GET``: a binary stream with ``read`` and
    ``close``. ``None`` for any other storage (open it and seek).

    django-storages' own file object downloads the whole object before its first ``seek``, which
    for a player jumping through a recording of several gigabytes would fetch all of it for
    every part it asks for."""
    try:
        from storages.backends.s3 import S3Storage
        from storages.utils import clean_name
    except ImportError:  # pragma: no cover - django-storages is a dependency
        return None
    backend = backend_of(storage)
    if not isinstance(backend, S3Storage):
        return None
    key = backend._normalize_name(clean_name(name))
    answer = backend.bucket.Object(key).get(Range=f"bytes={start}-{start + length - 1}")
    return answer["Body"]
