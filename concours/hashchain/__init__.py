"""A hash chain: an append-only log whose every entry carries the hash of the one before it, so
that changing, removing or reordering a stored entry is detected (a pure core, no Django).

Specified in ``docs/algorithms/hashchain.md``. Command line: ``python -m concours.hashchain
verify FILE.jsonl [--head HASH]``.
"""

from concours.hashchain.chain import (
    EMPTY,
    GENESIS,
    Entry,
    Head,
    Link,
    Problem,
    ProblemCode,
    canonical,
    canonical_json,
    entry_hash,
    extend,
    head_of,
    time_text,
    verify_chain,
)
from concours.hashchain.jsonl import InputError, dump_line, dump_lines, parse_lines, read_lines

__all__ = [
    "EMPTY",
    "GENESIS",
    "Entry",
    "Head",
    "InputError",
    "Link",
    "Problem",
    "ProblemCode",
    "canonical",
    "canonical_json",
    "dump_line",
    "dump_lines",
    "entry_hash",
    "extend",
    "head_of",
    "parse_lines",
    "read_lines",
    "time_text",
    "verify_chain",
]
