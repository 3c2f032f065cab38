"""The interchange format of a competition edition, ``concours-edition`` 1.0: typed document,
``parse`` (every problem, with JSON pointers) and canonical ``dump``
(docs/algorithms/interchange.md). Pure: no Django."""

from concours.interchange.dump import dump, to_json
from concours.interchange.jsontext import MAX_BYTES
from concours.interchange.model import (
    FORMAT,
    VERSION,
    Award,
    BirthWindow,
    Candidate,
    City,
    Competition,
    Division,
    Document,
    Edition,
    Fee,
    Juror,
    Prize,
    Ranked,
    Result,
    Round,
    Scoring,
    Text,
)
from concours.interchange.parse import parse
from concours.interchange.problems import MESSAGES, Problem, pointer

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MESSAGES",
    "VERSION",
    "Award",
    "BirthWindow",
    "Candidate",
    "City",
    "Competition",
    "Division",
    "Document",
    "Edition",
    "Fee",
    "Juror",
    "Prize",
    "Problem",
    "Ranked",
    "Result",
    "Round",
    "Scoring",
    "Text",
    "dump",
    "parse",
    "pointer",
    "to_json",
]
