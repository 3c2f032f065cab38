"""The analyses' command line (docs/algorithms/scoring-analysis.md §7): each test names the
section it checks. Everything goes through ``concours.scoring.cli.main``."""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from concours.scoring.analysis.command import fixed, table
from concours.scoring.cli import main
from concours.scoring.tests import chopin_data
from concours.scoring.tests.chopin_data import needs_chopin_data
from concours.scoring.tests.test_analysis import OPPOSITE, PANEL, SWING


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def marks_csv(tmp_path: Path, table_: dict[str, dict[str, int | str]], name="marks.csv") -> str:
    rows = ["candidate,juror,score"]
    rows += [f"{c},{j},{v}" for c, row in table_.items() for j, v in row.items()]
    return write(tmp_path / name, "\n".join(rows) + "\n")


# --- §7 the command line ------------------------------------------------------------------------


def test_table_and_fixed():  # §7.1
    assert table(["a", "bb"], [["xyz", "1"]], "lr") == ["a    bb", "xyz   1"]
    assert fixed(None) == "—"
    assert fixed(Fraction(-1, 3), sign=True) == "-0.33"
    assert fixed(Decimal("0.5"), 4) == "0.5000"


def test_cli_loo(tmp_path):  # §7.1
    path = marks_csv(tmp_path, SWING)
    status, out, err = run(
        "analyse", "loo", path, "--preset", "mean", "--advance", "1", "--top", "2"
    )
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "Leave one juror out — mean"
    assert "J1         3           1            1  changed               2" in out
    assert "Without J1:\n  would advance: B\n  would not advance: A\n  place 1: A → B\n" in out
    assert "Without J2" not in out
    assert out.endswith(
        "The advancers change without 1 of 3 jurors; places 1–2 change without 1 of 3 jurors.\n"
    )


def test_cli_loo_without_advance_and_with_an_unscored_candidate(tmp_path):  # §7.1
    path = marks_csv(tmp_path, {"A": {"J1": 20, "J2": "S"}, "B": {"J1": 15, "J2": 16}})
    status, out, _err = run(
        "analyse", "loo", path, "--preset", "chopin-2025", "--stage", "2", "--top", "1"
    )
    assert status == 0
    assert out.splitlines()[0] == "Leave one juror out — chopin-2025 (stage 2)"
    assert "no --advance given, place 1 watched" in out
    assert "J1         2           —            —  changed            1" in out
    assert "  no usable mark left, cannot be ranked: A" in out
    assert "  place 1: A → B" in out
    assert out.endswith("Place 1 changes without 1 of 2 jurors.\n")


def test_cli_compare(tmp_path):  # §7.1
    path = marks_csv(tmp_path, OPPOSITE)
    status, out, err = run(
        "analyse", "compare", path, "--presets", " mean, median ,trimmed-mean", "--advance", "1"
    )
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Methods compared — mean, median, trimmed-mean"
    assert "A          1 9.00  3 1.00        3 1.00" in lines
    assert "mean    median        -1.0000  0  3   0/0                     1             1" in lines
    assert "mean vs median:" in lines
    assert "  advance under median only: C" in lines


def test_cli_compare_reads_votes_when_a_preset_needs_them(tmp_path):  # §7.1
    path = write(
        tmp_path / "votes.csv",
        "candidate,juror,score,vote\nA,J1,20,yes\nA,J2,18,yes\nB,J1,22,no\nB,J2,21,no\n",
    )
    status, out, _err = run(
        "analyse", "compare", path, "--presets", "mean,yes-count", "--stage", "1", "--advance", "1"
    )
    assert status == 0
    assert out.splitlines()[0] == "Methods compared — mean, yes-count (stage 1)"
    assert "  advance under yes-count only: A" in out


@pytest.mark.parametrize(
    ("presets", "message"),
    [
        ("mean,,median", "error: --presets: an empty preset name"),
        ("mean,median,mean", "error: --presets: “mean” is named twice"),
        ("mean,borda", "error: unknown preset “borda”; known: chopin-2025, mean"),
        ("mean", "error: a comparison needs at least two methods"),
    ],
)
def test_cli_compare_rejects_bad_presets(tmp_path, presets, message):  # §7.1
    status, out, err = run("analyse", "compare", marks_csv(tmp_path, SWING), "--presets", presets)
    assert (status, out) == (2, "")
    assert err.startswith(message)


def test_cli_compare_names_file_line_and_preset(tmp_path):  # §7.1
    path = write(tmp_path / "half.csv", "candidate,juror,score\nA,J1,20\nA,J2,20.5\n")
    status, _out, err = run("analyse", "compare", path, "--presets", "trimmed-mean,chopin-2025")
    assert status == 2
    assert err == (
        f"error: {path}:3: mark 20.5 is outside the scale 1–25 in steps of 1 "
        "(preset “chopin-2025”)\n"
    )
    missing = str(tmp_path / "absent.csv")
    assert run("analyse", "compare", missing, "--presets", "mean,median")[2] == (
        f"error: {missing}: no such file\n"
    )


