"""``manage.py verify_ledger [CHAIN ...] [--export FILE]``: verify the integrity log's chains
(all of them by default) and, for one chain, write its export for ``python -m concours.hashchain
verify``. Exits with status 1 when a chain is broken or unknown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concours.ledger.selectors import chains, export_jsonl, verification


class Command(BaseCommand):
    help = "Verify the integrity log's hash chains (all of them unless some are named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("chains", nargs="*", metavar="CHAIN", help="e.g. edition:12")
        parser.add_argument(
            "--export",
            metavar="FILE",
            help="write the chain (exactly one) as JSON Lines, for python -m concours.hashchain",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = set(chains().values_list("key", flat=True))
        names: list[str] = options["chains"] or sorted(known)
        if options["export"] and len(options["chains"]) != 1:
            raise CommandError(_("Name exactly one chain to export."))
        failed = 0
        for name in names:
            if name not in known:
                self.stderr.write(_("%(chain)s: no such chain.") % {"chain": name})
                failed += 1
                continue
            failed += self._verify(name)
        if options["export"] and names[0] in known:
            self._export(names[0], Path(options["export"]))
        if not names:
            self.stdout.write(_("No chains yet."))
        if failed:
            raise CommandError(
                ngettext(
                    "%(failed)d of %(count)d chain failed.",
                    "%(failed)d of %(count)d chains failed.",
                    len(names),
                )
                % {"failed": failed, "count": len(names)}
            )

    def _verify(self, name: str) -> int:
        checked = verification(name)
        problems = checked.problems
        if not problems:
            found = checked.head
            self.stdout.write(
                ngettext(
                    "OK %(chain)s: %(length)d entry, head %(head)s",
                    "OK %(chain)s: %(length)d entries, head %(head)s",
                    found.length,
                )
                % {"chain": name, "length": found.length, "head": found.hash}
            )
            return 0
        self.stdout.write(
            ngettext(
                "BROKEN %(chain)s: %(count)d problem",
                "BROKEN %(chain)s: %(count)d problems",
                len(problems),
            )
            % {"chain": name, "count": len(problems)}
        )
        for problem in problems:
            self.stdout.write(f"  {problem}")
        return 1

    def _export(self, name: str, path: Path) -> None:
        try:
            with path.open("w", encoding="utf-8") as out:
                out.writelines(export_jsonl(name))
        except OSError as error:
            raise CommandError(
                _("%(file)s cannot be written (%(reason)s).")
                % {"file": path, "reason": error.strerror or error}
            ) from None
        self.stdout.write(_("Exported %(chain)s to %(file)s.") % {"chain": name, "file": path})
