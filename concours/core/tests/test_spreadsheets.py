import pytest

from concours.core.spreadsheets import safe_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-2", "'-2"), ("@a", "'@a"),
     ("\tx", "'\tx"), ("Anna", "Anna"), ("", ""), (None, ""), (12, "12")],
)  # fmt: skip
def test_formulas_are_kept_as_text(value, cell):
    assert safe_cell(value) == cell
