import pytest
from django.utils import translation

from concours.core.bilingual import pick, pick_stored


@pytest.mark.parametrize(
    ("language", "values", "expected"),
    [
        ("en", ("Final", "决赛"), "Final"),
        ("zh-hans", ("Final", "决赛"), "决赛"),
        ("zh-hans", ("Final", ""), "Final"),  # the other language rather than a blank
        ("en", ("  ", "决赛"), "决赛"),
        ("en", ("", ""), ""),
    ],
)
def test_a_stored_row_reads_as_the_descriptor_does(language, values, expected):
    with translation.override(language):
        assert pick_stored(*values) == expected
        assert pick_stored(*values) == pick({"en": values[0], "zh": values[1]})


def test_a_stored_row_must_have_every_language():
    with pytest.raises(ValueError, match="zip"):
        pick_stored("Final")
