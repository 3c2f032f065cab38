"""The export format (``docs/algorithms/hashchain.md`` §6): one link per line, JSON Lines.

Reading is strict: a line that is not exactly a link raises ``InputError`` naming the file and
the line, so that the command line can print one clear message instead of a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from concours.hashchain.chain import Entry, Link, canonical, canonical_json, is_hash

FORMAT = "concours-hashchain/1"
MEMBERS = ("chain", "seq", "time", "actor", "kind", "payload", "prev", "hash")


class InputError(ValueError):
    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class ChainFile:
    """The links of a file in the file's order, and the line each one is on."""

    links: tuple[Link, ...]
    lines: tuple[int, ...]


def link_to_json(link: Link) -> dict[str, object]:
    entry = link.entry
    return {
        "chain": entry.chain,
        "seq": entry.seq,
        "time": entry.time,
        "actor": entry.actor,
        "kind": entry.kind,
        "payload": entry.payload,
        "prev": link.prev,
        "hash": link.hash,
    }


def dump_line(link: Link) -> str:
    """One line of the export: the link in canonical form (§2), ending with a newline."""
    return canonical_json(link_to_json(link), "link").decode("utf-8") + "\n"


def dump_lines(links: Iterable[Link]) -> Iterator[str]:
    return (dump_line(link) for link in links)


def link_from_json(value: object) -> Link:
    """A link from one parsed line; ``ValueError`` for anything that is not exactly a link."""
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object, found {_json_type(value)}")
    missing = [name for name in MEMBERS if name not in value]
    unknown = sorted(name for name in value if name not in MEMBERS)
    if missing:
        raise ValueError(f"missing member{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if unknown:
        raise ValueError(f"unknown member{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
    for name in ("prev", "hash"):
        if not is_hash(value[name]):
            raise ValueError(f"{name}: expected 64 lowercase hexadecimal digits")
    entry = Entry(
        chain=value["chain"],
        seq=value["seq"],
        time=value["time"],
        actor=value["actor"],
        kind=value["kind"],
        payload=value["payload"],
    )
    canonical(entry)  # every field checked (§1, §2)
    return Link(entry, value["prev"], value["hash"])


def parse_lines(text: str, *, name: str = "<chain>") -> ChainFile:
    """The links of an export. Lines are split at line feeds only (a JSON string may hold
    U+2028); blank lines are skipped."""
    links: list[Link] = []
    lines: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            links.append(link_from_json(parse_json(line)))
        except ValueError as error:
            raise InputError(name, number, str(error)) from None
        lines.append(number)
    return ChainFile(tuple(links), tuple(lines))


def read_lines(path: str | Path) -> ChainFile:
    """Read an export; ``InputError`` for the first problem found."""
    name = str(path)
    try:
        content = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(name, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, None, "is a directory, not a JSON Lines file") from None
    except UnicodeDecodeError as error:
        raise InputError(name, None, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(name, None, f"cannot be read ({error.strerror or error})") from None
    return parse_lines(content, name=name)


# --- Strict JSON --------------------------------------------------------------------------------


def parse_json(text: str) -> object:
    """RFC 8259 JSON without fractions, exponents, NaN or repeated keys (§2)."""
    try:
        return json.loads(
            text,
            parse_float=_no_fraction,
            parse_constant=_no_fraction,
            object_pairs_hook=_no_repeats,
        )
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _no_fraction(text: str) -> object:
    raise ValueError(
        f"the number {text} is not allowed: numbers are whole; decimals are written as strings"
    )


def _no_repeats(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key “{key}” appears twice in one object")
        found[key] = value
    return found


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"
