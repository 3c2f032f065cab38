"""Delete abandoned uploads and queue again the verifications a stopped worker left (run it
hourly from cron or a systemd timer; docs/uploads.md)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from concours.uploads.services import purge_expired_uploads


class Command(BaseCommand):
    help = "Delete expired uploads with their partial files; re-queue stalled verifications."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted, queued = purge_expired_uploads(now=timezone.now())
        self.stdout.write(f"uploads.deleted: {deleted}\nuploads.requeued: {queued}")
