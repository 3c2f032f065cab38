"""The command line (docs/algorithms/hashchain.md §7) and the worked example of §9, checked
against the page itself, with the appendix's independent verifier."""

from __future__ import annotations

import dataclasses
import io
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from concours.hashchain.chain import canonical
from concours.hashchain.cli import EXIT_BAD_INPUT, EXIT_BROKEN, EXIT_OK, main
from concours.hashchain.jsonl import dump_lines
from concours.hashchain.tests.test_verify import EXAMPLE_HASHES, build

DOC = Path(__file__).resolve().parents[3] / "docs" / "algorithms" / "hashchain.md"
HEAD = EXAMPLE_HASHES[2]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "edition-12.jsonl"
    path.write_text("".join(dump_lines(build(3))), encoding="utf-8")
    return path


def test_verify_accepts_an_intact_chain(export):  # §7
    assert run("verify", str(export)) == (
        EXIT_OK,
        f"OK: “edition:12”, 3 entries, head {HEAD}\n",
        "",
    )


def test_verify_finds_a_published_head(export):  # §7, §5.2
    first = EXAMPLE_HASHES[0]
    assert run("verify", str(export), "--head", first.upper()) == (
        EXIT_OK,
        f"OK: “edition:12”, 3 entries, head {HEAD}; the published head is seq 1\n",
        "",
    )


def test_verify_accepts_an_empty_chain(tmp_path):  # §6
    (tmp_path / "empty.jsonl").write_text("")
    assert run("verify", str(tmp_path / "empty.jsonl")) == (
        EXIT_OK,
        f"OK: empty chain, 0 entries, head {'0' * 64}\n",
        "",
    )


def test_verify_says_one_entry(tmp_path):
    (tmp_path / "one.jsonl").write_text("".join(dump_lines(build(1))))
    status, out, _ = run("verify", str(tmp_path / "one.jsonl"))
    assert (status, out) == (EXIT_OK, f"OK: “edition:12”, 1 entry, head {EXAMPLE_HASHES[0]}\n")


def test_verify_lists_every_problem_with_its_line(tmp_path):  # §7
    links = build(5)
    links[0] = dataclasses.replace(links[0], hash="f" * 64)
    del links[2]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n" + "".join(dump_lines(links)))
    status, out, err = run("verify", str(path), "--head", "e" * 64)
    assert (status, err) == (EXIT_BROKEN, "")
    assert out.splitlines() == [
        f"{path}:2: seq 1: hash mismatch: stored {'f' * 64}, computed {EXAMPLE_HASHES[0]}",
        f"{path}:3: seq 2: broken link: the previous hash is {EXAMPLE_HASHES[0]}, but seq 1 has "
        f"the hash {'f' * 64}",
        f"{path}: seq 3: missing",
        f"{path}: head not found: no entry has the hash {'e' * 64}",
        "broken: 4 problems",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "error: python -m concours.hashchain: the following arguments are required: COMMAND"),
        (("verify", "x.jsonl", "--head", "abc"),
         "error: python -m concours.hashchain verify: argument --head: “abc” is not 64 "
         "hexadecimal digits"),
        (("verify", "x.jsonl", "--head", "g" * 64),
         f"error: python -m concours.hashchain verify: argument --head: “{'g' * 64}” is not 64 "
         "hexadecimal digits"),
        (("verify", "missing.jsonl"), "error: missing.jsonl: no such file"),
    ],
)  # fmt: skip
def test_bad_usage_and_unreadable_input_exit_2(argv, message):  # §7
    assert run(*argv) == (EXIT_BAD_INPUT, "", message + "\n")


def test_a_line_that_is_not_a_link_exits_2(tmp_path):  # §7
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(dump_lines(build(2))) + '{"seq": 1.5}\n')
    assert run("verify", str(path)) == (
        EXIT_BAD_INPUT,
        "",
        f"error: {path}:3: the number 1.5 is not allowed: numbers are whole; decimals are "
        "written as strings\n",
    )


def test_python_dash_m_runs_the_command_line(export, monkeypatch, capsys):  # §7
    monkeypatch.setattr(sys, "argv", ["python -m concours.hashchain", "verify", str(export)])
    with pytest.raises(SystemExit) as raised:
        runpy.run_module("concours.hashchain", run_name="__main__")
    assert (raised.value.code, capsys.readouterr().out) == (
        EXIT_OK,
        f"OK: “edition:12”, 3 entries, head {HEAD}\n",
    )


# §9 the worked example, as the page shows it


def _blocks(language: str = "") -> list[str]:
    """The page's fenced code blocks in ``language`` (``""``: none given)."""
    blocks: list[tuple[str, list[str]]] = []
    inside = False
    for line in DOC.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("```"):
            if not inside:
                blocks.append((line[3:].strip(), []))
            inside = not inside
        elif inside:
            blocks[-1][1].append(line)
    return ["".join(lines) for name, lines in blocks if name == language]


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index(title) :]


def test_the_worked_example_canonical_entries_and_hashes_are_the_pages():  # §9
    section = _section("## §9 Worked example")
    canonical_lines = [canonical(link.entry).decode("utf-8") for link in build(3)]
    assert "```\n" + "\n".join(canonical_lines) + "\n```" in section
    for seq, link in enumerate(build(3), start=1):
        assert f"| {seq} | `{link.prev}` | `{link.hash}` |" in section
    assert canonical_lines[0] in _section("## §3 The canonical entry")


def test_the_worked_example_export_is_the_pages(tmp_path):  # §9
    (jsonl,) = _blocks("jsonl")
    assert jsonl == "".join(dump_lines(build(3)))


def test_the_worked_example_sessions_are_the_pages(tmp_path):  # §9
    (jsonl,) = _blocks("jsonl")
    sessions = [block for block in _blocks() if block.startswith("$ python -m concours.hashchain")]
    edits = [jsonl, jsonl.replace('"score":"21.50"', '"score":"23.50"', 1),
             "".join(line for number, line in enumerate(jsonl.splitlines(True)) if number != 1)]  # fmt: skip
    assert len(sessions) == len(edits) == 3
    for session, content in zip(sessions, edits, strict=True):
        command, *expected = session.splitlines()
        (tmp_path / "edition-12.jsonl").write_text(content, encoding="utf-8")
        argv = command.split()[4:]
        out = io.StringIO()
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(tmp_path)
            status = main(argv, out, io.StringIO())
        assert out.getvalue().splitlines() == expected
        assert status == (EXIT_OK if content == jsonl else EXIT_BROKEN)


def test_the_appendix_verifier_agrees(tmp_path):  # Appendix
    (jsonl,) = _blocks("jsonl")
    (code,) = _blocks("python")
    script = tmp_path / "verify.py"
    script.write_text(code, encoding="utf-8")
    cases = {
        jsonl: (0, f"OK: 3 entries, head {HEAD}\n"),
        jsonl.replace('"score":"21.50"', '"score":"23.50"', 1): (1, "line 1: hash mismatch\n"),
    }
    for content, expected in cases.items():
        (tmp_path / "edition-12.jsonl").write_text(content, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(script), str(tmp_path / "edition-12.jsonl"), HEAD],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (done.returncode, done.stdout) == expected
