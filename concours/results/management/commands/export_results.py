from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concours.competitions.models import Round
from concours.results.selectors import latest_computation
from concours.results.services import record_with_decisions
from concours.scoring.record import dump_record


class Command(BaseCommand):
    help = "Write a round's latest results record, with the jury's decisions, as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", type=int, help="the round's id")
        parser.add_argument(
            "-o", "--output", type=Path, help="file to write (default: standard output)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            round_ = Round.objects.get(pk=options["round"])
        except Round.DoesNotExist:
            raise CommandError(f"No round with id {options['round']}.") from None
        computation = latest_computation(round_)
        if computation is None:
            raise CommandError(
                f"{round_}: no results computed yet (manage.py compute_results {round_.pk})."
            )
        text = dump_record(record_with_decisions(computation))
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
