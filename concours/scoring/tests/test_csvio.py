"""Marks from CSV and results to CSV: every input error names the file and line; sections refer
to docs/algorithms/scoring.md."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from concours.scoring.csvio import InputError, parse_marks, read_marks, write_result, write_stage
from concours.scoring.engine import combine, score_stage
from concours.scoring.model import Mark, MarkStatus, Rule
from concours.scoring.presets import PRESETS, preset

D = Decimal
MEAN = PRESETS["mean"]
YES_SHARE = PRESETS["yes-share"]
HEADER = "candidate,juror,score\n"


def error(tmp_path: Path, content: str | bytes, rule: Rule = MEAN) -> str:
    """The message ``read_marks`` gives for ``content``, with the file's path as ``F``."""
    path = tmp_path / "marks.csv"
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_marks(path, rule)
    return str(raised.value).replace(str(path), "F")


# §8.3 reading a file


def test_read_marks_reads_a_stage(tmp_path):  # §8.3
    path = tmp_path / "stage.csv"
    path.write_text(
        HEADER + "Ann,J1,18\nAnn,J2,S\n\nAnn,J3,A\nBo,J1,\nBo,J2,19\n", encoding="utf-8"
    )
    stage = read_marks(path, MEAN)
    assert stage.path == str(path)
    assert stage.marks == (
        Mark("Ann", "J1", MarkStatus.SCORED, D(18)),
        Mark("Ann", "J2", MarkStatus.STUDENT),
        Mark("Ann", "J3", MarkStatus.ABSENT),
        Mark("Bo", "J1", MarkStatus.ABSENT),
        Mark("Bo", "J2", MarkStatus.SCORED, D(19)),
    )
    assert stage.lines == (2, 3, 5, 6, 7)


def test_read_marks_no_such_file(tmp_path):  # §8.3
    path = tmp_path / "missing.csv"
    with pytest.raises(InputError) as raised:
        read_marks(path, MEAN)
    assert str(raised.value) == f"{path}: no such file"
    assert (raised.value.path, raised.value.line, raised.value.message) == (
        str(path),
        None,
        "no such file",
    )


def test_read_marks_a_directory(tmp_path):  # §8.3
    with pytest.raises(InputError) as raised:
        read_marks(tmp_path, MEAN)
    assert str(raised.value) == f"{tmp_path}: is a directory, not a CSV file"


def test_read_marks_not_utf8(tmp_path):  # §8.3
    assert error(tmp_path, HEADER.encode() + b"A,J1,\xff\n") == "F: not UTF-8 text (byte 27)"


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (PermissionError(13, "Permission denied"), "F: cannot be read (Permission denied)"),
        (OSError("disk on fire"), "F: cannot be read (disk on fire)"),
    ],
)
def test_read_marks_unreadable(tmp_path, monkeypatch, problem, message):  # §8.3
    def refuse(self: Path) -> bytes:
        raise problem

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert error(tmp_path, HEADER) == message


def test_read_marks_skips_a_byte_order_mark(tmp_path):  # §8.3
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffcandidate,juror,score\nA,J1,18\n".encode())
    assert read_marks(path, MEAN).marks == (Mark("A", "J1", MarkStatus.SCORED, D(18)),)


# §8.3 the header


def test_parse_marks_empty_file(tmp_path):  # §8.3
    assert error(tmp_path, "") == "F: the file is empty; expected a header row"


def test_parse_marks_invalid_csv_in_the_header(tmp_path):  # §8.3
    content = "x" * 200_000 + "\n"
    assert error(tmp_path, content) == "F:1: not valid CSV (field larger than field limit (131072))"


def test_parse_marks_invalid_csv_in_a_row(tmp_path):  # §8.3
    content = HEADER + "A,J1,18\n" + "x" * 200_000 + "\n"
    assert error(tmp_path, content) == "F:3: not valid CSV (field larger than field limit (131072))"


def test_parse_marks_missing_column(tmp_path):  # §8.3
    assert error(tmp_path, "candidate,score\nA,18\n") == "F:1: missing column juror"


def test_parse_marks_missing_columns(tmp_path):  # §8.3
    assert error(tmp_path, "name,mark\n") == "F:1: missing columns candidate, juror, score"


def test_parse_marks_vote_column_for_yes_presets(tmp_path):  # §8.3, §5.7
    assert error(tmp_path, HEADER + "A,J1,18\n", YES_SHARE) == "F:1: missing column vote"


def test_parse_marks_header_case_spaces_order_and_extra_columns():  # §8.3
    content = " Score ,note,JUROR,Candidate\n18,good,J1,Ann\n"
    stage = parse_marks(content, MEAN)
    assert stage.path == "<marks>"
    assert stage.marks == (Mark("Ann", "J1", MarkStatus.SCORED, D(18)),)


# §8.3 the rows


def test_parse_marks_blank_names(tmp_path):  # §8.3
    assert error(tmp_path, HEADER + "A,J1,18\nA, ,18\n") == (
        "F:3: the candidate and the juror must be named"
    )


