"""``python -m concours.scoring``: score a stage, combine stages, explain, export and verify
(spec §8). Bad input exits with status 2 and one line ``error: FILE:LINE: message``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from concours.scoring.csvio import InputError, read_marks, write_result, write_stage
from concours.scoring.engine import combine, score_stage
from concours.scoring.explain import render
from concours.scoring.presets import CHOPIN_2025_WEIGHTS, PRESET_NAMES, preset

EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A problem the user can fix, reported in one line."""


def _stage(args: argparse.Namespace, out: TextIO) -> None:
    rule = preset(args.preset, stage=args.stage)
    marks = read_marks(args.file, rule)
    out.write(write_stage(score_stage(marks.marks, rule, advance=args.advance)))


def _result(args: argparse.Namespace, out: TextIO) -> None:
    if args.preset != "chopin-2025":
        raise CommandError("result: only the chopin-2025 preset defines weights across stages")
    if not 2 <= len(args.files) <= 4:
        raise CommandError("result: give 2 to 4 stage files, in order")
    stages = []
    for number, path in enumerate(args.files, start=1):
        rule = preset(args.preset, stage=number)
        scored = score_stage(read_marks(path, rule).marks, rule)
        stages.append({row.candidate: row.score for row in scored.results})
    out.write(write_result(combine(stages, CHOPIN_2025_WEIGHTS[len(stages)])))


def _explain(args: argparse.Namespace, out: TextIO) -> None:
    rule = preset(args.preset, stage=args.stage)
    stage = score_stage(read_marks(args.file, rule).marks, rule, advance=args.advance)
    found = stage.by_candidate().get(args.candidate)
    if found is None:
        raise CommandError(f"{args.file}: no candidate named “{args.candidate}”")
    stage_name = f", stage {args.stage}" if args.stage else ""
    out.write(render(found, stage, title=f"{found.candidate} — {args.preset}{stage_name}"))


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}” is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m concours.scoring", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def stage_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "file", metavar="FILE", help="CSV with candidate, juror, score (and vote)"
        )
        command.add_argument("--preset", required=True, choices=PRESET_NAMES, metavar="NAME")
        command.add_argument(
            "--stage",
            type=_positive,
            metavar="K",
            help="stage number (chopin-2025: D = 3 in stage 1, else 2)",
        )
        command.add_argument(
            "--advance",
            type=_positive,
            metavar="N",
            help="how many advance (ties at the cut advance too)",
        )

    stage_options(commands.add_parser("stage", help="score one stage"))
    result = commands.add_parser("result", help="weighted result over stages (chopin-2025)")
    result.add_argument("--preset", required=True, choices=PRESET_NAMES, metavar="NAME")
    result.add_argument("files", nargs="+", metavar="FILE")
    explain = commands.add_parser("explain", help="one candidate's breakdown")
    stage_options(explain)
    explain.add_argument("--candidate", required=True, metavar="NAME")
    for name, (register, _run) in EXTRA_COMMANDS.items():
        register(commands.add_parser(name, help=EXTRA_HELP[name]))
    return root


RUNNERS: dict[str, Callable[[argparse.Namespace, TextIO], None]] = {
    "stage": _stage,
    "result": _result,
    "explain": _explain,
}
#: Commands other modules add (export, verify, analyse): name → (add arguments, run).
EXTRA_COMMANDS: dict[
    str,
    tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace, TextIO], None]],
] = {}
EXTRA_HELP: dict[str, str] = {}


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = parser().parse_args(argv)
    run = RUNNERS.get(args.command) or EXTRA_COMMANDS[args.command][1]
    try:
        run(args, out)
    except (InputError, CommandError, ValueError) as error:
        err.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
    return 0
