"""The demo writes candidates' files: in tests, onto a temporary private storage."""

from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from concours.applications.models import Document, Recording, ReferenceLetter


def use_private_storage(monkeypatch: pytest.MonkeyPatch, location: Path) -> FileSystemStorage:
    """Point the file fields of applications at a storage in ``location``: set on the fields
    themselves, so it holds however they look their storage up."""
    storage = FileSystemStorage(location=location, base_url=None)
    for model in (Document, Recording, ReferenceLetter):
        monkeypatch.setattr(model._meta.get_field("file"), "storage", storage)
    return storage


@pytest.fixture(autouse=True)
def private_storage(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FileSystemStorage:
    return use_private_storage(monkeypatch, tmp_path / "private")
