from typing import Any

from django.core.management.base import BaseCommand

from concours.events.notifications import send_session_reminders


class Command(BaseCommand):
    help = "E-mail registrants of the sessions starting within the next day and a half."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_session_reminders()} reminders queued")
