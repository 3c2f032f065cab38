"""``python -m concours.timetable solve FILE.json``: a timetable without the web (spec §7).

Prints the result as JSON. Exit status 0 when a timetable is found, 1 when there is none (the
reasons are in the JSON), 2 on bad input with one line ``error: …``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from concours.timetable.files import FormatError, problem_from_json, result_to_json
from concours.timetable.model import InputError
from concours.timetable.solver import DEFAULT_EFFORT, solve

EXIT_NO_TIMETABLE = 1
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A problem the user can fix, reported in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{self.prog}: {message}")


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="python -m concours.timetable", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    solve_ = commands.add_parser("solve", help="assign lessons to slots and print the timetable")
    solve_.add_argument("file", metavar="FILE.json")
    solve_.add_argument("--effort", type=float, default=DEFAULT_EFFORT, help="deterministic time limit")  # fmt: skip
    return root


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:  # fmt: skip
    try:
        arguments = parser().parse_args(argv)
        try:
            with open(arguments.file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{arguments.file}: {error}") from None
        problem = problem_from_json(data)
        result = solve(problem, effort=arguments.effort)
    except (CommandError, FormatError, InputError) as error:
        print(f"error: {error}", file=err)
        return EXIT_BAD_INPUT
    json.dump(result_to_json(problem, result), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0 if result.solved else EXIT_NO_TIMETABLE
