"""The signed-in person's page shows each role's own data and nobody else's."""

import pytest
from django.urls import reverse

from concours.accounts.tests.factories import PASSWORD, UserFactory
from concours.applications.tests.factories import ApplicationFactory
from concours.competitions.tests.factories import JuryMemberFactory, OfficeStaffFactory
from concours.federation.tests.factories import SecretariatMemberFactory

pytestmark = pytest.mark.django_db


def test_dashboard_needs_sign_in(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/me/"


def test_candidate_sees_only_their_own_applications(client):
    mine = ApplicationFactory()
    ApplicationFactory()  # somebody else's
    client.force_login(mine.candidate.user)
    response = client.get(reverse("dashboard"))
    assert list(response.context["applications"]) == [mine]
    assert list(response.context["jury_seats"]) == []
    assert response.context["office_access"] is False


def test_juror_sees_only_their_own_seats(client):
    juror = UserFactory()
    seat = JuryMemberFactory(user=juror)
    JuryMemberFactory(user=UserFactory())
    client.force_login(juror)
    response = client.get(reverse("dashboard"))
    assert list(response.context["jury_seats"]) == [seat]
    assert list(response.context["applications"]) == []


def test_office_staff_see_their_competitions(client):
    staff = OfficeStaffFactory()
    client.force_login(staff.user)
    response = client.get(reverse("dashboard"))
    assert response.context["office_access"] is True
    assert list(response.context["office_competitions"]) == [staff.competition]
    assert reverse("admin:index") in response.text


def test_secretariat_is_told_they_see_everything(client):
    member = SecretariatMemberFactory()
    client.force_login(member.user)
    response = client.get(reverse("dashboard"))
    assert response.context["secretariat"] is True
    assert response.context["office_competitions"] is None


def test_person_without_a_role(client):
    client.force_login(UserFactory())
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert "Your account has no role yet." in response.text


def test_sign_in_and_out(client):
    user = UserFactory(email="juror@example.org")
    response = client.post(
        reverse("login"), {"username": "juror@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302
    assert user.is_authenticated


def test_wrong_password_is_answered_on_the_form(client):
    UserFactory(email="juror@example.org")
    response = client.post(reverse("login"), {"username": "juror@example.org", "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Please enter a correct e-mail address and password. Note that both fields may be case-sensitive."
    ]


def test_office_staff_find_the_progress_of_their_open_pre_selections(client):
    from concours.competitions.models import EditionStatus, RoundKind
    from concours.competitions.tests.factories import DivisionFactory, EditionFactory, RoundFactory

    staff = OfficeStaffFactory()
    open_edition = EditionFactory(competition=staff.competition, year=2027)
    mine = RoundFactory(division=DivisionFactory(edition=open_edition), kind=RoundKind.PRESELECTION)
    RoundFactory(division=mine.division, kind="live")  # not a pre-selection
    done = EditionFactory(competition=staff.competition, status=EditionStatus.COMPLETED)
    RoundFactory(division=DivisionFactory(edition=done), kind=RoundKind.PRESELECTION)
    RoundFactory(kind=RoundKind.PRESELECTION)  # another competition's
    client.force_login(staff.user)
    response = client.get(reverse("dashboard"))
    assert list(response.context["office_preselections"]) == [mine]
    assert reverse("preselection:office", kwargs={"round_id": mine.pk}) in response.text
    client.force_login(UserFactory())
    assert client.get(reverse("dashboard")).context["office_preselections"] == []
