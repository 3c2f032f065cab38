"""``python -m concours.timetable solve`` (spec §7)."""

import io
import json
import runpy

import pytest

from concours.timetable.cli import main

DOCUMENT = {
    "rules": {"max_per_day": 1},
    "teachers": [
        {
            "id": "weber",
            "name": "Clara Weber",
            "slots": [
                {"id": "w1", "day": "2025-07-14", "start": "09:00", "end": "09:50", "room": "Hall"},
                {"id": "w2", "day": "2025-07-15", "start": "09:00", "end": "09:50", "room": "Hall"},
            ],
        }
    ],
    "participants": [
        {"id": "anna", "name": "Anna", "lessons": 1, "preferences": ["weber"]},
        {"id": "ben", "name": "Ben", "lessons": 1, "assigned": ["weber"]},
    ],
    "fixed": [{"participant": "anna", "slot": "w2"}],
}


def run(tmp_path, document, *extra):
    path = tmp_path / "problem.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    code = main(["solve", str(path), *extra], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_solve_prints_the_timetable(tmp_path):
    code, out, err = run(tmp_path, DOCUMENT)
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["status"] == "optimal"
    assert result["lessons"] == [
        {
            "participant": "anna",
            "slot": "w2",
            "teacher": "weber",
            "room": "Hall",
            "day": "2025-07-15",
            "start": "09:00",
            "end": "09:50",
        },
        {
            "participant": "ben",
            "slot": "w1",
            "teacher": "weber",
            "room": "Hall",
            "day": "2025-07-14",
            "start": "09:00",
            "end": "09:50",
        },
    ]


def test_cli_solve_without_a_timetable_exits_1_with_reasons(tmp_path):
    document = {**DOCUMENT, "participants": [{"id": "anna", "name": "Anna", "lessons": 3}], "fixed": []}  # fmt: skip
    code, out, _ = run(tmp_path, document, "--effort", "5")
    assert code == 1
    assert json.loads(out)["reasons"][0]["code"] == "too_few_slots"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{", "Expecting property name"),
        ([], "input: “document” must be dict"),
        ({"teachers": {}}, "document: “teachers” must be a list"),
        ({"teachers": [{"id": 1}]}, "teachers[0]: “id” must be str"),
        (
            {"teachers": [{"id": "t", "name": "T", "slots": [{"id": "s", "day": "14 July"}]}]},
            "teachers[0].slots[0]: “14 July” is not a valid date or time",
        ),
        (
            {"participants": [{"id": "p", "name": "P", "lessons": True}]},
            "participants[0]: “lessons” must be int",
        ),
        (
            {"participants": [{"id": "p", "name": "P", "lessons": 1, "preferences": "t"}]},
            "participants[0]: “preferences” must be a list of ids",
        ),
        ({"participants": [], "rules": {}}, "rules: “max_per_day” is missing"),
        (
            {"participants": [{"id": "p", "name": "P", "lessons": 1, "assigned": ["x"]}]},
            "P names an unknown teacher “x”.",
        ),
    ],
)
def test_cli_bad_input_exits_2_with_one_error_line(tmp_path, document, message):
    code, out, err = run(tmp_path, document)
    assert (code, out) == (2, "")
    assert err.startswith("error: ")
    assert message in err
    assert err.count("\n") == 1


def test_cli_bad_option_and_missing_file_exit_2(tmp_path):
    err = io.StringIO()
    assert main(["solve"], err=err) == 2
    assert err.getvalue().startswith("error: python -m concours.timetable")
    err = io.StringIO()
    assert main(["solve", str(tmp_path / "missing.json")], err=err) == 2
    assert "No such file" in err.getvalue()


def test_cli_runs_as_a_module(tmp_path, monkeypatch):
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["timetable", "solve", str(path)])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("concours.timetable", run_name="__main__")
    assert caught.value.code == 0
