"""The verifiable results record: export, verify, tampering, malformed records, the command line
and the Chopin 2025 final with its prize decisions (docs/algorithms/results-record.md)."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from concours.scoring.cli import main
from concours.scoring.csvio import parse_marks
from concours.scoring.decisions import AwardPlace, ConfirmAdvancers, Vote, WithholdPrize
from concours.scoring.decisions import to_json as decisions_to_json
from concours.scoring.model import Abstention, Mark, Method, Rounding, Rule, Scale, TieAtCut
from concours.scoring.numbers import RoundingMode
from concours.scoring.presets import ONE_TO_25, chopin_2025
from concours.scoring.record import (
    FORMAT,
    build_record,
    canonical_json,
    digest_of,
    dump_record,
    exact_text,
    parse_record,
    sha256,
    verify_record,
)

DOC = Path(__file__).resolve().parents[3] / "docs" / "algorithms" / "results-record.md"
WHEN = "2026-05-17T21:30+02:00"
TWO_THIRDS = Fraction(2, 3)
MARKS = """candidate,juror,score
Ada,J1,20
Ada,J2,24
Ada,J3,21
Ben,J1,22
Ben,J2,S
Ben,J3,21
Cleo,J1,19
Cleo,J2,20
Cleo,J3,A
"""
RULE = chopin_2025(2)  # marks 1–25, first average rounded, clamped at ±2
# Ada 21.56 (24 clamped to 23.67), Ben 21.50 (S excluded), Cleo 19.50 (absent excluded)
DECISIONS = (
    ConfirmAdvancers(("Ada", "Ben"), "jury", WHEN, Vote(3, 0, 0, TWO_THIRDS)),
    AwardPlace(1, ("Ada",), "jury", WHEN, "Round prize", Vote(2, 1, 0, TWO_THIRDS)),
    AwardPlace(2, ("Ben", "Cleo"), "jury", WHEN, "Audience prize", note="ex aequo"),
    WithholdPrize(3, "chair", WHEN, "Third prize"),
)


def marks(content: str = MARKS, rule: Rule = RULE) -> tuple[Mark, ...]:
    return parse_marks(content, rule).marks


def record(**changes: object) -> dict[str, object]:
    arguments: dict[str, object] = {
        "marks": marks(),
        "rule": RULE,
        "preset": "chopin-2025",
        "stage": 2,
        "advance": 2,
        "decisions": DECISIONS,
        "title": "Example 2026, piano, round 2",
    }
    arguments.update(changes)
    return build_record(**arguments)


def reread(data: dict[str, object]) -> dict[str, object]:
    """Through the file format and back, as a verifier sees it."""
    parsed = parse_record(dump_record(data))
    assert isinstance(parsed, dict)
    return parsed


def section(data: dict[str, object], name: str) -> list[dict[str, object]]:
    value = data[name]
    assert isinstance(value, list)
    return value


# --- Export and verify --------------------------------------------------------------------------


def test_the_record():
    data = record()
    assert list(data) == [
        "format", "title", "preset", "stage", "rule", "marks", "results", "decisions", "digests",
    ]  # fmt: skip
    assert data["format"] == FORMAT == "concours-results-record/1"
    assert data["rule"]["method"] == "clamped-mean"
    assert data["rule"]["deviation"] == "2"
    assert data["rule"]["advance"] == 2
    assert section(data, "marks")[4] == {"candidate": "Ben", "juror": "J2", "score": "S", "vote": None}  # fmt: skip
    assert section(data, "marks")[8]["score"] == "A"
    results = section(data, "results")
    assert [(r["candidate"], r["score"], r["key"], r["rank"], r["advanced"]) for r in results] == [
        ("Ada", "21.56", ["21.56"], 1, True),
        ("Ben", "21.50", ["21.5"], 2, True),
        ("Cleo", "19.50", ["19.5"], 3, False),
    ]
    # the explanations are those of the documented example (test_the_documented_example_verifies)
    assert data["decisions"] == decisions_to_json(DECISIONS)
    digests = data["digests"]
    assert isinstance(digests, dict)
    assert digests["algorithm"] == "sha-256"
    for name in ("rule", "marks", "results", "decisions"):
        assert digests[name] == sha256(data[name])
    assert digests["record"] == digest_of(data)


def test_round_trip_matches():
    assert verify_record(reread(record())) == []
    assert verify_record(record(decisions=(), advance=None, preset=None, stage=None)) == []
    assert dump_record(record()) == dump_record(record())  # deterministic
    compact = json.dumps(record(), separators=(",", ":"), ensure_ascii=True)
    assert verify_record(parse_record(compact)) == []  # digests do not depend on the layout


def test_canonical_json_is_sorted_compact_utf8():
    assert canonical_json({"b": [1, None], "a": "Jabłoński ≈"}) == (
        '{"a":"Jabłoński ≈","b":[1,null]}'.encode()
    )
    assert sha256([]) == "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(55, 3), "55/3"), (Fraction(-55, 3), "-55/3"), (Fraction(37, 2), "18.5"),
        (Fraction(18), "18"), (Fraction(-1, 8), "-0.125"), (Fraction(0), "0"),
        (Fraction(1, 10**9), "0.000000001"),
    ],
)  # fmt: skip
def test_exact_text(value, text):
    assert exact_text(value) == text
    assert Fraction(text) == value


def test_marks_written_plainly():
    """A mark typed ``1e1`` or ``20.0`` is written as a plain decimal; the explanation follows."""
    data = record(marks=marks(MARKS.replace("Ada,J1,20", "Ada,J1,2e1").replace("J3,21", "J3,21.0")))
    assert section(data, "marks")[0]["score"] == "20"
    assert section(data, "marks")[2]["score"] == "21.0"
    assert verify_record(reread(data)) == []


def test_imputed_marks_are_exact_fractions():
    rule = Rule(Method.MEAN, ONE_TO_25, abstention=Abstention.IMPUTE_MEAN)
    content = "candidate,juror,score\nAda,J1,18\nAda,J2,18\nAda,J3,19\nAda,J4,A\nBen,J1,20\n"
    data = record(marks=marks(content, rule), rule=rule, decisions=(), advance=None)
    lines = section(data, "results")[1]["explanation"]["marks"]
    assert lines[3] == {
        "juror": "J4",
        "raw": "A",
        "used": "55/3",
        "note": "imputed: mean of the others, ≈18.3333",
    }
    assert section(data, "results")[1]["key"] == ["18.33"]
    assert verify_record(reread(data)) == []


def test_votes_and_quorum():
    rule = Rule(Method.YES_SHARE, ONE_TO_25, yes_quorum=2, rounding=Rounding(1, RoundingMode.DOWN))
    content = (
        "candidate,juror,score,vote\n"
        "Ada,J1,20,yes\nAda,J2,21,yes\nAda,J3,S,\n"
        "Ben,J1,22,yes\nBen,J2,18,no\nBen,J3,19,no\n"
    )
    data = record(marks=marks(content, rule), rule=rule, decisions=(), advance=None)
    assert [m["vote"] for m in section(data, "marks")] == ["yes", "yes", None, "yes", "no", "no"]
    results = section(data, "results")
    assert [(r["candidate"], r["score"], r["key"], r["advanced"]) for r in results] == [
        ("Ada", "100.0", ["100", "20.5"], True),
        ("Ben", "33.3", ["100/3", "19.6"], False),
    ]
    assert verify_record(reread(data)) == []


def test_standardised_marks_verify():
    rule = Rule(Method.STANDARDISED, ONE_TO_25)
    content = "candidate,juror,score\n" + "".join(
        f"{c},{j},{v}\n"
        for c, row in (("Ada", (20, 17, 23)), ("Ben", (18, 19, 21)), ("Cleo", (16, 19, 22)))
        for j, v in zip(("J1", "J2", "J3"), row, strict=True)
    )
    data = record(marks=marks(content, rule), rule=rule, decisions=(), advance=1)
    used = section(data, "results")[0]["explanation"]["marks"][0]["used"]
    assert "/" in used
    assert verify_record(reread(data)) == []


def test_other_rule_parameters_are_recorded():
    rule = Rule(
        Method.DELETE_OUTLIERS,
        Scale(Decimal(0), Decimal(100), Decimal("0.5")),
        outlier_limit=Decimal("15.5"),
        abstention=Abstention.IMPUTE_MEAN,
        round_first_average=False,
        trim=2,
        trim_min_marks=5,
        yes_quorum=3,
        lower_quorum_by_abstentions=True,
        min_marks_per_juror=4,
        ties_at_cut=TieAtCut.DECIDE,
    )
    content = "candidate,juror,score\nAda,J1,50\nAda,J2,80.5\nAda,J3,52\nBen,J1,60\n"
    data = record(marks=marks(content, rule), rule=rule, decisions=(), advance=None)
    assert data["rule"] == {
        "method": "delete-outliers",
        "scale": {"minimum": "0", "maximum": "100", "step": "0.5"},
        "rounding": {"places": 2, "mode": "half-up"},
        "abstention": "impute-mean",
        "deviation": None,
        "round_first_average": False,
        "outlier_limit": "15.5",
        "trim": 2,
        "trim_min_marks": 5,
        "yes_quorum": 3,
        "lower_quorum_by_abstentions": True,
        "min_marks_per_juror": 4,
        "ties_at_cut": "decide",
        "advance": None,
    }
    assert verify_record(reread(data)) == []


# --- Tampering ----------------------------------------------------------------------------------


def tampered(change) -> list[str]:
    data = reread(record())
    change(data)
    return verify_record(data)


def test_a_changed_mark():
    def change(data):
        data["marks"][6]["score"] = "23"  # Cleo: 19 → 23; now 21.50, tied with Ben, both advance

    mismatches = tampered(change)
    assert 'results[2].score (“Cleo”): recorded "19.50", recomputed "21.50"' in mismatches
    assert "results[2].rank (“Cleo”): recorded 3, recomputed 2" in mismatches
    assert "results[2].advanced (“Cleo”): recorded false, recomputed true" in mismatches
    assert (
        'results[2].explanation.marks[0].raw (“Cleo”): recorded "19", recomputed "23"' in mismatches
    )
    assert "decisions[0].candidates: “Cleo” advanced under the rule but is not confirmed" in (
        mismatches
    )
    assert [line.split(":")[0] for line in mismatches if line.startswith("digests")] == [
        "digests.marks",
        "digests.record",
    ]


def test_a_changed_score():
    def change(data):
        data["results"][1]["score"] = "21.51"

    mismatches = tampered(change)
    assert mismatches[0] == 'results[1].score (“Ben”): recorded "21.51", recomputed "21.50"'
    assert [line.split(":")[0] for line in mismatches[1:]] == ["digests.results", "digests.record"]


def test_a_changed_rank():
    def change(data):
        data["results"][2]["rank"] = 2

    mismatches = tampered(change)
    assert mismatches[0] == "results[2].rank (“Cleo”): recorded 2, recomputed 3"
    assert [line.split(":")[0] for line in mismatches[1:]] == ["digests.results", "digests.record"]


def test_a_changed_digest():
    data = reread(record())
    original = data["digests"]["marks"]
    data["digests"]["marks"] = "0" * 64
    assert verify_record(data) == [f"digests.marks: recorded {'0' * 64}, computed {original}"]


def test_a_changed_title_changes_only_the_record_digest():
    def change(data):
        data["title"] = "Another competition"

    assert [line.split(":")[0] for line in tampered(change)] == ["digests.record"]


def test_a_changed_rule():
    def change(data):
        data["rule"]["deviation"] = "1"

    mismatches = tampered(change)
    assert 'results[0].score (“Ada”): recorded "21.56", recomputed "21.45"' in mismatches
    assert 'results[0].explanation.steps[2].text (“Ada”): recorded "19.67 to 23.67 (±2)", ' \
        'recomputed "20.67 to 22.67 (±1)"' in mismatches  # fmt: skip
    assert "digests.rule" in {line.split(":")[0] for line in mismatches}


def test_changed_explanations():
    def change(data):
        lines = data["results"][0]["explanation"]["marks"]
        lines[1]["note"] = ""
        lines[1]["used"] = "24"
        del data["results"][1]["explanation"]["steps"][0]
        data["results"][2]["advanced"] = None

    mismatches = tampered(change)
    assert mismatches[:5] == [
        'results[0].explanation.marks[1].used (“Ada”): recorded "24", recomputed "23.67"',
        'results[0].explanation.marks[1].note (“Ada”): recorded "", '
        'recomputed "clamped from 24 to 23.67"',
        "results[1].explanation.steps (“Ben”): recorded 4 entries, recomputed 5",
        'results[1].explanation.steps[0].label (“Ben”): recorded "first average rounded", '
        'recomputed "first average"',
        "results[1].explanation.steps[1].label (“Ben”): recorded "
        '"allowed band", recomputed "first average rounded"',
    ]
    assert "results[2].advanced (“Cleo”): recorded null, recomputed false" in mismatches


def test_missing_extra_and_reordered_results():
    def drop(data):
        del data["results"][2]

    assert tampered(drop)[0] == "results: no entry for “Cleo”"

    def rename(data):
        data["results"][2]["candidate"] = "Zoe"

    assert tampered(rename)[:2] == [
        "results[2].candidate: “Zoe” has no marks in this record",
        "results: no entry for “Cleo”",
    ]

    def swap(data):
        data["results"][0], data["results"][1] = data["results"][1], data["results"][0]

    assert tampered(swap)[0] == "results[0]: out of ranking order: recorded “Ben”, recomputed “Ada”"


# --- Malformed records --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON (line 1, column 2: Expecting property name"),
        ('{"a": 1.5}', "the number 1.5 is not allowed"),
        ('{"a": 1e3}', "the number 1e3 is not allowed"),
        ('{"a": NaN}', "the number NaN is not allowed"),
        ('{"a": 1, "a": 2}', "the key “a” appears twice in one object"),
        ("[" * 100_000, "not a results record: JSON nested too deeply"),
    ],
)
def test_strict_json(text, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        parse_record(text)


def _set(data: object, path: str, value: object) -> None:
    """Change the value at a JSON path like ``marks[3].score``; ``...`` deletes it."""
    keys = [int(k[1:-1]) if k[0] == "[" else k for k in re.findall(r"[^.\[\]]+|\[\d+\]", path)]
    for key in keys[:-1]:
        data = data[key]
    if value is ...:
        del data[keys[-1]]
    else:
        data[keys[-1]] = value


MALFORMED = [
    ("format", "concours-results-record/2", "format: expected “concours-results-record/1”, found “concours-results-record/2”"),
    ("format", 1, "format: expected “concours-results-record/1”, found a number"),
    ("decisions", ..., "decisions: missing"),
    ("extra", 1, "extra: unknown field"),
    ("title", None, "title: expected a string, found null"),
    ("preset", 3, "preset: expected a string, found a number"),
    ("stage", 0, "stage: must be at least 1, found 0"),
    ("rule", [], "rule: expected an object, found a list"),
    ("rule.method", "average", "rule.method: must be one of mean, clamped-mean, delete-outliers, trimmed-mean, median, yes-count, yes-share, standardised, found “average”"),
    ("rule.method", 3, "rule.method: expected a string, found a number"),
    ("rule.scale.minimum", "1e0", "rule.scale.minimum: “1e0” is not a decimal such as “14” or “18.41”"),
    ("rule.scale.maximum", 25, "rule.scale.maximum: expected a string, found a number"),
    ("rule.scale.step", ..., "rule.scale.step: missing"),
    ("rule.scale.maximum", "0", "rule.scale: a scale needs minimum < maximum and a positive step"),
    ("rule.rounding.places", -1, "rule.rounding.places: must be at least 0, found -1"),
    ("rule.rounding.mode", "up", "rule.rounding.mode: must be one of half-up, half-even, down, found “up”"),
    ("rule.abstention", "skip", "rule.abstention: must be one of exclude, impute-mean, found “skip”"),
    ("rule.deviation", None, "rule: the clamped mean needs a deviation D ≥ 0"),
    ("rule.deviation", "two", "rule.deviation: “two” is not a decimal"),
    ("rule.outlier_limit", 15, "rule.outlier_limit: expected a string, found a number"),
    ("rule.round_first_average", "yes", "rule.round_first_average: expected true or false, found a string"),
    ("rule.trim", True, "rule.trim: expected a whole number, found true"),
    ("rule.trim", 5, "rule: trimming needs trim ≥ 0 and at least 2 × trim + 1 marks"),
    ("rule.yes_quorum", 0, "rule.yes_quorum: must be at least 1, found 0"),
    ("rule.min_marks_per_juror", 1, "rule: standardisation needs at least 2 marks per juror"),
    ("rule.advance", 0, "rule.advance: must be at least 1, found 0"),
    ("marks", {}, "marks: expected a list, found an object"),
    ("marks", [], "marks: a record needs at least one mark"),
    ("marks[3]", "Ben,J1,22", "marks[3]: expected an object, found a string"),
    ("marks[3].vote", ..., "marks[3].vote: missing"),
    ("marks[3].candidate", "", "marks[3].candidate: must not be empty"),
    ("marks[3].juror", 7, "marks[3].juror: expected a string, found a number"),
    ("marks[3].score", "x", "marks[3].score: “x” is not a number, “S” or “A”"),
    ("marks[3].score", "s", "marks[3].score: “s” is not a number, “S” or “A”"),
    ("marks[3].score", 22, "marks[3].score: expected a string, found a number"),
    ("marks[3].score", "26", "marks[3]: mark 26 is outside the scale 1–25 in steps of 1"),
    ("marks[3].juror", "J3", "marks[5]: a second mark by “J3” for “Ben”"),
    ("marks[3].vote", "maybe", "marks[3].vote: must be “yes”, “no” or null, found “maybe”"),
    ("marks[3].vote", True, "marks[3].vote: must be “yes”, “no” or null, found true"),
    ("results", None, "results: expected a list, found null"),
    ("results[1].score", "21.5O", "results[1].score: “21.5O” is not a decimal"),
    ("results[1].key", "21.5", "results[1].key: expected a list, found a string"),
    ("results[1].key[0]", "1/x", "results[1].key[0]: “1/x” is not an exact number such as “18.3125” or “55/3”"),
    ("results[1].rank", 0, "results[1].rank: must be at least 1, found 0"),
    ("results[1].advanced", "yes", "results[1].advanced: expected true or false, found a string"),
    ("results[1].candidate", "Ada", "results[1].candidate: “Ada” already has results[0]"),
    ("results[1].explanation.steps", ..., "results[1].explanation.steps: missing"),
    ("results[1].explanation.marks[0].juror", None, "results[1].explanation.marks[0].juror: expected a string, found null"),
    ("results[1].explanation.marks[0].raw", 22, "results[1].explanation.marks[0].raw: expected a string, found a number"),
    ("results[1].explanation.marks[0].used", 22, "results[1].explanation.marks[0].used: expected a string, found a number"),
    ("results[1].explanation.marks[0].note", None, "results[1].explanation.marks[0].note: expected a string, found null"),
    ("results[1].explanation.steps[0]", ["a", "b"], "results[1].explanation.steps[0]: expected an object, found a list"),
    ("results[1].explanation.steps[0].label", 1, "results[1].explanation.steps[0].label: expected a string, found a number"),
    ("results[1].explanation.steps[0].text", 1, "results[1].explanation.steps[0].text: expected a string, found a number"),
    ("decisions[2].vote", {"in_favour": 1}, "decisions[2].vote.against: missing"),
    ("decisions[3].place", 0, "decisions[3].place: must be a whole number ≥ 1, found 0"),
    ("digests", "x", "digests: expected an object, found a string"),
    ("digests.algorithm", "md5", "digests.algorithm: must be “sha-256”"),
    ("digests.results", "ABC", "digests.results: expected 64 lowercase hexadecimal digits"),
    ("digests.record", None, "digests.record: expected a string, found null"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "message"), MALFORMED)
def test_malformed_records_name_the_path(path, value, message):
    data = reread(record())
    _set(data, path, value)
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        verify_record(data)


def test_a_record_is_an_object():
    with pytest.raises(ValueError, match=r"^the record must be a JSON object, found a list"):
        verify_record([])


# --- Command line -------------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    stage = tmp_path / "round2.csv"
    stage.write_text(MARKS, encoding="utf-8")
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(decisions_to_json(DECISIONS)), encoding="utf-8")
    return {"marks": stage, "decisions": decisions, "record": tmp_path / "record.json"}


def export(files: dict[str, Path], *extra: str) -> tuple[int, str, str]:
    return run(
        "export", str(files["marks"]), "--preset", "chopin-2025", "--stage", "2", "--advance", "2",
        "--title", "Example 2026, piano, round 2", *extra,
    )  # fmt: skip


def test_cli_export_and_verify(files):
    status, out, err = export(files, "--decisions", str(files["decisions"]))
    assert (status, err) == (0, "")
    assert json.loads(out) == record()
    status, out, err = export(
        files, "--decisions", str(files["decisions"]), "-o", str(files["record"])
    )
    assert (status, err) == (0, "")
    digest = record()["digests"]["record"]
    assert out == (
        f"{files['record']}: 3 candidates, 9 marks, 4 decisions; record SHA-256 {digest}\n"
    )
    assert run("verify", str(files["record"])) == (
        0,
        "match: Example 2026, piano, round 2: 3 candidates, 9 marks, 4 decisions; "
        f"record SHA-256 {digest}\n",
        "",
    )


def test_cli_verify_without_a_title_names_the_file(files, tmp_path):
    assert (
        run("export", str(files["marks"]), "--preset", "median", "-o", str(files["record"]))[0] == 0
    )
    status, out, _err = run("verify", str(files["record"]))
    assert status == 0
    assert out.startswith(f"match: {files['record']}: 3 candidates, 9 marks, 0 decisions; ")
    (tmp_path / "one.csv").write_text("candidate,juror,score\nAda,J1,20\n", encoding="utf-8")
    run("export", str(tmp_path / "one.csv"), "--preset", "mean", "-o", str(files["record"]))
    assert "1 candidate, 1 mark, 0 decisions" in run("verify", str(files["record"]))[1]


def test_cli_reports_each_mismatch(files):
    export(files, "-o", str(files["record"]))
    data = json.loads(files["record"].read_text(encoding="utf-8"))
    data["results"][0]["score"] = "21.57"
    files["record"].write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run("verify", str(files["record"]))
    lines = out.splitlines()
    assert (status, err) == (1, "")
    assert lines[0] == 'mismatch: results[0].score (“Ada”): recorded "21.57", recomputed "21.56"'
    assert lines[1].startswith("mismatch: digests.results: recorded ")
    assert lines[2].startswith("mismatch: digests.record: recorded ")
    assert lines[3] == "3 mismatches"
    data["digests"] = record(decisions=())["digests"]
    data["results"][0]["score"] = "21.56"
    data["title"] = "Changed"
    files["record"].write_text(json.dumps(data), encoding="utf-8")
    status, out, _err = run("verify", str(files["record"]))
    assert status == 1
    assert out.splitlines()[-1] == "1 mismatch"


def test_cli_bad_records_exit_2(files, tmp_path):
    record_path = str(files["record"])
    status, out, err = run("verify", record_path)
    assert (status, out, err) == (2, "", f"error: {record_path}: no such file\n")
    assert (
        run("verify", str(tmp_path))[2] == f"error: {tmp_path}: is a directory, not a JSON file\n"
    )
    files["record"].write_bytes(b"\xff{}")
    assert run("verify", record_path)[2] == f"error: {record_path}: not UTF-8 text (byte 0)\n"
    files["record"].write_text("{\n  []\n}", encoding="utf-8")
    assert run("verify", record_path)[2] == (
        f"error: {record_path}: not valid JSON (line 2, column 3: "
        "Expecting property name enclosed in double quotes)\n"
    )
    data = reread(record())
    data["marks"][3]["score"] = "x"
    files["record"].write_text(json.dumps(data), encoding="utf-8")
    assert run("verify", record_path) == (
        2,
        "",
        f"error: {record_path}: marks[3].score: “x” is not a number, “S” or “A”\n",
    )


def test_cli_unwritable_and_unreadable_files_exit_2(files, tmp_path, monkeypatch):
    nowhere = tmp_path / "missing" / "record.json"
    assert export(files, "-o", str(nowhere)) == (
        2, "", f"error: {nowhere}: cannot be written (No such file or directory)\n",
    )  # fmt: skip
    export(files, "-o", str(files["record"]))

    def denied(_path: Path) -> bytes:
        raise PermissionError(13, "Denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert (
        run("verify", str(files["record"]))[2]
        == f"error: {files['record']}: cannot be read (Denied)\n"
    )


def test_cli_bad_marks_exit_2(files):
    files["marks"].write_text("candidate,juror,score\nAda,J1,26\n", encoding="utf-8")
    status, _out, err = export(files)
    assert status == 2
    assert err == f"error: {files['marks']}:2: mark 26 is outside the scale 1–25 in steps of 1\n"


# --- The worked example in the documentation ---------------------------------------------------


def test_the_documented_example_verifies():
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL)
    example = next(block for block in blocks if f'"format": "{FORMAT}"' in block)
    data = parse_record(example)
    assert verify_record(data) == []
    assert isinstance(data, dict)
    canonical = canonical_json(data["rule"]).decode()
    assert f"`{canonical}`" in text
    assert sha256(data["rule"]) in text
