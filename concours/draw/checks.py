"""Is a parsed JSON value a well-formed draw record (spec §2, §3)? Every problem is reported
with the JSON path of its member, not only the first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from itertools import pairwise

from concours.draw.collation import LETTERS, fold
from concours.draw.lot import is_hex_digest
from concours.draw.model import (
    MAX_CANDIDATES,
    MAX_INPUTS,
    MAX_TEXT,
    MAX_TITLE,
    Method,
    Problem,
    parse_timestamp,
    text_problem,
)

FORMAT = "concours-draw-record/1"
DIGEST_ALGORITHM = "sha-256"
#: The members of a record, in the order a record is written.
MEMBERS = (
    "format",
    "title",
    "round",
    "method",
    "candidates",
    "commitment",
    "committed_at",
    "inputs",
    "drawn_at",
    "letter",
    "order",
    "seed",
    "revealed_at",
    "digests",
)
_METHODS = tuple(method.value for method in Method)


def json_type(value: object) -> str:
    """How a JSON value is named in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def shown(value: object) -> str:
    """A value quoted in a message: strings in “…”, anything else by its JSON type."""
    return f"“{value}”" if isinstance(value, str) else json_type(value)


class _Check:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def members(
        self, value: object, path: str, names: Collection[str]
    ) -> Mapping[str, object] | None:
        """``value`` as an object with exactly ``names``, else ``None`` (problems added)."""
        if not isinstance(value, dict):
            self.add(path, f"expected an object, found {json_type(value)}")
            return None
        prefix = f"{path}." if path else ""
        missing = [name for name in names if name not in value]
        unknown = sorted(key for key in value if key not in names)
        for name in missing:
            self.add(prefix + name, "missing")
        for name in unknown:
            self.add(prefix + name, "unknown member")
        return None if missing or unknown else value

    def string(self, value: object, path: str) -> str | None:
        if isinstance(value, str):
            return value
        self.add(path, f"expected a string, found {json_type(value)}")
        return None

    def text(
        self, value: object, path: str, *, limit: int = MAX_TEXT, empty: bool = False
    ) -> str | None:
        text = self.string(value, path)
        if text is None:
            return None
        problem = text_problem(text, limit=limit, empty=empty)
        if problem is not None:
            self.add(path, problem)
            return None
        return text

    def hex_digest(self, value: object, path: str) -> None:
        text = self.string(value, path)
        if text is not None and not is_hex_digest(text):
            self.add(path, "expected 64 lowercase hexadecimal digits")

    def timestamp(self, value: object, path: str) -> None:
        text = self.string(value, path)
        if text is not None and parse_timestamp(text) is None:
            self.add(path, f"“{text}” is not a time such as “2026-05-11T16:30:00Z”")

    def items(self, value: object, path: str, *, most: int) -> list[object]:
        if not isinstance(value, list):
            self.add(path, f"expected a list, found {json_type(value)}")
            return []
        if not value:
            self.add(path, "must not be empty")
        elif len(value) > most:
            self.add(path, f"at most {most} entries, found {len(value)}")
        return value


def structure_problems(record: object, *, drawn: bool = True) -> list[Problem]:
    """Every way ``record`` (a parsed JSON value) is not a well-formed draw record; an empty
    list when it is one. With ``drawn=False`` the outcome (letter, order, digests) is not
    looked at: ``perform`` checks what it was given before it draws."""
    check = _Check()
    if not isinstance(record, dict):
        check.add("", f"the record must be a JSON object, found {json_type(record)}")
        return check.problems
    if "format" not in record:
        return [Problem("format", "missing")]
    if record["format"] != FORMAT:
        return [Problem("format", f"expected “{FORMAT}”, found {shown(record['format'])}")]
    fields = check.members(record, "", MEMBERS)
    if fields is None:
        return check.problems
    check.text(fields["title"], "title", limit=MAX_TITLE, empty=True)
    number = fields["round"]
    if number is not None and (
        isinstance(number, bool) or not isinstance(number, int) or number < 1
    ):
        check.add("round", f"expected a whole number from 1, or null; found {_value(number)}")
    method = fields["method"]
    if method not in _METHODS:
        check.add("method", f"must be one of {', '.join(_METHODS)}; found {shown(method)}")
    ids = _candidates(check, fields["candidates"])
    check.hex_digest(fields["commitment"], "commitment")
    check.timestamp(fields["committed_at"], "committed_at")
    for i, item in enumerate(check.items(fields["inputs"], "inputs", most=MAX_INPUTS)):
        entry = check.members(item, f"inputs[{i}]", ("witness", "input"))
        if entry is not None:
            check.text(entry["witness"], f"inputs[{i}].witness")
            check.text(entry["input"], f"inputs[{i}].input")
    check.timestamp(fields["drawn_at"], "drawn_at")
    if fields["seed"] is not None:
        check.hex_digest(fields["seed"], "seed")
    if fields["revealed_at"] is not None:
        check.timestamp(fields["revealed_at"], "revealed_at")
    if (fields["seed"] is None) != (fields["revealed_at"] is None):
        check.add(
            "revealed_at", "the seed and the time it was revealed go together: both or neither"
        )
    if drawn:
        _outcome(check, fields, ids)
    return check.problems


