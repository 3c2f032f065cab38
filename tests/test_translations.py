"""The Simplified Chinese catalogue is complete, well-formed and in step with the code.

None of these tests needs the database or a compiled ``.mo`` file: they read
``locale/zh_Hans/LC_MESSAGES/django.po`` itself.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
CATALOGUE_IN_REPO = Path("locale") / "zh_Hans" / "LC_MESSAGES" / "django.po"
CATALOGUE = REPO / CATALOGUE_IN_REPO

# A python-format placeholder: %(name)s, %s, %d (and the other conversions Django strings use).
# "%%" is a literal percent sign and is removed before matching.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")

HOW_TO_UPDATE = (
    "Run `make messages-update` (or `.venv/bin/python manage.py makemessages -l zh_Hans "
    "--ignore=.venv --ignore=staticfiles --ignore=data --no-location`), then translate the new "
    "entries in locale/zh_Hans/LC_MESSAGES/django.po and remove any that became obsolete (#~)."
)


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def entry_key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def describe(key: tuple[str, str, str]) -> str:
    context, msgid, plural = key
    text = repr(msgid)
    if plural:
        text += f" / plural {plural!r}"
    if context:
        text += f" (context {context!r})"
    return text


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def test_catalogue_is_fully_translated(catalogue):
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    obsolete = [entry.msgid for entry in catalogue.obsolete_entries()]
    assert not untranslated, f"Untranslated entries: {untranslated}"
    assert not fuzzy, f"Fuzzy entries (check the translation, then drop the flag): {fuzzy}"
    assert not obsolete, f"Obsolete entries (delete them): {obsolete}"
    assert not catalogue.metadata_is_fuzzy, "The header is still marked fuzzy."


def test_header_declares_chinese_with_one_plural_form(catalogue):
    assert catalogue.metadata["Language"] == "zh_Hans"
    assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    for entry in catalogue:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0], (
                f"{entry.msgid!r} must have exactly one form, msgstr[0]"
            )


def test_translations_keep_the_placeholders(catalogue):
    problems = []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            # Chinese has a single form, used for every count: it renders like msgid_plural.
            expected = placeholders(entry.msgid_plural)
            translations = list(entry.msgstr_plural.values())
        else:
            expected = placeholders(entry.msgid)
            translations = [entry.msgstr]
        for translation in translations:
            found = placeholders(translation)
            if found != expected:
                problems.append(
                    f"{entry.msgid!r} -> {translation!r}: expected {sorted(expected.elements())}, "
                    f"found {sorted(found.elements())}"
                )
    assert not problems, "Placeholders differ from the English:\n" + "\n".join(problems)


def test_page_not_found_title(catalogue):
    assert catalogue.find("Page not found").msgstr == "页面不存在"


def test_catalogue_matches_the_strings_in_the_code(tmp_path):
    """Regenerate the catalogue from a copy of the code; its msgids must equal the committed ones."""
    shutil.copytree(
        REPO / "concours", tmp_path / "concours", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy2(REPO / "manage.py", tmp_path / "manage.py")
    shutil.copytree(REPO / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "concours.settings",
        "CONCOURS_DATA_DIR": str(tmp_path / "data"),
        "STATIC_ROOT": str(tmp_path / "static"),
        # The copy, not the repository, is the "concours" package the command imports.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-location",
            "--ignore=data",
            "--ignore=static",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"

    regenerated = polib.pofile(str(tmp_path / CATALOGUE_IN_REPO))
    in_code = {entry_key(entry) for entry in regenerated if not entry.obsolete}
    committed = {entry_key(entry) for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete}
    missing = sorted(in_code - committed)
    extra = sorted(committed - in_code)
    message = []
    if missing:
        message.append("Strings in the code but not in the catalogue:")
        message.extend(f"  {describe(key)}" for key in missing)
    if extra:
        message.append("Strings in the catalogue that the code no longer uses:")
        message.extend(f"  {describe(key)}" for key in extra)
    message.append(HOW_TO_UPDATE)
    assert not (missing + extra), "\n".join(message)


def test_msgfmt_accepts_the_catalogue():
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt not found: install GNU gettext (apt-get install gettext)."
    result = subprocess.run(
        [msgfmt, "--check", "--output-file", os.devnull, str(CATALOGUE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt --check failed:\n{result.stderr}"
