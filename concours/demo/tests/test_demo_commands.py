"""The demo's two management commands: ``load_demo`` and ``demo_logins``."""

import io
import zoneinfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from concours.accounts.models import User
from concours.applications.models import Application, ApplicationStatus
from concours.assembly.models import Delegate
from concours.competitions.models import Edition, JuryMember
from concours.competitions.tests.factories import CompetitionFactory
from concours.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from concours.demo.services import DemoSummary, load_demo
from concours.demo.tests.test_demo import LOADED_LIVE, _counts


@pytest.fixture
def demo(db) -> DemoSummary:
    return load_demo(live=False)


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_demo_command_if_empty_loads_once(db):
    loaded, logins = _call("load_demo", "--if-empty").splitlines()
    assert LOADED_LIVE.fullmatch(loaded)
    assert logins == "See the log-ins with: manage.py demo_logins"
    counts = _counts()
    assert (
        _call("load_demo", "--if-empty")
        == "Demo data not loaded: the database already has competitions.\n"
    )
    assert _counts() == counts


def test_load_demo_command_if_empty_leaves_other_data_alone(db):
    CompetitionFactory()
    assert (
        _call("load_demo", "--if-empty")
        == "Demo data not loaded: the database already has competitions.\n"
    )
    assert _counts()["Competition"] == 1


def test_load_demo_command_refuses_without_the_flag_when_data_exists(demo):
    with pytest.raises(CommandError) as caught:
        call_command("load_demo", stdout=io.StringIO())
    assert str(caught.value) == (
        "Refusing to load the demo data: the database already has competitions. "
        "The demo goes into an empty database only."
    )
    assert _counts()["Competition"] == 8


def test_load_demo_command_refuses_when_a_demo_email_is_taken(db):
    User.objects.create_user("admin@example.org", "secret", full_name="Someone")
    with pytest.raises(
        CommandError, match=r"demo e-mail addresses are already in use \(admin@example.org\)"
    ):
        call_command("load_demo", stdout=io.StringIO())
    assert _counts()["Competition"] == 0


def test_load_demo_command_reports_progress_when_verbose(db):
    lines = _call("load_demo", "-v", "2").splitlines()
    assert lines[0] == "WFIMC, 7 disciplines, 7 cities"
    assert LOADED_LIVE.fullmatch(lines[-2])
    assert lines[-1] == "See the log-ins with: manage.py demo_logins"
    assert any(line.startswith("Schoenfeld 2025: first live rounds published") for line in lines)


def test_demo_logins_prints_every_role(demo):
    lines = _call("demo_logins").splitlines()
    assert lines[0] == f"Demo log-ins (every one has the password “{DEMO_PASSWORD}”):"
    assert [line.split()[0] for line in lines[3:9]] == [
        "secretariat@example.org",
        "office.schoenfeld@example.org",
        "office.queen-elisabeth@example.org",
        "juror@example.org",
        "candidate@example.org",
        "admin@example.org",
    ]
    juror_name = JuryMember.objects.filter(user__email="juror@example.org").first().name_en
    assert [cell.strip() for cell in lines[6].split("  ") if cell.strip()] == [
        "juror@example.org",
        juror_name,
        "Juror, Schoenfeld 2025 and 2027 violin",
        "Their seats on “My page” (/me/), and the Schoenfeld 2027 violin pre-selection panel "
        "with recordings still to mark.",
    ]


def test_demo_logins_prints_a_2027_candidate_per_status(demo):
    lines = _call("demo_logins").splitlines()
    closes = Edition.objects.get(competition__slug="schoenfeld", year=2027).applications_close_at
    assert lines[9:11] == [
        "",
        f"Schoenfeld 2027 takes applications until "
        f"{closes.astimezone(zoneinfo.ZoneInfo('Asia/Shanghai')):%Y-%m-%d %H:%M} "
        "(Asia/Shanghai). Its candidates, one per status of their application (same password):",
    ]
    table = lines[13 : 13 + len(ApplicationStatus)]
    rows = [line.split("  ") for line in table]
    emails = [row[0].strip() for row in rows]
    assert len(rows) == len(ApplicationStatus)
    assert [
        Application.objects.get(
            candidate__user__email=email, division__edition__year=2027
        ).get_status_display()
        for email in emails
    ] == [status.label for status in ApplicationStatus]
    assert all(
        line.rstrip().endswith(str(status.label))
        for line, status in zip(table, ApplicationStatus, strict=True)
    )
    assert all(User.objects.get(email=email).check_password(DEMO_PASSWORD) for email in emails)


def test_demo_logins_prints_the_voting_delegates(demo):
    lines = _call("demo_logins").splitlines()
    start = lines.index(
        "Voting delegates to the General Assembly (same password; they vote from /me/):"
    )
    emails = [line.split()[0] for line in lines[start + 3 :]]
    assert len(emails) == Delegate.objects.filter(voting=True).count() > 0
    assert "office.schoenfeld@example.org" in emails
    assert all(User.objects.get(email=email).check_password(DEMO_PASSWORD) for email in emails)


def test_demo_logins_says_when_the_demo_is_not_loaded(db):
    lines = _call("demo_logins").splitlines()
    assert lines[-1] == "The demo data is not loaded yet: run `manage.py load_demo`."
    assert len(lines) == 1 + 2 + len(DEMO_LOGINS) + 1
