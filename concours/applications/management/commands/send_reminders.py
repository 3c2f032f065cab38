from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from concours.applications.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the deadline reminders that are due (run hourly from cron); never sends one twice."

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_due_reminders(now=timezone.now())
        self.stdout.write(f"{count} reminders queued.")
