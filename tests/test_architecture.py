"""The layering rules of docs/architecture.md, checked on the source."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "concours"

#: Packages that must stay free of Django (and of the rest of the project's Django code).
PURE_CORES = [
    "eligibility",
    "scoring",
    "repertoire",
    "hashchain",
    "conflicts",
    "draw",
    "interchange",
    "timetable",
    "voting",
]

#: Each app may import only from the apps listed before it (lower layers).
LAYERS = [
    "core",
    "accounts",
    "ledger",
    "federation",
    "competitions",
    "applications",
    "jury",
    "draws",
    "results",
    "uploads",
    "preselection",
    "publication",
    "events",
    "masterclasses",
    "assembly",
    "cooperation",
    "directory",
    "opendata",
    "api",
    "demo",
]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("core", PURE_CORES)
def test_pure_core_imports_no_django(core):
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / core).rglob("*.py")
        if "tests" not in path.parts
        for name in _imports(path)
        if name.split(".")[0] == "django"
        or (name.startswith("concours.") and not name.startswith(f"concours.{core}"))
    ]
    assert offenders == []


@pytest.mark.parametrize("app", LAYERS)
def test_app_imports_only_lower_layers(app):
    higher = LAYERS[LAYERS.index(app) + 1 :]
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / app).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for name in _imports(path)
        if any(
            name == f"concours.{upper}" or name.startswith(f"concours.{upper}.") for upper in higher
        )
    ]
    assert offenders == []


def test_no_module_is_too_long():
    long_modules = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts
        and len(path.read_text(encoding="utf-8").splitlines()) > 600
    ]
    assert long_modules == []


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "No changes detected"
