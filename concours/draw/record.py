"""The draw record (spec §2, §6): one JSON document per draw with the method, the candidates,
the commitment, the witnesses' inputs, the order drawn, the seed once revealed, the times, and
SHA-256 digests. ``perform`` writes it at the draw, ``reveal`` adds the seed afterwards."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from concours.draw.checks import (
    DIGEST_ALGORITHM,
    FORMAT,
    MEMBERS,
    structure_problems,
    time_problems,
)
from concours.draw.lot import commitment_of, draw_order
from concours.draw.model import Candidate, Method, WitnessInput, normalise

#: Left out of the ``draw`` digest, so that it is the same before and after the reveal.
REVEALED = ("seed", "revealed_at")


class DrawError(ValueError):
    """A draw that cannot be performed or revealed as asked; the message names the member."""


# --- Canonical JSON and digests (spec §6) ----------------------------------------------------------


def canonical_json(value: object) -> bytes:
    """The bytes a digest is taken of: keys sorted, no spaces, UTF-8, non-ASCII unescaped."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _sha256(value: object) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def digests(record: Mapping[str, object]) -> dict[str, str]:
    """``draw``: the record without the seed, the reveal time and the digests (the same before
    and after the reveal); ``record``: the record without its digests."""
    without = {key: value for key, value in record.items() if key != "digests"}
    drawn = {key: value for key, value in without.items() if key not in REVEALED}
    return {"algorithm": DIGEST_ALGORITHM, "draw": _sha256(drawn), "record": _sha256(without)}


# --- Writing --------------------------------------------------------------------------------------


def candidate_to_json(candidate: Candidate) -> dict[str, str]:
    return {
        "id": normalise(candidate.id),
        "family_name": normalise(candidate.family_name),
        "given_name": normalise(candidate.given_name),
    }


def perform(
    *,
    method: Method,
    candidates: Sequence[Candidate],
    inputs: Sequence[WitnessInput],
    seed: str,
    committed_at: str,
    drawn_at: str,
    title: str = "",
    round_number: int | None = None,
) -> dict[str, object]:
    """Draw the order and return the record as published at the draw: the seed stays out
    (``null``) until ``reveal``. Names, inputs and the title are normalised (NFC, trimmed);
    anything a record may not hold raises ``DrawError`` naming the member."""
    record: dict[str, object] = {
        "format": FORMAT,
        "title": normalise(title),
        "round": round_number,
        "method": Method(method).value,
        "candidates": [candidate_to_json(candidate) for candidate in candidates],
        "commitment": commitment_of(seed),
        "committed_at": committed_at,
        "inputs": [
            {"witness": normalise(item.witness), "input": normalise(item.input)} for item in inputs
        ],
        "drawn_at": drawn_at,
        "letter": None,
        "order": [],
        "seed": None,
        "revealed_at": None,
        "digests": {},
    }
    problems = structure_problems(record, drawn=False) or time_problems(record)
    if problems:
        raise DrawError(str(problems[0]))
    outcome = draw_order(Method(method), read_candidates(record), seed, read_inputs(record))
    record["letter"] = outcome.letter
    record["order"] = list(outcome.order)
    record["digests"] = digests(record)
    return record


def reveal(record: object, *, seed: str, revealed_at: str) -> dict[str, object]:
    """The record with its seed and the time it was revealed. Refuses a record that is not
    well-formed or already revealed, and a seed that does not match the commitment."""
    problems = structure_problems(record)
    if problems:
        raise DrawError(str(problems[0]))
    assert isinstance(record, dict)
    if record["seed"] is not None:
        raise DrawError("seed: this draw is already revealed")
    try:
        commitment = commitment_of(seed)
    except ValueError as error:
        raise DrawError(f"seed: {error}") from None
    if commitment != record["commitment"]:
        raise DrawError(
            f"seed: does not match the commitment (its SHA-256 is {commitment}, "
            f"the commitment is {record['commitment']})"
        )
    revealed = {key: record[key] for key in MEMBERS}
    revealed["seed"] = seed
    revealed["revealed_at"] = revealed_at
    problems = structure_problems(revealed) or time_problems(revealed)
    if problems:
        raise DrawError(str(problems[0]))
    revealed["digests"] = digests(revealed)
    return revealed


def dump_record(record: Mapping[str, object]) -> str:
    """The record as a file: one member per line, one candidate or input per line. Digests do
    not depend on the layout (spec §6)."""

    def compact(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))

    lines = []
    for key, value in record.items():
        if key in ("candidates", "inputs") and isinstance(value, list) and value:
            items = ",\n".join(f"    {compact(item)}" for item in value)
            lines.append(f"  {compact(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {compact(key)}: {compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


# --- Reading --------------------------------------------------------------------------------------


def _no_float(text: str) -> object:
    raise ValueError(f"the number {text} is not allowed: numbers in a draw record are whole")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key “{key}” appears twice in one object")
        found[key] = value
    return found


def parse_record(text: str) -> object:
    """Strict JSON (spec §2): no fractional or exponent numbers, no NaN, no repeated keys.
    Raises ``ValueError`` with a message for people."""
    try:
        return json.loads(
            text, parse_float=_no_float, parse_constant=_no_float, object_pairs_hook=_no_duplicates
        )
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ValueError("not a draw record: JSON nested too deeply") from None


def read_candidates(record: Mapping[str, object]) -> list[Candidate]:
    """The candidates of a well-formed record."""
    items = record["candidates"]
    assert isinstance(items, list)
    return [Candidate(item["id"], item["family_name"], item["given_name"]) for item in items]


def read_inputs(record: Mapping[str, object]) -> list[WitnessInput]:
    """The witnesses' inputs of a well-formed record, in order."""
    items = record["inputs"]
    assert isinstance(items, list)
    return [WitnessInput(item["witness"], item["input"]) for item in items]
