"""``python -m concours.scoring``: score a stage, combine stages, explain, export and verify
(spec §8). Bad input exits with status 2 and one line ``error: FILE:LINE: message``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from concours.scoring.csvio import InputError, read_marks, write_result, write_stage
from concours.scoring.engine import combine, score_stage
from concours.scoring.explain import render
from concours.scoring.presets import CHOPIN_2025_WEIGHTS, PRESET_NAMES, preset

EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A problem the user can fix, reported in one line."""


class _Parser(argparse.ArgumentParser):
    """Reports a bad option as one ``error:`` line (through ``main``), not usage plus a message."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{self.prog}: {message}")


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
    root = _Parser(prog="python -m concours.scoring", description=__doc__)
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

    export = commands.add_parser("export", help="write a verifiable results record (JSON)")
    stage_options(export)
    export.add_argument("--decisions", metavar="FILE", help="jury decisions (JSON) to include")
    export.add_argument(
        "--title", default="", help="what the record is of, e.g. “Schoenfeld 2025, violin, round 1”"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of standard output"
    )

    verify = commands.add_parser(
        "verify", help="recompute a results record and report any mismatch"
    )
    verify.add_argument("record", metavar="RECORD", help="a record written by export")

    analyse = commands.add_parser("analyse", help="robustness, juror patterns, order of appearance")
    analyses = analyse.add_subparsers(dest="analysis", required=True, metavar="ANALYSIS")
    loo = analyses.add_parser("loo", help="leave one juror out: whose absence changes the outcome")
    stage_options(loo)
    loo.add_argument(
        "--top", type=_positive, default=3, metavar="K", help="places watched besides the advancers"
    )
    compare = analyses.add_parser("compare", help="the same marks under several presets")
    compare.add_argument("file", metavar="FILE")
    compare.add_argument(
        "--presets", required=True, metavar="A,B,…", help="comma-separated preset names"
    )
    compare.add_argument("--stage", type=_positive, metavar="K")
    compare.add_argument("--advance", type=_positive, metavar="N")
    jurors = analyses.add_parser(
        "jurors", help="each juror's leniency, spread and agreement with the panel"
    )
    stage_options(jurors)
    order = analyses.add_parser("order", help="did the order of appearance matter?")
    stage_options(order)
    order.add_argument(
        "--order", required=True, metavar="FILE", help="CSV: candidate, position (and day)"
    )
    order.add_argument("--permutations", type=_positive, default=10000, metavar="N")
    order.add_argument("--seed", type=int, default=2025)
    return root


def _export(args: argparse.Namespace, out: TextIO) -> None:
    from concours.scoring.record import export_command

    export_command(args, out)


def _verify(args: argparse.Namespace, out: TextIO) -> int:
    from concours.scoring.record import verify_command

    return verify_command(args, out)


def _analyse(args: argparse.Namespace, out: TextIO) -> None:
    from concours.scoring.analysis import analyse_command

    analyse_command(args, out)


#: Each command's runner; a runner may return an exit status (verify: 1 on a mismatch).
RUNNERS: dict[str, Callable[[argparse.Namespace, TextIO], int | None]] = {
    "stage": _stage,
    "result": _result,
    "explain": _explain,
    "export": _export,
    "verify": _verify,
    "analyse": _analyse,
}


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = parser().parse_args(argv)
        status = RUNNERS[args.command](args, out)
    except (InputError, CommandError, ValueError) as error:
        err.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
    return status or 0
