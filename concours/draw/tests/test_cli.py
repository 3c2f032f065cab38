"""``python -m concours.draw``: commit, perform, reveal, verify (spec §8)."""

import datetime as dt
import io
import json
import os
import runpy
import sys
from pathlib import Path

import pytest

from concours.draw import commitment_of, dump_record
from concours.draw.cli import EXIT_BAD_INPUT, EXIT_NOT_VERIFIED, main
from concours.draw.tests.example import COMMITTED_AT, DRAWN_AT, REVEALED_AT, SEED, drawn, revealed

CSV = (
    "id,family_name,given_name\n1,Kowalski,Jan\n2,Łukasiewicz,Anna\n3,Ødegaard,Ingrid\n"
    "4,Strauß,Lena\n\n5,Strauss,Lena\n6,O'Brien,Siobhán\n7,Nguyễn,Minh\n8,Zhang,Wei\n"
)
WITNESSES = ["--witness", "Maria Nowak (notary)=Mazurka in A minor", "--witness", "李明=月光 7"]
NOW = dt.datetime(2026, 5, 11, 16, 30, tzinfo=dt.UTC)
ORDER_LINES = [
    "1. Zhang, Wei [8]",
    "2. Strauß, Lena [4]",
    "3. Kowalski, Jan [1]",
    "4. Ødegaard, Ingrid [3]",
    "5. Nguyễn, Minh [7]",
    "6. Łukasiewicz, Anna [2]",
    "7. Strauss, Lena [5]",
    "8. O'Brien, Siobhán [6]",
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err, clock=lambda: NOW)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    contents = {
        "candidates.csv": CSV,
        "seed.txt": SEED + "\n",
        "drawn.json": dump_record(drawn()),
        "revealed.json": dump_record(revealed()),
    }
    for name, content in contents.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    return {name: str(tmp_path / name) for name in [*contents, "new.txt", "out.json"]} | {
        "dir": str(tmp_path)
    }


def test_commit_writes_a_private_seed_file_and_prints_the_commitment(files):  # §8
    status, out, err = run("commit", "--seed-file", files["new.txt"])
    seed = Path(files["new.txt"]).read_text().strip()
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"commitment: {commitment_of(seed)}",
        "committed_at: 2026-05-11T16:30:00Z",
        f"The seed is in {files['new.txt']}: keep it secret until the draw is over, then reveal it.",
    ]
    assert os.stat(files["new.txt"]).st_mode & 0o777 == 0o600


def test_commit_never_overwrites_a_seed(files):  # §8
    assert run("commit", "--seed-file", files["seed.txt"]) == (
        EXIT_BAD_INPUT,
        "",
        f"error: {files['seed.txt']}: already exists; choose another name\n",
    )
    assert Path(files["seed.txt"]).read_text() == SEED + "\n"


def test_commit_reports_a_file_it_cannot_write(files):
    path = os.path.join(files["dir"], "missing", "seed.txt")
    assert run("commit", "--seed-file", path) == (
        EXIT_BAD_INPUT,
        "",
        f"error: {path}: cannot be written (No such file or directory)\n",
    )


def test_perform_writes_the_record_without_the_seed(files):  # §8
    status, out, err = run(
        "perform",
        files["candidates.csv"],
        "--method",
        "random",
        "--seed-file",
        files["seed.txt"],
        *WITNESSES,
        "--committed-at",
        COMMITTED_AT,
        "--title",
        "Example 2026, violin",
    )
    assert (status, err) == (0, "")
    assert out == dump_record(drawn())


def test_perform_writes_to_a_file_and_prints_the_order(files):  # §8
    status, out, _err = run(
        "perform",
        files["candidates.csv"],
        "--method",
        "chopin",
        "--seed-file",
        files["seed.txt"],
        *WITNESSES,
        "--committed-at",
        COMMITTED_AT,
        "--drawn-at",
        DRAWN_AT,
        "--round",
        "2",
        "-o",
        files["out.json"],
    )
    record = json.loads(Path(files["out.json"]).read_text(encoding="utf-8"))
    assert (status, record["round"], record["letter"], record["seed"]) == (0, 2, "N", None)
    assert out.splitlines()[0] == (
        f"{files['out.json']}: chopin draw, letter N, 8 candidates; "
        f"record SHA-256 {record['digests']['record']}"
    )
    assert out.splitlines()[1:3] == ["1. Nguyễn, Minh [7]", "2. O'Brien, Siobhán [6]"]


