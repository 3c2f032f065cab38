"""Writing to the integrity log: ``append`` is the one way in."""

from __future__ import annotations

import json
from collections.abc import Mapping

from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from concours import hashchain
from concours.accounts.models import User
from concours.ledger.models import Chain, Entry

#: The chain of the federation's own events; each edition has its own (``edition_chain``).
FEDERATION_CHAIN = "federation"


def edition_chain(edition_id: int) -> str:
    """The chain of an edition's events: marks, overrides, decisions, draws, publications."""
    return f"edition:{edition_id}"


def actor_of(user: User | None) -> str:
    """How the log names who acted: ``user:<id>``, or ``system``. Never a name or an e-mail
    address: the log cannot forget, and personal data must be erasable."""
    return "system" if user is None else f"user:{user.pk}"


def append(*, chain: str, kind: str, payload: Mapping[str, object], actor: str) -> Entry:
    """Record one event at the end of ``chain`` (created on first use) and return its entry.

    Call it inside the transaction of the change it records, so both commit or roll back
    together, and as its last step: the chain's row stays locked until that transaction ends,
    so appends to one chain take turns. A transaction that appends to several chains must lock
    them in one order (sorted keys) to avoid deadlocks.

    ``payload`` holds JSON values only: whole numbers, decimals as strings (“21.50”), ids rather
    than names. Anything else raises ``ValueError`` and nothing is written.
    """
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "ledger.append() must run inside the transaction of the change it records"
        )
    if not isinstance(payload, Mapping):
        raise ValueError(f"payload: must be a JSON object, found {type(payload).__name__}")
    # Checked before anything is written: exactly what the hash covers (tuples as lists,
    # enumerations as their values) is stored.
    stored_payload = json.loads(hashchain.canonical_json(payload, "payload"))
    _check_texts(chain=chain, kind=kind, actor=actor)
    row, _created = Chain.objects.select_for_update().get_or_create(key=chain)
    recorded_at = timezone.now()  # once the chain is locked: times grow along a chain
    link = hashchain.extend(
        row.head,
        chain=chain,
        time=hashchain.time_text(recorded_at),
        actor=actor,
        kind=kind,
        payload=stored_payload,
    )
    entry = Entry.objects.create(
        chain=row,
        seq=link.entry.seq,
        recorded_at=recorded_at,
        actor=actor,
        kind=kind,
        payload=stored_payload,
        prev_hash=link.prev,
        hash=link.hash,
    )
    row.length, row.head_hash = link.entry.seq, link.hash
    row.save(update_fields=["length", "head_hash"])
    return entry


def _check_texts(*, chain: str, kind: str, actor: str) -> None:
    """Non-empty, and not too long for its column on any database (SQLite would store it)."""
    for name, value, field in (
        ("chain", chain, Chain._meta.get_field("key")),
        ("kind", kind, Entry._meta.get_field("kind")),
        ("actor", actor, Entry._meta.get_field("actor")),
    ):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name}: must be a non-empty string")
        limit = field.max_length
        if limit is not None and len(value) > limit:
            raise ValueError(f"{name}: at most {limit} characters, found {len(value)}")
