"""``python -m concours.scoring analyse …``: the analyses as plain-text tables (spec
scoring-analysis §7). Bad input raises ``InputError`` (file and line) or ``ValueError``."""

from __future__ import annotations

import argparse
import csv
import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TextIO

from concours.scoring.analysis.compare import compare_methods
from concours.scoring.analysis.jurors import OUTLIER_SPREADS, juror_patterns, panel_spread
from concours.scoring.analysis.loo import JurorImpact, leave_one_juror_out
from concours.scoring.analysis.order import RankCorrelation, order_effect
from concours.scoring.csvio import InputError, StageFile, read_marks
from concours.scoring.engine import score_stage
from concours.scoring.model import Rule
from concours.scoring.numbers import RoundingMode, round_exact
from concours.scoring.presets import preset

WHOLE_NUMBER = re.compile(r"[0-9]+")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> list[str]:
    """Columns padded to their widest cell, each left- (``l``) or right-aligned (``r``) as
    ``align`` says; trailing spaces removed."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(width) if align[i] == "l" else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def fixed(value: Fraction | Decimal | None, places: int = 2, *, sign: bool = False) -> str:
    """A number for a table, rounded half-even; ``—`` when undefined."""
    if value is None:
        return "—"
    rounded = round_exact(value, places, RoundingMode.HALF_EVEN)
    return f"{rounded:+}" if sign else str(rounded)


def names(candidates: Sequence[str]) -> str:
    return ", ".join(candidates) if candidates else "—"


def _title(args: argparse.Namespace, what: str, method: str) -> list[str]:
    stage = f" (stage {args.stage})" if args.stage else ""
    return [f"{what} — {method}{stage}", f"marks: {args.file}"]


def _rule_and_marks(args: argparse.Namespace) -> tuple[Rule, StageFile]:
    rule = preset(args.preset, stage=args.stage)
    return rule, read_marks(args.file, rule)


def loo(args: argparse.Namespace, out: TextIO) -> None:
    rule, stage = _rule_and_marks(args)
    impacts = leave_one_juror_out(stage.marks, rule, advance=args.advance, top=args.top)
    watched = f"places 1–{args.top}" if args.top > 1 else "place 1"
    candidates = len({mark.candidate for mark in stage.marks})
    advancing = f"{args.advance} advance" if args.advance else "no --advance given"
    lines = [
        *_title(args, "Leave one juror out", args.preset),
        f"{candidates} candidates, {len(impacts)} jurors, {advancing}, {watched} watched",
        "",
        *table(
            ["juror", "marks", "advance in", "advance out", watched, "ranks moved"],
            [
                [
                    impact.juror,
                    str(impact.scored),
                    str(len(impact.entering)) if args.advance else "—",
                    str(len(impact.leaving)) if args.advance else "—",
                    "changed" if impact.changes_top else "same",
                    str(impact.moved),
                ]
                for impact in impacts
            ],
            "lrrrlr",
        ),
    ]
    for impact in impacts:
        lines.extend(_impact_lines(impact))
    advancers = sum(1 for impact in impacts if impact.changes_advancers)
    top = sum(1 for impact in impacts if impact.changes_top)
    verb = "change" if args.top > 1 else "changes"
    summary = f"{watched} {verb} without {top} of {len(impacts)} jurors"
    if args.advance:
        summary = f"the advancers change without {advancers} of {len(impacts)} jurors; " + summary
    lines += ["", summary[0].upper() + summary[1:] + "."]
    out.write("\n".join(lines) + "\n")


def _impact_lines(impact: JurorImpact) -> list[str]:
    details = []
    if impact.entering:
        details.append(f"  would advance: {names(impact.entering)}")
    if impact.leaving:
        details.append(f"  would not advance: {names(impact.leaving)}")
    details.extend(
        f"  place {change.place}: {names(change.with_juror)} → {names(change.without_juror)}"
        for change in impact.places
    )
    if impact.unscored:
        details.append(f"  no usable mark left, cannot be ranked: {names(impact.unscored)}")
    return ["", f"Without {impact.juror}:", *details] if details else []


def compare(args: argparse.Namespace, out: TextIO) -> None:
    chosen = [name.strip() for name in args.presets.split(",")]
    if "" in chosen:
        raise ValueError("--presets: an empty preset name (write names separated by commas)")
    repeated = sorted({name for name in chosen if chosen.count(name) > 1})
    if repeated:
        raise ValueError(f"--presets: “{repeated[0]}” is named twice")
    rules = {name: preset(name, stage=args.stage) for name in chosen}
    files: list[StageFile] = []
    for name, rule in rules.items():
        try:
            files.append(read_marks(args.file, rule))
        except InputError as error:
            if error.line is None:
                raise
            raise InputError(error.path, error.line, f"{error.message} (preset “{name}”)") from None
    # A YES/NO rule reads the vote column too; its marks suit every other rule as well.
    voting = [file for file, rule in zip(files, rules.values(), strict=True) if rule.uses_votes]
    marks = (voting or files)[0].marks
    comparison = compare_methods(marks, rules, advance=args.advance)
    first = comparison.results[0]
    rows = {
        name: {row.candidate: row for row in result.results}
        for name, result in zip(comparison.names, comparison.results, strict=True)
    }
    advancing = f"{args.advance} advance" if args.advance else "no --advance given"
    lines = [
        *_title(args, "Methods compared", ", ".join(comparison.names)),
        f"{len(first.results)} candidates, {advancing}; each cell: rank and score",
        "",
        *table(
            ["candidate", *comparison.names],
            [
                [
                    row.candidate,
                    *(
                        f"{rows[name][row.candidate].rank} {rows[name][row.candidate].score}"
                        for name in comparison.names
                    ),
                ]
                for row in first.results
            ],
            "l" + "r" * len(comparison.names),
        ),
        "",
        "Pairs (tau-b: Kendall's rank correlation with ties, 1 = same order, −1 = reversed;",
        "C/D: concordant/discordant pairs of candidates; ties: pairs tied in A / in B)",
        "",
        *table(
            ["A", "B", "tau-b", "C", "D", "ties", "advance under A only", "under B only"],
            [
                [
                    pair.first,
                    pair.second,
                    fixed(pair.tau.value, 4),
                    str(pair.tau.concordant),
                    str(pair.tau.discordant),
                    f"{pair.tau.tied_first}/{pair.tau.tied_second}",
                    str(len(pair.only_first)),
                    str(len(pair.only_second)),
                ]
                for pair in comparison.pairs
            ],
            "llrrrrrr",
        ),
    ]
    for pair in comparison.pairs:
        if pair.only_first or pair.only_second:
            lines += [
                "",
                f"{pair.first} vs {pair.second}:",
                f"  advance under {pair.first} only: {names(pair.only_first)}",
                f"  advance under {pair.second} only: {names(pair.only_second)}",
            ]
    out.write("\n".join(lines) + "\n")


def jurors(args: argparse.Namespace, out: TextIO) -> None:
    _rule, stage = _rule_and_marks(args)
    panel = panel_spread(stage.marks)
    patterns = juror_patterns(stage.marks)
    flagged = [pattern for pattern in patterns if pattern.flags]
    lines = [
        *_title(args, "Juror patterns", args.preset),
        f"{panel.marks} marks by {len(patterns)} jurors; panel mean {fixed(panel.mean)}, "
        f"spread {fixed(panel.spread)} (population SD of all marks)",
        "leniency: mean of (mark − the other jurors' mean for the candidate); r: Pearson",
        "correlation with the other jurors' means; flags: reversed when r < 0, outlier when",
        f"|leniency| > {OUTLIER_SPREADS} × the panel's spread",
        "",
        *table(
            ["juror", "marks", "S/A", "mean", "leniency", "spread", "r", "flags"],
            [
                [
                    pattern.juror,
                    str(pattern.marks),
                    str(pattern.abstentions),
                    fixed(pattern.mean),
                    fixed(pattern.leniency, sign=True),
                    fixed(pattern.spread),
                    fixed(pattern.correlation, 4),
                    ", ".join(pattern.flags),
                ]
                for pattern in patterns
            ],
            "lrrrrrrl",
        ),
        "",
        f"Flagged: {len(flagged)} of {len(patterns)} jurors"
        + (f" ({names([pattern.juror for pattern in flagged])})" if flagged else "")
        + ".",
    ]
    out.write("\n".join(lines) + "\n")


def read_order(
    path: str, candidates: Sequence[str]
) -> tuple[dict[str, int], dict[str, int] | None]:
    """Positions (and days) from ``candidate,position[,day]`` (spec §7.2); every candidate of
    the stage once, no one else; a position (with its day) only once."""
    try:
        content = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a directory, not a CSV file") from None
    except UnicodeDecodeError as error:
        raise InputError(path, None, f"not UTF-8 text (byte {error.start})") from None
    reader = csv.reader(io.StringIO(content, newline=""))
    known = set(candidates)
    order: dict[str, int] = {}
    days: dict[str, int] = {}
    seen: dict[tuple[int | None, int], tuple[str, int]] = {}
    lines: dict[str, int] = {}
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(path, None, "the file is empty; expected a header row")
        columns = {title.strip().lower(): index for index, title in enumerate(header)}
        missing = [column for column in ("candidate", "position") if column not in columns]
        if missing:
            raise InputError(
                path, 1, f"missing column{'s' * (len(missing) > 1)} {', '.join(missing)}"
            )
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            name = _cell(row, columns, "candidate")
            if name not in known:
                raise InputError(path, line, f"no candidate named “{name}” in the marks")
            if name in lines:
                raise InputError(
                    path, line, f"“{name}” is listed twice (first on line {lines[name]})"
                )
            position = _whole(path, line, "position", _cell(row, columns, "position"))
            day = (
                _whole(path, line, "day", _cell(row, columns, "day")) if "day" in columns else None
            )
            if (day, position) in seen:
                other, first_line = seen[(day, position)]
                where = f"position {position}" + (f" on day {day}" if day is not None else "")
                raise InputError(path, line, f"{where} is already “{other}”'s (line {first_line})")
            seen[(day, position)] = (name, line)
            lines[name], order[name] = line, position
            if day is not None:
                days[name] = day
    except csv.Error as error:
        raise InputError(path, reader.line_num, f"not valid CSV ({error})") from None
    absent = [name for name in candidates if name not in order]
    if absent:
        raise InputError(path, None, f"no position for “{absent[0]}” ({len(absent)} missing)")
    return order, (days if "day" in columns else None)


def _cell(row: Sequence[str], columns: dict[str, int], column: str) -> str:
    index = columns[column]
    return row[index].strip() if index < len(row) else ""


def _whole(path: str, line: int, what: str, raw: str) -> int:
    if not WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise InputError(path, line, f"{what} “{raw}” is not a whole number from 1")
    return int(raw)


def order(args: argparse.Namespace, out: TextIO) -> None:
    rule, stage = _rule_and_marks(args)
    result = score_stage(stage.marks, rule)
    scores = {row.candidate: row.score for row in result.results}
    positions, days = read_order(args.order, [row.candidate for row in result.results])
    effect = order_effect(
        scores, positions, day=days, permutations=args.permutations, seed=args.seed
    )
    tests = [("overall position", effect.overall)]
    if effect.within_day is not None:
        tests.append(("position within the day", effect.within_day))
    lines = [
        *_title(args, "Order of appearance", args.preset),
        f"{len(scores)} candidates; order of appearance: {args.order}",
        "rho: Spearman's rank correlation of position and stage score (positive: later",
        f"performers score higher); p: two-sided permutation test with random.Random({args.seed}),",
        f"{args.permutations} permutations, p = (as extreme + 1) / (permutations + 1)",
        "",
        *table(
            ["position", "rho", "as extreme", "p"],
            [[label, fixed(test.rho, 4), *_test_cells(test)] for label, test in tests],
            "lrrl",
        ),
    ]
    out.write("\n".join(lines) + "\n")


def _test_cells(test: RankCorrelation) -> list[str]:
    if test.p_value is None:
        return ["—", "— (no variation)"]
    return [str(test.as_extreme), f"{test.p_value} ≈ {fixed(test.p_value, 4)}"]


ANALYSES: dict[str, Callable[[argparse.Namespace, TextIO], None]] = {
    "loo": loo,
    "compare": compare,
    "jurors": jurors,
    "order": order,
}


def analyse_command(args: argparse.Namespace, out: TextIO) -> None:
    ANALYSES[args.analysis](args, out)
