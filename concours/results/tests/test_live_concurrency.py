"""Seventeen jurors mark at once, resending as flaky tablets do, while the office closes the
round and computes: no mark lost, none counted twice, the log complete (PostgreSQL)."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections

from concours.ledger.selectors import entries, verify
from concours.results import live
from concours.results.models import Mark, RoundStage
from concours.results.tests.live_setup import make_live_round

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL (make test runs it)")


def test_seventeen_jurors_marking_while_the_office_computes():
    setup = make_live_round(jurors=17, candidates=10)
    live.step_round(round_=setup.round, to=RoundStage.LIVE, by=setup.office)
    applied: list[tuple[int, int]] = []
    refused: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(18)

    def juror(seat, number):
        try:
            start.wait()
            for position, application in enumerate(setup.candidates):
                value = Decimal(1 + (number * 3 + position * 7) % 25)
                for _attempt in range(2):  # every mark sent twice, as after a lost answer
                    try:
                        receipt = live.record_live_mark(
                            round_=setup.round, seat=seat, application=application,
                            status="scored", value=value, vote=None, notes="", feedback="",
                            version=1, by=seat.user,
                        )  # fmt: skip
                    except live.LiveError:
                        with lock:
                            refused.append((seat.pk, application.pk))
                        break
                    if receipt.applied:
                        with lock:
                            applied.append((seat.pk, application.pk))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    def office():
        try:
            start.wait()
            while True:
                with lock:
                    if len(applied) >= 85 or errors:
                        break
                time.sleep(0.005)
            live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
            live.step_round(round_=setup.round, to=RoundStage.COMPUTED, by=setup.office)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=juror, args=(seat, n)) for n, seat in enumerate(setup.jurors)
    ]
    threads.append(threading.Thread(target=office))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    stored = set(Mark.objects.filter(round=setup.round).values_list("juror_id", "application_id"))
    assert len(applied) == len(set(applied)) == len(stored)  # each applied exactly once
    assert stored == set(applied)  # every accepted mark is there, no refused one is
    assert not stored & set(refused)
    computation = setup.round.computations.get()
    assert len(computation.record["marks"]) == len(stored)  # computed on every mark in, no more
    chain = f"edition:{setup.round.division.edition_id}"
    assert verify(chain) == []
    assert sum(1 for entry in entries(chain) if entry.kind == "mark") == len(stored)
