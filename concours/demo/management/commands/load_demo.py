"""``manage.py load_demo [--if-empty]``: fill an empty database with the demo data."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concours.demo.services import DatabaseNotEmpty, load_demo, reason_not_empty


class Command(BaseCommand):
    help = (
        "Load the demo data (WFIMC, member competitions, Schoenfeld 2025, and Schoenfeld 2027 "
        "open to applications, with applications in every status) into an empty database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already has data; for `make setup`.",
        )

    def handle(self, *args: Any, if_empty: bool, verbosity: int, **options: Any) -> None:
        reason = reason_not_empty()
        if reason is not None:
            if if_empty:
                self.stdout.write(f"Demo data not loaded: {reason}.")
                return
            raise CommandError(
                f"Refusing to load the demo data: {reason}. The demo goes into an empty database only."
            )
        try:
            summary = load_demo(stdout=self.stdout if verbosity > 1 else None)
        except DatabaseNotEmpty as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo data: {summary}."))
        self.stdout.write("See the log-ins with: manage.py demo_logins")
