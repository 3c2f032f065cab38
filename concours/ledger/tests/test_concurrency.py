"""Seventeen jurors appending at once: every append gets the next number, none is lost, the
chain verifies (PostgreSQL: row locks under real concurrency)."""

import threading

import pytest
from django.db import connection, connections, transaction

from concours import hashchain
from concours.ledger import selectors
from concours.ledger.models import Chain, Entry
from concours.ledger.services import append

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

JURORS, MARKS = 17, 20


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL; SQLite serialises writes")


def _at_once(work, count: int) -> list[BaseException]:
    """Run ``work(number)`` in ``count`` threads released together; return what they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(number: int) -> None:
        try:
            start.wait()
            work(number)
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_seventeen_jurors_appending_at_once_to_a_new_chain():
    def juror(number: int) -> None:
        for mark in range(MARKS):
            with transaction.atomic():
                append(chain="edition:12", kind="mark", actor=f"user:{number}",
                       payload={"juror": number, "mark": mark})  # fmt: skip

    assert _at_once(juror, JURORS) == []
    seqs = list(selectors.entries("edition:12").values_list("seq", flat=True))
    assert seqs == list(range(1, JURORS * MARKS + 1))
    assert selectors.verify("edition:12") == []
    assert Chain.objects.get().length == JURORS * MARKS
    marks = set(Entry.objects.values_list("payload__juror", "payload__mark"))
    assert marks == {(juror, mark) for juror in range(JURORS) for mark in range(MARKS)}


def test_rolled_back_appends_leave_no_trace_under_concurrency():
    def juror(number: int) -> None:
        for mark in range(5):
            try:
                with transaction.atomic():
                    append(chain="edition:12", kind="mark", actor=f"user:{number}",
                           payload={"juror": number, "mark": mark})  # fmt: skip
                    if mark % 2:
                        raise LookupError("the mark itself was refused")
            except LookupError:
                pass

    assert _at_once(juror, JURORS) == []
    assert selectors.head("edition:12").length == JURORS * 3
    assert selectors.verify("edition:12") == []


def test_verifying_while_jurors_append_finds_nothing_wrong():
    problems: list[list[hashchain.Problem]] = []

    def work(number: int) -> None:
        if number == 0:  # the office verifies over and over meanwhile
            for _ in range(30):
                problems.append(selectors.verify("edition:12"))
            return
        for mark in range(10):
            with transaction.atomic():
                append(chain="edition:12", kind="mark", actor=f"user:{number}",
                       payload={"mark": mark})  # fmt: skip

    assert _at_once(work, JURORS + 1) == []
    assert problems == [[]] * 30
    assert selectors.head("edition:12").length == JURORS * 10
