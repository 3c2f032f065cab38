"""The draw of the order of appearance: verifiable, recomputable by anyone (a pure core, no
Django).

Before the draw the office publishes a commitment to a secret seed (``new_seed``,
``commitment_of``); at the draw the witnesses' inputs are mixed with the seed and the order is
drawn (``perform``); afterwards the seed is revealed (``reveal``) and anyone can recompute the
record (``verify``, ``python -m concours.draw verify RECORD``). Specified in
``docs/algorithms/draw.md``.
"""

from concours.draw.checks import FORMAT
from concours.draw.collation import alphabetical, fold, from_letter, sort_key
from concours.draw.lot import Outcome, commitment_of, draw_key, draw_order, new_seed
from concours.draw.model import (
    Candidate,
    Method,
    Problem,
    WitnessInput,
    normalise,
    text_problem,
    timestamp,
)
from concours.draw.record import (
    DrawError,
    candidate_to_json,
    canonical_json,
    digests,
    dump_record,
    parse_record,
    perform,
    read_candidates,
    reveal,
)
from concours.draw.verify import verify

__all__ = [
    "FORMAT",
    "Candidate",
    "DrawError",
    "Method",
    "Outcome",
    "Problem",
    "WitnessInput",
    "alphabetical",
    "candidate_to_json",
    "canonical_json",
    "commitment_of",
    "digests",
    "draw_key",
    "draw_order",
    "dump_record",
    "fold",
    "from_letter",
    "new_seed",
    "normalise",
    "parse_record",
    "perform",
    "read_candidates",
    "reveal",
    "sort_key",
    "text_problem",
    "timestamp",
    "verify",
]
