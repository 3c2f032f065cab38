"""Background work of uploads: verifying a complete file (tasks take ids, re-fetch, call a
service)."""

import uuid

from django.tasks import task
from django.utils import timezone


@task()
def verify_upload_task(upload_id: str) -> None:
    from concours.uploads.services import verify_upload

    verify_upload(upload_id=uuid.UUID(upload_id), now=timezone.now())
