"""Reading the JSON text (spec §1): UTF-8, a size limit, no repeated keys, no numbers with a
fraction or an exponent. Repeated keys and such numbers are kept as markers, so that they are
reported with their paths together with every other problem."""

from __future__ import annotations

import json
from typing import Final

from concours.interchange.problems import Problem, pointer

#: The largest document accepted, in bytes of UTF-8.
MAX_BYTES: Final = 5_000_000


class Float(str):
    """A number with a fraction or an exponent (or NaN, Infinity), as written."""

    __slots__ = ()


class Object(dict[str, object]):
    """A JSON object; ``repeated`` names the members that appeared more than once."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        self.repeated: list[str] = []
        for key, _value in pairs:
            if key in seen and key not in self.repeated:
                self.repeated.append(key)
            seen.add(key)


def load(text: str | bytes) -> tuple[object, list[Problem]]:
    """The parsed value (``None`` when it cannot be read) and the problems of the text."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            return None, [Problem("too_large", "", {"limit": str(MAX_BYTES)})]
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return None, [Problem("not_utf8", "")]
    elif len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None, [Problem("too_large", "", {"limit": str(MAX_BYTES)})]
    try:
        value = json.loads(text, object_pairs_hook=Object, parse_float=Float, parse_constant=Float)
    except json.JSONDecodeError as error:
        detail = {"detail": error.msg, "line": str(error.lineno), "column": str(error.colno)}
        return None, [Problem("syntax", "", detail)]
    except RecursionError:
        return None, [Problem("too_deep", "")]
    except ValueError as error:  # an integer with too many digits
        detail = {"detail": str(error), "line": "1", "column": "1"}
        return None, [Problem("syntax", "", detail)]
    return value, scan(value, ())


def scan(value: object, at: tuple[str | int, ...]) -> list[Problem]:
    """Repeated keys and numbers with a fraction, anywhere in ``value``."""
    found: list[Problem] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(value, at)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, Float):
            found.append(Problem("float", pointer(*where), {"text": str(item)}))
        elif isinstance(item, Object):
            found.extend(
                Problem("duplicate_key", pointer(*where, key), {"key": key})
                for key in item.repeated
            )
            stack.extend((child, (*where, key)) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((child, (*where, i)) for i, child in reversed(list(enumerate(item))))
    return found
