"""The command line's contract for ``stage``, ``result`` and ``explain``, and the explanation
text; sections refer to docs/algorithms/scoring.md."""

from __future__ import annotations

import io
import runpy
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from concours.scoring.cli import EXIT_BAD_INPUT, main
from concours.scoring.engine import score_stage
from concours.scoring.explain import render
from concours.scoring.model import Mark, MarkStatus
from concours.scoring.presets import PRESETS
from concours.scoring.tests import chopin_data
from concours.scoring.tests.chopin_data import needs_chopin_data

HEADER = "candidate,juror,score\n"
STAGE_1 = HEADER + (
    "Ann,J1,10\nAnn,J2,20\nAnn,J3,21\nAnn,J4,22\nAnn,J5,25\n"
    "Bo,J1,20\nBo,J2,20\nBo,J3,20\nBo,J4,20\nBo,J5,S\n"
    "Cy,J1,19\nCy,J2,21\nCy,J3,20\nCy,J4,20\nCy,J5,20\n"
)
STAGE_2 = HEADER + "Ann,J1,21\nAnn,J2,21\nBo,J1,22\nBo,J2,22\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    paths = {}
    for name, content in {"s1": STAGE_1, "s2": STAGE_2, "s3": HEADER + "Ann,J1,20\n"}.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(content, encoding="utf-8")
        paths[name] = str(path)
    return paths


# §8.1 stage


def test_stage_writes_scores_ranks_in_order(files):  # §8.1
    assert run("stage", files["s1"], "--preset", "chopin-2025") == (
        0,
        "candidate,score,rank,advanced\nAnn,20.44,1,\nBo,20.00,2,\nCy,20.00,2,\n",
        "",
    )


def test_stage_advance_includes_ties_at_the_cut(files):  # §8.1, §4.3
    status, out, _err = run("stage", files["s1"], "--preset", "chopin-2025", "--advance", "2")
    assert (status, out.splitlines()[1:]) == (0, ["Ann,20.44,1,yes", "Bo,20.00,2,yes", "Cy,20.00,2,yes"])  # fmt: skip
    status, out, _err = run("stage", files["s1"], "--preset", "chopin-2025", "--advance", "1")
    assert out.splitlines()[1:] == ["Ann,20.44,1,yes", "Bo,20.00,2,no", "Cy,20.00,2,no"]


def test_stage_chopin_stage_sets_the_deviation(files):  # §8.1, §7.1: D = 2 after stage 1
    _status, out, _err = run("stage", files["s1"], "--preset", "chopin-2025", "--stage", "2")
    assert out.splitlines()[1] == "Ann,20.36,1,"


def test_stage_chopin_has_four_stages(files):  # §8.1, §7.1
    assert run("stage", files["s1"], "--preset", "chopin-2025", "--stage", "5") == (
        2,
        "",
        "error: the Chopin 2025 rule has stages 1 to 4\n",
    )


def test_stage_other_presets(files):  # §8.1, §7.1
    _status, out, _err = run("stage", files["s1"], "--preset", "median")
    assert out == "candidate,score,rank,advanced\nAnn,21.00,1,\nBo,20.00,2,\nCy,20.00,2,\n"


# §8.3 bad input: status 2 and one line

BAD_INPUT = [
    (b"", "mean", "F: the file is empty; expected a header row"),
    (
        b"x" * 200_000 + b"\n",
        "mean",
        "F:1: not valid CSV (field larger than field limit (131072))",
    ),
    (HEADER.encode() + b"A,J1,\xff\n", "mean", "F: not UTF-8 text (byte 27)"),
    (b"candidate,score\n", "mean", "F:1: missing column juror"),
    (b"name\n", "mean", "F:1: missing columns candidate, juror, score"),
    (HEADER.encode() + b"A,J1,18\n", "yes-share", "F:1: missing column vote"),
    (HEADER.encode() + b",J1,18\n", "mean", "F:2: the candidate and the juror must be named"),
    (HEADER.encode() + b"A,J1,x\n", "mean", "F:2: score “x” is not a number, S or A"),
    (HEADER.encode() + b"A,J1,NaN\n", "mean", "F:2: score “NaN” is not a number, S or A"),
    (
        HEADER.encode() + b"A,J1,Infinity\n",
        "mean",
        "F:2: score “Infinity” is not a number, S or A",
    ),
    (
        HEADER.encode() + b"A,J1,26\n",
        "chopin-2025",
        "F:2: mark 26 is outside the scale 1–25 in steps of 1",
    ),
    (
        HEADER.encode() + b"A,J1,17.25\n",
        "trimmed-mean",
        "F:2: mark 17.25 is outside the scale 0–25 in steps of 0.5",
    ),
    (HEADER.encode() + b"A,J1,8\nA,J1,9\n", "egta", "F:3: a second mark by “J1” for “A”"),
    (
        b"candidate,juror,score,vote\nA,J1,8,perhaps\n",
        "yes-count",
        "F:2: vote “perhaps” is not YES or NO",
    ),
    (
        b"candidate,juror,score,vote\nA,J1,8,\n",
        "yes-share",
        "F:2: a YES/NO vote is required beside the points",
    ),
    (HEADER.encode() + b"A,J1,S\n", "median", "F:2: candidate “A” has no usable mark"),
    (HEADER.encode() + b"\n", "standardised", "F: no marks after the header row"),
]


