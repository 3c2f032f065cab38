"""``manage.py export_edition <competition-slug> <year> [-o FILE]``: a public edition as an
interchange document (docs/open-data.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concours import interchange
from concours.opendata import selectors
from concours.opendata.exporting import export_edition


class Command(BaseCommand):
    help = "Write a public edition as a concours-edition document (standard output or a file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the competition's slug")
        parser.add_argument("year", type=int)
        parser.add_argument("-o", "--output", type=Path, help="write to this file")

    def handle(self, *args: Any, slug: str, year: int, output: Path | None, **options: Any) -> None:
        edition = selectors.public_edition(slug=slug, year=year)
        if edition is None:
            raise CommandError(f"No public edition {slug} {year}.")
        text = interchange.dump(export_edition(edition))
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_bytes(text.encode("utf-8"))
