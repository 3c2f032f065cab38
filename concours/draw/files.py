"""The command line's files: candidates from CSV, seeds, records (spec §8). Every problem is an
``InputError`` naming the file, and the line where there is one."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from concours.draw.collation import fold
from concours.draw.lot import is_hex_digest
from concours.draw.model import Candidate, normalise, text_problem
from concours.draw.record import parse_record


class InputError(ValueError):
    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


def read_text(path: str) -> str:
    """A UTF-8 text file (a byte-order mark is skipped)."""
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a directory, not a file") from None
    except UnicodeDecodeError as error:
        raise InputError(path, None, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(path, None, f"cannot be read ({error.strerror or error})") from None


def read_record(path: str) -> object:
    try:
        return parse_record(read_text(path))
    except InputError:
        raise
    except ValueError as error:
        raise InputError(path, None, str(error)) from None


def read_seed(path: str) -> str:
    seed = read_text(path).strip()
    if not is_hex_digest(seed):
        raise InputError(path, None, "not a seed: expected 64 lowercase hexadecimal digits")
    return seed


def write_new_file(path: str, text: str, *, private: bool = False) -> None:
    """Write ``text`` to a file that must not exist yet (a seed is never overwritten); a private
    file is readable by its owner only."""
    try:
        descriptor = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o644
        )
    except FileExistsError:
        raise InputError(path, None, "already exists; choose another name") from None
    except OSError as error:
        raise InputError(path, None, f"cannot be written ({error.strerror or error})") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


def write_file(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(path, None, f"cannot be written ({error.strerror or error})") from None


def parse_candidates(content: str, *, name: str = "<candidates>") -> list[Candidate]:
    """Candidates from CSV with the columns ``id``, ``family_name`` and, optionally,
    ``given_name`` (any order, any other columns ignored); blank lines are skipped."""
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(name, None, "the file is empty; expected a header row") from None
    except csv.Error as error:
        raise InputError(name, 1, f"not valid CSV ({error})") from None
    columns = {title.strip().lower(): index for index, title in enumerate(header)}
    missing = [column for column in ("id", "family_name") if column not in columns]
    if missing:
        raise InputError(name, 1, f"missing column {', '.join(missing)}")
    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            line = reader.line_num
            candidate = _candidate(row, columns, name, line)
            if candidate.id in seen:
                raise InputError(
                    name, line, f"the id “{candidate.id}” is already on line {seen[candidate.id]}"
                )
            seen[candidate.id] = line
            candidates.append(candidate)
    except csv.Error as error:
        raise InputError(name, reader.line_num, f"not valid CSV ({error})") from None
    if not candidates:
        raise InputError(name, None, "no candidates after the header row")
    return candidates


def _candidate(row: list[str], columns: dict[str, int], name: str, line: int) -> Candidate:
    def cell(column: str) -> str:
        index = columns.get(column)
        return normalise(row[index]) if index is not None and index < len(row) else ""

    values = {column: cell(column) for column in ("id", "family_name", "given_name")}
    for column, value in values.items():
        problem = text_problem(value, empty=column == "given_name")
        if problem is not None:
            raise InputError(name, line, f"{column} {problem}")
    if not fold(values["family_name"]):
        raise InputError(name, line, "family_name has no letter or digit to sort by")
    return Candidate(values["id"], values["family_name"], values["given_name"])
