"""``python -m concours.interchange validate FILE`` (spec §10): prints ``valid: FILE`` and
exits 0, or prints one ``error: FILE: /path: message`` line per problem and exits 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from concours.interchange.parse import parse

EXIT_OK, EXIT_INVALID = 0, 2


class CommandError(Exception):
    """A problem with the command line or the file, reported in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{self.prog}: {message}")


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="python -m concours.interchange", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check a concours-edition document")
    validate.add_argument("file", metavar="FILE", help="the JSON document")
    return root


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = parser().parse_args(argv)
        try:
            with open(args.file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(f"{args.file}: {error.strerror}") from None
    except CommandError as error:
        err.write(f"error: {error}\n")
        return EXIT_INVALID
    found = parse(data)
    if isinstance(found, list):
        for problem in found:
            err.write(f"error: {args.file}: {problem}\n")
        return EXIT_INVALID
    out.write(f"valid: {args.file}\n")
    return EXIT_OK
