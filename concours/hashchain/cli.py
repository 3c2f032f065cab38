"""``python -m concours.hashchain verify FILE [--head HASH]`` (``docs/algorithms/hashchain.md``
§7): 0 when the chain verifies, 1 with every problem listed, 2 when the input cannot be read
(one line ``error: FILE:LINE: message``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from concours.hashchain.chain import Problem, head_of, verify_chain
from concours.hashchain.jsonl import ChainFile, InputError, read_lines

EXIT_OK, EXIT_BROKEN, EXIT_BAD_INPUT = 0, 1, 2


class CommandError(Exception):
    """A problem the user can fix, reported in one line."""


class _Parser(argparse.ArgumentParser):
    """Reports a bad option as one ``error:`` line (through ``main``), not usage plus a message."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{self.prog}: {message}")


def _hash(value: str) -> str:
    text = value.strip().lower()
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise argparse.ArgumentTypeError(f"“{value}” is not 64 hexadecimal digits")
    return text


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="python -m concours.hashchain", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    verify = commands.add_parser("verify", help="check an exported chain (JSON Lines)")
    verify.add_argument("file", metavar="FILE", help="one link per line, as exported")
    verify.add_argument(
        "--head",
        type=_hash,
        metavar="HASH",
        help="a published head: some entry of the chain must have this hash",
    )
    return root


def _where(found: ChainFile, path: str, problem: Problem) -> str:
    if problem.position is None:
        return path
    return f"{path}:{found.lines[problem.position - 1]}"


def verify_command(args: argparse.Namespace, out: TextIO) -> int:
    found = read_lines(args.file)
    problems = verify_chain(found.links, contains=args.head)
    if problems:
        for problem in problems:
            out.write(f"{_where(found, args.file, problem)}: {problem}\n")
        out.write(f"broken: {len(problems)} problem{'s' if len(problems) > 1 else ''}\n")
        return EXIT_BROKEN
    head = head_of(found.links)
    name = f"“{found.links[0].entry.chain}”" if found.links else "empty chain"
    line = f"OK: {name}, {head.length} entr{'y' if head.length == 1 else 'ies'}, head {head.hash}"
    if args.head is not None:
        seq = next(link.entry.seq for link in found.links if link.hash == args.head)
        line += f"; the published head is seq {seq}"
    out.write(line + "\n")
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = parser().parse_args(argv)
        return verify_command(args, out)
    except (InputError, CommandError) as error:
        err.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