def test_cli_jurors(tmp_path):  # §7.1
    status, out, err = run("analyse", "jurors", marks_csv(tmp_path, PANEL), "--preset", "mean")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert (
        lines[2]
        == "16 marks by 4 jurors; panel mean 13.69, spread 2.39 (population SD of all marks)"
    )
    assert "J4         4    0  13.00     -0.92    2.24  -0.9981  reversed" in lines
    assert lines[-1] == "Flagged: 1 of 4 jurors (J4)."
    clean = {name: {j: v for j, v in row.items() if j != "J4"} for name, row in PANEL.items()}
    _status, out, _err = run("analyse", "jurors", marks_csv(tmp_path, clean), "--preset", "mean")
    assert out.splitlines()[-1] == "Flagged: 0 of 3 jurors."


ORDER_MARKS = {
    "A": {"J1": 10, "J2": 10},
    "B": {"J1": 12, "J2": 12},
    "C": {"J1": 14, "J2": 16},
}


def test_cli_order(tmp_path):  # §7.1–7.2
    marks = marks_csv(tmp_path, ORDER_MARKS)
    order = write(tmp_path / "order.csv", "Candidate,Position\nC,3\n\nA,1\nB,2\n")
    status, out, err = run(
        "analyse", "order", marks, "--preset", "mean", "--order", order, "--permutations", "99"
    )
    assert (status, err) == (0, "")
    assert "random.Random(2025)," in out
    assert "99 permutations, p = (as extreme + 1) / (permutations + 1)" in out
    assert "overall position  1.0000" in out
    assert "position within the day" not in out
    days = write(tmp_path / "days.csv", "candidate,position,day\nA,1,1\nB,1,2\nC,2,2\n")
    status, out, _err = run(
        "analyse", "order", marks, "--preset", "mean", "--order", days, "--seed", "5"
    )
    assert status == 0
    assert "position within the day  0.8660" in out
    flat = write(tmp_path / "flat.csv", "candidate,position,day\nA,1,1\nB,1,2\nC,1,3\n")
    _status, out, _err = run("analyse", "order", marks, "--preset", "mean", "--order", flat)
    assert "position within the day       —           —  — (no variation)" in out


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("candidate\nA\n", ":1", "missing column position"),
        ("name,place\n", ":1", "missing columns candidate, position"),
        ("candidate,position\nA,1\nZ,2\n", ":3", "no candidate named “Z” in the marks"),
        ("candidate,position\nA,1\nA,2\n", ":3", "“A” is listed twice (first on line 2)"),
        ("candidate,position\nA,first\n", ":2", "position “first” is not a whole number from 1"),
        ("candidate,position\nA,0\n", ":2", "position “0” is not a whole number from 1"),
        ("candidate,position\nA,1.5\n", ":2", "position “1.5” is not a whole number from 1"),
        ("candidate,position,day\nA,1,\n", ":2", "day “” is not a whole number from 1"),
        ("candidate,position\nA,1\nB,1\n", ":3", "position 1 is already “A”'s (line 2)"),
        (
            "candidate,position,day\nA,1,2\nB,1,2\n",
            ":3",
            "position 1 on day 2 is already “A”'s (line 2)",
        ),
        ("candidate,position\nA,1\nB\n", ":3", "position “” is not a whole number from 1"),
        ("candidate,position\nA,1\nB,2\n", "", "no position for “C” (1 missing)"),
        ("", "", "the file is empty; expected a header row"),
        ("candidate,position\n" + "A," + "1" * 200_000 + "\n", ":2", "not valid CSV"),
    ],
)
def test_cli_order_rejects_a_bad_order_file(tmp_path, content, where, message):  # §7.2
    marks = marks_csv(tmp_path, ORDER_MARKS)
    order = write(tmp_path / "order.csv", content)
    status, out, err = run("analyse", "order", marks, "--preset", "mean", "--order", order)
    assert (status, out) == (2, "")
    assert err.startswith(f"error: {order}{where}: {message}")


def test_cli_order_file_problems(tmp_path):  # §7.2
    marks = marks_csv(tmp_path, ORDER_MARKS)
    binary = tmp_path / "latin1.csv"
    binary.write_bytes(b"candidate,position\n\xe9,1\n")
    cases = {
        str(tmp_path / "absent.csv"): "no such file",
        str(tmp_path): "is a directory, not a CSV file",
        str(binary): "not UTF-8 text (byte 19)",
    }
    for order, message in cases.items():
        status, _out, err = run("analyse", "order", marks, "--preset", "mean", "--order", order)
        assert (status, err) == (2, f"error: {order}: {message}\n")


def test_cli_bad_marks_file(tmp_path):  # §7.1
    path = write(tmp_path / "bad.csv", "candidate,juror,score\nA,J1,26\n")
    for analysis in ("loo", "jurors"):
        status, _out, err = run("analyse", analysis, path, "--preset", "mean")
        assert (status, err) == (
            2,
            f"error: {path}:2: mark 26 is outside the scale 1–25 in steps of 1\n",
        )


@needs_chopin_data
def test_chopin_cli(tmp_path):  # §8
    path = str(chopin_data.path(1))
    status, out, _err = run(
        "analyse", "loo", path, "--preset", "chopin-2025", "--stage", "1", "--advance", "40"
    )
    assert status == 0
    assert out.endswith(
        "The advancers change without 13 of 17 jurors; places 1–3 change without 10 of 17 jurors.\n"
    )
    status, out, _err = run("analyse", "jurors", path, "--preset", "chopin-2025", "--stage", "1")
    assert status == 0
    assert out.splitlines()[-1] == "Flagged: 0 of 17 jurors."
