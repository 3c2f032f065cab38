"""Performing, revealing, writing and reading a draw record (spec §2, §3, §6)."""

import copy
import json
import re

import pytest

from concours.draw import (
    Candidate,
    DrawError,
    Method,
    WitnessInput,
    canonical_json,
    digests,
    dump_record,
    parse_record,
    perform,
    reveal,
    timestamp,
)
from concours.draw.tests.example import (
    CANDIDATES,
    COMMITMENT,
    COMMITTED_AT,
    DRAWN_AT,
    INPUTS,
    REVEALED_AT,
    SEED,
    drawn,
    revealed,
)


def test_perform_publishes_everything_but_the_seed():  # §2
    record = drawn()
    assert (record["commitment"], record["seed"], record["revealed_at"]) == (COMMITMENT, None, None)
    assert record["order"] == ["8", "4", "1", "3", "7", "2", "5", "6"]
    assert record["digests"] == digests(record)
    assert SEED not in json.dumps(record)


def test_perform_normalises_names_and_inputs():  # §3
    decomposed = "Nguye\u0302\u0303n"  # ễ as e + two combining accents
    record = perform(
        method=Method.RANDOM,
        candidates=[Candidate(" 7 ", decomposed, " Minh\u3000")],
        inputs=[WitnessInput("  Ana ", "\tforty-two\n")],
        seed=SEED,
        committed_at=COMMITTED_AT,
        drawn_at=DRAWN_AT,
        title=" Final ",
        round_number=3,
    )
    assert record["candidates"] == [{"id": "7", "family_name": "Nguyễn", "given_name": "Minh"}]
    assert record["inputs"] == [{"witness": "Ana", "input": "forty-two"}]
    assert (record["title"], record["round"], record["order"]) == ("Final", 3, ["7"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"inputs": []}, "inputs: must not be empty"),
        ({"inputs": [WitnessInput(" ", "x")]}, "inputs[0].witness: must not be empty"),
        (
            {"inputs": [WitnessInput("a", "x" * 201)]},
            "inputs[0].input: must be at most 200 characters long, found 201",
        ),
        (
            {"inputs": [WitnessInput("a", "line\nbreak")]},
            "inputs[0].input: must not contain control characters",
        ),
        ({"candidates": []}, "candidates: must not be empty"),
        (
            {"candidates": [Candidate("1", "Lee"), Candidate("1", "Kim")]},
            "candidates[1].id: “1” is already candidates[0].id",
        ),
        (
            {"candidates": [Candidate("1", "--")]},
            "candidates[0].family_name: has no letter or digit to sort by",
        ),
        (
            {"committed_at": "2026-05-04 08:00"},
            "committed_at: “2026-05-04 08:00” is not a time such as “2026-05-11T16:30:00Z”",
        ),
        (
            {"drawn_at": "2026-02-30T10:00:00Z"},
            "drawn_at: “2026-02-30T10:00:00Z” is not a time such as “2026-05-11T16:30:00Z”",
        ),
        ({"round_number": 0}, "round: expected a whole number from 1, or null; found 0"),
        (
            {"drawn_at": "2026-05-04T09:59:59+02:00"},
            "drawn_at: is before committed_at (2026-05-04T09:59:59+02:00 < 2026-05-04T08:00:00Z)",
        ),
        ({"title": "x" * 501}, "title: must be at most 500 characters long, found 501"),
    ],
)
def test_perform_refuses_what_a_record_may_not_hold(change, message):  # §3
    arguments = {
        "method": Method.RANDOM,
        "candidates": CANDIDATES,
        "inputs": INPUTS,
        "seed": SEED,
        "committed_at": COMMITTED_AT,
        "drawn_at": DRAWN_AT,
        **change,
    }
    with pytest.raises(DrawError) as error:
        perform(**arguments)
    assert str(error.value) == message


