import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.events.models import EventStatus
from concours.federation.tests.factories import SecretariatMemberFactory
from concours.masterclasses import services
from concours.masterclasses.models import ApplicationStatus, Lesson, MasterClassApplication
from concours.masterclasses.tests.factories import ApplicationFactory, with_choices


def url(name, academy, **kwargs):
    return reverse(f"masterclasses:{name}", kwargs={"slug": academy.event.slug, **kwargs})


def form_data(academy, **changes):
    data = {
        "given_name": "Dora", "family_name": "Dvořák", "instrument": "Cello",
        "date_of_birth": "2002-01-02", "nationality": "Czechia",
        "recording_url": "https://youtu.be/dQw4w9WgXcQ", "motivation": "Dvořák.",
        "piece1_composer": "Dvořák", "piece1_work": "Concerto", "piece1_minutes": "40",
        "teacher1": str(academy.lin.pk), "teacher2": str(academy.weber.pk),
    }  # fmt: skip
    data.update(changes)
    return data


# --- the applicant -------------------------------------------------------------------------------


def test_apply_needs_sign_in(client, academy):
    response = client.get(url("apply", academy))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_apply_creates_application_and_shows_it(client, academy):
    user = UserFactory()
    client.force_login(user)
    assert client.get(url("apply", academy)).status_code == 200
    response = client.post(url("apply", academy), form_data(academy))
    assert response.status_code == 302
    application = MasterClassApplication.objects.get(applicant=user)
    assert [p.teacher for p in application.preferences.all()] == [academy.lin, academy.weber]
    page = client.get(url("mine", academy))
    assert page.status_code == 200
    assert "Submitted" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"recording_url": "https://example.com/x.mp4"}, "recording_url", "YouTube or Vimeo"),
        ({"teacher2": ""}, None, None),
        ({"teacher2": "LIN"}, "teacher2", "Select a valid choice"),
        ({"teacher1": "", "teacher2": ""}, "teacher1", "This field is required."),
        ({"piece2_composer": "Bach"}, "piece2_work", "Give the composer"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "real date of birth"),
    ],
)
def test_apply_field_errors_change_nothing(client, academy, changes, field, message):
    client.force_login(UserFactory())
    if field is None:  # a valid variant, for contrast
        assert client.post(url("apply", academy), form_data(academy, **changes)).status_code == 302
        return
    response = client.post(url("apply", academy), form_data(academy, **changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert MasterClassApplication.objects.count() == 3


def test_apply_same_teacher_twice_is_an_error(client, academy):
    client.force_login(UserFactory())
    response = client.post(url("apply", academy), form_data(academy, teacher2=str(academy.lin.pk)))  # fmt: skip
    assert response.context["form"].errors["teacher2"] == ["You have already chosen this teacher."]


def test_apply_teacher_of_another_master_class_is_not_a_choice(client, academy):
    client.force_login(UserFactory())
    response = client.post(url("apply", academy), form_data(academy, teacher1=str(academy.other_teacher.pk)))  # fmt: skip
    assert "teacher1" in response.context["form"].errors


def test_apply_edit_keeps_one_application(client, academy):
    client.force_login(academy.anna.applicant)
    page = client.get(url("apply", academy))
    assert page.context["form"]["teacher1"].value() == academy.weber.pk
    client.post(url("apply", academy), form_data(academy, instrument="Viola"))
    academy.anna.refresh_from_db()
    assert academy.anna.instrument == "Viola"
    assert MasterClassApplication.objects.filter(applicant=academy.anna.applicant).count() == 1


def test_apply_closed_or_decided(client, academy):
    academy.event.registration_closes_at = dt.datetime(2025, 2, 1, tzinfo=dt.UTC)
    academy.event.save()
    client.force_login(UserFactory())
    assert client.get(url("apply", academy)).status_code == 403
    client.force_login(academy.anna.applicant)
    assert client.get(url("apply", academy))["Location"] == url("mine", academy)


def test_apply_unknown_or_other_kind_is_404(client, academy):
    client.force_login(UserFactory())
    assert client.get(reverse("masterclasses:apply", kwargs={"slug": "nope"})).status_code == 404
    academy.event.kind = "seminar"
    academy.event.save()
    assert client.get(url("apply", academy)).status_code == 404


def test_mine_is_only_the_applicants_own(client, academy):
    client.force_login(UserFactory())
    assert client.get(url("mine", academy)).status_code == 404
    assert client.post(url("withdraw", academy)).status_code == 404


def test_mine_shows_lessons_in_the_events_zone(client, academy):
    academy.select(academy.anna)
    proposal = services.propose_timetable(event=academy.event)
    services.save_timetable(event=academy.event, pairs=proposal.pairs, by=academy.office)
    client.force_login(academy.anna.applicant)
    page = client.get(url("mine", academy)).content.decode()
    vienna = ZoneInfo("Europe/Vienna")
    for lesson in Lesson.objects.filter(application=academy.anna):
        starts, ends = lesson.session.starts_at.astimezone(vienna), lesson.session.ends_at.astimezone(vienna)  # fmt: skip
        assert f"{starts:%H:%M}–{ends:%H:%M}" in page
        assert starts.hour in (9, 10)  # 07:00 or 08:00 UTC: Vienna is two hours ahead in July
    assert "Times in Europe/Vienna" in page
    assert "Clara Weber" in page


def test_withdraw(client, academy):
    client.force_login(academy.anna.applicant)
    client.post(url("withdraw", academy))
    academy.anna.refresh_from_db()
    assert academy.anna.status == ApplicationStatus.WITHDRAWN
    response = client.post(url("withdraw", academy), follow=True)
    assert "already withdrawn" in response.content.decode()


# --- teachers and the office ---------------------------------------------------------------------


def test_office_list_sees_all(client, academy, django_assert_max_num_queries):
    client.force_login(academy.office)
    for _ in range(5):
        with_choices(ApplicationFactory(event=academy.event), academy.weber, academy.lin)
    with django_assert_max_num_queries(12):
        response = client.get(url("office_applications", academy))
    assert len(response.context["applications"]) == 8


def test_teacher_list_sees_only_those_who_ranked_them(client, academy):
    client.force_login(academy.lin.user)
    names = {a.given_name for a in client.get(url("office_applications", academy)).context["applications"]}  # fmt: skip
    assert names == {"Anna", "Ben"}
    assert client.get(url("office_application", academy, application_id=academy.chen.pk)).status_code == 404  # fmt: skip
    assert client.get(url("office_timetable", academy)).status_code == 404


def test_list_filter_by_status(client, academy):
    academy.select(academy.ben)
    client.force_login(academy.office)
    response = client.get(url("office_applications", academy), {"status": "selected"})
    assert [a.given_name for a in response.context["applications"]] == ["Ben"]


@pytest.mark.parametrize("who", ["stranger", "other_office", "other_teacher", "applicant"])
def test_office_pages_are_404_for_others(client, academy, who):
    user = academy.anna.applicant if who == "applicant" else getattr(academy, who)
    user = user.user if who == "other_teacher" else user
    client.force_login(user)
    for name, kwargs in (("office_applications", {}), ("office_application", {"application_id": academy.anna.pk}), ("office_timetable", {})):  # fmt: skip
        assert client.get(url(name, academy, **kwargs)).status_code == 404


def test_office_pages_need_sign_in(client, academy):
    assert client.get(url("office_applications", academy)).status_code == 302


def test_secretariat_reviews_a_federation_master_class(client, academy):
    from concours.federation.tests.factories import FederationFactory

    academy.event.competition, academy.event.federation = None, FederationFactory()
    academy.event.save()
    client.force_login(academy.office)
    assert client.get(url("office_applications", academy)).status_code == 404
    client.force_login(SecretariatMemberFactory().user)
    assert client.get(url("office_applications", academy)).status_code == 200


def test_teacher_decides(client, academy):
    client.force_login(academy.weber.user)
    target = url("office_application", academy, application_id=academy.anna.pk)
    assert client.get(target).status_code == 200
    response = client.post(target, {"decision": "selected", "note": "Lovely tone"})
    assert response.status_code == 302
    academy.anna.refresh_from_db()
    assert academy.anna.status == ApplicationStatus.SELECTED
    assert academy.anna.selections.get().teacher == academy.weber


def test_decision_form_errors(client, academy):
    client.force_login(academy.office)
    target = url("office_application", academy, application_id=academy.anna.pk)
    assert client.post(target, {"decision": "maybe"}).status_code == 400
    services.withdraw_application(application=academy.anna, by=academy.anna.applicant)
    response = client.post(target, {"decision": "selected"})
    assert response.status_code == 400
    assert "withdrawn" in response.content.decode()


def test_build_and_confirm_timetable(client, academy, mailoutbox, django_capture_on_commit_callbacks):  # fmt: skip
    academy.select(academy.anna, academy.ben)
    client.force_login(academy.office)
    assert client.get(url("office_timetable", academy)).status_code == 200
    proposed = client.post(url("office_timetable", academy), {"build": "1"})
    assert proposed.status_code == 200
    assert proposed.context["proposed"]
    assert Lesson.objects.count() == 0
    pairs = proposed.context["confirm"].initial["pairs"]
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url("office_timetable", academy), {"confirm": "1", "pairs": pairs})
    assert saved.status_code == 302
    assert Lesson.objects.count() == 4
    assert len(mailoutbox) == 2
    page = client.get(url("office_timetable", academy)).content.decode()
    assert "Anna Adler" in page


def test_build_timetable_problems_are_shown(client, academy):
    client.force_login(academy.office)
    response = client.post(url("office_timetable", academy), {"build": "1"})
    assert response.status_code == 400
    assert response.context["problems"] == ["Select participants before building the timetable."]
    academy.select(academy.anna, academy.ben, academy.chen)
    academy.chen.lessons_wanted = 3
    academy.chen.save()
    response = client.post(url("office_timetable", academy), {"build": "1"})
    assert response.status_code == 400
    assert "Chen Cao needs 3 lessons" in response.context["problems"][0]


@pytest.mark.parametrize("pairs", ["not json", json.dumps([[1]]), json.dumps([[999, 999]])])
def test_confirm_bad_timetable_changes_nothing(client, academy, pairs):
    academy.select(academy.anna)
    client.force_login(academy.office)
    response = client.post(url("office_timetable", academy), {"confirm": "1", "pairs": pairs})
    assert response.status_code == 400
    assert response.context["problems"]
    assert Lesson.objects.count() == 0


# --- public --------------------------------------------------------------------------------------


def test_public_timetable_shows_names_only(client, academy, django_assert_max_num_queries):
    academy.select(academy.anna, academy.ben)
    proposal = services.propose_timetable(event=academy.event)
    services.save_timetable(event=academy.event, pairs=proposal.pairs, by=academy.office)
    with django_assert_max_num_queries(8):
        response = client.get(url("timetable", academy))
    page = response.content.decode()
    assert "Anna Adler" in page
    assert "Ben Brandt" in page
    assert "Chen" not in page
    assert academy.anna.nationality not in page
    assert academy.anna.applicant.email not in page


def test_public_timetable_of_a_draft_is_404(client, academy):
    academy.event.status = EventStatus.DRAFT
    academy.event.save()
    assert client.get(url("timetable", academy)).status_code == 404


def test_admin_lists_only_the_offices_own_applications(client, academy):
    ApplicationFactory()  # another competition's master class
    client.force_login(academy.office)
    response = client.get("/office/masterclasses/masterclassapplication/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