@pytest.mark.parametrize(("content", "name", "message"), BAD_INPUT)
@pytest.mark.parametrize("command", ["stage", "explain"])
def test_bad_input_exits_2_with_one_line(tmp_path, content, name, message, command):  # §8.3
    path = tmp_path / "marks.csv"
    path.write_bytes(content)
    extra = ["--candidate", "A"] if command == "explain" else []
    status, out, err = run(command, str(path), "--preset", name, *extra)
    assert (status, out) == (EXIT_BAD_INPUT, "")
    assert err == f"error: {message.replace('F', str(path), 1)}\n"


def test_bad_input_no_such_file(tmp_path):  # §8.3
    path = tmp_path / "missing.csv"
    assert run("stage", str(path), "--preset", "mean") == (2, "", f"error: {path}: no such file\n")


def test_bad_input_a_directory(tmp_path):  # §8.3
    assert run("stage", str(tmp_path), "--preset", "mean") == (
        2,
        "",
        f"error: {tmp_path}: is a directory, not a CSV file\n",
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            ["--preset", "nope"],
            "argument --preset: invalid choice: 'nope' (choose from 'chopin-2025', 'mean', 'clamped-mean', "
            "'trimmed-mean', 'egta', 'median', 'yes-count', 'yes-share', 'standardised')",
        ),
        (["--preset", "mean", "--advance", "0"], "argument --advance: must be at least 1"),
        (["--preset", "mean", "--stage", "two"], "argument --stage: “two” is not a whole number"),
    ],
)
def test_bad_options_exit_2_with_one_line(files, option, message):  # §8.3
    out, err = io.StringIO(), io.StringIO()
    assert main(["stage", files["s1"], *option], out, err) == EXIT_BAD_INPUT
    assert out.getvalue() == ""
    assert err.getvalue() == f"error: python -m concours.scoring stage: {message}\n"


def test_missing_arguments_exit_2_with_one_line():  # §8.3
    err = io.StringIO()
    assert main(["stage"], io.StringIO(), err) == EXIT_BAD_INPUT
    assert err.getvalue() == (
        "error: python -m concours.scoring stage: the following arguments are required: FILE, --preset\n"
    )


# §8.2 result


def test_result_two_stages(files):  # §8.2: 30/70
    assert run("result", "--preset", "chopin-2025", files["s1"], files["s2"]) == (
        0,
        "candidate,result,rank\nBo,21.40,1\nAnn,20.83,2\n",
        "",
    )


def test_result_three_stages(files):  # §8.2: 10/20/70
    status, out, _err = run("result", "--preset", "chopin-2025", *files.values())
    assert (status, out) == (0, "candidate,result,rank\nAnn,20.24,1\n")


def test_result_only_chopin_has_weights(files):  # §8.2
    assert run("result", "--preset", "mean", files["s1"], files["s2"]) == (
        2,
        "",
        "error: result: only the chopin-2025 preset defines weights across stages\n",
    )


@pytest.mark.parametrize("count", [1, 5])
def test_result_needs_2_to_4_files(files, count):  # §8.2
    assert run("result", "--preset", "chopin-2025", *[files["s1"]] * count) == (
        2,
        "",
        "error: result: give 2 to 4 stage files, in order\n",
    )


def test_result_a_finalist_missing_from_an_earlier_stage(files, tmp_path):  # §8.2, §6
    later = tmp_path / "later.csv"
    later.write_text(HEADER + "Dee,J1,20\n", encoding="utf-8")
    assert run("result", "--preset", "chopin-2025", files["s1"], str(later)) == (
        2,
        "",
        "error: candidate “Dee” has no score in stage 1\n",
    )


def test_result_bad_stage_file(files, tmp_path):  # §8.2, §8.3
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Ann,J1,19\nAnn,J2,26\n", encoding="utf-8")
    assert run("result", "--preset", "chopin-2025", files["s1"], str(bad)) == (
        2,
        "",
        f"error: {bad}:3: mark 26 is outside the scale 1–25 in steps of 1\n",
    )


# §8.4 explain, §4.2 the explanation

ANN = """\
Ann — chopin-2025, stage 1

juror      mark      used  note
J1           10      16.6  clamped from 10 to 16.6
J2           20        20
J3           21        21
J4           22        22
J5           25      22.6  clamped from 25 to 22.6

first average: 19.6
first average rounded: 19.6
allowed band: 16.6 to 22.6 (±3)
average of corrected marks: 20.44
score: 20.44 rounded half-up to 20.44
rank: 1 of 3
advanced: yes
"""


