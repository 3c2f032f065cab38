"""The verifiable results record: one JSON document per round with the rule and all its
parameters, every mark, the computed results with their explanations, the jury decisions and
SHA-256 digests; and its verifier, which recomputes everything from the record alone.

The format is specified in ``docs/algorithms/results-record.md`` so that anyone can write an
independent verifier.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TextIO

from concours.scoring.csvio import InputError, read_marks
from concours.scoring.decisions import (
    Decision,
    decision_problems,
    expect_bool,
    expect_int,
    expect_list,
    expect_object,
    expect_str,
    json_type,
    validate_decisions,
)
from concours.scoring.decisions import from_json as decisions_from_json
from concours.scoring.decisions import to_json as decisions_to_json
from concours.scoring.engine import InvalidMarks, score_stage
from concours.scoring.model import (
    Abstention,
    CandidateResult,
    Mark,
    MarkStatus,
    Method,
    Rounding,
    Rule,
    Scale,
    StageResult,
    TieAtCut,
)
from concours.scoring.numbers import RoundingMode, round_exact
from concours.scoring.presets import preset as named_preset

FORMAT = "concours-results-record/1"
DIGEST_ALGORITHM = "sha-256"
SECTIONS = ("rule", "marks", "results", "decisions")
TOP_LEVEL = ("format", "title", "preset", "stage", *SECTIONS, "digests")

RULE_FIELDS = (
    "method", "scale", "rounding", "abstention", "deviation", "round_first_average",
    "outlier_limit", "trim", "trim_min_marks", "yes_quorum", "lower_quorum_by_abstentions",
    "min_marks_per_juror", "ties_at_cut", "advance",
)  # fmt: skip
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_EXACT = re.compile(r"-?[0-9]+(\.[0-9]+)?|-?[0-9]+/[0-9]+")
_HEX = re.compile(r"[0-9a-f]{64}")
_VOTES = {"yes": True, "no": False}


# --- Canonical JSON and digests -----------------------------------------------------------------


def canonical_json(value: object) -> bytes:
    """The bytes a digest is taken of: keys sorted, no spaces, UTF-8, non-ASCII unescaped."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256(value: object) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def digest_of(record: Mapping[str, object]) -> str:
    """The record's own digest: SHA-256 of the whole record without its ``digests`` member
    (what ``digests.record`` holds; publish it beside the results)."""
    return sha256({key: value for key, value in record.items() if key != "digests"})


def digests(record: Mapping[str, object]) -> dict[str, str]:
    """The ``digests`` section for ``record``: one per section, and ``digest_of`` the record."""
    found = {"algorithm": DIGEST_ALGORITHM, **{name: sha256(record[name]) for name in SECTIONS}}
    return {**found, "record": digest_of(record)}


# --- Values as strings ----------------------------------------------------------------------------


def decimal_text(value: Decimal) -> str:
    """A decimal in plain notation, as written (``14``, ``14.50``, never ``1E+1``)."""
    return format(value, "f")


def exact_text(value: Fraction) -> str:
    """An exact value: the shortest plain decimal when it has a finite expansion (``18.3125``),
    else ``numerator/denominator`` in lowest terms (``55/3``)."""
    denominator = value.denominator
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    digits = 0
    while (value * 10**digits).denominator != 1:
        digits += 1
    return decimal_text(round_exact(value, digits, RoundingMode.HALF_EVEN))


# --- Writing ------------------------------------------------------------------------------------


def rule_to_json(rule: Rule, advance: int | None) -> dict[str, object]:
    def optional(value: Decimal | None) -> str | None:
        return None if value is None else decimal_text(value)

    return {
        "method": rule.method.value,
        "scale": {
            "minimum": decimal_text(rule.scale.minimum),
            "maximum": decimal_text(rule.scale.maximum),
            "step": decimal_text(rule.scale.step),
        },
        "rounding": {"places": rule.rounding.places, "mode": rule.rounding.mode.value},
        "abstention": rule.abstention.value,
        "deviation": optional(rule.deviation),
        "round_first_average": rule.round_first_average,
        "outlier_limit": optional(rule.outlier_limit),
        "trim": rule.trim,
        "trim_min_marks": rule.trim_min_marks,
        "yes_quorum": rule.yes_quorum,
        "lower_quorum_by_abstentions": rule.lower_quorum_by_abstentions,
        "min_marks_per_juror": rule.min_marks_per_juror,
        "ties_at_cut": rule.ties_at_cut.value,
        "advance": advance,
    }


