from typing import Any

from django.core.management.base import BaseCommand

from concours.events.services import expire_offers


class Command(BaseCommand):
    help = "Expire places offered from waiting lists and not confirmed in time; offer them on."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{expire_offers()} offers expired")
