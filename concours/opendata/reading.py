"""Parsing an untrusted interchange document without letting its nesting crash the site.

The core refuses a document that Python's JSON decoder cannot nest (``too_deep``), but a
document nested just below the interpreter's recursion limit (about 990 levels, in a round's
scoring parameters, which may be any JSON object) is decoded and then walked recursively by
the core, and later by the export and the results engine. So every document that reaches the
core from outside — the API's validator, the import page, the command — goes through ``parse``
here: a ``RecursionError`` while parsing becomes a ``too_deep`` problem, and scoring parameters
nested deeper than ``MAX_DEPTH`` are refused with their path, so nothing deeper is ever stored.
"""

from __future__ import annotations

from concours import interchange as ix
from concours.interchange import Problem, pointer

#: The deepest nesting accepted inside a round's scoring parameters (the presets need 2).
MAX_DEPTH = 32


def depth(value: object) -> int:
    """How deeply lists and objects nest in ``value`` (0 for a plain value), without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level + 1)
            stack.extend((child, level + 1) for child in item)
    return deepest


def parse(data: str | bytes) -> ix.Document | list[Problem]:
    """``interchange.parse``, with nesting refused as a problem rather than a crash."""
    try:
        found = ix.parse(data)
    except RecursionError:
        return [Problem("too_deep", "", {})]
    if isinstance(found, list):
        return found
    problems = [
        Problem("too_deep", pointer("divisions", i, "rounds", j, "scoring", "parameters"), {})
        for i, division in enumerate(found.divisions)
        for j, round_ in enumerate(division.rounds)
        if depth(round_.scoring.parameters) > MAX_DEPTH
    ]
    return problems or found
