"""``manage.py import_edition FILE [--dry-run]``: import a member's interchange document.

Every problem is printed as ``FILE: /path: message`` (in the active language) and the command
exits with status 2, changing nothing. ``--dry-run`` checks and reports what would change.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concours.federation.models import Federation
from concours.opendata.messages import line
from concours.opendata.selectors import federation_for
from concours.opendata.services import import_text


class Command(BaseCommand):
    help = "Import a concours-edition document (all or nothing); --dry-run changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only; change nothing")
        parser.add_argument("--federation", help="the federation's short name (default: the first)")

    def handle(
        self, *args: Any, file: Path, dry_run: bool, federation: str | None, **options: Any
    ) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            self._fail([f"{file}: {error.strerror}"])
        found = (
            Federation.objects.filter(short_name=federation).first()
            if federation
            else federation_for(None)
        )
        if found is None:
            self._fail([f"{file}: no such federation"])
        outcome = import_text(text=data, federation=found, actor=None, dry_run=dry_run)
        if isinstance(outcome, list):
            self._fail([line(str(file), problem) for problem in outcome])
        verb = "would import" if dry_run else "imported"
        self.stdout.write(
            f"{file}: {verb} {outcome.edition}: {outcome.divisions} divisions, "
            f"{outcome.rounds} rounds, {outcome.prizes} prizes, {outcome.jurors} jurors, "
            f"results of {outcome.results} rounds"
            + ("" if outcome.created_edition else " (replacing the earlier import)")
        )

    def _fail(self, lines: list[str]) -> None:
        for text in lines:
            self.stderr.write(text)
        sys.exit(2)