def test_parse_marks_short_row(tmp_path):  # §8.3: missing cells are empty
    assert error(tmp_path, HEADER + "A\n") == "F:2: the candidate and the juror must be named"


@pytest.mark.parametrize("raw", ["eighteen", "NaN", "Infinity", "-inf", "sNaN", "18 1/2"])
def test_parse_marks_score_not_a_number(tmp_path, raw):  # §8.3
    assert (
        error(tmp_path, HEADER + f"A,J1,{raw}\n") == f"F:2: score “{raw}” is not a number, S or A"
    )


def test_parse_marks_off_the_scale(tmp_path):  # §8.3, §3.1
    assert error(tmp_path, HEADER + "A,J1,18\nA,J2,26\n") == (
        "F:3: mark 26 is outside the scale 1–25 in steps of 1"
    )


def test_parse_marks_off_the_step(tmp_path):  # §8.3, §3.1: 17.25 under trimmed-mean
    assert error(tmp_path, HEADER + "A,J1,17.25\n", PRESETS["trimmed-mean"]) == (
        "F:2: mark 17.25 is outside the scale 0–25 in steps of 0.5"
    )


def test_parse_marks_duplicate_pair(tmp_path):  # §8.3, §3.1
    assert error(tmp_path, HEADER + "A,J1,18\nB,J1,18\nA,J1,S\n") == (
        "F:4: a second mark by “J1” for “A”"
    )


def test_parse_marks_bad_vote(tmp_path):  # §8.3
    content = "candidate,juror,score,vote\nA,J1,18,yes\nA,J2,18,Maybe\n"
    assert error(tmp_path, content, YES_SHARE) == "F:3: vote “maybe” is not YES or NO"


def test_parse_marks_missing_vote(tmp_path):  # §8.3, §5.6
    content = "candidate,juror,score,vote\nA,J1,18,\n"
    assert error(tmp_path, content, YES_SHARE) == (
        "F:2: a YES/NO vote is required beside the points"
    )


def test_parse_marks_candidate_without_a_usable_mark(tmp_path):  # §8.3, §3.4
    assert error(tmp_path, HEADER + "A,J1,18\nB,J1,S\nB,J2,A\n") == (
        "F:3: candidate “B” has no usable mark"
    )


@pytest.mark.parametrize("content", [HEADER, HEADER + "\n , ,\n"])
def test_parse_marks_no_marks(tmp_path, content):  # §8.3
    assert error(tmp_path, content) == "F: no marks after the header row"


def test_parse_marks_statuses_and_decimal_comma():  # §8.3, §1
    content = HEADER + 'A,J1,s\nA,J2,a\nA,J3,\nA,J4," 17,5 "\n'
    stage = parse_marks(content, PRESETS["trimmed-mean"])
    assert [(m.status, m.value) for m in stage.marks] == [
        (MarkStatus.STUDENT, None),
        (MarkStatus.ABSENT, None),
        (MarkStatus.ABSENT, None),
        (MarkStatus.SCORED, D("17.5")),
    ]


def test_parse_marks_votes():  # §8.3, §5.6
    content = (
        "candidate,juror,score,vote\n"
        "A,J1,18,YES\nA,J2,18,y\nA,J3,18,No\nA,J4,18,N\nA,J5,S,yes\nA,J6,S,\n"
    )
    stage = parse_marks(content, YES_SHARE)
    assert [m.vote for m in stage.marks] == [True, True, False, False, True, None]


def test_parse_marks_ignores_votes_for_point_presets():  # §8.3
    stage = parse_marks("candidate,juror,score,vote\nA,J1,18,maybe\n", MEAN)
    assert stage.marks[0].vote is None


# §8.1, §8.2 writing results


def test_write_stage_with_advance():  # §8.1
    marks = parse_marks(HEADER + "B,J1,19\nA,J1,20\nD,J1,19\nC,J1,3\n", MEAN).marks
    assert write_stage(score_stage(marks, MEAN, advance=2)) == (
        "candidate,score,rank,advanced\nA,20.00,1,yes\nB,19.00,2,yes\nD,19.00,2,yes\nC,3.00,4,no\n"
    )


def test_write_stage_quotes_and_without_advance():  # §8.1
    marks = parse_marks(HEADER + '"Lu, Eric",J1,20\n', MEAN).marks
    assert write_stage(score_stage(marks, MEAN)) == (
        'candidate,score,rank,advanced\n"Lu, Eric",20.00,1,\n'
    )


def test_write_result():  # §8.2
    rows = combine(
        [{"A": D("20.00"), "B": D(21)}, {"A": D(21), "B": D("20.57")}], [D("0.3"), D("0.7")]
    )
    assert write_result(rows) == "candidate,result,rank\nA,20.70,1\nB,20.70,1\n"


def test_write_stage_yes_share_score_is_the_rounded_share():  # §8.1, §5.7
    content = "candidate,juror,score,vote\nA,J1,18,yes\nA,J2,18,no\nA,J3,18,no\n"
    rule = preset("yes-share")
    marks = parse_marks(content, rule).marks
    assert write_stage(score_stage(marks, rule)) == "candidate,score,rank,advanced\nA,33.33,1,\n"
