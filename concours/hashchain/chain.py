"""Entries, their canonical encoding, their hashes, and the verification of a chain of them
(``docs/algorithms/hashchain.md`` §1–§5).

An *entry* is what is recorded: chain key, sequence number, time, actor, kind and a JSON
payload. A *link* is an entry as stored: with the hash of the entry before it (``prev``) and its
own hash. A *head* is where a chain ends: its length and the hash of its last entry.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

#: The previous hash of a chain's first entry, and the head hash of an empty chain (§4).
GENESIS = "0" * 64
#: The largest whole number a payload may hold (§2): every JSON reader reads it exactly.
MAX_INTEGER = 2**53 - 1
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_HASH = re.compile(r"[0-9a-f]{64}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Entry:
    """What is recorded (§1). Values are checked when the entry is encoded, not here, so that a
    damaged stored entry can still be loaded and reported by ``verify_chain``."""

    chain: str
    seq: int
    time: str
    actor: str
    kind: str
    payload: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Link:
    """An entry as stored: ``prev`` is the hash of the entry before it, ``hash`` its own (§4)."""

    entry: Entry
    prev: str
    hash: str


@dataclass(frozen=True, slots=True)
class Head:
    """Where a chain ends: how many entries it has and the hash of the last (``GENESIS`` when
    empty). Published with results so that anyone can check a chain against it (§5.2)."""

    length: int
    hash: str


EMPTY = Head(0, GENESIS)


class ProblemCode(StrEnum):
    """What a verifier finds wrong (§5.1)."""

    INVALID = "invalid"
    CHAIN = "chain"
    HASH = "hash"
    LINK = "link"
    DUPLICATE = "duplicate"
    ORDER = "order"
    GAP = "gap"
    HEAD = "head"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a chain. ``seq`` names the entry (``None``: the chain as a whole);
    ``position`` is the link's place in the sequence given to ``verify_chain``, counting from 1
    (``None`` for entries that are missing)."""

    seq: int | None
    code: ProblemCode
    detail: str
    position: int | None = None

    def __str__(self) -> str:
        return self.detail if self.seq is None else f"seq {self.seq}: {self.detail}"


# --- Canonical encoding (§2, §3) -----------------------------------------------------------------


def time_text(moment: datetime) -> str:
    """An aware datetime as an entry's time (§1): UTC, microseconds, ``Z``."""
    if moment.utcoffset() is None:
        raise ValueError("time: a naive datetime has no time zone; give an aware one")
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def canonical_json(value: object, path: str = "value") -> bytes:
    """``value`` in the canonical form of §2 (RFC 8785 on the values §2 allows), as UTF-8.
    A value outside §2 raises ``ValueError`` naming its path (``payload.marks[2]: …``)."""
    parts: list[str] = []
    try:
        _write(value, path, parts)
    except RecursionError:
        raise ValueError(f"{path or 'value'}: nested too deeply") from None
    return "".join(parts).encode("utf-8")


