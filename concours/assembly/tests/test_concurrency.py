"""Two votes for the same member on the same motion at the same moment: exactly one is stored
and logged (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from concours.assembly import services
from concours.assembly.models import Vote
from concours.ledger.selectors import entries, verify

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL (make test runs it)")


def test_two_simultaneous_votes_for_one_member_store_one(meeting):
    meeting.open()
    start = threading.Barrier(2)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def vote(choice):
        try:
            start.wait()
            try:
                meeting.vote(1, choice)
                outcomes.append("stored")
            except services.AlreadyVoted:
                outcomes.append("refused")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(choice,)) for choice in ("yes", "no")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(outcomes) == ["refused", "stored"]
    assert Vote.objects.filter(competition=meeting.members[1]).count() == 1
    assert entries(meeting.assembly.chain).filter(kind="assembly.vote").count() == 1
    assert verify(meeting.assembly.chain) == []
