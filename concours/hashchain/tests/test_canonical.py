"""Entries and their canonical form (docs/algorithms/hashchain.md §1–§3)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import IntEnum, StrEnum
from zoneinfo import ZoneInfo

import pytest

from concours.hashchain.chain import (
    MAX_INTEGER,
    Entry,
    canonical,
    canonical_json,
    entry_problem,
    time_text,
)

TIME = "2026-05-14T09:30:00.125000Z"


def entry(**changes: object) -> Entry:
    fields: dict[str, object] = {
        "chain": "edition:12",
        "seq": 1,
        "time": TIME,
        "actor": "user:17",
        "kind": "mark.recorded",
        "payload": {"score": "21.50"},
    }
    fields.update(changes)
    return Entry(**fields)  # type: ignore[arg-type]


# §2 values


def test_canonical_json_sorts_keys_and_drops_whitespace():  # §2 rules 1–2
    value = {"b": [3, {"z": None, "a": True}], "a": False, "": "empty"}
    assert canonical_json(value) == b'{"":"empty","a":false,"b":[3,{"a":true,"z":null}]}'


def test_canonical_json_sorts_keys_by_utf16_code_units():  # §2 rule 2, as RFC 8785
    # Code-point order would put U+FB01 first; UTF-16 puts the surrogate pair D83D DE00 first.
    assert canonical_json({"ﬁ": 1, "😀": 2, "a": 3}) == '{"a":3,"😀":2,"ﬁ":1}'.encode()


def test_canonical_json_writes_strings_with_the_fixed_escapes():  # §2 rule 4
    text = '\x00\x1f\b\t\n\f\r"\\/\x7f\u2028é😀'
    expected = '"\\u0000\\u001f\\b\\t\\n\\f\\r\\"\\\\/\x7f\u2028é😀"'
    assert canonical_json(text) == expected.encode("utf-8")


@pytest.mark.parametrize(
    ("value", "written"),
    [(0, b"0"), (-0, b"0"), (-17, b"-17"), (MAX_INTEGER, b"9007199254740991")],
)
def test_canonical_json_writes_whole_numbers_plainly(value, written):  # §2 rule 3
    assert canonical_json(value) == written


def test_canonical_json_writes_enums_as_their_values():
    class Colour(StrEnum):
        RED = "red"

    class Size(IntEnum):
        BIG = 3

    assert canonical_json({Colour.RED: [Colour.RED, Size.BIG]}) == b'{"red":["red",3]}'


def test_canonical_json_writes_tuples_as_arrays():
    assert canonical_json({"a": (1, "x", ())}) == b'{"a":[1,"x",[]]}'


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"a": [1, 1.5]}, "value.a[1]: the number 1.5 is not allowed: numbers are whole; "),
        ({"s": Decimal("21.50")}, "value.s: the number 21.50 is not allowed"),
        ({"n": MAX_INTEGER + 1}, "value.n: 9007199254740992 is beyond ±(2^53 − 1)"),
        ({"n": -MAX_INTEGER - 1}, "value.n: -9007199254740992 is beyond ±(2^53 − 1)"),
        ({1: "a"}, "value: the key 1 is not a string"),
        ({"\ud800": 1}, "value: the key: U+D800 alone is not a character (a lone surrogate)"),
        (["ok", "a\udfffb"], "value[1]: U+DFFF alone is not a character"),
        ({"when": dt.date(2026, 1, 1)}, "value.when: a date is not a JSON value"),
        ({"set": {1}}, "value.set: a set is not a JSON value"),
    ],
)
def test_canonical_json_refuses_values_outside_section_2(value, message):  # §2
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        canonical_json(value)


def test_canonical_json_refuses_values_nested_too_deeply():
    deep: object = "bottom"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ValueError, match=r"^payload: nested too deeply$"):
        canonical_json(deep, "payload")


# §1 entries, §3 the canonical entry


def test_canonical_entry_has_the_six_fields_sorted():  # §3
    assert canonical(entry(payload={"vote": None, "score": "21.50"})) == (
        b'{"actor":"user:17","chain":"edition:12","kind":"mark.recorded",'
        b'"payload":{"score":"21.50","vote":null},"seq":1,"time":"2026-05-14T09:30:00.125000Z"}'
    )


def test_an_empty_payload_is_allowed():
    assert b'"payload":{}' in canonical(entry(payload={}))


FORMAT = "time: expected UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ, found"
SEQ = "seq: must be a whole number from 1 to 2^53 − 1, found"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"chain": ""}, "chain: must be a non-empty string"),
        ({"actor": None}, "actor: must be a non-empty string"),
        ({"kind": 7}, "kind: must be a non-empty string"),
        ({"seq": 0}, f"{SEQ} 0"),
        ({"seq": True}, f"{SEQ} True"),
        ({"seq": "1"}, f"{SEQ} '1'"),
        ({"seq": MAX_INTEGER + 1}, f"{SEQ} 9007199254740992"),
        ({"time": "2026-05-14T09:30:00Z"}, f"{FORMAT} '2026-05-14T09:30:00Z'"),
        ({"time": "2026-05-14 09:30:00.125000Z"}, f"{FORMAT} '2026-05-14 09:30:00.125000Z'"),
        ({"time": "2026-05-14T09:30:00.125000+00:00"}, f"{FORMAT} '2026-05-14T09:30:00.125000+00:00'"),
        ({"time": 1747215000}, f"{FORMAT} 1747215000"),
        ({"time": "2026-02-30T09:30:00.000000Z"}, f"{FORMAT} '2026-02-30T09:30:00.000000Z' (no such date or time)"),
        ({"time": "2016-12-31T23:59:60.000000Z"}, f"{FORMAT} '2016-12-31T23:59:60.000000Z' (no such date or time)"),
        ({"payload": ["score"]}, "payload: must be a JSON object, found list"),
        ({"payload": {"score": 21.5}}, "payload.score: the number 21.5 is not allowed: numbers are whole; decimals are written as strings, such as “14.50”"),
    ],
)  # fmt: skip
def test_canonical_refuses_an_invalid_entry(changes, message):  # §1
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        canonical(entry(**changes))


def test_entry_problem_says_why_an_entry_cannot_be_encoded():
    assert entry_problem(entry()) is None
    assert entry_problem(entry(kind="")) == "kind: must be a non-empty string"


# §1 time


def test_time_text_writes_utc_with_microseconds():  # §1
    moment = dt.datetime(2026, 5, 14, 17, 30, 0, 125000, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert time_text(moment) == TIME
    assert time_text(dt.datetime(2026, 5, 14, 9, 30, tzinfo=dt.UTC)) == (
        "2026-05-14T09:30:00.000000Z"
    )


def test_time_text_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match=r"^time: a naive datetime has no time zone"):
        time_text(dt.datetime(2026, 5, 14, 9, 30))