def _write(value: object, path: str, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif isinstance(value, bool):
        out.append("true" if value else "false")
    elif isinstance(value, int):
        if abs(value) > MAX_INTEGER:
            raise ValueError(
                f"{path}: {int(value)} is beyond ±(2^53 − 1); write such numbers as strings"
            )
        out.append(int.__repr__(value))
    elif isinstance(value, str):
        out.append(_string(value, path))
    elif isinstance(value, float | Decimal):
        raise ValueError(
            f"{path}: the number {value} is not allowed: numbers are whole; "
            "decimals are written as strings, such as “14.50”"
        )
    elif isinstance(value, Mapping):
        members: list[tuple[bytes, str, object]] = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"{path}: the key {key!r} is not a string")
            _string(key, f"{path}: the key")
            members.append((key.encode("utf-16-be"), key, item))
        out.append("{")
        for index, (_, key, item) in enumerate(sorted(members)):
            out.append(f"{',' if index else ''}{_string(key, path)}:")
            _write(item, f"{path}.{key}" if path else key, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            out.append("," if index else "")
            _write(item, f"{path}[{index}]", out)
        out.append("]")
    else:
        raise ValueError(f"{path}: a {type(value).__name__} is not a JSON value")


def _string(text: str, path: str) -> str:
    found = _SURROGATE.search(text)
    if found:
        raise ValueError(
            f"{path}: U+{ord(found.group()):04X} alone is not a character (a lone surrogate)"
        )
    return json.dumps(text, ensure_ascii=False)


def entry_problem(entry: Entry) -> str | None:
    """Why ``entry`` cannot be encoded (§1), or ``None`` when it can."""
    try:
        canonical(entry)
    except ValueError as error:
        return str(error)
    return None


def canonical(entry: Entry) -> bytes:
    """The bytes of ``entry`` that its hash covers (§3); ``ValueError`` if a field is invalid."""
    for name in ("chain", "actor", "kind"):
        text = getattr(entry, name)
        if not isinstance(text, str) or not text:
            raise ValueError(f"{name}: must be a non-empty string")
    seq = entry.seq
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= MAX_INTEGER:
        raise ValueError(f"seq: must be a whole number from 1 to 2^53 − 1, found {seq!r}")
    _check_time(entry.time)
    if not isinstance(entry.payload, Mapping):
        raise ValueError(f"payload: must be a JSON object, found {type(entry.payload).__name__}")
    fields = {
        "chain": entry.chain,
        "seq": seq,
        "time": entry.time,
        "actor": entry.actor,
        "kind": entry.kind,
        "payload": entry.payload,
    }
    return canonical_json(fields, "")  # errors name the field: ``payload.score: …``


def _check_time(text: object) -> None:
    message = f"time: expected UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ, found {text!r}"
    if not isinstance(text, str) or not _TIME.fullmatch(text):
        raise ValueError(message)
    try:
        datetime.strptime(text, TIME_FORMAT)
    except ValueError:
        raise ValueError(f"{message} (no such date or time)") from None


# --- Hashes and links (§4) -------------------------------------------------------------------------


def is_hash(text: object) -> bool:
    """A hash as written here: 64 lowercase hexadecimal digits."""
    return isinstance(text, str) and _HASH.fullmatch(text) is not None


def entry_hash(prev: str, entry: Entry) -> str:
    """SHA-256 of the previous hash (64 ASCII hex digits) followed by ``canonical(entry)``."""
    if not is_hash(prev):
        raise ValueError(f"prev: expected 64 lowercase hexadecimal digits, found {prev!r}")
    return hashlib.sha256(prev.encode("ascii") + canonical(entry)).hexdigest()


def extend(
    head: Head,
    *,
    chain: str,
    time: str,
    actor: str,
    kind: str,
    payload: Mapping[str, object],
) -> Link:
    """The link that follows ``head``: the next sequence number, linked to the head's hash."""
    entry = Entry(chain, head.length + 1, time, actor, kind, payload)
    return Link(entry, head.hash, entry_hash(head.hash, entry))


def head_of(links: Sequence[Link]) -> Head:
    """The head of a chain whose links are given in order (``EMPTY`` for none)."""
    if not links:
        return EMPTY
    return Head(links[-1].entry.seq, links[-1].hash)


# --- Verifying (§5) ------------------------------------------------------------------------------


def verify_chain(
    links: Iterable[Link], *, contains: str | None = None, ends_at: Head | None = None
) -> list[Problem]:
    """Every problem of a chain whose links are given in storage order, by sequence number;
    an empty list means the chain verifies (§5.1).

    ``contains`` is a published head hash: some entry must have it (the chain may have grown
    since it was published, §5.2). ``ends_at`` is the head the store keeps for the chain: the
    chain must end exactly there, which reveals entries removed from its end (§5.3).
    """
    given = list(links)
    problems: list[Problem] = []
    first_hash: dict[int, str] = {}
    for link in given:
        seq = link.entry.seq
        if _valid_seq(seq) and seq not in first_hash:
            first_hash[seq] = link.hash
    key = given[0].entry.chain if given else None
    highest = 0
    seen: set[int] = set()
    for position, link in enumerate(given, start=1):
        problems.extend(_link_problems(link, position, key, first_hash))
        seq = link.entry.seq
        if not _valid_seq(seq):
            continue
        if seq in seen:
            detail = f"duplicate: seq {seq} appears again"
            problems.append(Problem(seq, ProblemCode.DUPLICATE, detail, position))
        elif seq < highest:
            detail = f"out of order: seq {seq} comes after seq {highest}"
            problems.append(Problem(seq, ProblemCode.ORDER, detail, position))
        seen.add(seq)
        highest = max(highest, seq)
    last = ends_at.length if ends_at is not None and ends_at.length > highest else highest
    problems.extend(_gaps(seen, last, highest))
    if ends_at is not None:
        problems.extend(_end_problems(ends_at, highest, first_hash))
    if contains is not None and all(link.hash != contains for link in given):
        detail = f"head not found: no entry has the hash {contains}"
        problems.append(Problem(None, ProblemCode.HEAD, detail))
    return sorted(problems, key=lambda problem: (problem.seq is None, problem.seq or 0))


def _valid_seq(seq: object) -> bool:
    return isinstance(seq, int) and not isinstance(seq, bool) and 1 <= seq <= MAX_INTEGER


def _link_problems(
    link: Link, position: int, key: str | None, first_hash: Mapping[int, str]
) -> list[Problem]:
    entry = link.entry
    seq = entry.seq if _valid_seq(entry.seq) else None
    if entry.chain != key:
        detail = f"wrong chain: “{entry.chain}” in the chain “{key}”"
        return [Problem(seq, ProblemCode.CHAIN, detail, position)]
    found: list[Problem] = []
    problem = entry_problem(entry)
    if problem is not None:
        found.append(Problem(seq, ProblemCode.INVALID, f"invalid entry: {problem}", position))
    elif is_hash(link.prev):
        computed = entry_hash(link.prev, entry)
        if computed != link.hash:
            detail = f"hash mismatch: stored {link.hash}, computed {computed}"
            found.append(Problem(seq, ProblemCode.HASH, detail, position))
    if seq is not None and (seq == 1 or seq - 1 in first_hash):
        before = GENESIS if seq == 1 else first_hash[seq - 1]
        if link.prev != before:
            which = "the genesis hash is" if seq == 1 else f"seq {seq - 1} has the hash"
            detail = f"broken link: the previous hash is {_shown(link.prev)}, but {which} {before}"
            found.append(Problem(seq, ProblemCode.LINK, detail, position))
    elif not is_hash(link.prev):
        detail = f"broken link: the previous hash {_shown(link.prev)} is not a hash"
        found.append(Problem(seq, ProblemCode.LINK, detail, position))
    return found


def _shown(text: object) -> str:
    return str(text) if is_hash(text) else repr(text)


def _gaps(seen: set[int], last: int, highest: int) -> list[Problem]:
    found: list[Problem] = []
    start: int | None = None
    for seq in range(1, last + 2):
        if seq <= last and seq not in seen:
            start = seq if start is None else start
        elif start is not None:
            end = seq - 1
            span = "" if start == end else f" ({end - start + 1} entries, to seq {end})"
            reason = ": the head records more entries" if end > highest else ""
            found.append(Problem(start, ProblemCode.GAP, f"missing{span}{reason}"))
            start = None
    return found


def _end_problems(ends_at: Head, highest: int, first_hash: Mapping[int, str]) -> list[Problem]:
    if highest > ends_at.length:
        detail = f"beyond the head: the head records {ends_at.length} entries"
        return [Problem(ends_at.length + 1, ProblemCode.HEAD, detail)]
    if ends_at.length == 0:
        if ends_at.hash == GENESIS:
            return []
        detail = f"head mismatch: the head of an empty chain is {GENESIS}, not {ends_at.hash}"
        return [Problem(None, ProblemCode.HEAD, detail)]
    found = first_hash.get(ends_at.length)
    if found is None or found == ends_at.hash:
        return []  # a missing last entry is reported as a gap
    detail = f"head mismatch: the head records the hash {ends_at.hash}, the entry has {found}"
    return [Problem(ends_at.length, ProblemCode.HEAD, detail)]
