"""The export format (docs/algorithms/hashchain.md §6)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from concours.hashchain.chain import extend, head_of
from concours.hashchain.jsonl import (
    InputError,
    dump_line,
    dump_lines,
    link_to_json,
    parse_lines,
    read_lines,
)
from concours.hashchain.tests.test_verify import build


def test_a_line_is_the_link_in_canonical_form():  # §6
    link = build(1)[0]
    assert dump_line(link) == (
        '{"actor":"user:17","chain":"edition:12",'
        '"hash":"475c0b2720a59d6142881ba3e62f5d97989f33aacbbe4b46bdce126a7fcc8ded",'
        '"kind":"mark.recorded","payload":{"application":408,"juror":5,"round":31,'
        '"score":"21.50","vote":null},'
        '"prev":"0000000000000000000000000000000000000000000000000000000000000000",'
        '"seq":1,"time":"2026-05-14T09:30:00.125000Z"}\n'
    )


def test_an_export_reads_back_as_the_same_links_with_their_lines():  # §6
    links = build(4)
    found = parse_lines("".join(dump_lines(links)))
    assert (list(found.links), found.lines) == (links, (1, 2, 3, 4))


def test_any_layout_within_a_line_is_read():  # §6
    link = build(1)[0]
    line = json.dumps(link_to_json(link), indent=None, ensure_ascii=True)
    assert parse_lines(f"\n  \n{line}\r\n\n").links == (link,)
    assert parse_lines(f"\n  \n{line}\r\n\n").lines == (3,)


def test_lines_split_at_line_feeds_only():  # §6: U+2028 may stand in a string
    link = extend(head_of([]), chain="c", time="2026-05-14T09:30:00.000000Z", actor="a",
                  kind="note", payload={"text": "one\u2028two\u2029three\x85four"})  # fmt: skip
    assert parse_lines(dump_line(link)).links == (link,)


def test_an_empty_file_is_an_empty_chain():  # §6
    assert parse_lines("").links == ()


def _line(**changes: object) -> str:
    fields = link_to_json(build(1)[0])
    fields.update(changes)
    return json.dumps({key: value for key, value in fields.items() if value is not ...})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{", "not JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("[1]", "expected a JSON object, found an array"),
        ('"link"', "expected a JSON object, found a string"),
        ("null", "expected a JSON object, found null"),
        ("true", "expected a JSON object, found a boolean"),
        ("7", "expected a JSON object, found a number"),
        (_line(hash=...), "missing member hash"),
        (_line(hash=..., prev=...), "missing members prev, hash"),
        (_line(note="x"), "unknown member note"),
        (_line(note="x", extra=1), "unknown members extra, note"),
        (_line(prev="0" * 63), "prev: expected 64 lowercase hexadecimal digits"),
        (_line(hash="F" * 64), "hash: expected 64 lowercase hexadecimal digits"),
        (_line(payload={"score": 21.5}), "the number 21.5 is not allowed: numbers are whole; "
         "decimals are written as strings"),
        ('{"seq": 1e3}', "the number 1e3 is not allowed: numbers are whole; decimals are written "
         "as strings"),
        ('{"seq": NaN}', "the number NaN is not allowed: numbers are whole; decimals are written "
         "as strings"),
        ("[" * 100_000, "nested too deeply"),
        ('{"seq": 1, "seq": 2}', "the key “seq” appears twice in one object"),
        (_line(time="2026-05-14T09:30:00Z"), "time: expected UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ, "
         "found '2026-05-14T09:30:00Z'"),
        (_line(payload={"n": 2**53}), "payload.n: 9007199254740992 is beyond ±(2^53 − 1); "
         "write such numbers as strings"),
    ],
)  # fmt: skip
def test_a_line_that_is_not_exactly_a_link_is_refused(line, message):  # §6
    good = dump_line(build(1)[0])
    with pytest.raises(InputError, match=f"^{re.escape(f'x.jsonl:2: {message}')}$") as raised:
        parse_lines(good + line + "\n", name="x.jsonl")
    assert (raised.value.path, raised.value.line, raised.value.message) == ("x.jsonl", 2, message)


def test_read_lines_reads_a_file_with_a_byte_order_mark(tmp_path: Path):  # §6
    path = tmp_path / "chain.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "".join(dump_lines(build(2))).encode("utf-8"))
    assert read_lines(path).links == tuple(build(2))


def test_read_lines_reports_a_file_it_cannot_read(tmp_path: Path):
    (tmp_path / "latin1.jsonl").write_bytes(b'{"actor": "Jos\xe9"}\n')
    (tmp_path / "file").write_text("")
    cases = {
        tmp_path / "missing.jsonl": "no such file",
        tmp_path: "is a directory, not a JSON Lines file",
        tmp_path / "latin1.jsonl": "not UTF-8 text (byte 14)",
        tmp_path / "file" / "below": "cannot be read (Not a directory)",
    }
    for path, message in cases.items():
        with pytest.raises(InputError) as raised:
            read_lines(path)
        assert str(raised.value) == f"{path}: {message}"
