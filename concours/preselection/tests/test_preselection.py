"""A panel marks recordings (blind if the round says so), the engine ranks, the office admits
the top N, a reserve list and the rest; nobody outside the panel or the office gets in."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.models import RoundKind
from concours.competitions.tests.factories import (
    DivisionFactory,
    JuryMemberFactory,
    OfficeStaffFactory,
    RoundFactory,
)
from concours.preselection import services
from concours.results.models import Mark, MarkStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    division = DivisionFactory()
    round_ = RoundFactory(
        division=division, number=1, kind=RoundKind.PRESELECTION, scoring_preset="mean", scoring_parameters={},
        advancing=2, reserve_count=1, blind_review=True, min_duration=None, max_duration=None,
    )  # fmt: skip
    jurors = [
        JuryMemberFactory(edition=division.edition, division=division, user=UserFactory())
        for _ in range(3)
    ]
    apps = [
        ApplicationFactory(division=division, status=ApplicationStatus.IN_PRESELECTION,
                           candidate=CandidateProfileFactory(given_name=name, family_name="Test"))
        for name in ("Ana", "Ben", "Cai", "Dan")
    ]  # fmt: skip
    office = OfficeStaffFactory(competition=division.edition.competition).user
    return {"round": round_, "jurors": jurors, "apps": apps, "office": office}


def _mark(client, panel, juror, application, value):
    client.force_login(juror.user)
    return client.post(
        reverse(
            "preselection:review",
            kwargs={"round_id": panel["round"].pk, "reference": application.reference},
        ),
        {"value": value},
    )


def test_blind_review_shows_a_code_not_the_candidate(client, panel):
    juror, application = panel["jurors"][0], panel["apps"][0]
    client.force_login(juror.user)
    response = client.get(reverse("preselection:panel", kwargs={"round_id": panel["round"].pk}))
    assert "Ana Test" not in response.text
    assert services.anonymous_code(application) in response.text
    response = client.get(
        reverse(
            "preselection:review",
            kwargs={"round_id": panel["round"].pk, "reference": application.reference},
        )
    )
    assert "Ana" not in response.text
    assert application.candidate.country_represented.name not in response.text


def test_marks_on_the_scale_only(client, panel):
    response = _mark(client, panel, panel["jurors"][0], panel["apps"][0], "26")
    assert response.status_code == 400
    assert response.context["form"].errors["value"] == [
        "A mark must be on the scale 1–25 in steps of 1."
    ]
    assert Mark.objects.count() == 0
    _mark(client, panel, panel["jurors"][0], panel["apps"][0], "20")
    _mark(
        client, panel, panel["jurors"][0], panel["apps"][0], "21"
    )  # a second thought replaces the first
    assert list(Mark.objects.values_list("value", flat=True)) == [Decimal("21")]


def test_full_preselection_admits_top_two_reserve_one_and_declines_the_rest(
    client, panel, django_capture_on_commit_callbacks
):
    marks = {"Ana": (22, 23, 24), "Ben": (20, 21, 22), "Cai": (18, 18, 19), "Dan": (10, 12, 11)}
    for application in panel["apps"]:
        for juror, value in zip(
            panel["jurors"], marks[application.candidate.given_name], strict=True
        ):
            _mark(client, panel, juror, application, str(value))
    client.force_login(panel["office"])
    office_url = reverse("preselection:office", kwargs={"round_id": panel["round"].pk})
    response = client.get(office_url)
    assert [(p.marked, p.total) for p in response.context["progress"]] == [(4, 4)] * 3
    client.post(reverse("preselection:compute", kwargs={"round_id": panel["round"].pk}))
    # Marks are locked once the ranking exists.
    assert _mark(client, panel, panel["jurors"][0], panel["apps"][3], "25").context["form"].errors[
        "value"
    ] == ["The pre-selection is closed; marks can no longer change."]
    client.force_login(panel["office"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("preselection:admit", kwargs={"round_id": panel["round"].pk}), follow=True
        )
    assert [str(m) for m in response.context["messages"]][-1] == (
        "2 admitted, 1 on the reserve list, 1 not admitted; e-mails are on their way."
    )
    statuses = {
        a.candidate.given_name: a.status
        for a in (app.__class__.objects.get(pk=app.pk) for app in panel["apps"])
    }
    assert statuses == {
        "Ana": "admitted",
        "Ben": "admitted",
        "Cai": "reserve",
        "Dan": "not_admitted",
    }
    assert len(mail.outbox) == 4


def test_outsiders_are_kept_out(client, panel):
    round_id = panel["round"].pk
    application = panel["apps"][0]
    for user in (UserFactory(), OfficeStaffFactory().user):
        client.force_login(user)
        assert (
            client.get(reverse("preselection:panel", kwargs={"round_id": round_id})).status_code
            == 404
        )
        assert (
            client.get(
                reverse(
                    "preselection:review",
                    kwargs={"round_id": round_id, "reference": application.reference},
                )
            ).status_code
            == 404
        )
    client.force_login(UserFactory())
    assert (
        client.get(reverse("preselection:office", kwargs={"round_id": round_id})).status_code == 404
    )
    assert (
        client.post(reverse("preselection:admit", kwargs={"round_id": round_id})).status_code == 404
    )
    # A juror of the panel is not the office.
    client.force_login(panel["jurors"][0].user)
    assert (
        client.get(reverse("preselection:office", kwargs={"round_id": round_id})).status_code == 404
    )


def test_admit_needs_a_ranking(client, panel):
    client.force_login(panel["office"])
    response = client.post(
        reverse("preselection:admit", kwargs={"round_id": panel["round"].pk}), follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["Compute the ranking first."]


def test_juror_dashboard_links_to_the_panel(client, panel):
    client.force_login(panel["jurors"][0].user)
    response = client.get(reverse("dashboard"))
    assert reverse("preselection:panel", kwargs={"round_id": panel["round"].pk}) in response.text


def test_a_juror_does_not_mark_their_own_student(client, panel):
    juror, application = panel["jurors"][0], panel["apps"][0]
    Mark.objects.create(round=panel["round"], application=application, juror=juror,
                        status=MarkStatus.STUDENT, value=None, recorded_by=panel["office"])  # fmt: skip
    response = _mark(client, panel, juror, application, "20")
    assert response.status_code == 400
    assert response.context["form"].errors["value"] == ["You do not mark your own student."]
    assert list(Mark.objects.values_list("status", "value")) == [(MarkStatus.STUDENT, None)]
    page = client.get(reverse("preselection:panel", kwargs={"round_id": panel["round"].pk}))
    assert page.context["done"] == 1
    assert "Not marked: own student or relative (S)" in page.text