def mark_to_json(mark: Mark) -> dict[str, object]:
    score = decimal_text(mark.value) if mark.value is not None else mark.status.value
    vote = None if mark.vote is None else "yes" if mark.vote else "no"
    return {"candidate": mark.candidate, "juror": mark.juror, "score": score, "vote": vote}


def result_to_json(result: CandidateResult) -> dict[str, object]:
    return {
        "candidate": result.candidate,
        "score": decimal_text(result.score),
        "key": [exact_text(part) for part in result.key],
        "rank": result.rank,
        "advanced": result.advanced,
        "explanation": {
            "marks": [
                {
                    "juror": line.juror,
                    "raw": line.raw,
                    "used": None if line.used is None else exact_text(line.used),
                    "note": line.note,
                }
                for line in result.explanation.marks
            ],
            "steps": [{"label": label, "text": text} for label, text in result.explanation.steps],
        },
    }


def build_record(
    *,
    marks: Sequence[Mark],
    rule: Rule,
    preset: str | None,
    stage: int | None,
    advance: int | None,
    decisions: Sequence[Decision] = (),
    title: str = "",
) -> dict[str, object]:
    """The results record of one round, ready for ``json.dumps``. The marks, rule and decisions
    are first written and read back, so the results are computed from exactly what the record
    says; decisions that do not fit the results raise ``ValueError``."""
    rule_json = rule_to_json(rule, advance)
    marks_json = [mark_to_json(mark) for mark in marks]
    decisions_json = decisions_to_json(decisions)
    read_rule, read_advance = rule_from_json(rule_json)
    result = _score(marks_from_json(marks_json), read_rule, read_advance)
    validate_decisions(decisions_from_json(decisions_json), result)
    record: dict[str, object] = {
        "format": FORMAT,
        "title": title,
        "preset": preset,
        "stage": stage,
        "rule": rule_json,
        "marks": marks_json,
        "results": [result_to_json(row) for row in result.results],
        "decisions": decisions_json,
    }
    record["digests"] = digests(record)
    return record


