"""``manage.py verify_ledger``: OK per chain, every problem of a broken one, and the export."""

import io

import pytest
from django.core.management import CommandError, call_command

from concours.hashchain import read_lines
from concours.ledger import selectors
from concours.ledger.tests.conftest import CHAIN, record, tamper

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_ledger", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_every_chain_is_verified_by_default(five):
    (federation,) = record(1, chain="federation")
    assert run() == (
        f"OK {CHAIN}: 5 entries, head {five[4].hash}\n"
        f"OK federation: 1 entry, head {federation.hash}\n",
        "",
    )


def test_named_chains_only(five):
    record(1, chain="federation")
    out, _err = run(CHAIN)
    assert out == f"OK {CHAIN}: 5 entries, head {five[4].hash}\n"


def test_no_chains_yet(db):
    assert run() == ("No chains yet.\n", "")


def test_a_broken_chain_lists_every_problem_and_fails(five):
    tamper("UPDATE {entry} SET kind = %s WHERE id = %s", ["mark.deleted", five[1].pk])
    tamper("DELETE FROM {entry} WHERE id = %s", [five[3].pk])
    (federation,) = record(1, chain="federation")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"^1 of 2 chains failed\.$") as raised:
        call_command("verify_ledger", stdout=out, stderr=err)
    assert raised.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == f"BROKEN {CHAIN}: 2 problems"
    assert lines[1].startswith("  seq 2: hash mismatch: stored ")
    assert lines[2:] == ["  seq 4: missing", f"OK federation: 1 entry, head {federation.hash}"]
    assert err.getvalue() == ""


def test_an_unknown_chain_fails(five):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"^1 of 2 chains failed\.$"):
        call_command("verify_ledger", CHAIN, "edition:99", stdout=out, stderr=err)
    assert out.getvalue() == f"OK {CHAIN}: 5 entries, head {five[4].hash}\n"
    assert err.getvalue() == "edition:99: no such chain.\n"


def test_export_writes_the_chain_for_the_core(five, tmp_path):
    path = tmp_path / "out.jsonl"
    out, _err = run(CHAIN, "--export", str(path))
    assert out.splitlines() == [
        f"OK {CHAIN}: 5 entries, head {five[4].hash}",
        f"Exported {CHAIN} to {path}.",
    ]
    assert list(read_lines(path).links) == list(selectors.links(CHAIN))


def test_export_needs_exactly_one_chain(five, tmp_path):
    with pytest.raises(CommandError, match=r"^Name exactly one chain to export\.$"):
        run("--export", str(tmp_path / "out.jsonl"))


def test_export_to_a_place_that_cannot_be_written(five, tmp_path):
    with pytest.raises(CommandError, match=r"cannot be written \(Is a directory\)\.$"):
        run(CHAIN, "--export", str(tmp_path))
