"""Reading typed members out of the parsed JSON, recording every problem (spec §1, §3).

Each getter records its problems and still returns a value of the right type (a placeholder
when the member is wrong), so one pass over the document finds every problem; the document
built from placeholders is thrown away whenever there is a problem.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from decimal import Decimal
from typing import Final

from concours.interchange.jsontext import Float
from concours.interchange.model import Text
from concours.interchange.problems import Problem, pointer

type At = tuple[str | int, ...]

MISSING: Final = object()
SMALL: Final = 32767  # the largest whole number most counts and numbers may take

CODE = re.compile(r"[A-Za-z0-9_-]{1,50}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})"
)
DECIMAL = re.compile(r"-?[0-9]{1,30}(\.[0-9]{1,30})?")
CURRENCY = re.compile(r"[A-Z]{3}")
COUNTRY = re.compile(r"[A-Z]{2}")
DIGEST = re.compile(r"[0-9a-f]{64}")


def known_time_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


class Reader:
    """Collects problems while reading; ``lenient`` ignores unknown members (spec §2)."""

    def __init__(self, *, lenient: bool) -> None:
        self.lenient = lenient
        self.problems: list[Problem] = []
        #: Lists that could not be read: references into them are not checked.
        self.unread: set[At] = set()

    def add(self, code: str, at: At, **params: str) -> None:
        self.problems.append(Problem(code, pointer(*at), params))

    # --- Structure ------------------------------------------------------------------------

    def members(self, value: object, at: At, known: tuple[str, ...]) -> dict[str, object] | None:
        """``value`` as an object, its unknown members reported; None when it is no object."""
        if isinstance(value, Float):
            return None  # reported by the scan
        if not isinstance(value, dict):
            self.add("not_object", at)
            return None
        if not self.lenient:
            for key in value:
                if key not in known:
                    self.add("unknown_member", (*at, key), key=key)
        return value

    def _raw(self, obj: dict[str, object] | None, key: str, at: At, *, required: bool) -> object:
        """The member's value; MISSING when absent (reported if required) or the object is
        wrong; None for null (reported if required)."""
        if obj is None:
            return MISSING
        value = obj.get(key, MISSING)
        if value is MISSING or (value is None and required):
            if required:
                self.add("required", (*at, key))
            return MISSING
        if isinstance(value, Float):
            return MISSING  # reported by the scan
        return value

    def items(
        self, obj: dict[str, object] | None, key: str, at: At, *, limit: int
    ) -> list[tuple[object, At]]:
        value = self._raw(obj, key, at, required=True)
        if value is MISSING or not isinstance(value, list) or len(value) > limit:
            self.unread.add((*at, key))
            if isinstance(value, list):
                self.add("too_many", (*at, key), limit=str(limit))
            elif value is not MISSING:
                self.add("not_list", (*at, key))
            return []
        return [(item, (*at, key, index)) for index, item in enumerate(value)]

    # --- Strings --------------------------------------------------------------------------

    def opt_string(
        self,
        obj: dict[str, object] | None,
        key: str,
        at: At,
        *,
        limit: int = 200,
        required: bool = False,
        empty: bool = True,
    ) -> str | None:
        value = self._raw(obj, key, at, required=required)
        if value is MISSING or value is None:
            return None
        if not isinstance(value, str):
            self.add("not_string", (*at, key))
            return None
        if not empty and not value.strip():
            self.add("empty", (*at, key))
            return None
        if len(value) > limit:
            self.add("too_long", (*at, key), limit=str(limit))
            return None
        return value

    def string(
        self,
        obj: dict[str, object] | None,
        key: str,
        at: At,
        *,
        limit: int = 200,
        empty: bool = False,
    ) -> str:
        found = self.opt_string(obj, key, at, limit=limit, required=True, empty=empty)
        return "" if found is None else found

    def _shaped(
        self,
        obj: dict[str, object] | None,
        key: str,
        at: At,
        pattern: re.Pattern[str],
        problem: str,
        *,
        required: bool,
    ) -> str | None:
        value = self.opt_string(obj, key, at, required=required, empty=False)
        if value is not None and not pattern.fullmatch(value):
            self.add(problem, (*at, key), value=value)
            return None
        return value

    def code(self, obj: dict[str, object] | None, key: str, at: At) -> str:
        return self._shaped(obj, key, at, CODE, "not_code", required=True) or ""

    def opt_code(self, obj: dict[str, object] | None, key: str, at: At) -> str | None:
        return self._shaped(obj, key, at, CODE, "not_code", required=False)

    def country(self, obj: dict[str, object] | None, key: str, at: At) -> str:
        return self._shaped(obj, key, at, COUNTRY, "not_country", required=True) or ""

    def currency(self, obj: dict[str, object] | None, key: str, at: At, *, required: bool) -> str:
        return self._shaped(obj, key, at, CURRENCY, "not_currency", required=required) or ""

    def digest(self, obj: dict[str, object] | None, key: str, at: At) -> str | None:
        return self._shaped(obj, key, at, DIGEST, "not_digest", required=False)

    def time_zone(self, obj: dict[str, object] | None, key: str, at: At) -> str:
        value = self.string(obj, key, at, limit=64)
        if value and not known_time_zone(value):
            self.add("not_time_zone", (*at, key), value=value)
            return ""
        return value

    def choice(
        self,
        obj: dict[str, object] | None,
        key: str,
        at: At,
        choices: tuple[str, ...],
        *,
        required: bool = True,
    ) -> str | None:
        value = self.opt_string(obj, key, at, required=required, empty=False)
        if value is not None and value not in choices:
            self.add("not_choice", (*at, key), value=value, choices=", ".join(choices))
            return None
        return value

    def text(
        self,
        obj: dict[str, object] | None,
        key: str,
        at: At,
        *,
        limit: int = 200,
        required: bool = True,
    ) -> Text:
        """A bilingual text ``{"en": …, "zh": …}``; ``required``: English must not be empty."""
        value = self._raw(obj, key, at, required=True)
        if value is MISSING:
            return Text("")
        inner = self.members(value, (*at, key), ("en", "zh"))
        where = (*at, key)
        en = self.opt_string(inner, "en", where, limit=limit, required=True, empty=not required)
        zh = self.opt_string(inner, "zh", where, limit=limit)
        return Text(en or "", zh or "")

    # --- Numbers, booleans ----------------------------------------------------------------

    def opt_integer(
        self,
        obj: dict[str, object] | None,
        key: str,
        at: At,
        *,
        minimum: int = 1,
        maximum: int = SMALL,
        required: bool = False,
    ) -> int | None:
        value = self._raw(obj, key, at, required=required)
        if value is MISSING or value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add("not_integer", (*at, key))
            return None
        if not minimum <= value <= maximum:
            self.add("out_of_range", (*at, key), minimum=str(minimum), maximum=str(maximum))
            return None
        return value

    def integer(
        self,
        obj: dict[str, object] | None,
        key: str,
        at: At,
        *,
        minimum: int = 1,
        maximum: int = SMALL,
    ) -> int:
        found = self.opt_integer(obj, key, at, minimum=minimum, maximum=maximum, required=True)
        return 0 if found is None else found

    def opt_boolean(
        self, obj: dict[str, object] | None, key: str, at: At, *, required: bool = False
    ) -> bool | None:
        value = self._raw(obj, key, at, required=required)
        if value is MISSING or value is None:
            return None
        if not isinstance(value, bool):
            self.add("not_boolean", (*at, key))
            return None
        return value

    def decimal(
        self,
        obj: dict[str, object] | None,
        key: str,
        at: At,
        *,
        places: int | None,
        digits: int = 12,
        required: bool = False,
        positive: bool = True,
    ) -> Decimal | None:
        """An exact decimal written as a string (never a JSON number: spec §1)."""
        value = self._raw(obj, key, at, required=required)
        if value is MISSING or value is None:
            return None
        where = (*at, key)
        if not isinstance(value, str) or not DECIMAL.fullmatch(value):
            self.add("not_decimal", where, value=str(value))
            return None
        number = Decimal(value)
        fraction = len(value.partition(".")[2])
        if places is not None and fraction > places:
            self.add("too_many_places", where, places=str(places))
            return None
        if positive and number <= 0:
            self.add("not_positive", where)
            return None
        if len(value.lstrip("-").replace(".", "").lstrip("0")) > digits:
            self.add("too_many_digits", where, limit=str(digits))
            return None
        return number

    # --- Dates ----------------------------------------------------------------------------

    def date(
        self, obj: dict[str, object] | None, key: str, at: At, *, required: bool = False
    ) -> dt.date | None:
        value = self.opt_string(obj, key, at, required=required, limit=10, empty=False)
        if value is None:
            return None
        try:
            if not DATE.fullmatch(value):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            self.add("not_date", (*at, key), value=value)
            return None

    def datetime(
        self, obj: dict[str, object] | None, key: str, at: At, *, required: bool = False
    ) -> dt.datetime | None:
        value = self.opt_string(obj, key, at, required=required, limit=40, empty=False)
        if value is None:
            return None
        try:
            if not DATETIME.fullmatch(value):
                raise ValueError(value)
            return dt.datetime.fromisoformat(value).astimezone(dt.UTC)
        except ValueError:
            self.add("not_datetime", (*at, key), value=value)
            return None

    def in_order(self, first: dt.date | None, last: dt.date | None, at: At, other: str) -> None:
        """``last`` must not be before ``first`` (both known)."""
        if first is not None and last is not None and last < first:
            self.add("not_in_order", at, other=other)