def dump_record(record: Mapping[str, object]) -> str:
    """The record as a file: indented for people; digests do not depend on the layout."""
    return json.dumps(record, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# --- Reading --------------------------------------------------------------------------------------


def _no_float(text: str) -> object:
    raise ValueError(
        f"the number {text} is not allowed: numbers are whole; decimals are written as strings"
    )


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key “{key}” appears twice in one object")
        found[key] = value
    return found


def parse_record(text: str) -> object:
    """Strict JSON: no fractional or exponent numbers, no NaN, no repeated keys."""
    try:
        return json.loads(
            text,
            parse_float=_no_float,
            parse_constant=_no_float,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ValueError("not a results record: JSON nested too deeply") from None


def _decimal(value: object, path: str) -> Decimal:
    text = expect_str(value, path)
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{path}: “{text}” is not a decimal such as “14” or “18.41”")
    return Decimal(text)


def _optional_decimal(value: object, path: str) -> Decimal | None:
    return None if value is None else _decimal(value, path)


def _optional_int(value: object, path: str, minimum: int) -> int | None:
    return None if value is None else expect_int(value, path, minimum=minimum)


def _choice[E: (Method, RoundingMode, Abstention, TieAtCut)](
    value: object, path: str, kind: type[E]
) -> E:
    text = expect_str(value, path)
    try:
        return kind(text)
    except ValueError:
        raise ValueError(
            f"{path}: must be one of {', '.join(member.value for member in kind)}, found “{text}”"
        ) from None


def rule_from_json(data: object, path: str = "rule") -> tuple[Rule, int | None]:
    """The rule and the number advancing, from the ``rule`` section."""
    fields = expect_object(data, path, RULE_FIELDS)
    scale = expect_object(fields["scale"], f"{path}.scale", ("minimum", "maximum", "step"))
    rounding = expect_object(fields["rounding"], f"{path}.rounding", ("places", "mode"))
    bounds = [
        _decimal(scale[name], f"{path}.scale.{name}") for name in ("minimum", "maximum", "step")
    ]
    try:
        read_scale = Scale(*bounds)
    except ValueError as error:
        raise ValueError(f"{path}.scale: {error}") from None
    rule_fields = {
        "method": _choice(fields["method"], f"{path}.method", Method),
        "scale": read_scale,
        "rounding": Rounding(
            expect_int(rounding["places"], f"{path}.rounding.places", minimum=0),
            _choice(rounding["mode"], f"{path}.rounding.mode", RoundingMode),
        ),
        "abstention": _choice(fields["abstention"], f"{path}.abstention", Abstention),
        "deviation": _optional_decimal(fields["deviation"], f"{path}.deviation"),
        "round_first_average": expect_bool(
            fields["round_first_average"], f"{path}.round_first_average"
        ),
        "outlier_limit": _optional_decimal(fields["outlier_limit"], f"{path}.outlier_limit"),
        "trim": expect_int(fields["trim"], f"{path}.trim"),
        "trim_min_marks": expect_int(fields["trim_min_marks"], f"{path}.trim_min_marks"),
        "yes_quorum": _optional_int(fields["yes_quorum"], f"{path}.yes_quorum", 1),
        "lower_quorum_by_abstentions": expect_bool(
            fields["lower_quorum_by_abstentions"], f"{path}.lower_quorum_by_abstentions"
        ),
        "min_marks_per_juror": expect_int(
            fields["min_marks_per_juror"], f"{path}.min_marks_per_juror"
        ),
        "ties_at_cut": _choice(fields["ties_at_cut"], f"{path}.ties_at_cut", TieAtCut),
    }
    advance = _optional_int(fields["advance"], f"{path}.advance", 1)
    try:
        rule = Rule(**rule_fields)  # type: ignore[arg-type]
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
    return rule, advance


def marks_from_json(data: object, path: str = "marks") -> list[Mark]:
    marks: list[Mark] = []
    for i, item in enumerate(expect_list(data, path)):
        here = f"{path}[{i}]"
        fields = expect_object(item, here, ("candidate", "juror", "score", "vote"))
        candidate = expect_str(fields["candidate"], f"{here}.candidate", empty=False)
        juror = expect_str(fields["juror"], f"{here}.juror", empty=False)
        vote_text = fields["vote"]
        vote = None
        if vote_text is not None:
            if not isinstance(vote_text, str) or vote_text not in _VOTES:
                raise ValueError(
                    f"{here}.vote: must be “yes”, “no” or null, found "
                    + (f"“{vote_text}”" if isinstance(vote_text, str) else json_type(vote_text))
                )
            vote = _VOTES[vote_text]
        score = expect_str(fields["score"], f"{here}.score")
        if score in (MarkStatus.STUDENT.value, MarkStatus.ABSENT.value):
            marks.append(Mark(candidate, juror, MarkStatus(score), vote=vote))
        elif _DECIMAL.fullmatch(score):
            marks.append(Mark(candidate, juror, MarkStatus.SCORED, Decimal(score), vote))
        else:
            raise ValueError(f"{here}.score: “{score}” is not a number, “S” or “A”")
    if not marks:
        raise ValueError(f"{path}: a record needs at least one mark")
    return marks


def _results_shape(data: object, path: str = "results") -> list[Mapping[str, object]]:
    """Check the ``results`` section's structure and value syntax; the values themselves are
    compared with the recomputation."""
    rows: list[Mapping[str, object]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(expect_list(data, path)):
        here = f"{path}[{i}]"
        row = expect_object(
            item, here, ("candidate", "score", "key", "rank", "advanced", "explanation")
        )
        name = expect_str(row["candidate"], f"{here}.candidate", empty=False)
        if name in seen:
            raise ValueError(f"{here}.candidate: “{name}” already has results[{seen[name]}]")
        seen[name] = i
        _decimal(row["score"], f"{here}.score")
        for j, part in enumerate(expect_list(row["key"], f"{here}.key")):
            _exact(part, f"{here}.key[{j}]")
        expect_int(row["rank"], f"{here}.rank", minimum=1)
        if row["advanced"] is not None:
            expect_bool(row["advanced"], f"{here}.advanced")
        explanation = expect_object(row["explanation"], f"{here}.explanation", ("marks", "steps"))
        where = f"{here}.explanation"
        for j, line in enumerate(expect_list(explanation["marks"], f"{where}.marks")):
            at = f"{where}.marks[{j}]"
            fields = expect_object(line, at, ("juror", "raw", "used", "note"))
            for key in ("juror", "raw", "note"):
                expect_str(fields[key], f"{at}.{key}")
            if fields["used"] is not None:
                _exact(fields["used"], f"{at}.used")
        for j, step in enumerate(expect_list(explanation["steps"], f"{where}.steps")):
            at = f"{where}.steps[{j}]"
            fields = expect_object(step, at, ("label", "text"))
            for key in ("label", "text"):
                expect_str(fields[key], f"{at}.{key}")
        rows.append(row)
    return rows


def _exact(value: object, path: str) -> None:
    text = expect_str(value, path)
    if not _EXACT.fullmatch(text):
        raise ValueError(f"{path}: “{text}” is not an exact number such as “18.3125” or “55/3”")


def _written_in_full(given: object, written: object, path: str) -> None:
    """Decisions in a record have every member, as ``export`` writes them (a decisions file
    may leave optional members out)."""
    if isinstance(written, dict) and isinstance(given, dict):
        for key, value in written.items():
            if key not in given:
                raise ValueError(f"{path}.{key}: missing")
            _written_in_full(given[key], value, f"{path}.{key}")
    elif isinstance(written, list) and isinstance(given, list):
        for i, (left, right) in enumerate(zip(given, written, strict=True)):
            _written_in_full(left, right, f"{path}[{i}]")
    elif given != written:
        raise ValueError(f"{path}: write {_shown(written)}, not {_shown(given)}")


def _digests_shape(data: object, path: str = "digests") -> Mapping[str, object]:
    fields = expect_object(data, path, ("algorithm", *SECTIONS, "record"))
    if fields["algorithm"] != DIGEST_ALGORITHM:
        raise ValueError(f"{path}.algorithm: must be “{DIGEST_ALGORITHM}”")
    for name in (*SECTIONS, "record"):
        digest = expect_str(fields[name], f"{path}.{name}")
        if not _HEX.fullmatch(digest):
            raise ValueError(f"{path}.{name}: expected 64 lowercase hexadecimal digits")
    return fields


# --- Verifying ------------------------------------------------------------------------------------


def _score(marks: Sequence[Mark], rule: Rule, advance: int | None) -> StageResult:
    try:
        return score_stage(marks, rule, advance=advance)
    except InvalidMarks as error:
        index, message = error.problems[0]
        raise ValueError(f"marks[{index}]: {message}") from None


def _shown(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _compare(path: str, recorded: object, expected: object, label: str, out: list[str]) -> None:
    """Append one line per difference between two JSON values of the same shape."""
    if isinstance(recorded, dict) and isinstance(expected, dict):
        for key in expected:
            _compare(f"{path}.{key}", recorded[key], expected[key], label, out)
    elif isinstance(recorded, list) and isinstance(expected, list):
        if len(recorded) != len(expected):
            out.append(
                f"{path}{label}: recorded {len(recorded)} entries, recomputed {len(expected)}"
            )
        for i, (left, right) in enumerate(zip(recorded, expected, strict=False)):
            _compare(f"{path}[{i}]", left, right, label, out)
    elif recorded != expected:
        out.append(f"{path}{label}: recorded {_shown(recorded)}, recomputed {_shown(expected)}")


def verify_record(record: object) -> list[str]:
    """Recompute ``record`` (a parsed JSON value) from its rule and marks alone and return every
    mismatch as a line; an empty list means the record matches. A malformed record raises
    ``ValueError`` naming the JSON path of the problem (``marks[12].score: …``)."""
    if not isinstance(record, dict):
        raise ValueError(f"the record must be a JSON object, found {json_type(record)}")
    fields = expect_object(record, "", TOP_LEVEL)
    if fields["format"] != FORMAT:
        found = fields["format"]
        raise ValueError(
            f"format: expected “{FORMAT}”, found "
            + (f"“{found}”" if isinstance(found, str) else json_type(found))
        )
    expect_str(fields["title"], "title")
    if fields["preset"] is not None:
        expect_str(fields["preset"], "preset")
    _optional_int(fields["stage"], "stage", 1)
    rule, advance = rule_from_json(fields["rule"])
    marks = marks_from_json(fields["marks"])
    recorded_rows = _results_shape(fields["results"])
    decisions = decisions_from_json(fields["decisions"])
    _written_in_full(fields["decisions"], decisions_to_json(decisions), "decisions")
    recorded_digests = _digests_shape(fields["digests"])

    result = _score(marks, rule, advance)
    mismatches = _result_mismatches(recorded_rows, result)
    mismatches.extend(decision_problems(decisions, result))
    computed = digests(fields)
    for name in (*SECTIONS, "record"):
        if recorded_digests[name] != computed[name]:
            mismatches.append(
                f"digests.{name}: recorded {recorded_digests[name]}, computed {computed[name]}"
            )
    return mismatches


def _result_mismatches(recorded: Sequence[Mapping[str, object]], result: StageResult) -> list[str]:
    expected = [result_to_json(row) for row in result.results]
    by_name = {str(row["candidate"]): row for row in expected}
    out: list[str] = []
    recorded_names = [str(row["candidate"]) for row in recorded]
    for i, row in enumerate(recorded):
        name = recorded_names[i]
        if name not in by_name:
            out.append(f"results[{i}].candidate: “{name}” has no marks in this record")
            continue
        _compare(f"results[{i}]", row, by_name[name], f" (“{name}”)", out)
    missing = [name for name in by_name if name not in recorded_names]
    out.extend(f"results: no entry for “{name}”" for name in missing)
    if not out:
        for i, (name, row) in enumerate(zip(recorded_names, expected, strict=True)):
            if name != row["candidate"]:
                out.append(
                    f"results[{i}]: out of ranking order: recorded “{name}”, "
                    f"recomputed “{row['candidate']}”"
                )
                break
    return out


# --- Command line -------------------------------------------------------------------------------


def _read_json(path: str) -> object:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a directory, not a JSON file") from None
    except UnicodeDecodeError as error:
        raise InputError(path, None, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(path, None, f"cannot be read ({error.strerror or error})") from None
    try:
        return parse_record(text)
    except ValueError as error:
        raise InputError(path, None, str(error)) from None


def export_command(args: argparse.Namespace, out: TextIO) -> None:
    """``export FILE --preset NAME [--stage K] [--advance N] [--decisions FILE] [--title T]
    [-o FILE]``: write the record, to ``--output`` or to ``out``."""
    rule = named_preset(args.preset, stage=args.stage)
    marks = read_marks(args.file, rule).marks
    decisions: tuple[Decision, ...] = ()
    if args.decisions:
        data = _read_json(args.decisions)
        try:
            decisions = decisions_from_json(data)
        except ValueError as error:
            raise InputError(args.decisions, None, str(error)) from None
    try:
        record = build_record(
            marks=marks,
            rule=rule,
            preset=args.preset,
            stage=args.stage,
            advance=args.advance,
            decisions=decisions,
            title=args.title,
        )
    except ValueError as error:
        raise InputError(args.decisions or args.file, None, str(error)) from None
    text = dump_record(record)
    if args.output is None:
        out.write(text)
        return
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(
            args.output, None, f"cannot be written ({error.strerror or error})"
        ) from None
    out.write(f"{args.output}: {_summary(record)}\n")


def _summary(record: Mapping[str, object]) -> str:
    def count(section: str) -> int:
        value = record[section]
        return len(value) if isinstance(value, list) else 0

    record_digest = record["digests"]
    assert isinstance(record_digest, dict)
    return (
        f"{_plural(count('results'), 'candidate')}, {_plural(count('marks'), 'mark')}, "
        f"{_plural(count('decisions'), 'decision')}; record SHA-256 {record_digest['record']}"
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def verify_command(args: argparse.Namespace, out: TextIO) -> int:
    """``verify RECORD``: 0 and ``match: …`` when everything recomputes, else 1 and one line per
    mismatch. A malformed record raises ``InputError`` (the command line exits 2)."""
    record = _read_json(args.record)
    try:
        mismatches = verify_record(record)
    except ValueError as error:
        raise InputError(args.record, None, str(error)) from None
    assert isinstance(record, dict)
    if not mismatches:
        title = record["title"] or args.record
        out.write(f"match: {title}: {_summary(record)}\n")
        return 0
    for line in mismatches:
        out.write(f"mismatch: {line}\n")
    out.write(f"{len(mismatches)} mismatch{'es' if len(mismatches) > 1 else ''}\n")
    return 1
