"""Appending to the log, and the log refusing every other write (docs/algorithms/hashchain.md
§8)."""

import datetime as dt
from enum import StrEnum

import pytest
from django.db import IntegrityError, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from concours import hashchain
from concours.accounts.tests.factories import UserFactory
from concours.ledger import selectors
from concours.ledger.models import AppendOnlyError, Chain, Entry
from concours.ledger.services import FEDERATION_CHAIN, actor_of, append, edition_chain
from concours.ledger.tests.conftest import CHAIN, record

pytestmark = pytest.mark.django_db


def test_the_first_append_starts_the_chain_at_genesis():
    (entry,) = record(1)
    chain = Chain.objects.get()
    assert (chain.key, chain.length, chain.head_hash) == (CHAIN, 1, entry.hash)
    assert (entry.seq, entry.prev_hash, entry.kind, entry.actor) == (
        1, hashchain.GENESIS, "mark.recorded", "user:17",
    )  # fmt: skip
    core = hashchain.Entry(
        CHAIN, 1, hashchain.time_text(entry.recorded_at), "user:17", "mark.recorded",
        {"round": 31, "application": 400, "score": "21.50"},
    )  # fmt: skip
    assert entry.hash == hashchain.entry_hash(hashchain.GENESIS, core)


def test_appends_follow_each_other_and_move_the_head():
    entries = record(3)
    assert [entry.seq for entry in entries] == [1, 2, 3]
    assert [entry.prev_hash for entry in entries[1:]] == [entry.hash for entry in entries[:2]]
    assert selectors.head(CHAIN) == hashchain.Head(3, entries[2].hash)
    assert entries[0].recorded_at <= entries[1].recorded_at <= entries[2].recorded_at


def test_chains_are_independent():
    record(2)
    (other,) = record(1, chain=FEDERATION_CHAIN)
    assert (other.seq, other.prev_hash) == (1, hashchain.GENESIS)
    assert list(selectors.chains().values_list("key", "length")) == [
        (CHAIN, 2), (FEDERATION_CHAIN, 1),
    ]  # fmt: skip


def test_the_stored_payload_is_what_the_hash_covers():
    class Stage(StrEnum):
        LIVE = "live"

    with transaction.atomic():
        entry = append(
            chain=CHAIN, kind="round.step", actor="system",
            payload={"stage": Stage.LIVE, "jurors": (3, 5), "note": "录入 ok", "big": 2**53 - 1},
        )  # fmt: skip
    entry = Entry.objects.get(pk=entry.pk)
    assert entry.payload == {"stage": "live", "jurors": [3, 5], "note": "录入 ok", "big": 2**53 - 1}
    assert selectors.verify(CHAIN) == []


def test_an_entry_rolls_back_with_the_change_it_records():
    record(1)

    @transaction.atomic
    def change_that_fails() -> None:
        append(chain=CHAIN, kind="mark.recorded", payload={}, actor="user:17")
        raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert selectors.head(CHAIN).length == 1
    assert Entry.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"payload": {"score": 21.5}}, "payload.score: the number 21.5 is not allowed"),
        ({"payload": {"when": dt.date(2026, 5, 14)}}, "payload.when: a date is not a JSON value"),
        ({"payload": ["score"]}, "payload: must be a JSON object, found list"),
        ({"kind": ""}, "kind: must be a non-empty string"),
        ({"actor": "x" * 201}, "actor: at most 200 characters, found 201"),
        ({"chain": "c" * 101}, "chain: at most 100 characters, found 101"),
    ],
)
def test_an_invalid_entry_is_refused_before_anything_is_written(fields, message):
    arguments = {"chain": "new", "kind": "note", "payload": {}, "actor": "system", **fields}
    with pytest.raises(ValueError, match=f"^{message}"), transaction.atomic():
        append(**arguments)
    assert (Chain.objects.count(), Entry.objects.count()) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_append_refuses_to_run_outside_a_transaction():
    with pytest.raises(TransactionManagementError, match="inside the transaction"):
        append(chain=CHAIN, kind="note", payload={}, actor="system")
    assert Chain.objects.count() == 0


def test_actors_are_named_by_id_and_chains_by_edition():
    user = UserFactory()
    assert (actor_of(user), actor_of(None)) == (f"user:{user.pk}", "system")
    assert edition_chain(12) == "edition:12"


# The log refuses every change through the application


def test_a_stored_entry_cannot_be_saved_again(five):
    entry = Entry.objects.get(seq=3)
    entry.payload = {"score": "25.00"}
    with pytest.raises(AppendOnlyError, match="append-only: an entry cannot be changed"):
        entry.save()


def test_a_stored_entry_cannot_be_deleted(five):
    with pytest.raises(AppendOnlyError):
        Entry.objects.get(seq=3).delete()


@pytest.mark.parametrize(
    "action",
    [
        lambda entries: entries.update(kind="x"),
        lambda entries: entries.delete(),
        lambda entries: entries.bulk_update(list(entries), ["kind"]),
        lambda entries: Entry._base_manager.filter(seq=2).delete(),
        lambda entries: Chain.objects.all().delete(),
        lambda entries: Chain.objects.get().delete(),
    ],
)
def test_bulk_changes_and_deletions_are_refused(five, action):
    with pytest.raises(AppendOnlyError):
        action(Entry.objects.filter(seq__gte=2))
    assert Entry.objects.count() == 5


def test_an_entry_with_a_taken_number_is_refused(five):
    chain = Chain.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(
            chain=chain, seq=3, recorded_at=timezone.now(), actor="x", kind="x", payload={},
            prev_hash="0" * 64, hash="0" * 64,
        )  # fmt: skip