def _value(value: object) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else shown(value)


def _candidates(check: _Check, value: object) -> list[str] | None:
    """The candidates' ids, or ``None`` when the list has a problem."""
    before = len(check.problems)
    ids: dict[str, int] = {}
    for i, item in enumerate(check.items(value, "candidates", most=MAX_CANDIDATES)):
        here = f"candidates[{i}]"
        entry = check.members(item, here, ("id", "family_name", "given_name"))
        if entry is None:
            continue
        identifier = check.text(entry["id"], f"{here}.id")
        if identifier is not None:
            if identifier in ids:
                check.add(
                    f"{here}.id", f"“{identifier}” is already candidates[{ids[identifier]}].id"
                )
            else:
                ids[identifier] = i
        family = check.text(entry["family_name"], f"{here}.family_name")
        if family is not None and not fold(family):
            check.add(f"{here}.family_name", "has no letter or digit to sort by")
        check.text(entry["given_name"], f"{here}.given_name", empty=True)
    return list(ids) if len(check.problems) == before else None


def _outcome(check: _Check, fields: Mapping[str, object], ids: list[str] | None) -> None:
    letter = fields["letter"]
    if fields["method"] == Method.CHOPIN.value and (
        not isinstance(letter, str) or letter not in LETTERS or len(letter) != 1
    ):
        check.add(
            "letter", f"the Chopin method draws one letter from A to Z; found {shown(letter)}"
        )
    elif fields["method"] == Method.RANDOM.value and letter is not None:
        check.add("letter", f"must be null for the random method; found {shown(letter)}")
    order = check.items(fields["order"], "order", most=MAX_CANDIDATES)
    seen: dict[str, int] = {}
    for i, item in enumerate(order):
        identifier = check.string(item, f"order[{i}]")
        if identifier is None or ids is None:
            continue
        if identifier not in ids:
            check.add(f"order[{i}]", f"“{identifier}” is not the id of a candidate")
        elif identifier in seen:
            check.add(f"order[{i}]", f"“{identifier}” is already order[{seen[identifier]}]")
        else:
            seen[identifier] = i
    if ids is not None and order:
        missing = [identifier for identifier in ids if identifier not in seen]
        if missing:
            check.add("order", f"has no place for {', '.join(f'“{i}”' for i in missing)}")
    digests = check.members(fields["digests"], "digests", ("algorithm", "draw", "record"))
    if digests is not None:
        if digests["algorithm"] != DIGEST_ALGORITHM:
            check.add(
                "digests.algorithm",
                f"expected “{DIGEST_ALGORITHM}”, found {shown(digests['algorithm'])}",
            )
        check.hex_digest(digests["draw"], "digests.draw")
        check.hex_digest(digests["record"], "digests.record")


def time_problems(record: Mapping[str, object]) -> list[Problem]:
    """The commitment comes before the draw, and the draw before the reveal (in a record whose
    structure is checked)."""
    moments: list[tuple[str, dt.datetime]] = []
    for name in ("committed_at", "drawn_at", "revealed_at"):
        text = record[name]
        if isinstance(text, str):
            moment = parse_timestamp(text)
            assert moment is not None  # the structure is checked first
            moments.append((name, moment))
    return [
        Problem(name, f"is before {before} ({record[name]} < {record[before]})")
        for (before, earlier), (name, later) in pairwise(moments)
        if later < earlier
    ]