def test_perform_refuses_a_malformed_seed():
    with pytest.raises(ValueError, match="64 lowercase hexadecimal digits"):
        perform(
            method=Method.RANDOM,
            candidates=CANDIDATES,
            inputs=INPUTS,
            seed="x",
            committed_at=COMMITTED_AT,
            drawn_at=DRAWN_AT,
        )


def test_reveal_adds_the_seed_and_keeps_the_draw_digest():  # §6
    before, after = drawn(), revealed()
    assert (after["seed"], after["revealed_at"]) == (SEED, REVEALED_AT)
    assert after["digests"]["draw"] == before["digests"]["draw"]
    assert after["digests"]["record"] != before["digests"]["record"]
    assert {k: v for k, v in after.items() if k not in ("seed", "revealed_at", "digests")} == {
        k: v for k, v in before.items() if k not in ("seed", "revealed_at", "digests")
    }


def test_reveal_refuses_a_seed_that_does_not_match_the_commitment():
    other = "0" * 64
    with pytest.raises(DrawError) as error:
        reveal(drawn(), seed=other, revealed_at=REVEALED_AT)
    assert str(error.value) == (
        "seed: does not match the commitment (its SHA-256 is "
        "60e05bd1b195af2f94112fa7197a5c88289058840ce7c6df9693756bc6250f55, "
        f"the commitment is {COMMITMENT})"
    )


@pytest.mark.parametrize(
    ("record", "seed", "revealed_at", "message"),
    [
        (revealed(), SEED, REVEALED_AT, "seed: this draw is already revealed"),
        (drawn(), "secret", REVEALED_AT, "seed: a seed is 64 lowercase hexadecimal digits"),
        (
            drawn(),
            SEED,
            "2026-05-11T16:29:59Z",
            "revealed_at: is before drawn_at (2026-05-11T16:29:59Z < 2026-05-11T16:30:00Z)",
        ),
        (
            drawn(),
            SEED,
            "soon",
            "revealed_at: “soon” is not a time such as “2026-05-11T16:30:00Z”",
        ),
        ([], SEED, REVEALED_AT, "the record must be a JSON object, found a list"),
    ],
)
def test_reveal_refuses(record, seed, revealed_at, message):
    with pytest.raises(DrawError) as error:
        reveal(record, seed=seed, revealed_at=revealed_at)
    assert str(error.value) == message


def test_a_dumped_record_reads_back_the_same():  # §6
    record = revealed(Method.CHOPIN)
    assert parse_record(dump_record(record)) == record
    assert (
        dump_record({"candidates": [], "inputs": 3}) == '{\n  "candidates": [],\n  "inputs": 3\n}\n'
    )


def test_canonical_json_sorts_keys_and_writes_non_ascii_as_itself():  # §6
    assert (
        canonical_json({"b": [1, None], "a": 'Ł\n"x"'})
        == '{"a":"Ł\\n\\"x\\"","b":[1,null]}'.encode()
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"round": 1.0}', "the number 1.0 is not allowed: numbers in a draw record are whole"),
        ('{"round": 1e3}', "the number 1e3 is not allowed: numbers in a draw record are whole"),
        ('{"round": NaN}', "the number NaN is not allowed: numbers in a draw record are whole"),
        ('{"a": 1, "a": 2}', "the key “a” appears twice in one object"),
        ('{"a": ', "not valid JSON (line 1, column 7: Expecting value)"),
        ("[" * 100_000, "not a draw record: JSON nested too deeply"),
    ],
)
def test_parse_record_is_strict(text, message):  # §2
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_record(text)


def test_timestamp_is_utc_to_the_second():
    import datetime as dt

    moment = dt.datetime(2026, 5, 11, 18, 30, 5, 999, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert timestamp(moment) == "2026-05-11T16:30:05Z"
    with pytest.raises(ValueError, match="needs a time zone"):
        timestamp(dt.datetime(2026, 5, 11))


def test_records_are_independent_copies():
    record = drawn()
    copied = copy.deepcopy(record)
    reveal(record, seed=SEED, revealed_at=REVEALED_AT)
    assert record == copied
