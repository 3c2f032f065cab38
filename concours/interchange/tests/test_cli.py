"""python -m concours.interchange validate (docs/algorithms/interchange.md §10)."""

import io
import json
import runpy
import sys

import pytest

from concours.interchange.cli import main


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_validate_a_valid_file(tmp_path, example_text):
    path = tmp_path / "edition.json"
    path.write_text(example_text, encoding="utf-8")
    assert _run("validate", str(path)) == (0, f"valid: {path}\n", "")


def test_validate_lists_every_problem_with_its_path(tmp_path, example):
    example["edition"]["starts_on"] = "2025-02-30"
    example["divisions"][0]["fee"]["currency"] = "usd"
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    code, out, err = _run("validate", str(path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: {path}: /edition/starts_on: “2025-02-30” is not a date; write it as YYYY-MM-DD.",
        f"error: {path}: /divisions/0/fee/currency: “usd” is not a currency code; use three "
        "capital letters such as USD.",
    ]


def test_validate_a_missing_file(tmp_path):
    path = tmp_path / "nothing.json"
    assert _run("validate", str(path)) == (2, "", f"error: {path}: No such file or directory\n")


def test_bad_command_line():
    code, out, err = _run("check")
    assert (code, out) == (2, "")
    assert err.startswith("error: python -m concours.interchange: argument COMMAND: invalid")


def test_module_entry_point(tmp_path, monkeypatch, capsys):
    path = tmp_path / "bad.json"
    path.write_text("[]", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["concours.interchange", "validate", str(path)])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("concours.interchange", run_name="__main__")
    assert exit_.value.code == 2
    assert capsys.readouterr().err == f"error: {path}: /: Expected an object.\n"