def test_reveal_then_verify(files):  # §8
    assert run(
        "reveal",
        files["drawn.json"],
        "--seed-file",
        files["seed.txt"],
        "--revealed-at",
        REVEALED_AT,
    ) == (0, dump_record(revealed()), "")
    status, out, _err = run(
        "reveal", files["drawn.json"], "--seed-file", files["seed.txt"], "-o", files["out.json"]
    )
    assert status == 0
    assert json.loads(Path(files["out.json"]).read_text())["revealed_at"] == "2026-05-11T16:30:00Z"
    status, out, err = run("verify", files["out.json"])
    assert (status, err) == (0, "")
    assert out.splitlines()[0].startswith(
        "OK: Example 2026, violin: random draw, 8 candidates; record SHA-256 "
    )
    assert out.splitlines()[1:] == ORDER_LINES


def test_verify_prints_ok_and_the_order(files):  # §8
    record = revealed()
    assert run("verify", files["revealed.json"]) == (
        0,
        "\n".join(
            [
                f"OK: Example 2026, violin: random draw, 8 candidates; record SHA-256 {record['digests']['record']}",
                *ORDER_LINES,
            ]
        )
        + "\n",
        "",
    )


def test_verify_names_the_file_when_the_record_has_no_title(files):
    record = revealed()
    record["title"] = ""
    record["digests"] = {}
    from concours.draw import digests

    record["digests"] = digests(record)
    Path(files["out.json"]).write_text(dump_record(record), encoding="utf-8")
    assert run("verify", files["out.json"])[1].startswith(f"OK: {files['out.json']}: random draw")


def test_verify_lists_every_problem_and_exits_1(files):  # §8
    assert run("verify", files["drawn.json"]) == (
        EXIT_NOT_VERIFIED,
        "problem: seed: not revealed yet, so the order cannot be recomputed\n1 problem: not verified\n",
        "",
    )
    Path(files["out.json"]).write_text('{"format": "concours-draw-record/1", "title": 1}')
    status, out, _err = run("verify", files["out.json"])
    assert status == EXIT_NOT_VERIFIED
    assert out.splitlines()[0] == "problem: round: missing"
    assert out.splitlines()[-1] == "12 problems: not verified"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"round": 1.5}', "the number 1.5 is not allowed: numbers in a draw record are whole"),
        (
            b"{",
            "not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)",
        ),
        (b"\xff{}", "not UTF-8 text (byte 0)"),
    ],
)
def test_verify_refuses_unreadable_input_with_exit_2(files, content, message):  # §8
    Path(files["out.json"]).write_bytes(content)
    assert run("verify", files["out.json"]) == (
        EXIT_BAD_INPUT,
        "",
        f"error: {files['out.json']}: {message}\n",
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.json", "no such file"),
        ("dir", "is a directory, not a file"),
        ("x" * 300, "cannot be read (File name too long)"),
    ],
)
def test_files_that_cannot_be_read(files, name, message):
    path = files.get(name) or os.path.join(files["dir"], name)
    assert run("verify", path) == (EXIT_BAD_INPUT, "", f"error: {path}: {message}\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "{path}: the file is empty; expected a header row"),
        ("id,name\n1,Lee\n", "{path}:1: missing column family_name"),
        ("id,family_name\n", "{path}: no candidates after the header row"),
        ("id,family_name\n1,Lee\n1,Kim\n", "{path}:3: the id “1” is already on line 2"),
        ("id,family_name\n,Lee\n", "{path}:2: id must not be empty"),
        ("id,family_name\n1\n", "{path}:2: family_name must not be empty"),
        ("id,family_name\n1,--\n", "{path}:2: family_name has no letter or digit to sort by"),
        (
            "id,family_name,given_name\n1,Lee,\x01\n",
            "{path}:2: given_name must not contain control characters",
        ),
        (
            "x" * 200_000 + ",id\n",
            "{path}:1: not valid CSV (field larger than field limit (131072))",
        ),
        (
            "id,family_name\n1," + "x" * 200_000,
            "{path}:2: not valid CSV (field larger than field limit (131072))",
        ),
    ],
)
def test_perform_reports_the_line_of_a_bad_candidate(files, content, message):  # §8
    Path(files["candidates.csv"]).write_text(content, encoding="utf-8")
    status, out, err = run(
        "perform",
        files["candidates.csv"],
        "--method",
        "random",
        "--seed-file",
        files["seed.txt"],
        *WITNESSES,
        "--committed-at",
        COMMITTED_AT,
    )
    assert (status, out, err) == (
        EXIT_BAD_INPUT,
        "",
        f"error: {message.format(path=files['candidates.csv'])}\n",
    )


