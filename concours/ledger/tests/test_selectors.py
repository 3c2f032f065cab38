"""Verifying the stored log: the tamper test — any entry changed or removed in the database
directly is named (docs/algorithms/hashchain.md §5) — and the export a third party checks."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from concours import hashchain
from concours.hashchain import ProblemCode
from concours.ledger import selectors
from concours.ledger.models import Chain, Entry
from concours.ledger.tests.conftest import CHAIN, record, tamper

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def codes(problems):
    return [(problem.seq, problem.code) for problem in problems]


def test_an_untouched_chain_verifies(five):
    assert selectors.verify(CHAIN) == []
    assert selectors.verification(CHAIN) == selectors.Verification(
        hashchain.Head(5, five[4].hash), []
    )


def test_a_chain_never_used_verifies_empty(db):
    assert selectors.verification("nothing") == selectors.Verification(hashchain.EMPTY, [])
    assert selectors.head("nothing") == hashchain.EMPTY
    assert list(selectors.entries("nothing")) == []


def _later(entry: Entry) -> object:
    return connection.ops.adapt_datetimefield_value(entry.recorded_at + dt.timedelta(seconds=1))


# Each edit of one stored column, as UPDATE … SET column = value WHERE seq = 3.
EDITS = {
    "payload": lambda entry: json.dumps({**entry.payload, "score": "25.00"}),
    "kind": lambda entry: "mark.deleted",
    "actor": lambda entry: "user:18",
    "recorded_at": _later,
    "hash": lambda entry: "f" * 64,
    "prev_hash": lambda entry: "e" * 64,
}
EXPECTED = {
    "payload": [(3, ProblemCode.HASH)],
    "kind": [(3, ProblemCode.HASH)],
    "actor": [(3, ProblemCode.HASH)],
    "recorded_at": [(3, ProblemCode.HASH)],
    "hash": [(3, ProblemCode.HASH), (4, ProblemCode.LINK)],
    "prev_hash": [(3, ProblemCode.HASH), (3, ProblemCode.LINK)],
}


@pytest.mark.parametrize("column", EDITS)
def test_editing_any_stored_entry_is_detected_at_its_number(five, column):  # the tamper test
    entry = five[2]
    tamper(f"UPDATE {{entry}} SET {column} = %s WHERE id = %s", [EDITS[column](entry), entry.pk])
    assert codes(selectors.verify(CHAIN)) == EXPECTED[column]


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(five):
    entry = five[2]
    forged = hashchain.Entry(
        CHAIN, 3, hashchain.time_text(entry.recorded_at), entry.actor, "mark.deleted",
        entry.payload,
    )  # fmt: skip
    digest = hashchain.entry_hash(entry.prev_hash, forged)
    tamper(
        "UPDATE {entry} SET kind = %s, hash = %s WHERE id = %s", ["mark.deleted", digest, entry.pk]
    )
    assert codes(selectors.verify(CHAIN)) == [(4, ProblemCode.LINK)]


def test_a_payload_that_is_no_longer_an_object_is_reported(five):
    tamper("UPDATE {entry} SET payload = %s WHERE id = %s", ["[1, 2]", five[1].pk])
    assert codes(selectors.verify(CHAIN)) == [(2, ProblemCode.INVALID)]


def test_a_deleted_entry_is_a_gap(five):
    tamper("DELETE FROM {entry} WHERE id = %s", [five[2].pk])
    assert [str(problem) for problem in selectors.verify(CHAIN)] == ["seq 3: missing"]


def test_a_deleted_last_entry_is_missing_against_the_head(five):
    tamper("DELETE FROM {entry} WHERE id = %s", [five[4].pk])
    assert [str(problem) for problem in selectors.verify(CHAIN)] == [
        "seq 5: missing: the head records more entries"
    ]


def test_a_changed_head_is_reported(five):
    Chain.objects.filter(key=CHAIN).update(head_hash="a" * 64)
    assert codes(selectors.verify(CHAIN)) == [(5, ProblemCode.HEAD)]


def test_verify_reads_a_constant_number_of_queries(db, django_assert_num_queries):
    record(3)
    with django_assert_num_queries(1):
        selectors.verify(CHAIN)
    record(30)
    with django_assert_num_queries(1):
        selectors.verify(CHAIN)


def test_public_head_is_the_last_entry(five):
    assert selectors.public_head(CHAIN) == selectors.PublicHead(
        CHAIN, 5, five[4].hash, five[4].recorded_at
    )
    assert selectors.public_head("nothing") == selectors.PublicHead(
        "nothing", 0, hashchain.GENESIS, None
    )


def _verify_file(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "concours.hashchain", "verify", str(path), *options],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_the_export_verifies_with_the_command_line_of_the_core(five, tmp_path):
    path = tmp_path / "edition-12.jsonl"
    path.write_text("".join(selectors.export_jsonl(CHAIN)), encoding="utf-8")
    head = selectors.public_head(CHAIN)
    done = _verify_file(path, "--head", five[2].hash)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"OK: “{CHAIN}”, 5 entries, head {head.hash}; the published head is seq 3\n",
        "",
    )
    assert list(hashchain.read_lines(path).links) == list(selectors.links(CHAIN))


def test_the_export_of_a_tampered_chain_fails_the_command_line(five, tmp_path):
    tamper("UPDATE {entry} SET actor = %s WHERE id = %s", ["user:18", five[1].pk])
    path = tmp_path / "edition-12.jsonl"
    path.write_text("".join(selectors.export_jsonl(CHAIN)), encoding="utf-8")
    done = _verify_file(path)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith(f"{path}:2: seq 2: hash mismatch: stored ")
