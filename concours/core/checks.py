"""System checks (``manage.py check``, also run by ``migrate`` and ``runserver``) for what the
settings read from the environment: a misconfigured deployment is told when it is set up, not
when the first candidate uploads a file."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from concours.env import S3_STORAGES


@register(Tags.files)
def check_private_storage(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[Error]:
    """An S3 private storage needs django-storages with boto3, a bucket, and a local directory
    for unfinished recording uploads (S3 objects cannot be appended to)."""
    private = settings.STORAGES.get("private", {})
    if private.get("BACKEND") not in S3_STORAGES:
        return []
    errors = []
    try:
        import boto3  # noqa: F401
        import storages.backends.s3  # noqa: F401
    except ImportError:
        errors.append(
            Error(
                "PRIVATE_STORAGE_BACKEND is S3, but django-storages or boto3 is not installed.",
                hint="Install the locked requirements (requirements/production.txt).",
                id="concours.E001",
            )
        )
    if not private.get("OPTIONS", {}).get("bucket_name"):
        errors.append(
            Error(
                "PRIVATE_STORAGE_BACKEND is S3, but no bucket is named.",
                hint="Set PRIVATE_S3_BUCKET (and PRIVATE_S3_ENDPOINT_URL for a store other than AWS).",
                id="concours.E002",
            )
        )
    if not settings.CONCOURS_UPLOAD_STAGING_DIR:
        errors.append(
            Error(
                "PRIVATE_STORAGE_BACKEND is S3, but CONCOURS_UPLOAD_STAGING_DIR is not set: "
                "resumable recording uploads need a local directory to append to.",
                hint="Set CONCOURS_UPLOAD_STAGING_DIR to a directory on a volume large enough "
                "for the unfinished uploads (docs/uploads.md).",
                id="concours.E003",
            )
        )
    return errors
