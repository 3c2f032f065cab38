"""The translatable catalogue keeps step with the core's messages."""

from django.utils import translation

from concours.interchange import MESSAGES, Problem
from concours.opendata import messages


def test_catalogue_matches_the_core():
    with translation.override("en"):
        assert {code: str(text) for code, text in messages.MESSAGES.items()} == MESSAGES


def test_line_names_file_path_and_message():
    problem = Problem("required", "/edition/year")
    assert messages.line("a.json", problem) == "a.json: /edition/year: This member is required."
    assert messages.line("a.json", Problem("not_object", "")) == "a.json: /: Expected an object."
