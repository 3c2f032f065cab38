"""Typed readers for environment variables, used by ``settings.py``.

Each helper names the variable in its error, so a mistyped deployment fails at start-up with a
message that says what to fix instead of misbehaving later.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def env_str(
    name: str, default: str | None = None, *, environ: Mapping[str, str] = os.environ
) -> str:
    value = environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required but not set.")
        return default
    return value


def env_bool(name: str, default: bool, *, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"The environment variable {name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name: str, default: int, *, environ: Mapping[str, str] = os.environ) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a whole number; got {raw!r}."
        ) from None


def env_list(
    name: str, default: list[str], *, environ: Mapping[str, str] = os.environ
) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


#: ``PRIVATE_STORAGE_BACKEND`` for an S3-compatible bucket (django-storages), and its older alias.
S3_STORAGE = "storages.backends.s3.S3Storage"
S3_STORAGES = frozenset({S3_STORAGE, "storages.backends.s3boto3.S3Boto3Storage"})


def private_storage(
    *, default_root: Path, environ: Mapping[str, str] = os.environ
) -> dict[str, Any]:
    """``STORAGES["private"]``, the candidates' files, from the environment.

    By default a local directory (``PRIVATE_MEDIA_ROOT``). With ``PRIVATE_STORAGE_BACKEND`` set
    to :data:`S3_STORAGE`, a bucket: ``PRIVATE_S3_BUCKET``, ``PRIVATE_S3_ENDPOINT_URL`` (for a
    store other than AWS: MinIO, Ceph, …), ``PRIVATE_S3_REGION``, ``PRIVATE_S3_PREFIX`` (a key
    prefix); the credentials come from boto3's usual sources (``AWS_ACCESS_KEY_ID`` and
    ``AWS_SECRET_ACCESS_KEY``, or the machine's role). Any other backend gets no options.
    """
    backend = env_str(
        "PRIVATE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage", environ=environ
    )
    if backend in S3_STORAGES:
        options: dict[str, Any] = {
            "bucket_name": env_str("PRIVATE_S3_BUCKET", "", environ=environ),
            "endpoint_url": env_str("PRIVATE_S3_ENDPOINT_URL", "", environ=environ) or None,
            "region_name": env_str("PRIVATE_S3_REGION", "", environ=environ) or None,
            "location": env_str("PRIVATE_S3_PREFIX", "", environ=environ),
            # Never replace a stored file by another of the same name (Django picks a new one);
            # any URL the storage makes is signed and short-lived (downloads go through views).
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 300,
            # A file opened whole (a document download) is buffered in memory up to this size,
            # then on disk (django-storages' default keeps all of it in memory).
            "max_memory_size": 8 * 1024 * 1024,
        }
    elif backend == "django.core.files.storage.FileSystemStorage":
        root = env_str("PRIVATE_MEDIA_ROOT", str(default_root), environ=environ)
        options = {"location": str(Path(root)), "base_url": None}
    else:
        options = {}
    return {"BACKEND": backend, "OPTIONS": options}
