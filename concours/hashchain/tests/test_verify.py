"""Hashes, links and verification (docs/algorithms/hashchain.md §4, §5)."""

from __future__ import annotations

import dataclasses

import pytest

from concours.hashchain.chain import (
    EMPTY,
    GENESIS,
    Entry,
    Head,
    Link,
    Problem,
    ProblemCode,
    entry_hash,
    extend,
    head_of,
    verify_chain,
)

# The worked example of §9.
EXAMPLE_HASHES = [
    "475c0b2720a59d6142881ba3e62f5d97989f33aacbbe4b46bdce126a7fcc8ded",
    "f2a595033627dc18256bd6d9321a2072a3a19f73a32510dc59bfc7249982dc07",
    "6e3a3151a8dbe786e72dfd06c1aab5e0bb0f78ede08ca241da8db989ac03ace7",
]
EXAMPLE = [
    ("2026-05-14T09:30:00.125000Z", "user:17", "mark.recorded",
     {"round": 31, "application": 408, "juror": 5, "score": "21.50", "vote": None}),
    ("2026-05-14T09:41:07.000000Z", "user:3", "mark.overridden",
     {"round": 31, "application": 408, "juror": 5, "score": "22.00", "was": "21.50",
      "reason": "录入错误 — typing error, confirmed by the juror"}),
    ("2026-05-14T18:00:00.000000Z", "user:3", "results.published",
     {"round": 31, "advancing": [408, 411, 415],
      "record_digest": "9f2c4c5d1e0b7a3f6d8e2a1c4b5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f"}),
]  # fmt: skip


def build(count: int = 5, chain: str = "edition:12") -> list[Link]:
    links: list[Link] = []
    for number in range(count):
        time, actor, kind, payload = EXAMPLE[number % 3]
        links.append(
            extend(head_of(links), chain=chain, time=time, actor=actor, kind=kind, payload=payload)
        )
    return links


def changed(link: Link, **fields: object) -> Link:
    """``link`` with entry fields replaced and its stored hash kept, as a database edit does."""
    return dataclasses.replace(link, entry=dataclasses.replace(link.entry, **fields))


def codes(problems: list[Problem]) -> list[tuple[int | None, ProblemCode]]:
    return [(problem.seq, problem.code) for problem in problems]


# §4 hashes and links


def test_the_worked_example_hashes():  # §9
    assert [link.hash for link in build(3)] == EXAMPLE_HASHES
    assert [link.prev for link in build(3)] == [GENESIS, *EXAMPLE_HASHES[:2]]


def test_entry_hash_covers_the_previous_hash():  # §4
    entry = build(1)[0].entry
    assert entry_hash(GENESIS, entry) == EXAMPLE_HASHES[0]
    assert entry_hash("1" * 64, entry) != EXAMPLE_HASHES[0]


@pytest.mark.parametrize("prev", ["0" * 63, "A" * 64, None])
def test_entry_hash_refuses_a_previous_hash_that_is_not_a_hash(prev):
    with pytest.raises(ValueError, match=r"^prev: expected 64 lowercase hexadecimal digits"):
        entry_hash(prev, build(1)[0].entry)


def test_extend_numbers_and_links_the_next_entry():  # §4
    links = build(2)
    assert (links[1].entry.seq, links[1].prev) == (2, links[0].hash)
    assert head_of(links) == Head(2, EXAMPLE_HASHES[1])
    assert head_of([]) == EMPTY == Head(0, GENESIS)


# §5.1 a chain on its own


def test_an_intact_chain_verifies():  # §5.1
    assert verify_chain(build(7)) == []
    assert verify_chain([]) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"payload": {"round": 31, "score": "23.50"}},
        {"kind": "mark.deleted"},
        {"actor": "user:18"},
        {"time": "2026-05-14T09:30:01.125000Z"},
    ],
)
def test_editing_any_field_is_a_hash_mismatch_at_that_entry(fields):  # §5.1 hash
    links = build(5)
    links[2] = changed(links[2], **fields)
    assert codes(verify_chain(links)) == [(3, ProblemCode.HASH)]


