"""Verifying a record from the record alone (spec §7), and every malformed member (§2, §3)."""

import pytest

from concours.draw import Method, Problem, digests, verify
from concours.draw.tests.example import COMMITMENT, SEED, drawn, revealed


def lines(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def redigested(record: dict[str, object]) -> dict[str, object]:
    """The record with digests that match it: only the change under test is reported."""
    return {**record, "digests": digests(record)}


@pytest.mark.parametrize("method", list(Method))
def test_a_revealed_record_verifies(method):  # §7
    assert verify(revealed(method)) == []


def test_a_record_before_the_reveal_cannot_be_verified_yet():  # §7
    assert lines(verify(drawn())) == ["seed: not revealed yet, so the order cannot be recomputed"]


def test_an_edited_order_is_reported_with_the_digests():  # §7
    record = revealed()
    record["order"] = ["4", "8", "1", "3", "7", "2", "5", "6"]
    found = lines(verify(record))
    assert found[0].startswith("digests.draw: recorded 922a19cfe174")
    assert found[1].startswith("digests.record: recorded b8ac1f8b6618")
    assert found[2:] == ["order[0]: recorded “4”, recomputed “8” (2 of 8 places differ)"]


def test_an_edited_letter_is_reported():  # §7
    record = revealed(Method.CHOPIN)
    record["letter"] = "K"
    assert lines(verify(redigested(record))) == ["letter: recorded “K”, recomputed “N”"]


def test_a_seed_that_is_not_the_committed_one_is_reported():  # §7
    record = revealed()
    record["seed"] = "0" * 64
    found = lines(verify(redigested(record)))
    assert found[0] == (
        f"commitment: recorded {COMMITMENT}, but the SHA-256 of the seed is "
        "60e05bd1b195af2f94112fa7197a5c88289058840ce7c6df9693756bc6250f55"
    )
    assert found[1].startswith("order[")


def test_a_changed_input_changes_the_order():  # §7
    record = revealed()
    record["inputs"] = [record["inputs"][0], {"witness": "李明", "input": "月光 8"}]
    found = lines(verify(redigested(record)))
    assert len(found) == 1
    assert found[0].startswith("order[")


def test_times_out_of_order_are_reported():  # §7
    record = revealed()
    record["drawn_at"] = "2026-05-03T00:00:00+02:00"
    record["revealed_at"] = "2026-05-02T00:00:00Z"
    assert lines(verify(redigested(record))) == [
        "drawn_at: is before committed_at (2026-05-03T00:00:00+02:00 < 2026-05-04T08:00:00Z)",
        "revealed_at: is before drawn_at (2026-05-02T00:00:00Z < 2026-05-03T00:00:00+02:00)",
    ]


def test_a_record_must_be_an_object_of_this_format():  # §2
    assert lines(verify([])) == ["the record must be a JSON object, found a list"]
    assert lines(verify({})) == ["format: missing"]
    assert lines(verify({"format": "concours-results-record/1"})) == [
        "format: expected “concours-draw-record/1”, found “concours-results-record/1”"
    ]
    assert lines(verify({"format": 1})) == [
        "format: expected “concours-draw-record/1”, found a number"
    ]


def test_missing_and_unknown_members_are_all_reported():  # §2
    record = revealed()
    del record["seed"], record["order"]
    record["notary"] = "x"
    assert lines(verify(record)) == ["order: missing", "seed: missing", "notary: unknown member"]


def _set(path: str, value: object):
    def change(record: dict) -> None:
        *parents, last = path.split(".")
        target = record
        for part in parents:
            name, _, index = part.partition("[")
            target = target[name] if not index else target[name][int(index[:-1])]
        name, _, index = last.partition("[")
        if index:
            target[name][int(index[:-1])] = value
        else:
            target[name] = value

    return change


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("title", 3, "title: expected a string, found a number"),
        ("title", " x", "title: must not begin or end with white space"),
        ("title", "e\u0301", "title: must be in Unicode normalisation form C (NFC)"),
        ("round", 0, "round: expected a whole number from 1, or null; found 0"),
        ("round", True, "round: expected a whole number from 1, or null; found true"),
        ("round", "1", "round: expected a whole number from 1, or null; found “1”"),
        ("method", "lottery", "method: must be one of random, chopin; found “lottery”"),
        ("candidates", {}, "candidates: expected a list, found an object"),
        (
            "candidates",
            [{"id": str(i), "family_name": "A", "given_name": ""} for i in range(10_001)],
            "candidates: at most 10000 entries, found 10001",
        ),
        ("candidates[0]", "Kowalski", "candidates[0]: expected an object, found a string"),
        ("candidates[0]", {"id": "1", "family_name": "K"}, "candidates[0].given_name: missing"),
        ("candidates[0].id", "", "candidates[0].id: must not be empty"),
        ("candidates[0].id", None, "candidates[0].id: expected a string, found null"),
        ("candidates[1].id", "1", "candidates[1].id: “1” is already candidates[0].id"),
        (
            "candidates[0].family_name",
            "’",
            "candidates[0].family_name: has no letter or digit to sort by",
        ),
        (
            "candidates[0].given_name",
            "\x7f",
            "candidates[0].given_name: must not contain control characters",
        ),
        ("commitment", COMMITMENT.upper(), "commitment: expected 64 lowercase hexadecimal digits"),
        (
            "committed_at",
            "2026-05-04",
            "committed_at: “2026-05-04” is not a time such as “2026-05-11T16:30:00Z”",
        ),
        (
            "committed_at",
            "2026-05-04T24:00:00Z",
            "committed_at: “2026-05-04T24:00:00Z” is not a time such as “2026-05-11T16:30:00Z”",
        ),
        ("inputs", [], "inputs: must not be empty"),
        ("inputs[1]", {"witness": "a", "input": "b", "note": ""}, "inputs[1].note: unknown member"),
        ("inputs[0].witness", "", "inputs[0].witness: must not be empty"),
        ("inputs[1].input", 7, "inputs[1].input: expected a string, found a number"),
        ("drawn_at", None, "drawn_at: expected a string, found null"),
        ("letter", "N", "letter: must be null for the random method; found “N”"),
        ("order", "8 4 1", "order: expected a list, found a string"),
        ("order", [], "order: must not be empty"),
        ("order[0]", 8, "order[0]: expected a string, found a number"),
        ("order[0]", "9", "order[0]: “9” is not the id of a candidate"),
        ("order[1]", "8", "order[1]: “8” is already order[0]"),
        ("seed", "secret", "seed: expected 64 lowercase hexadecimal digits"),
        (
            "revealed_at",
            None,
            "revealed_at: the seed and the time it was revealed go together: both or neither",
        ),
        ("digests", [], "digests: expected an object, found a list"),
        ("digests.algorithm", "sha-1", "digests.algorithm: expected “sha-256”, found “sha-1”"),
        ("digests.draw", "", "digests.draw: expected 64 lowercase hexadecimal digits"),
        ("digests.record", 0, "digests.record: expected a string, found a number"),
    ],
)
def test_malformed_members_are_reported_with_their_path(path, value, expected):  # §2, §3
    record = revealed()
    _set(path, value)(record)
    assert lines(verify(record))[0] == expected


