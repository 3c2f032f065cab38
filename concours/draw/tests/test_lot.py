"""Seeds, commitments, the key, the stream and the orders drawn (spec §5)."""

import hashlib
import itertools
from collections import Counter

import pytest

from concours.draw import Method, WitnessInput, commitment_of, draw_key, draw_order, new_seed
from concours.draw.lot import Stream, is_hex_digest, key_message, shuffle
from concours.draw.tests.example import CANDIDATES, COMMITMENT, INPUTS, SEED

KEY_MESSAGE = (
    "636f6e636f7572732d647261772f3100000002000000144d61726961204e6f77616b20286e6f7461727929"
    "000000124d617a75726b6120696e2041206d696e6f7200000006e69d8ee6988e00000008e69c88e585892037"
)
KEY = "32a8daac6cf337ab76120c4ab7ac6a0b81994524bcafc215dcd145aa12ca5871"


def test_a_new_seed_is_64_lowercase_hex_and_never_the_same():  # §5.1
    seeds = {new_seed() for _ in range(20)}
    assert len(seeds) == 20
    assert all(is_hex_digest(seed) for seed in seeds)


def test_the_commitment_is_the_sha256_of_the_seed_text():  # §5.1
    assert commitment_of(SEED) == COMMITMENT
    assert hashlib.sha256(SEED.encode("ascii")).hexdigest() == COMMITMENT


@pytest.mark.parametrize("seed", ["", "ab", SEED.upper(), SEED + "0", SEED[:-1] + "g"])
def test_a_malformed_seed_is_refused(seed):  # §5.1
    with pytest.raises(ValueError, match="64 lowercase hexadecimal digits"):
        commitment_of(seed)
    with pytest.raises(ValueError, match="64 lowercase hexadecimal digits"):
        draw_key(seed, INPUTS)


def test_the_key_message_prefixes_every_text_with_its_length():  # §5.1
    assert key_message(INPUTS).hex() == KEY_MESSAGE
    assert draw_key(SEED, INPUTS).hex() == KEY


def test_moving_text_between_witness_and_input_changes_the_key():  # §5.1: no ambiguity
    one = draw_key(SEED, [WitnessInput("ab", "c")])
    other = draw_key(SEED, [WitnessInput("a", "bc")])
    two = draw_key(SEED, [WitnessInput("a", "b"), WitnessInput("c", "")])
    assert len({one, other, two}) == 3


def test_the_stream_is_sha256_of_key_and_counter_read_8_bytes_at_a_time():  # §5.1
    key = bytes.fromhex(KEY)
    blocks = b"".join(hashlib.sha256(key + i.to_bytes(8, "big")).digest() for i in range(2))
    stream = Stream(key)
    expected = [int.from_bytes(blocks[i : i + 8], "big") for i in range(0, 64, 8)]
    assert [stream.below(2**64) for _ in range(8)] == expected


def test_below_rejects_numbers_from_the_top_of_the_range():  # §5.1
    # n = 2^63 + 1: every number from 2^63 + 1 up is rejected; this key's first number is one.
    n = 2**63 + 1
    key = b"top"
    first, second = (
        int.from_bytes(hashlib.sha256(key + bytes(8)).digest()[i : i + 8], "big") for i in (0, 8)
    )
    assert first >= n
    assert second < n
    assert Stream(key).below(n) == second


@pytest.mark.parametrize("n", [0, -1, 2**64 + 1])
def test_below_needs_a_range_of_one_to_2_to_the_64(n):
    with pytest.raises(ValueError, match="between 1 and 2"):
        Stream(b"").below(n)


def test_below_one_is_always_zero():
    assert Stream(b"").below(1) == 0


def test_shuffle_leaves_short_lists_alone():
    assert shuffle([], Stream(b"")) == []
    assert shuffle(["a"], Stream(b"")) == ["a"]


def test_every_permutation_is_about_equally_likely():  # §5.2: Fisher–Yates with rejection
    counts = Counter(tuple(shuffle("abc", Stream(b"%d" % i))) for i in range(6000))
    assert set(counts) == set(itertools.permutations("abc"))
    assert all(900 <= count <= 1100 for count in counts.values()), counts


def test_every_letter_is_about_equally_likely():  # §5.2
    counts = Counter(Stream(b"%d" % i).below(26) for i in range(26000))
    assert len(counts) == 26
    assert all(850 <= count <= 1150 for count in counts.values()), counts


def test_the_random_method_does_not_depend_on_the_order_candidates_are_given_in():  # §5.2
    forward = draw_order(Method.RANDOM, CANDIDATES, SEED, INPUTS)
    backward = draw_order(Method.RANDOM, CANDIDATES[::-1], SEED, INPUTS)
    assert forward == backward
    assert forward.order == ("8", "4", "1", "3", "7", "2", "5", "6")
    assert forward.letter is None


def test_the_chopin_method_draws_a_letter_and_goes_alphabetically_from_it():  # §5.2
    outcome = draw_order(Method.CHOPIN, CANDIDATES, SEED, INPUTS)
    assert outcome.letter == "N"
    assert outcome.order == ("7", "6", "3", "4", "5", "8", "1", "2")


def test_another_input_gives_another_order():  # §5.1
    other = [*INPUTS[:1], WitnessInput("李明", "月光 8")]
    assert draw_order(Method.RANDOM, CANDIDATES, SEED, other).order != (
        "8",
        "4",
        "1",
        "3",
        "7",
        "2",
        "5",
        "6",
    )
