from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concours.competitions.models import Round
from concours.results.services import import_marks
from concours.scoring.csvio import InputError


class Command(BaseCommand):
    help = "Import a round's marks from CSV (candidate, juror, score[, vote]); all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", type=int, help="the round's id")
        parser.add_argument("file", type=Path, help="CSV file, UTF-8")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            round_ = Round.objects.select_related("division__edition").get(pk=options["round"])
        except Round.DoesNotExist:
            raise CommandError(f"No round with id {options['round']}.") from None
        path: Path = options["file"]
        try:
            content = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text (byte {error.start})") from None
        try:
            summary = import_marks(round_=round_, content=content, filename=str(path), by=None)
        except (InputError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{round_}: {summary.created} marks imported, {summary.unchanged} already there."
        )
