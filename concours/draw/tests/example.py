"""The worked example of docs/algorithms/draw.md §9."""

from concours.draw import Candidate, Method, WitnessInput, perform, reveal

SEED = "9f3c1a7e5b2d48c6a0e1f7d3b5c9a2e4f6081b3d5c7e9a1f2b4d6e8f0a1c3e5b"
COMMITMENT = "336a8c4d0158327d27dd9b5b5aa590414e7dbb983b3a1d150f60e14853b06768"
CANDIDATES = [
    Candidate("1", "Kowalski", "Jan"),
    Candidate("2", "Łukasiewicz", "Anna"),
    Candidate("3", "Ødegaard", "Ingrid"),
    Candidate("4", "Strauß", "Lena"),
    Candidate("5", "Strauss", "Lena"),
    Candidate("6", "O'Brien", "Siobhán"),
    Candidate("7", "Nguyễn", "Minh"),
    Candidate("8", "Zhang", "Wei"),
]
INPUTS = [
    WitnessInput("Maria Nowak (notary)", "Mazurka in A minor"),
    WitnessInput("李明", "月光 7"),
]
COMMITTED_AT = "2026-05-04T08:00:00Z"
DRAWN_AT = "2026-05-11T16:30:00Z"
REVEALED_AT = "2026-05-11T16:45:00Z"
TITLE = "Example 2026, violin"


def drawn(method: Method = Method.RANDOM) -> dict[str, object]:
    """The record as published at the draw (no seed yet)."""
    return perform(
        method=method,
        candidates=CANDIDATES,
        inputs=INPUTS,
        seed=SEED,
        committed_at=COMMITTED_AT,
        drawn_at=DRAWN_AT,
        title=TITLE,
    )


def revealed(method: Method = Method.RANDOM) -> dict[str, object]:
    return reveal(drawn(method), seed=SEED, revealed_at=REVEALED_AT)