def test_a_missing_candidate_in_the_order_is_reported():  # §2
    record = revealed()
    record["order"] = [*record["order"][:-2], "8"]
    assert lines(verify(record)) == [
        "order[6]: “8” is already order[0]",
        "order: has no place for “5”, “6”",
    ]


@pytest.mark.parametrize("letter", [None, "", "AB", "a", 1])
def test_the_chopin_method_needs_one_capital_letter(letter):  # §2
    record = revealed(Method.CHOPIN)
    record["letter"] = letter
    assert lines(verify(record))[0].startswith(
        "letter: the Chopin method draws one letter from A to Z"
    )


def test_a_broken_candidate_list_does_not_also_report_the_order():  # §2
    record = revealed()
    record["candidates"][0]["id"] = ""
    assert lines(verify(record)) == ["candidates[0].id: must not be empty"]


def test_every_problem_is_reported_not_only_the_first():  # §7
    record = revealed()
    record["title"], record["seed"] = 1, SEED.upper()
    assert lines(verify(record)) == [
        "title: expected a string, found a number",
        "seed: expected 64 lowercase hexadecimal digits",
    ]


def test_values_that_json_cannot_hold_are_named_by_their_python_type():
    record = revealed()
    record["round"] = 1.5
    assert lines(verify(record)) == ["round: expected a whole number from 1, or null; found float"]
