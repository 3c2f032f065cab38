"""Speed of the results engine (``concours.scoring``): the Chopin 2025 recomputation, a large
stage, leave-one-juror-out, and what exact arithmetic costs next to binary floats.

Run from the repository root::

    .venv/bin/python benchmarks/bench_scoring.py        # or: make bench

Figures (stdout, one ``name: value`` line each; progress and diagnostics go to stderr)
-------------------------------------------------------------------------------------
``scoring.chopin_full_ms`` (target < 100 ms)
    The whole Chopin 2025 competition recomputed from the raw marks: the four stage CSVs read
    and checked (``read_marks`` with the ``chopin-2025`` preset, D = 3 in stage 1, else 2), each
    stage scored (``score_stage``), the weighted results after stages 2, 3 and 4 and the
    advancers after stages 1, 2 and 3 (40, 20, 10 with ties: 11) computed (``combine``).
    **CSV parsing is included** (the figure is "recomputation from the raw marks"); the
    published data is 2,635 marks (155 performances × 17 jurors).
``scoring.chopin_full_compute_only_ms``
    The same without reading the files: marks already parsed into ``Mark`` objects, then
    ``score_stage`` × 4 and ``combine`` × 4. The difference to the figure above is the cost of
    reading and checking the CSVs.
``scoring.stage_50k_ms`` (target < 1 s)
    One stage of 2,000 candidates × 25 jurors = 50,000 marks with the ``clamped-mean`` preset
    (marks 1–25, D = 3), about 1 % of them ``S``; generated deterministically with
    ``random.Random(SEED)``. Timed from the engine's input (a list of ``Mark`` objects, built
    beforehand) to the ranked ``StageResult`` with its advancers (top ``ADVANCE_50K``, ties
    included).
``scoring.loo_stage1_ms`` (target < 1 s)
    ``concours.scoring.analysis.leave_one_juror_out`` on Chopin stage 1 (84 candidates × 17
    jurors) with ``advance=40``: the stage scored with the whole panel and once without each of
    the 17 jurors. Parsing is not included.
``scoring.ratio_to_float``
    Median engine time on the 50k-mark stage ÷ median time of ``naive_float_stage`` below (the
    same rule with binary floats and ``round()``, same ``Mark`` input, same ranked output with
    advancers): what exactness costs. Engine and float runs alternate, so drift hits both.

Every timing is the median of several runs (``RUNS_*``) after one untimed warm-up run, with
``time.perf_counter``; the garbage collector is left on (as in real use) but run before each
timed run so one run does not pay for the garbage of the previous one.

Correctness guards: before anything is printed, the Chopin recomputation is checked against the
published numbers (2,635 marks; all 155 stage scores; the 71 weighted results after stages 2, 3
and 4; exactly who advanced after stages 1, 2 and 3), and the 50k-mark stage's size, its ``S``
count and its advancers are checked; every timed run's output must equal the checked one. Any
mismatch prints the reason on stderr and exits with status 1, printing no figure.

Where the Chopin data (``../shared/data/chopin2025``, never copied into this repository) is
absent, the Chopin figures are skipped with a note on stderr and the others are printed (exit 0).
"""

from __future__ import annotations

import csv
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from concours.scoring.analysis import leave_one_juror_out  # noqa: E402
from concours.scoring.csvio import read_marks  # noqa: E402
from concours.scoring.engine import combine, score_stage  # noqa: E402
from concours.scoring.model import Mark, MarkStatus, Rule, StageResult  # noqa: E402
from concours.scoring.presets import CHOPIN_2025_WEIGHTS, chopin_2025, preset  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "chopin2025"
STAGE_FILES = {
    1: "chopin2025_stage1_scores.csv",
    2: "chopin2025_stage2_scores.csv",
    3: "chopin2025_stage3_scores.csv",
    4: "chopin2025_final_scores.csv",
}
RESULT_FILES = {
    1: "chopin2025_stage1_results.csv",
    2: "chopin2025_stage2_results.csv",
    3: "chopin2025_stage3_results.csv",
    4: "chopin2025_final_results.csv",
}
ADVANCING = {1: 40, 2: 20, 3: 10, 4: None}  # after stage 4 nobody "advances": prizes are voted
CHOPIN_MARKS = 2635  # (84 + 40 + 20 + 11) performances × 17 jurors
CHOPIN_ADVANCERS = {1: 40, 2: 20, 3: 11}  # a tie at 10th sent 11 to the final