def test_swapping_two_numbers_breaks_both_entries_and_their_links():  # §5.1 hash, link
    links = build(4)
    links[1:3] = [changed(links[2], seq=2), changed(links[1], seq=3)]
    assert codes(verify_chain(links)) == [
        (2, ProblemCode.HASH), (2, ProblemCode.LINK), (3, ProblemCode.HASH), (3, ProblemCode.LINK),
        (4, ProblemCode.LINK),
    ]  # fmt: skip


def test_a_hash_mismatch_names_both_hashes():  # §5.1 hash
    links = build(3)
    links[0] = dataclasses.replace(links[0], hash="f" * 64)
    problems = verify_chain(links)
    assert [str(problem) for problem in problems] == [
        f"seq 1: hash mismatch: stored {'f' * 64}, computed {EXAMPLE_HASHES[0]}",
        f"seq 2: broken link: the previous hash is {EXAMPLE_HASHES[0]}, "
        f"but seq 1 has the hash {'f' * 64}",
    ]
    assert [problem.position for problem in problems] == [1, 2]


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link():  # §5.1 link
    links = build(4)
    edited = changed(links[1], kind="mark.deleted")
    links[1] = dataclasses.replace(edited, hash=entry_hash(edited.prev, edited.entry))
    assert codes(verify_chain(links)) == [(3, ProblemCode.LINK)]


def test_the_first_entry_must_link_to_the_genesis_hash():  # §5.1 link
    links = build(2)
    start = Entry("edition:12", 1, *EXAMPLE[0])
    links[0] = Link(start, "1" * 64, entry_hash("1" * 64, start))
    problems = verify_chain(links)
    assert codes(problems) == [(1, ProblemCode.LINK), (2, ProblemCode.LINK)]
    assert str(problems[0]) == (
        f"seq 1: broken link: the previous hash is {'1' * 64}, but the genesis hash is {GENESIS}"
    )


def test_a_previous_hash_that_is_not_a_hash_is_a_broken_link():  # §5.1 link
    links = build(4)
    links[1] = dataclasses.replace(links[1], prev="nonsense")
    del links[2]  # seq 4 has no entry before it to compare with
    links[2] = dataclasses.replace(links[2], prev="")
    assert [str(problem) for problem in verify_chain(links)] == [
        f"seq 2: broken link: the previous hash is 'nonsense', but seq 1 has the hash "
        f"{EXAMPLE_HASHES[0]}",
        "seq 3: missing",
        "seq 4: broken link: the previous hash '' is not a hash",
    ]


def test_a_removed_entry_is_one_gap():  # §5.1 gap
    links = build(6)
    del links[2]
    assert [str(problem) for problem in verify_chain(links)] == ["seq 3: missing"]


def test_removed_entries_in_a_row_are_one_gap():  # §5.1 gap
    links = build(9)
    del links[5:8]
    del links[1]
    assert [str(problem) for problem in verify_chain(links)] == [
        "seq 2: missing",
        "seq 6: missing (3 entries, to seq 8)",
    ]
    assert [problem.position for problem in verify_chain(links)] == [None, None]


def test_a_chain_starting_late_misses_its_first_entries():  # §5.1 gap
    assert codes(verify_chain(build(4)[2:])) == [(1, ProblemCode.GAP)]


def test_swapped_entries_are_out_of_order():  # §5.1 order
    links = build(5)
    links[1], links[3] = links[3], links[1]
    problems = verify_chain(links)
    assert [str(problem) for problem in problems] == [
        "seq 2: out of order: seq 2 comes after seq 4",
        "seq 3: out of order: seq 3 comes after seq 4",
    ]
    assert [problem.position for problem in problems] == [4, 3]


def test_a_repeated_entry_is_a_duplicate():  # §5.1 duplicate
    links = build(3)
    links.append(links[1])
    problems = verify_chain(links)
    assert [str(problem) for problem in problems] == ["seq 2: duplicate: seq 2 appears again"]
    assert problems[0].position == 4


