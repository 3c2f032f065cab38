"""Reading the integrity log: heads, entries, verification and the export for third parties."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from concours import hashchain
from concours.ledger.models import Chain, Entry

#: Entries are read in batches of this many, so verifying or exporting a long chain does not
#: hold every row in memory at once.
BATCH = 2000
#: The columns of an entry that make a link, in ``_link``'s order.
ROW = ("seq", "recorded_at", "actor", "kind", "payload", "prev_hash", "hash")


@dataclass(frozen=True, slots=True)
class PublicHead:
    """What is published with results: the chain, its length, the hash of its last entry and
    when that entry was recorded (``None`` for an empty chain)."""

    chain: str
    length: int
    hash: str
    recorded_at: dt.datetime | None


def head(chain: str) -> hashchain.Head:
    """The chain's head as the store keeps it; ``hashchain.EMPTY`` for a chain never used."""
    found = Chain.objects.filter(key=chain).values_list("length", "head_hash").first()
    return hashchain.EMPTY if found is None else hashchain.Head(*found)


def public_head(chain: str) -> PublicHead:
    """The head to publish beside results (e.g. after appending the publication itself)."""
    last = (
        Entry.objects.filter(chain__key=chain)
        .order_by("-seq")
        .values_list("seq", "hash", "recorded_at")
        .first()
    )
    if last is None:
        return PublicHead(chain, 0, hashchain.GENESIS, None)
    return PublicHead(chain, *last)


def chains() -> QuerySet[Chain]:
    return Chain.objects.order_by("key")


def entries(chain: str) -> QuerySet[Entry]:
    """The chain's entries in order."""
    return Entry.objects.filter(chain__key=chain).order_by("seq")


def links(chain: str) -> Iterator[hashchain.Link]:
    """The chain's entries as the core sees them (§4), in order, read in batches."""
    rows = entries(chain).values_list(*ROW).iterator(chunk_size=BATCH)
    for row in rows:
        yield _link(chain, *row)


def _link(
    chain: str,
    seq: int,
    recorded_at: dt.datetime,
    actor: str,
    kind: str,
    payload: Any,
    prev_hash: str,
    hash_: str,
) -> hashchain.Link:
    """A stored row as the core's link; whatever the row holds, verification reports it."""
    entry = hashchain.Entry(chain, seq, hashchain.time_text(recorded_at), actor, kind, payload)
    return hashchain.Link(entry, prev_hash, hash_)


@dataclass(frozen=True, slots=True)
class Verification:
    """A chain as verified: the head the store keeps and every problem found."""

    head: hashchain.Head
    problems: list[hashchain.Problem]


def verification(chain: str) -> Verification:
    """Verify the stored chain (§5.1) against the head the store keeps (§5.3). A chain never
    used verifies, with the empty head.

    The head and the entries are read in one statement, so they come from one snapshot of the
    database and an append made meanwhile is not mistaken for a problem."""
    rows = (
        Chain.objects.filter(key=chain)
        .order_by("entries__seq")
        .values_list("length", "head_hash", *(f"entries__{name}" for name in ROW))
        .iterator(chunk_size=BATCH)
    )
    recorded = hashchain.EMPTY
    found: list[hashchain.Link] = []
    for length, head_hash, seq, *fields in rows:
        recorded = hashchain.Head(length, head_hash)
        if seq is not None:  # a chain without entries joins none
            found.append(_link(chain, seq, *fields))
    return Verification(recorded, hashchain.verify_chain(found, ends_at=recorded))


def verify(chain: str) -> list[hashchain.Problem]:
    """Every problem of the stored chain (see ``verification``); empty when it verifies."""
    return verification(chain).problems


def export_jsonl(chain: str) -> Iterator[str]:
    """The chain in the export format (§6), line by line, for ``python -m concours.hashchain
    verify``."""
    return hashchain.dump_lines(links(chain))
