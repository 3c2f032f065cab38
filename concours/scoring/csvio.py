"""Marks from CSV files and results to CSV (the command line's contract, spec §8).

Every problem is reported as ``InputError`` naming the file and line, so the command line can
print one clear message instead of a traceback.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from concours.scoring.engine import InvalidMarks, check_marks
from concours.scoring.model import Mark, MarkStatus, Rule, StageResult

REQUIRED = ("candidate", "juror", "score")
VOTES = {"yes": True, "y": True, "no": False, "n": False}


class InputError(ValueError):
    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class StageFile:
    path: str
    marks: tuple[Mark, ...]
    lines: tuple[int, ...]  # the file line of each mark


def read_marks(path: str | Path, rule: Rule) -> StageFile:
    """Read and check a stage's marks; raise ``InputError`` for the first problem found."""
    name = str(path)
    try:
        content = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(name, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, None, "is a directory, not a CSV file") from None
    except UnicodeDecodeError as error:
        raise InputError(name, None, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(name, None, f"cannot be read ({error.strerror or error})") from None
    return parse_marks(content, rule, name=name)


def parse_marks(content: str, rule: Rule, *, name: str = "<marks>") -> StageFile:
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(name, None, "the file is empty; expected a header row") from None
    except csv.Error as error:
        raise InputError(name, 1, f"not valid CSV ({error})") from None
    columns = {title.strip().lower(): index for index, title in enumerate(header)}
    needed = [*REQUIRED, "vote"] if rule.uses_votes else list(REQUIRED)
    missing = [column for column in needed if column not in columns]
    if missing:
        raise InputError(
            name, 1, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
        )
    marks: list[Mark] = []
    lines: list[int] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            marks.append(_mark(row, columns, rule, name, line))
            lines.append(line)
    except csv.Error as error:
        raise InputError(name, reader.line_num, f"not valid CSV ({error})") from None
    if not marks:
        raise InputError(name, None, "no marks after the header row")
    try:
        check_marks(marks, rule)
    except InvalidMarks as error:
        index, message = error.problems[0]
        raise InputError(name, lines[index], message) from None
    return StageFile(name, tuple(marks), tuple(lines))


def _cell(row: Sequence[str], columns: dict[str, int], column: str) -> str:
    index = columns[column]
    return row[index].strip() if index < len(row) else ""


def _mark(row: Sequence[str], columns: dict[str, int], rule: Rule, name: str, line: int) -> Mark:
    candidate, juror = _cell(row, columns, "candidate"), _cell(row, columns, "juror")
    if not candidate or not juror:
        raise InputError(name, line, "the candidate and the juror must be named")
    raw = _cell(row, columns, "score")
    vote = None
    if rule.uses_votes:
        raw_vote = _cell(row, columns, "vote").lower()
        if raw_vote not in VOTES and raw_vote != "":
            raise InputError(name, line, f"vote “{raw_vote}” is not YES or NO")
        vote = VOTES.get(raw_vote)
    if raw.upper() == "S":
        return Mark(candidate, juror, MarkStatus.STUDENT, vote=vote)
    if raw == "" or raw.upper() == "A":
        return Mark(candidate, juror, MarkStatus.ABSENT, vote=vote)
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise InputError(name, line, f"score “{raw}” is not a number, S or A") from None
    if not value.is_finite():
        raise InputError(name, line, f"score “{raw}” is not a number, S or A")
    return Mark(candidate, juror, MarkStatus.SCORED, value=value, vote=vote)


def write_stage(result: StageResult) -> str:
    """``candidate,score,rank,advanced`` in rank order (spec §8.1)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["candidate", "score", "rank", "advanced"])
    for row in result.results:
        advanced = "" if row.advanced is None else "yes" if row.advanced else "no"
        writer.writerow([row.candidate, f"{row.score:.2f}", row.rank, advanced])
    return out.getvalue()


def write_result(rows: Sequence[tuple[str, Decimal, int, bool | None]]) -> str:
    """``candidate,result,rank`` in rank order (spec §8.2)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["candidate", "result", "rank"])
    for candidate, value, position, _advanced in rows:
        writer.writerow([candidate, f"{value:.2f}", position])
    return out.getvalue()
