"""The jury of Schoenfeld 2027 and its pre-selection, part-way through: the 2025 jurors who
taught 2027 candidates sit on it, the demo juror log-in has a panel with recordings to mark,
and the office's progress page shows jurors done, part-way and not started."""

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from concours.accounts.models import User
from concours.applications.models import ApplicationStatus
from concours.competitions.models import Edition, JuryMember, Round, RoundKind
from concours.demo.people import demo_juror, generate_people, juror_teacher_names
from concours.demo.preselection import generate_marks, teachers_on_the_jury
from concours.demo.services import load_demo
from concours.results.models import Mark, MarkStatus

NOW = dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def edition(db) -> Edition:
    load_demo(now=NOW, live=False)
    return Edition.objects.get(competition__slug="schoenfeld", year=2027)


def _preselection(edition: Edition, slug: str) -> Round:
    return Round.objects.get(
        division__edition=edition, division__slug=slug, kind=RoundKind.PRESELECTION
    )


# --- generated (no database) -------------------------------------------------------------------


def test_the_2027_jury_has_a_chair_per_division_and_the_jurors_who_taught():
    people = generate_people()
    jury = people.open_jury
    assert Counter(j.division for j in jury) == {"violin": 7, "cello": 6, "chamber-music": 5}
    assert sorted((j.division, j.name.latin) for j in jury if j.is_chair) == [
        ("cello", "Boyang Xu"),
        ("chamber-music", "Caleb Mitchell"),
        ("violin", "Matthias Krüger"),
    ]
    names = {j.name.latin for j in jury}
    assert {"Giulia Rossi", "Matthias Krüger", "Boyang Xu"} <= names
    assert set(juror_teacher_names(people.jurors).values()) <= names
    assert [sorted(j.order for j in jury if j.division == d) for d in ("violin", "cello")] == [
        list(range(1, 8)),
        list(range(1, 7)),
    ]


def test_new_2027_jurors_have_names_nobody_else_has():
    people = generate_people()
    earlier = {j.name.latin for j in people.jurors} | {c.name.latin for c in people.candidates}
    earlier |= {a.profile.full_name for a in people.applicants}
    new = [j for j in people.open_jury if j.name.latin not in {p.name.latin for p in people.jurors}]
    assert len(new) == 18 - 10
    assert {j.name.latin for j in new} & earlier == set()
    assert all(j.name.zh and j.bio.en and j.bio.zh for j in people.open_jury)


def test_marks_leave_the_demo_juror_recordings_to_mark_and_skip_own_students():
    people = generate_people()
    login = demo_juror(people.jurors).name.latin
    marks = generate_marks(people.open_jury, people.applicants, login_juror=login)
    assert marks == generate_marks(people.open_jury, people.applicants, login_juror=login)
    applicants = {a.profile.email: a for a in people.applicants}
    assert {applicants[m.applicant].status for m in marks} == {ApplicationStatus.IN_PRESELECTION}
    own = {(m.juror, m.applicant) for m in marks if m.value is None}
    assert own == {
        (juror, email)
        for email, applicant in applicants.items()
        if applicant.status == ApplicationStatus.IN_PRESELECTION
        for juror in teachers_on_the_jury(applicant)
    }
    assert sorted(juror for juror, _email in own) == ["Boyang Xu", "Giulia Rossi", "Julia Krüger"]
    assert [m.value for m in marks if m.juror == login] == [None]  # only the own student
    assert all(1 <= m.value <= 25 for m in marks if m.value is not None)


# --- loaded -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_juror_sits_on_a_2027_pre_selection_panel(client, edition):
    juror = User.objects.get(email="juror@example.org")
    seat = JuryMember.objects.get(user=juror, edition=edition)
    assert (seat.division.slug, seat.name_en, seat.is_chair) == ("violin", "Giulia Rossi", False)
    violin = _preselection(edition, "violin")
    client.force_login(juror)
    dashboard = client.get(reverse("dashboard"))
    assert violin in dashboard.context["preselection_rounds"]
    panel = client.get(reverse("preselection:panel", kwargs={"round_id": violin.pk}))
    assert len(panel.context["rows"]) == 3
    assert panel.context["done"] == 1  # her own student, not marked by her
    assert "Not marked: own student or relative (S)" in panel.text


@pytest.mark.django_db
def test_the_office_sees_each_panel_part_way_through(client, edition):
    client.force_login(User.objects.get(email="office.schoenfeld@example.org"))
    progress = {}
    for slug in ("violin", "cello", "chamber-music"):
        response = client.get(
            reverse("preselection:office", kwargs={"round_id": _preselection(edition, slug).pk})
        )
        assert response.status_code == 200
        progress[slug] = [
            (p.juror.name_en, p.marked, p.total) for p in response.context["progress"]
        ]
    assert len(progress["violin"]) == 7
    assert progress["violin"][:3] == [
        ("Agnieszka Kamińska", 0, 3),
        ("Alexei Sokolov", 3, 3),
        ("Giulia Rossi", 1, 3),
    ]
    every = [row for rows in progress.values() for row in rows]
    assert {marked == total for _name, marked, total in every} == {True, False}
    assert any(marked == 0 for _name, marked, _total in every)
    assert sum(marked for _name, marked, _total in every) == Mark.objects.count() == 28


@pytest.mark.django_db
def test_marks_are_the_jurors_and_the_office_records_own_students(edition):
    office = User.objects.get(email="office.schoenfeld@example.org")
    juror = User.objects.get(email="juror@example.org")
    students = Mark.objects.filter(status=MarkStatus.STUDENT)
    assert students.count() == 3
    assert set(students.values_list("recorded_by", flat=True)) == {office.pk}
    scored = Mark.objects.filter(status=MarkStatus.SCORED)
    assert not scored.filter(recorded_by=juror).exists()
    assert not scored.filter(recorded_by=office).exists()
    assert all(mark.recorded_at < NOW for mark in Mark.objects.all())
    assert set(Mark.objects.values_list("application__status", flat=True)) == {"in_preselection"}
    assert not Mark.objects.exclude(round__division__edition=edition).exists()
