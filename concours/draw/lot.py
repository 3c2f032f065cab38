"""The randomness of a draw (spec §5): a secret seed and its commitment, the key that mixes the
seed with the witnesses' inputs, a stream of bytes from the key, and the orders drawn with it.

Nothing here uses Python's ``random``: every step is SHA-256 or HMAC-SHA256 over bytes the spec
defines, so anyone can recompute a draw in any language.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from concours.draw.collation import LETTERS, alphabetical, from_letter
from concours.draw.model import Candidate, Method, WitnessInput

#: The first bytes of the message the key is computed over (spec §5.1).
KEY_TAG = b"concours-draw/1"
SEED_BYTES = 32
_HEX = re.compile(r"[0-9a-f]{64}")
_TWO_TO_64 = 1 << 64


def new_seed() -> str:
    """A fresh secret seed: 32 random bytes from the operating system, as 64 lowercase hex."""
    return secrets.token_bytes(SEED_BYTES).hex()


def is_hex_digest(text: str) -> bool:
    """64 lowercase hexadecimal digits: how seeds, commitments and digests are written."""
    return _HEX.fullmatch(text) is not None


def commitment_of(seed: str) -> str:
    """The commitment published before the draw: SHA-256 of the seed's 64 ASCII characters
    (``printf %s SEED | sha256sum``)."""
    if not is_hex_digest(seed):
        raise ValueError("a seed is 64 lowercase hexadecimal digits")
    return hashlib.sha256(seed.encode("ascii")).hexdigest()


def _u32(number: int) -> bytes:
    return number.to_bytes(4, "big")


def key_message(inputs: Sequence[WitnessInput]) -> bytes:
    """The bytes the key is computed over: the tag, the number of inputs, then each witness's
    name and input, each prefixed by its length in UTF-8 bytes (spec §5.1)."""
    parts = [KEY_TAG, _u32(len(inputs))]
    for item in inputs:
        for text in (item.witness, item.input):
            encoded = text.encode("utf-8")
            parts += [_u32(len(encoded)), encoded]
    return b"".join(parts)


def draw_key(seed: str, inputs: Sequence[WitnessInput]) -> bytes:
    """HMAC-SHA256 with the seed's 32 bytes as the key, over ``key_message(inputs)``."""
    if not is_hex_digest(seed):
        raise ValueError("a seed is 64 lowercase hexadecimal digits")
    return hmac.new(bytes.fromhex(seed), key_message(inputs), hashlib.sha256).digest()


class Stream:
    """The bytes SHA-256(key ‖ 0), SHA-256(key ‖ 1), … (counter as 8 bytes, big-endian), read
    8 bytes at a time as unsigned numbers (spec §5.1)."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._counter = 0
        self._buffer = b""

    def _next_u64(self) -> int:
        if not self._buffer:
            block = self._key + self._counter.to_bytes(8, "big")
            self._buffer = hashlib.sha256(block).digest()
            self._counter += 1
        number, self._buffer = self._buffer[:8], self._buffer[8:]
        return int.from_bytes(number, "big")

    def below(self, n: int) -> int:
        """A whole number in 0 … n − 1, every one equally likely: numbers from the top of the
        range that would favour the small results are rejected and the next is read."""
        if not 1 <= n <= _TWO_TO_64:
            raise ValueError("n must be between 1 and 2**64")
        limit = _TWO_TO_64 - _TWO_TO_64 % n
        while True:
            number = self._next_u64()
            if number < limit:
                return number % n


def shuffle[T](items: Sequence[T], stream: Stream) -> list[T]:
    """Fisher–Yates (Durstenfeld): for i from n − 1 down to 1, swap item i with item
    ``stream.below(i + 1)``."""
    result = list(items)
    for i in range(len(result) - 1, 0, -1):
        j = stream.below(i + 1)
        result[i], result[j] = result[j], result[i]
    return result


@dataclass(frozen=True, slots=True)
class Outcome:
    """The order drawn (candidates' ids, first to perform first) and, for Chopin, the letter."""

    order: tuple[str, ...]
    letter: str | None


def draw_order(
    method: Method, candidates: Sequence[Candidate], seed: str, inputs: Sequence[WitnessInput]
) -> Outcome:
    """The order of appearance (spec §5.2). The random method shuffles the candidates starting
    from their alphabetical order, so the order they were given in does not matter."""
    stream = Stream(draw_key(seed, inputs))
    if method is Method.CHOPIN:
        letter = LETTERS[stream.below(len(LETTERS))]
        return Outcome(tuple(c.id for c in from_letter(candidates, letter)), letter)
    return Outcome(tuple(c.id for c in shuffle(alphabetical(candidates), stream)), None)