def test_perform_reads_extra_columns_and_a_missing_given_name(files):
    Path(files["candidates.csv"]).write_text("Family_Name,ID,country\nLee,1,KR\n", encoding="utf-8")
    status, out, _err = run(
        "perform",
        files["candidates.csv"],
        "--method",
        "random",
        "--seed-file",
        files["seed.txt"],
        "--witness",
        "a=b",
        "--committed-at",
        COMMITTED_AT,
    )
    assert status == 0
    assert json.loads(out)["candidates"] == [{"id": "1", "family_name": "Lee", "given_name": ""}]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--witness", "no equals sign"], "argument --witness: “no equals sign” is not NAME=INPUT"),
        (["--witness", "=x"], "inputs[0].witness: must not be empty"),
        (
            ["--witness", "a=b", "--round", "0"],
            "argument --round: “0” is not a whole number from 1",
        ),
        (
            ["--witness", "a=b", "--drawn-at", "today"],
            "argument --drawn-at: “today” is not a time such as “2026-05-11T16:30:00Z”",
        ),
        (
            ["--witness", "a=b", "--committed-at", "2026-05-12T00:00:00Z"],
            "drawn_at: is before committed_at (2026-05-11T16:30:00Z < 2026-05-12T00:00:00Z)",
        ),
    ],
)
def test_perform_reports_bad_options_in_one_line(files, arguments, message):  # §8
    status, out, err = run(
        "perform",
        files["candidates.csv"],
        "--method",
        "random",
        "--seed-file",
        files["seed.txt"],
        "--committed-at",
        COMMITTED_AT,
        *arguments,
    )
    assert (status, out) == (EXIT_BAD_INPUT, "")
    assert err.startswith("error: ")
    assert err.endswith(f"{message}\n")
    assert err.count("\n") == 1


def test_a_seed_file_must_hold_a_seed(files):
    Path(files["new.txt"]).write_text("not a seed\n")
    assert run("reveal", files["drawn.json"], "--seed-file", files["new.txt"]) == (
        EXIT_BAD_INPUT,
        "",
        f"error: {files['new.txt']}: not a seed: expected 64 lowercase hexadecimal digits\n",
    )


def test_reveal_refuses_a_seed_that_does_not_match(files):
    Path(files["new.txt"]).write_text("0" * 64)
    status, out, err = run("reveal", files["drawn.json"], "--seed-file", files["new.txt"])
    assert (status, out) == (EXIT_BAD_INPUT, "")
    assert err.startswith(f"error: {files['drawn.json']}: seed: does not match the commitment")


def test_an_output_file_that_cannot_be_written(files):
    assert run(
        "reveal", files["drawn.json"], "--seed-file", files["seed.txt"], "-o", files["dir"]
    ) == (EXIT_BAD_INPUT, "", f"error: {files['dir']}: cannot be written (Is a directory)\n")


def test_a_missing_command_is_one_error_line():
    status, out, err = run()
    assert (status, out) == (EXIT_BAD_INPUT, "")
    assert err == "error: python -m concours.draw: the following arguments are required: COMMAND\n"


def test_python_m_concours_draw_uses_the_clock(files, monkeypatch, capsys):  # §8
    monkeypatch.setattr(
        sys, "argv", ["python -m concours.draw", "commit", "--seed-file", files["new.txt"]]
    )
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("concours.draw", run_name="__main__")
    assert exit_.value.code == 0
    stamp = capsys.readouterr().out.splitlines()[1].removeprefix("committed_at: ")
    assert abs(dt.datetime.fromisoformat(stamp) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_python_m_concours_draw(files, monkeypatch, capsys):  # §8
    monkeypatch.setattr(sys, "argv", ["python -m concours.draw", "verify", files["revealed.json"]])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("concours.draw", run_name="__main__")
    assert exit_.value.code == 0
    assert capsys.readouterr().out.splitlines()[1:] == ORDER_LINES
