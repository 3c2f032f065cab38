"""Office screens for results and the management commands: scoped, read-only, clear errors."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import (
    JuryMemberFactory,
    OfficeStaffFactory,
    RoundFactory,
)
from concours.results.models import Computation, Mark
from concours.results.services import import_marks

pytestmark = pytest.mark.django_db

CSV = "candidate,juror,score\nAna Alpha,Juror One,20\nAna Alpha,Juror Two,18\n"


def _round_with_people():
    round_ = RoundFactory(number=1, scoring_preset="mean", scoring_parameters={}, advancing=1)
    ApplicationFactory(
        division=round_.division,
        candidate=CandidateProfileFactory(given_name="Ana", family_name="Alpha"),
    )
    for name in ("Juror One", "Juror Two"):
        JuryMemberFactory(edition=round_.division.edition, division=round_.division, name_en=name)
    return round_


@pytest.fixture
def rounds():
    a, b = _round_with_people(), _round_with_people()
    for round_ in (a, b):
        import_marks(round_=round_, content=CSV, filename="marks.csv", by=None)
    return a, b


def test_office_sees_only_its_own_marks_and_cannot_edit_them(client, rounds):
    a, b = rounds
    staff = OfficeStaffFactory(competition=a.division.edition.competition).user
    client.force_login(staff)
    response = client.get(reverse("admin:results_mark_changelist"))
    assert {mark.round_id for mark in response.context["cl"].result_list} == {a.pk}
    mark = Mark.objects.filter(round=a).first()
    response = client.post(reverse("admin:results_mark_change", args=[mark.pk]), {"value": "25"})
    assert response.status_code == 403
    mark.refresh_from_db()
    assert mark.value == 20
    other = Mark.objects.filter(round=b).first()
    assert client.get(reverse("admin:results_mark_change", args=[other.pk])).status_code == 302


def test_office_computes_its_rounds_with_the_admin_action(client, rounds):
    a, b = rounds
    client.force_login(OfficeStaffFactory(competition=a.division.edition.competition).user)
    url = reverse("admin:results_roundresults_changelist")
    response = client.get(url)
    assert [round_.pk for round_ in response.context["cl"].result_list] == [a.pk]
    response = client.post(
        url, {"action": "compute_results", "_selected_action": [a.pk, b.pk]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["Computed the results of 1 round."]
    assert list(Computation.objects.values_list("round_id", flat=True)) == [a.pk]


def test_compute_action_reports_a_round_without_marks(client):
    round_ = _round_with_people()
    client.force_login(OfficeStaffFactory(competition=round_.division.edition.competition).user)
    url = reverse("admin:results_roundresults_changelist")
    response = client.post(
        url, {"action": "compute_results", "_selected_action": [round_.pk]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"{round_}: This round has no marks yet."
    ]


def test_import_command_reports_the_file_and_line(tmp_path):
    round_ = _round_with_people()
    path = tmp_path / "marks.csv"
    path.write_text("candidate,juror,score\nAna Alpha,Juror One,99\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"marks\.csv:2: mark 99 is outside the scale 1–25 in steps of 1"
    ):
        call_command("import_marks", round_.pk, str(path))
    assert Mark.objects.count() == 0


def test_import_command_errors(tmp_path):
    round_ = _round_with_people()
    with pytest.raises(CommandError, match=r"No round with id 0\."):
        call_command("import_marks", 0, str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="No such file or directory"):
        call_command("import_marks", round_.pk, str(tmp_path / "missing.csv"))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("candidate,juror,score\nZoë,Juror One,20\n".encode("latin-1"))
    with pytest.raises(CommandError, match=r"not UTF-8 text \(byte 24\)"):
        call_command("import_marks", round_.pk, str(latin))


def test_compute_command(tmp_path):
    round_ = _round_with_people()
    with pytest.raises(CommandError, match=r"No round with id 0\."):
        call_command("compute_results", 0)
    with pytest.raises(CommandError, match=r"This round has no marks yet\."):
        call_command("compute_results", round_.pk)
    import_marks(round_=round_, content=CSV, filename="marks.csv", by=None)
    out = io.StringIO()
    call_command("compute_results", round_.pk, stdout=out)
    assert (
        out.getvalue() == f"{round_}: computed, record digest {Computation.objects.get().digest}.\n"
    )
