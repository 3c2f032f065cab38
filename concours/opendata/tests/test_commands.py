"""manage.py export_edition and import_edition."""

import pytest
from django.core.management import CommandError, call_command

from concours.competitions.models import Edition
from concours.opendata.tests.factories import (
    example,
    example_text,
    federation_with_disciplines,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def federation():
    return federation_with_disciplines()


def test_import_then_export_gives_the_same_file(federation, tmp_path, capsys):
    source = tmp_path / "in.json"
    source.write_text(example_text(), encoding="utf-8")
    call_command("import_edition", str(source))
    assert capsys.readouterr().out.startswith(f"{source}: imported ")
    target = tmp_path / "out.json"
    call_command("export_edition", "harbin", "2025", "-o", str(target))
    assert target.read_bytes() == source.read_bytes()
    call_command("export_edition", "harbin", "2025")
    assert capsys.readouterr().out == example_text()


def test_export_of_an_unknown_edition():
    with pytest.raises(CommandError, match=r"No public edition nowhere 2025\."):
        call_command("export_edition", "nowhere", "2025")


def test_invalid_import_exits_2_with_every_problem(federation, tmp_path, capsys):
    bad = example()
    bad["edition"]["starts_on"] = "2025-02-30"
    bad["jury"][0]["division"] = "harp"
    source = tmp_path / "bad.json"
    source.write_bytes(text_of(bad))
    with pytest.raises(SystemExit) as exit_:
        call_command("import_edition", str(source))
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{source}: /edition/starts_on: “2025-02-30” is not a date; write it as YYYY-MM-DD.",
        f"{source}: /jury/0/division: No division has the code “harp”.",
    ]
    assert Edition.objects.count() == 0


def test_dry_run_and_missing_file(federation, tmp_path, capsys):
    source = tmp_path / "in.json"
    source.write_text(example_text(), encoding="utf-8")
    call_command("import_edition", str(source), "--dry-run")
    assert capsys.readouterr().out.startswith(f"{source}: would import ")
    assert Edition.objects.count() == 0
    with pytest.raises(SystemExit):
        call_command("import_edition", str(tmp_path / "none.json"))
    assert capsys.readouterr().err == f"{tmp_path / 'none.json'}: No such file or directory\n"
    with pytest.raises(SystemExit):
        call_command("import_edition", str(source), "--federation", "XYZ")
