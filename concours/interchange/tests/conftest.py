import copy
import json
import re
from pathlib import Path

import pytest

from concours.interchange import parse

SPEC = Path(__file__).resolve().parents[3] / "docs" / "algorithms" / "interchange.md"


def spec_example() -> str:
    """The complete example of the spec (§11), as written there."""
    return re.search(r"```json\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)[1]


@pytest.fixture
def example_text() -> str:
    return spec_example()


@pytest.fixture
def example() -> dict:
    return copy.deepcopy(json.loads(spec_example()))


def problems_of(value) -> list[tuple[str, str]]:
    """(path, code) of every problem of a document given as JSON values or text."""
    text = value if isinstance(value, (str, bytes)) else json.dumps(value, ensure_ascii=False)
    found = parse(text)
    assert isinstance(found, list), "expected problems, the document is valid"
    return [(problem.path, problem.code) for problem in found]
