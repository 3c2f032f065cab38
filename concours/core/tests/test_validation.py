import pytest

from concours.core.validation import LARGEST_STORED, whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("007", 7),
        (str(LARGEST_STORED), LARGEST_STORED),
        (str(LARGEST_STORED + 1), None),  # past what a database column holds
        ("9" * 5000, None),  # int() would refuse it (and take time)
        ("", None),
        ("²", None),  # a digit for str.isdigit, not for int
        ("٣", None),  # an Arabic-Indic three: int() reads it, an id is ASCII
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1.0", None),
    ],
)
def test_whole_number(text, expected):
    assert whole_number(text) == expected


def test_whole_number_up_to_a_maximum():
    assert whole_number("100", maximum=100) == 100
    assert whole_number("101", maximum=100) is None
    assert whole_number("1000", maximum=100) is None
