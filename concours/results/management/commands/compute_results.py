from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concours.competitions.models import Round
from concours.results.services import ResultsError, compute_round_results


class Command(BaseCommand):
    help = "Compute a round's results from its marks and store them as a new snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", type=int, help="the round's id")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            round_ = Round.objects.select_related("division__edition__competition").get(
                pk=options["round"]
            )
        except Round.DoesNotExist:
            raise CommandError(f"No round with id {options['round']}.") from None
        try:
            computation = compute_round_results(round_=round_, by=None)
        except ResultsError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{round_}: computed, record digest {computation.digest}.")