def test_an_entry_of_another_chain_is_reported():  # §5.1 chain
    links = build(3)
    links[1] = build(3, chain="edition:13")[1]
    assert [str(problem) for problem in verify_chain(links)] == [
        "seq 2: wrong chain: “edition:13” in the chain “edition:12”",
        f"seq 3: broken link: the previous hash is {EXAMPLE_HASHES[1]}, but seq 2 has the hash "
        f"{links[1].hash}",
    ]


def test_an_entry_that_cannot_be_encoded_is_invalid():  # §5.1 invalid
    links = build(3)
    links[1] = changed(links[1], payload={"score": 21.5})
    assert [str(problem) for problem in verify_chain(links)] == [
        "seq 2: invalid entry: payload.score: the number 21.5 is not allowed: numbers are "
        "whole; decimals are written as strings, such as “14.50”"
    ]


def test_an_entry_without_a_valid_number_is_invalid_and_leaves_a_gap():  # §5.1 invalid
    links = build(3)
    links[1] = changed(links[1], seq=0)
    problems = verify_chain(links)
    assert [(str(problem), problem.position) for problem in problems] == [
        ("seq 2: missing", None),
        ("invalid entry: seq: must be a whole number from 1 to 2^53 − 1, found 0", 2),
    ]


# §5.2 a published head


def test_a_published_head_must_be_in_the_chain():  # §5.2
    links = build(5)
    assert verify_chain(links, contains=links[2].hash) == []
    assert [str(problem) for problem in verify_chain(links[:2], contains=links[2].hash)] == [
        f"head not found: no entry has the hash {links[2].hash}"
    ]


def test_a_rewritten_chain_no_longer_holds_the_published_head():  # §5.2
    published = build(3)[2].hash
    rewritten: list[Link] = []
    for number, link in enumerate(build(4)):
        kind = "mark.deleted" if number == 1 else link.entry.kind
        rewritten.append(extend(head_of(rewritten), chain="edition:12", time=link.entry.time,
                                actor=link.entry.actor, kind=kind, payload=link.entry.payload))  # fmt: skip
    problems = verify_chain(rewritten, contains=published)
    assert codes(problems) == [(None, ProblemCode.HEAD)]


# §5.3 the store's own head


def test_a_chain_ending_at_its_head_verifies():  # §5.3
    links = build(4)
    assert verify_chain(links, ends_at=head_of(links)) == []
    assert verify_chain([], ends_at=EMPTY) == []


def test_removed_last_entries_are_a_gap_against_the_head():  # §5.3
    links = build(5)
    assert [str(problem) for problem in verify_chain(links[:3], ends_at=head_of(links))] == [
        "seq 4: missing (2 entries, to seq 5): the head records more entries"
    ]
    assert [str(problem) for problem in verify_chain(links[:4], ends_at=head_of(links))] == [
        "seq 5: missing: the head records more entries"
    ]
    assert codes(verify_chain([], ends_at=head_of(links))) == [(1, ProblemCode.GAP)]


def test_entries_beyond_the_head_are_reported():  # §5.3
    links = build(5)
    assert [str(problem) for problem in verify_chain(links, ends_at=head_of(links[:3]))] == [
        "seq 4: beyond the head: the head records 3 entries"
    ]
    assert codes(verify_chain(links, ends_at=EMPTY)) == [(1, ProblemCode.HEAD)]


def test_a_head_with_another_hash_is_a_head_mismatch():  # §5.3
    links = build(3)
    assert [str(problem) for problem in verify_chain(links, ends_at=Head(3, "a" * 64))] == [
        f"seq 3: head mismatch: the head records the hash {'a' * 64}, the entry has "
        f"{EXAMPLE_HASHES[2]}"
    ]
    assert [str(problem) for problem in verify_chain([], ends_at=Head(0, "a" * 64))] == [
        f"head mismatch: the head of an empty chain is {GENESIS}, not {'a' * 64}"
    ]
