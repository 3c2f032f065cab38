"""The worked example of docs/algorithms/draw.md §9, checked byte for byte against the code."""

import hashlib
import re
from pathlib import Path

from concours.draw import Method, alphabetical, draw_key, dump_record, fold, verify
from concours.draw.lot import Stream, key_message
from concours.draw.tests.example import CANDIDATES, COMMITMENT, INPUTS, SEED, drawn, revealed

SPEC = (Path(__file__).resolve().parents[3] / "docs" / "algorithms" / "draw.md").read_text(
    encoding="utf-8"
)
EXAMPLE = SPEC[SPEC.index("## §9") : SPEC.index("## §10")]


def test_the_record_in_the_spec_is_what_reveal_writes():  # §9
    block = re.search(r"```json\n(.*?)```", EXAMPLE, re.DOTALL)
    assert block is not None
    assert block.group(1) == dump_record(revealed())


def test_the_sort_keys_in_the_spec():  # §9, §4
    for candidate in alphabetical(CANDIDATES):
        row = (
            f"| {candidate.id} | {candidate.family_name} | {candidate.given_name} | "
            f"{fold(candidate.family_name)}, {fold(candidate.given_name)}, {candidate.id} |"
        )
        assert row in EXAMPLE


def test_the_seed_key_and_stream_in_the_spec():  # §9, §5.1
    assert f"    seed        {SEED}\n    commitment  {COMMITMENT}\n" in EXAMPLE
    message = key_message(INPUTS).hex()
    key = draw_key(SEED, INPUTS)
    assert f"    M  {message[:86]}\n       {message[86:]}\n    K  {key.hex()}\n" in EXAMPLE
    for counter in range(2):
        block = hashlib.sha256(key + counter.to_bytes(8, "big")).hexdigest()
        assert " ".join(block[i : i + 16] for i in range(0, 64, 16)) in EXAMPLE


def test_the_fisher_yates_table_in_the_spec():  # §9, §5.2
    items = [c.id for c in alphabetical(CANDIDATES)]
    stream = Stream(draw_key(SEED, INPUTS))
    for i in range(len(items) - 1, 0, -1):
        x = stream._next_u64()
        j = x % (i + 1)
        items[i], items[j] = items[j], items[i]
        assert f"| {i} | {i + 1} | {x:016x} | {j} | {' '.join(items)} |" in EXAMPLE
    assert items == revealed()["order"]


def test_the_chopin_example_in_the_spec():  # §9, §5.2
    record = revealed(Method.CHOPIN)
    x = Stream(draw_key(SEED, INPUTS))._next_u64()
    assert (
        f"first number 0x{x:016x} = {x}, and {x} mod 26\n= {x % 26}: the letter is `N`" in EXAMPLE
    )
    order = ", ".join(f'"{i}"' for i in record["order"])
    assert f'`"letter": "{record["letter"]}"`, `"order": [{order}]`' in EXAMPLE
    assert (
        f"`draw`\n`{record['digests']['draw']}` and `record`\n`{record['digests']['record']}`"
        in EXAMPLE
    )


def test_the_record_before_the_reveal_in_the_spec():  # §9, §6
    digests = drawn()["digests"]
    assert f"its `draw` digest is the same `{digests['draw'][:8]}…`" in EXAMPLE
    assert f"`record` digest is `{digests['record']}`" in EXAMPLE


def test_the_problem_lines_in_the_spec():  # §7
    record = revealed()
    record["order"][:2] = record["order"][1::-1]
    lines = "\n".join(f"    {problem}" for problem in verify(record))
    assert lines in SPEC