def test_explain_one_candidate(files):  # §8.4, §4.2
    args = ["explain", files["s1"], "--preset", "chopin-2025", "--stage", "1", "--advance", "2"]
    assert run(*args, "--candidate", "Ann") == (0, ANN, "")


def test_explain_without_stage_or_advance(files):  # §8.4, §4.2
    status, out, _err = run("explain", files["s1"], "--preset", "median", "--candidate", "Bo")
    assert status == 0
    assert out.splitlines()[0] == "Bo — median"
    assert out.splitlines()[7] == "J5            S         —  excluded: student (S)"
    assert out.splitlines()[-1] == "rank: 2 of 3"


def test_explain_unknown_candidate(files):  # §8.4
    assert run("explain", files["s1"], "--preset", "mean", "--candidate", "Nobody") == (
        2,
        "",
        f"error: {files['s1']}: no candidate named “Nobody”\n",
    )


def test_render_titles_with_the_candidate_and_widens_for_long_names():  # §4.2
    marks = [
        Mark("Zoë", "Krzysztof Jabłoński", MarkStatus.SCORED, Decimal(18)),
        Mark("Zoë", "J2", MarkStatus.ABSENT),
    ]
    stage = score_stage(marks, PRESETS["mean"], advance=1)
    assert render(stage.results[0], stage) == (
        "Zoë\n"
        "\n"
        "juror                    mark      used  note\n"
        "Krzysztof Jabłoński        18        18\n"
        "J2                          A         —  excluded: absent\n"
        "\n"
        "mean: 18 / 1 = 18\n"
        "score: 18 rounded half-up to 18.00\n"
        "rank: 1 of 1\n"
        "advanced: yes\n"
    )


def test_render_says_who_did_not_advance():  # §4.2, §4.3
    marks = [Mark("A", "J1", MarkStatus.SCORED, Decimal(20))]
    marks.append(Mark("B", "J1", MarkStatus.SCORED, Decimal(19)))
    stage = score_stage(marks, PRESETS["mean"], advance=1)
    assert render(stage.results[1], stage, title="B, round 1").splitlines()[0] == "B, round 1"
    assert render(stage.results[1], stage).splitlines()[-1] == "advanced: no"


def test_module_entry_point(files, monkeypatch, capsys):  # §8
    monkeypatch.setattr(sys, "argv", ["concours.scoring", "stage", files["s3"], "--preset", "mean"])
    with pytest.raises(SystemExit) as raised:
        runpy.run_module("concours.scoring", run_name="__main__")
    assert raised.value.code == 0
    assert capsys.readouterr().out == "candidate,score,rank,advanced\nAnn,20.00,1,\n"


# §9 worked examples of the spec, from the published Chopin 2025 data


@needs_chopin_data
def test_worked_example_ziye_tao_stage_1():  # §9.5, §5.2
    args = ["explain", str(chopin_data.path(1)), "--preset", "chopin-2025", "--stage", "1"]
    status, out, _err = run(*args, "--candidate", "Ziye Tao")
    lines = out.splitlines()
    assert status == 0
    assert lines[3] == "Garrick Ohlsson            14     15.31  clamped from 14 to 15.31"
    assert lines[8] == "Dang Thai Son               S         —  excluded: student (S)"
    assert lines[-6:] == [
        "first average: 18.3125",
        "first average rounded: 18.31",
        "allowed band: 15.31 to 21.31 (±3)",
        "average of corrected marks: 18.41375",
        "score: 18.41375 rounded half-up to 18.41",
        "rank: 65 of 84",
    ]


@needs_chopin_data
@pytest.mark.parametrize(
    ("candidate", "steps"),
    [
        (
            "Arisa Onoda",  # half-up, not half-even: 17.625 → 17.63
            ["average of corrected marks: 17.625", "score: 17.625 rounded half-up to 17.63"],
        ),
        (
            "Andrey Zenin",  # the rounded first average: 17.78, not 17.79
            ["average of corrected marks: ≈17.7835", "score: ≈17.7835 rounded half-up to 17.78"],
        ),
    ],
)
def test_worked_examples_on_rounding_edges(candidate, steps):  # §9.5, §2.2, §5.2
    args = ["explain", str(chopin_data.path(1)), "--preset", "chopin-2025", "--stage", "1"]
    _status, out, _err = run(*args, "--candidate", candidate)
    assert out.splitlines()[-3:-1] == steps


@needs_chopin_data
def test_worked_example_eric_lu_final_result():  # §9.5, §6: 22.43
    files = [str(chopin_data.path(stage)) for stage in (1, 2, 3, 4)]
    _status, out, _err = run("result", "--preset", "chopin-2025", *files)
    assert out.splitlines()[1:3] == ["Eric Lu,22.43,1", "Kevin Chen,22.15,2"]
