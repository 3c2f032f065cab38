"""Reproduce the Chopin Competition 2025 from the raw marks, to the last digit (spec §9)."""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction

import pytest

from concours.scoring.cli import main
from concours.scoring.csvio import read_marks
from concours.scoring.engine import combine, score_stage
from concours.scoring.model import MarkStatus, Rounding
from concours.scoring.numbers import RoundingMode
from concours.scoring.presets import CHOPIN_2025_WEIGHTS, chopin_2025
from concours.scoring.tests import chopin_data
from concours.scoring.tests.chopin_data import needs_chopin_data

pytestmark = needs_chopin_data

ADVANCING = {1: 40, 2: 20, 3: 10}


def stage_scores(stage: int) -> dict[str, Decimal]:
    rule = chopin_2025(stage)
    result = score_stage(read_marks(chopin_data.path(stage), rule).marks, rule)
    return {row.candidate: row.score for row in result.results}


@pytest.fixture(scope="module")
def computed() -> dict[int, dict[str, Decimal]]:
    return {stage: stage_scores(stage) for stage in (1, 2, 3, 4)}


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_every_published_stage_score(computed, stage):  # §9.1: 84 + 40 + 20 + 11 = 155
    assert computed[stage] == chopin_data.published_stage_scores(stage)


def test_155_stage_scores_in_all(computed):
    assert sum(len(scores) for scores in computed.values()) == 155


@pytest.mark.parametrize("stage", [2, 3, 4])
def test_every_published_weighted_result(computed, stage):  # §9.2: 40 + 20 + 11 = 71
    rows = combine([computed[k] for k in range(1, stage + 1)], CHOPIN_2025_WEIGHTS[stage])
    assert {name: value for name, value, _rank, _advanced in rows} == chopin_data.published_results(
        stage
    )


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_exactly_who_advanced(computed, stage):  # §9.3: 40, 20 and 11 (a tie at 10th)
    rows = combine(
        [computed[k] for k in range(1, stage + 1)],
        CHOPIN_2025_WEIGHTS[stage],
        advance=ADVANCING[stage],
    )
    advancers = {name for name, _value, _rank, advanced in rows if advanced}
    assert advancers == chopin_data.published_advancers(stage)
    assert len(advancers) == {1: 40, 2: 20, 3: 11}[stage]


def test_the_tie_at_tenth_place_sends_eleven_to_the_final(computed):
    rows = combine([computed[1], computed[2], computed[3]], CHOPIN_2025_WEIGHTS[3], advance=10)
    tenth = [(name, value) for name, value, rank, _advanced in rows if rank == 10]
    assert len(tenth) == 2
    assert tenth[0][1] == tenth[1][1]


def test_published_corrected_marks(computed):  # §5.2: every clamped mark as printed
    for stage in (1, 2, 3, 4):
        rule = chopin_2025(stage)
        stage_file = read_marks(chopin_data.path(stage), rule)
        result = score_stage(stage_file.marks, rule).by_candidate()
        published = {
            (row["candidate"], row["juror"]): row["published_corrected_score"]
            for row in chopin_data.rows(chopin_data.STAGE_FILES[stage])
        }
        for mark in stage_file.marks:
            line = next(
                x for x in result[mark.candidate].explanation.marks if x.juror == mark.juror
            )
            if mark.status is MarkStatus.STUDENT:
                assert line.used is None
                continue
            assert Rounding().apply(line.used) == Decimal(published[(mark.candidate, mark.juror)])


# §9.4: candidates on rounding edges (SOURCE.md). Each is exact here, and each is wrong under at
# least one sloppy variant: an unrounded first average, banker's rounding, or binary floats.
EDGES = [
    (1, "Zenin"), (1, "Gao"), (1, "Lyu"), (1, "Onoda"), (1, "Ratinov"),
    (2, "T. Li"), (2, "Lyu"), (2, "Micieli"), (2, "Pawlak"), (2, "Rao"), (2, "Ratinov"),
    (3, "Prokopowicz"),
    (4, "Ong"),
]  # fmt: skip


def _find(names, fragment: str) -> str:
    if fragment == "T. Li":
        matches = [name for name in names if name.split()[-1] == "Li" and name.startswith("T")]
    else:
        matches = [name for name in names if name.split()[-1] == fragment]
    assert len(matches) == 1, (fragment, matches)
    return matches[0]


def _float_stage_score(values: list[int], deviation: int) -> float:
    first = round(sum(values) / len(values), 2)
    corrected = [min(max(v, first - deviation), first + deviation) for v in values]
    return round(sum(corrected) / len(corrected), 2)


def _sloppy_variants(stage: int, candidate: str) -> dict[str, Decimal]:
    rule = chopin_2025(stage)
    marks = [m for m in read_marks(chopin_data.path(stage), rule).marks if m.candidate == candidate]
    unrounded = type(rule)(**{**_fields(rule), "round_first_average": False})
    banker = type(rule)(**{**_fields(rule), "rounding": Rounding(2, RoundingMode.HALF_EVEN)})
    values = [int(m.value) for m in marks if m.value is not None]
    return {
        "unrounded first average": score_stage(marks, unrounded).results[0].score,
        "half-even": score_stage(marks, banker).results[0].score,
        "float": Decimal(str(_float_stage_score(values, int(rule.deviation or 0)))),
    }


def _fields(rule) -> dict[str, object]:
    return {name: getattr(rule, name) for name in rule.__slots__}


@pytest.mark.parametrize(("stage", "fragment"), EDGES)
def test_rounding_edge_candidates(computed, stage, fragment):
    """Exact here; and wrong under at least one sloppy variant, as SOURCE.md says."""
    published = chopin_data.published_stage_scores(stage)
    candidate = _find(published, fragment)
    assert computed[stage][candidate] == published[candidate]
    variants = _sloppy_variants(stage, candidate)
    assert [name for name, value in variants.items() if value != published[candidate]] != []


def test_cli_reproduces_the_final_result():
    out, err = io.StringIO(), io.StringIO()
    files = [str(chopin_data.path(stage)) for stage in (1, 2, 3, 4)]
    assert main(["result", "--preset", "chopin-2025", *files], out, err) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "candidate,result,rank"
    published = chopin_data.published_results(4)
    assert {line.split(",")[0]: Decimal(line.split(",")[1]) for line in lines[1:]} == published
    assert lines[1] == "Eric Lu,22.43,1"


def test_exact_means_stay_exact():
    rule = chopin_2025(1)
    result = score_stage(read_marks(chopin_data.path(1), rule).marks, rule)
    assert all(
        isinstance(line.used, Fraction | None)
        for row in result.results
        for line in row.explanation.marks
    )
