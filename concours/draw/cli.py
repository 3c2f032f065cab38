"""``python -m concours.draw``: a draw of the order of appearance without the web (spec §8).

``commit`` makes a secret seed and prints its commitment; ``perform`` draws the order from a CSV
of candidates and the witnesses' inputs; ``reveal`` adds the seed to the record; ``verify``
recomputes a record. Bad input exits with status 2 and one line ``error: FILE:LINE: message``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import NoReturn, TextIO

from concours.draw.files import (
    InputError,
    parse_candidates,
    read_record,
    read_seed,
    read_text,
    write_file,
    write_new_file,
)
from concours.draw.lot import commitment_of, new_seed
from concours.draw.model import Method, WitnessInput, parse_timestamp, timestamp
from concours.draw.record import DrawError, dump_record, perform, read_candidates, reveal
from concours.draw.verify import verify

EXIT_NOT_VERIFIED = 1
EXIT_BAD_INPUT = 2

#: The clock, for the times the user leaves out; tests replace it.
Clock = Callable[[], dt.datetime]


class CommandError(Exception):
    """A problem the user can fix, reported in one line."""


class _Parser(argparse.ArgumentParser):
    """Reports a bad option as one ``error:`` line (through ``main``), not usage plus a message."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{self.prog}: {message}")


def _when(text: str) -> str:
    if parse_timestamp(text) is None:
        raise argparse.ArgumentTypeError(f"“{text}” is not a time such as “2026-05-11T16:30:00Z”")
    return text


def _witness(text: str) -> WitnessInput:
    name, equals, value = text.partition("=")
    if not equals:
        raise argparse.ArgumentTypeError(f"“{text}” is not NAME=INPUT")
    return WitnessInput(name, value)


def _positive(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number from 1")
    return int(text)


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="python -m concours.draw", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commit = commands.add_parser("commit", help="make a secret seed and print its commitment")
    commit.add_argument(
        "--seed-file", required=True, metavar="FILE", help="a new file for the seed"
    )

    draw = commands.add_parser("perform", help="draw the order and write the record")
    draw.add_argument("candidates", metavar="CANDIDATES", help="CSV: id, family_name, given_name")
    draw.add_argument("--method", required=True, choices=[m.value for m in Method])
    draw.add_argument("--seed-file", required=True, metavar="FILE")
    draw.add_argument(
        "--witness",
        required=True,
        action="append",
        type=_witness,
        metavar="NAME=INPUT",
        help="a witness's input; repeat, in the order given",
    )
    draw.add_argument(
        "--committed-at",
        required=True,
        type=_when,
        metavar="TIME",
        help="when the commitment was published",
    )
    draw.add_argument("--drawn-at", type=_when, metavar="TIME", help="default: now")
    draw.add_argument("--title", default="", help="e.g. “Example 2026, violin, all rounds”")
    draw.add_argument(
        "--round",
        type=_positive,
        metavar="N",
        help="the round; leave out for one order in every round",
    )
    draw.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of standard output"
    )

    show = commands.add_parser("reveal", help="add the seed to a record")
    show.add_argument("record", metavar="RECORD")
    show.add_argument("--seed-file", required=True, metavar="FILE")
    show.add_argument("--revealed-at", type=_when, metavar="TIME", help="default: now")
    show.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of standard output"
    )

    check = commands.add_parser("verify", help="recompute a record and report every problem")
    check.add_argument("record", metavar="RECORD")
    return root


def _commit(args: argparse.Namespace, out: TextIO, clock: Clock) -> int:
    seed = new_seed()
    write_new_file(args.seed_file, seed + "\n", private=True)
    out.write(
        f"commitment: {commitment_of(seed)}\ncommitted_at: {timestamp(clock())}\n"
        f"The seed is in {args.seed_file}: keep it secret until the draw is over, then reveal it.\n"
    )
    return 0


def _write(record: Mapping[str, object], output: str | None, out: TextIO) -> None:
    if output is None:
        out.write(dump_record(record))
    else:
        write_file(output, dump_record(record))
        out.write(_report(record, output))


def _perform(args: argparse.Namespace, out: TextIO, clock: Clock) -> int:
    candidates = parse_candidates(read_text(args.candidates), name=args.candidates)
    seed = read_seed(args.seed_file)
    record = perform(
        method=Method(args.method),
        candidates=candidates,
        inputs=args.witness,
        seed=seed,
        committed_at=args.committed_at,
        drawn_at=args.drawn_at or timestamp(clock()),
        title=args.title,
        round_number=args.round,
    )
    _write(record, args.output, out)
    return 0


def _reveal(args: argparse.Namespace, out: TextIO, clock: Clock) -> int:
    record = read_record(args.record)
    seed = read_seed(args.seed_file)
    try:
        revealed = reveal(record, seed=seed, revealed_at=args.revealed_at or timestamp(clock()))
    except DrawError as error:
        raise InputError(args.record, None, str(error)) from None
    _write(revealed, args.output, out)
    return 0


def _verify(args: argparse.Namespace, out: TextIO, clock: Clock) -> int:
    record = read_record(args.record)
    problems = verify(record)
    if not problems:
        assert isinstance(record, dict)
        out.write(_report(record, f"OK: {record['title'] or args.record}"))
        return 0
    for problem in problems:
        out.write(f"problem: {problem}\n")
    out.write(f"{len(problems)} problem{'' if len(problems) == 1 else 's'}: not verified\n")
    return EXIT_NOT_VERIFIED


def _report(record: Mapping[str, object], heading: str) -> str:
    """A heading line with the draw's facts, then the order, one candidate a line."""
    by_id = {c.id: c for c in read_candidates(record)}
    order = record["order"]
    digests = record["digests"]
    assert isinstance(order, list)
    assert isinstance(digests, dict)
    letter = f", letter {record['letter']}" if record["letter"] else ""
    lines = [
        f"{heading}: {record['method']} draw{letter}, {len(order)} candidates; "
        f"record SHA-256 {digests['record']}"
    ]
    width = len(str(len(order)))
    for place, identifier in enumerate(order, start=1):
        candidate = by_id[identifier]
        name = candidate.family_name + (f", {candidate.given_name}" if candidate.given_name else "")
        lines.append(f"{place:>{width}}. {name} [{identifier}]")
    return "\n".join(lines) + "\n"


RUNNERS: dict[str, Callable[[argparse.Namespace, TextIO, Clock], int]] = {
    "commit": _commit,
    "perform": _perform,
    "reveal": _reveal,
    "verify": _verify,
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    clock: Clock = _now,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = parser().parse_args(argv)
        return RUNNERS[args.command](args, out, clock)
    except (InputError, CommandError, DrawError) as error:
        err.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