CANDIDATES_50K = 2000
JURORS_50K = 25
ADVANCE_50K = 200
SEED = 2025

RUNS_CHOPIN = 15
RUNS_50K = 7
RUNS_LOO = 9


class Mismatch(Exception):
    """The benchmark would measure something other than the correct computation."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed[T](function: Callable[[], T]) -> tuple[float, T]:
    """Milliseconds of one call of ``function``, after a garbage collection, and its result."""
    gc.collect()
    start = time.perf_counter()
    value = function()
    return (time.perf_counter() - start) * 1000, value


def median_ms[T](function: Callable[[], T], runs: int, expected: T) -> float:
    """Median milliseconds of ``runs`` calls; each call must return ``expected``."""
    times = []
    for _ in range(runs):
        elapsed, value = timed(function)
        if value != expected:
            raise Mismatch(f"{function.__name__}: a timed run gave a different result")
        times.append(elapsed)
    log(f"  {function.__name__}: runs (ms) {' '.join(f'{t:.1f}' for t in times)}")
    return statistics.median(times)


# --- Chopin 2025 -------------------------------------------------------------------------------

type Outcome = tuple[
    int,  # marks read
    dict[int, dict[str, Decimal]],  # stage scores
    dict[int, dict[str, Decimal]],  # weighted results
    dict[int, frozenset[str]],  # advancers
]


def chopin_compute(stage_marks: dict[int, Sequence[Mark]]) -> Outcome:
    """Score each stage, then the weighted results and who advanced after each stage."""
    scores: dict[int, dict[str, Decimal]] = {}
    for stage, marks in stage_marks.items():
        result = score_stage(marks, chopin_2025(stage))
        scores[stage] = {row.candidate: row.score for row in result.results}
    weighted: dict[int, dict[str, Decimal]] = {}
    advancers: dict[int, frozenset[str]] = {}
    for stage in (1, 2, 3, 4):
        rows = combine(
            [scores[k] for k in range(1, stage + 1)],
            CHOPIN_2025_WEIGHTS[stage],
            advance=ADVANCING[stage],
        )
        weighted[stage] = {name: value for name, value, _rank, _advanced in rows}
        if ADVANCING[stage] is not None:
            advancers[stage] = frozenset(name for name, _v, _r, advanced in rows if advanced)
    count = sum(len(marks) for marks in stage_marks.values())
    return count, scores, weighted, advancers


def chopin_read() -> dict[int, Sequence[Mark]]:
    return {
        stage: read_marks(DATA / STAGE_FILES[stage], chopin_2025(stage)).marks
        for stage in (1, 2, 3, 4)
    }


def chopin_full() -> Outcome:
    """From the raw CSVs to the results: parsing included."""
    return chopin_compute(chopin_read())


def published_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_chopin(outcome: Outcome) -> None:
    count, scores, weighted, advancers = outcome
    if count != CHOPIN_MARKS:
        raise Mismatch(f"Chopin 2025: {count} marks read, expected {CHOPIN_MARKS}")
    for stage in (1, 2, 3, 4):
        published = {
            row["candidate"]: Decimal(row["published_stage_score"])
            for row in published_rows(STAGE_FILES[stage])
        }
        if scores[stage] != published:
            raise Mismatch(f"Chopin 2025 stage {stage}: stage scores differ from the published")
        results = published_rows(RESULT_FILES[stage])
        if stage > 1:
            expected = {row["candidate"]: Decimal(row["published_result"]) for row in results}
            if weighted[stage] != expected:
                raise Mismatch(
                    f"Chopin 2025: results after stage {stage} differ from the published"
                )
        if stage in CHOPIN_ADVANCERS:
            expected_in = {row["candidate"] for row in results if row["advanced"] == "yes"}
            if advancers[stage] != expected_in or len(expected_in) != CHOPIN_ADVANCERS[stage]:
                raise Mismatch(f"Chopin 2025: advancers after stage {stage} differ")
    checked = sum(len(s) for s in scores.values()) + sum(len(weighted[k]) for k in (2, 3, 4))
    log(f"  Chopin 2025 checked: {count} marks, {checked} published numbers, advancers 40/20/11")


def bench_chopin() -> list[tuple[str, float]]:
    log("Chopin 2025 recomputation")
    _elapsed, reference = timed(chopin_full)  # warm-up, and the result every run must equal
    check_chopin(reference)
    full = median_ms(chopin_full, RUNS_CHOPIN, reference)
    parsed = chopin_read()

    def chopin_compute_only() -> Outcome:
        return chopin_compute(parsed)

    compute_only = median_ms(chopin_compute_only, RUNS_CHOPIN, reference)

    log("Leave one juror out, Chopin stage 1, advance=40")
    rule = chopin_2025(1)
    stage1 = parsed[1]

    def loo_stage1() -> object:
        return leave_one_juror_out(stage1, rule, advance=40)

    loo_reference = loo_stage1()
    if len(loo_reference) != 17:
        raise Mismatch(f"leave one juror out: {len(loo_reference)} jurors, expected 17")
    loo = median_ms(loo_stage1, RUNS_LOO, loo_reference)
    return [
        ("scoring.chopin_full_ms", full),
        ("scoring.chopin_full_compute_only_ms", compute_only),
        ("scoring.loo_stage1_ms", loo),
    ]


# --- 50,000 marks --------------------------------------------------------------------------------


def generate_50k() -> list[Mark]:
    """2,000 candidates × 25 jurors, integer marks 1–25 (a candidate's level, a juror's bias and
    noise), about 1 % ``S``; every candidate keeps at least one scored mark."""
    rng = random.Random(SEED)
    jurors = [f"Juror {j:02d}" for j in range(1, JURORS_50K + 1)]
    bias = {juror: rng.gauss(0, 1.5) for juror in jurors}
    marks: list[Mark] = []
    for c in range(1, CANDIDATES_50K + 1):
        candidate = f"Candidate {c:04d}"
        level = rng.uniform(9, 22)
        for j, juror in enumerate(jurors):
            if j > 0 and rng.random() < 0.01:
                marks.append(Mark(candidate, juror, MarkStatus.STUDENT))
                continue
            value = min(25, max(1, round(level + bias[juror] + rng.gauss(0, 2.5))))
            marks.append(Mark(candidate, juror, MarkStatus.SCORED, Decimal(value)))
    return marks


def naive_float_stage(marks: Sequence[Mark], deviation: float, advance: int) -> list[tuple]:
    """The clamped mean as one would write it with floats: mean, ``round(·, 2)``, clamp to ±D,
    mean, ``round(·, 2)``; ranked highest first (ties share a rank, then by name), the top
    ``advance`` and everyone tied with the last of them advance. Returns rows
    (candidate, score, rank, advanced). Not exact: binary floats and half-even ``round()``."""
    groups: dict[str, list[float]] = {}
    for mark in marks:
        values = groups.setdefault(mark.candidate, [])
        if mark.value is not None:
            values.append(float(mark.value))
    scores: dict[str, float] = {}
    for candidate, values in groups.items():
        first = round(sum(values) / len(values), 2)
        low, high = first - deviation, first + deviation
        corrected = [min(max(value, low), high) for value in values]
        scores[candidate] = round(sum(corrected) / len(corrected), 2)
    ordered = sorted(scores, key=lambda name: (-scores[name], name))
    rows: list[tuple] = []
    rank = 0
    for position, name in enumerate(ordered, start=1):
        if not rows or scores[name] != rows[-1][1]:
            rank = position
        rows.append((name, scores[name], rank, rank <= advance))
    return rows


def bench_50k() -> list[tuple[str, float]]:
    log(f"{CANDIDATES_50K} candidates × {JURORS_50K} jurors, clamped mean")
    marks = generate_50k()
    students = sum(1 for mark in marks if mark.status is MarkStatus.STUDENT)
    if len(marks) != CANDIDATES_50K * JURORS_50K:
        raise Mismatch(f"50k stage: {len(marks)} marks")
    rule: Rule = preset("clamped-mean")
    assert rule.deviation is not None
    deviation = float(rule.deviation)

    def engine_50k() -> tuple[tuple[str, Decimal, int, bool | None], ...]:
        result: StageResult = score_stage(marks, rule, advance=ADVANCE_50K)
        result.advancers  # noqa: B018 - part of what is timed: the ranked result with advancers
        return tuple((r.candidate, r.score, r.rank, r.advanced) for r in result.results)

    def float_50k() -> list[tuple]:
        return naive_float_stage(marks, deviation, ADVANCE_50K)

    _elapsed, engine_reference = timed(engine_50k)
    _elapsed, float_reference = timed(float_50k)
    advanced = sum(1 for row in engine_reference if row[3])
    if len(engine_reference) != CANDIDATES_50K or not ADVANCE_50K <= advanced < ADVANCE_50K + 20:
        raise Mismatch(f"50k stage: {len(engine_reference)} ranked, {advanced} advanced")
    differ = sum(
        1
        for exact, rough in zip(sorted(engine_reference), sorted(float_reference), strict=True)
        if exact[1] != Decimal(str(rough[1]))
    )
    log(
        f"  {len(marks)} marks, {students} S; {advanced} advance; the float version gives "
        f"{differ} different stage score(s) of {CANDIDATES_50K}"
    )
    engine_times: list[float] = []
    float_times: list[float] = []
    for _ in range(RUNS_50K):  # alternate, so drift in the machine's speed hits both alike
        elapsed, value = timed(engine_50k)
        if value != engine_reference:
            raise Mismatch("engine_50k: a timed run gave a different result")
        engine_times.append(elapsed)
        elapsed, rows = timed(float_50k)
        if rows != float_reference:
            raise Mismatch("float_50k: a timed run gave a different result")
        float_times.append(elapsed)
    log(f"  engine_50k: runs (ms) {' '.join(f'{t:.1f}' for t in engine_times)}")
    log(f"  float_50k: runs (ms) {' '.join(f'{t:.1f}' for t in float_times)}")
    engine_ms = statistics.median(engine_times)
    float_ms = statistics.median(float_times)
    log(f"  naive float median {float_ms:.1f} ms")
    return [("scoring.stage_50k_ms", engine_ms), ("scoring.ratio_to_float", engine_ms / float_ms)]


def main() -> int:
    figures: list[tuple[str, float]] = []
    try:
        if DATA.is_dir():
            figures += bench_chopin()
        else:
            log(
                f"NOTE: the Chopin 2025 data is not at {DATA} (../shared is absent): "
                "scoring.chopin_full_ms, scoring.chopin_full_compute_only_ms and "
                "scoring.loo_stage1_ms are skipped"
            )
        figures += bench_50k()
    except Mismatch as error:
        log(f"FAILED: {error}; no figure printed")
        return 1
    for name, value in figures:
        print(f"{name}: {value:.2f}" if name.endswith("ratio_to_float") else f"{name}: {value:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
