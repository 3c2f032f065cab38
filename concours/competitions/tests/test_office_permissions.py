"""Every office permission rule: office staff of one competition never see or change another's
data; the secretariat sees everything; candidates and jurors do not get into the office."""

import pytest
from django.urls import reverse

from concours.competitions.models import Edition

pytestmark = pytest.mark.django_db

SCOPED_MODELS = {
    "competition": "competitions",
    "edition": "competitions",
    "division": "competitions",
    "round": "competitions",
    "repertoirecategory": "competitions",
    "prize": "competitions",
    "jurymember": "competitions",
    "application": "applications",
    "candidateprofile": "applications",
}


def _change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _changelist_url(app: str, model: str) -> str:
    return reverse(f"admin:{app}_{model}_changelist")


@pytest.mark.parametrize("role", ["anonymous", "candidate", "juror", "stranger"])
def test_people_without_an_office_role_are_kept_out(client, world, role):
    if role != "anonymous":
        client.force_login(getattr(world, role))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    response = client.get(_change_url(world.objects["a"]["edition"]))
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["office_a", "secretariat", "superuser"])
def test_office_roles_get_into_the_office(client, world, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize(("model", "app"), SCOPED_MODELS.items())
def test_office_staff_list_only_their_competition(client, world, model, app):
    client.force_login(world.office_a)
    response = client.get(_changelist_url(app, model))
    assert response.status_code == 200
    shown = {obj.pk for obj in response.context["cl"].result_list}
    assert shown == {world.objects["a"][model].pk}


@pytest.mark.parametrize(("model", "app"), SCOPED_MODELS.items())
def test_secretariat_lists_every_competition(client, world, model, app):
    client.force_login(world.secretariat)
    response = client.get(_changelist_url(app, model))
    shown = {obj.pk for obj in response.context["cl"].result_list}
    assert shown == {world.objects["a"][model].pk, world.objects["b"][model].pk}


@pytest.mark.parametrize("model", SCOPED_MODELS)
def test_office_staff_open_their_own_objects(client, world, model):
    client.force_login(world.office_a)
    assert client.get(_change_url(world.objects["a"][model])).status_code == 200


@pytest.mark.parametrize("model", SCOPED_MODELS)
def test_office_staff_cannot_open_another_competitions_objects(client, world, model):
    client.force_login(world.office_a)
    response = client.get(_change_url(world.objects["b"][model]))
    # The admin answers as for a missing object: it never confirms the object exists.
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_office_staff_cannot_change_another_competitions_prize(client, world):
    client.force_login(world.office_a)
    prize = world.objects["b"]["prize"]
    response = client.post(_change_url(prize), {"name_en": "Hijacked"})
    assert response.status_code == 302
    prize.refresh_from_db()
    assert prize.name_en == "First Prize"


def test_office_staff_cannot_delete_another_competitions_edition(client, world):
    client.force_login(world.office_a)
    edition = world.objects["b"]["edition"]
    url = reverse("admin:competitions_edition_delete", args=[edition.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert Edition.objects.filter(pk=edition.pk).exists()


def test_office_staff_cannot_add_an_edition_to_another_competition(client, world):
    client.force_login(world.office_a)
    before = Edition.objects.count()
    response = client.post(
        reverse("admin:competitions_edition_add"),
        {
            "competition": world.competitions["b"].pk,
            "year": 2027,
            "status": "draft",
            "starts_on": "2027-08-01",
            "ends_on": "2027-08-10",
            "time_zone": "Asia/Shanghai",
            **_empty_inlines("divisions", "repertoire_categories"),
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["competition"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Edition.objects.count() == before


def test_office_staff_cannot_create_or_delete_competitions(client, world):
    client.force_login(world.office_a)
    assert client.get(reverse("admin:competitions_competition_add")).status_code == 403
    url = reverse("admin:competitions_competition_delete", args=[world.competitions["a"].pk])
    assert client.get(url).status_code == 403


def test_office_staff_cannot_change_federation_membership(client, world):
    client.force_login(world.office_a)
    response = client.get(_change_url(world.competitions["a"]))
    assert set(response.context["adminform"].readonly_fields) == {"federation", "member_since"}
    client.force_login(world.secretariat)
    response = client.get(_change_url(world.competitions["a"]))
    assert response.context["adminform"].readonly_fields == []


def test_secretariat_creates_competitions(client, world):
    client.force_login(world.secretariat)
    assert client.get(reverse("admin:competitions_competition_add")).status_code == 200


@pytest.mark.parametrize("model", ["city", "discipline", "federation", "instrument"])
def test_office_staff_read_but_do_not_change_federation_data(client, world, model):
    client.force_login(world.office_a)
    assert client.get(_changelist_url("federation", model)).status_code == 200
    assert client.get(reverse(f"admin:federation_{model}_add")).status_code == 403
    client.force_login(world.secretariat)
    assert client.get(reverse(f"admin:federation_{model}_add")).status_code == 200


def test_only_the_secretariat_manages_user_accounts(client, world):
    client.force_login(world.office_a)
    assert client.get(_changelist_url("accounts", "user")).status_code == 403
    client.force_login(world.secretariat)
    assert client.get(_changelist_url("accounts", "user")).status_code == 200


def test_office_staff_see_but_do_not_appoint_office_staff(client, world):
    client.force_login(world.office_a)
    response = client.get(_change_url(world.competitions["a"]))
    inline = next(
        f
        for f in response.context["inline_admin_formsets"]
        if f.opts.model._meta.model_name == "officestaff"
    )
    assert inline.has_add_permission is False
    assert inline.has_change_permission is False


def test_juror_account_link_is_read_only_for_office_staff(client, world):
    client.force_login(world.office_a)
    response = client.get(_change_url(world.objects["a"]["jurymember"]))
    assert response.context["adminform"].readonly_fields == ["user"]


def test_foreign_key_choices_are_scoped(client, world):
    client.force_login(world.office_a)
    response = client.get(reverse("admin:competitions_prize_add"))
    form = response.context["adminform"].form
    assert set(form.fields["edition"].queryset) == {world.objects["a"]["edition"]}
    assert set(form.fields["division"].queryset) == {world.objects["a"]["division"]}


def _more_rows(world, model: str, count: int) -> None:
    from concours.applications.tests.factories import ApplicationFactory
    from concours.competitions.tests import factories

    a = world.objects["a"]
    for n in range(count):
        if model == "prize":
            factories.PrizeFactory(division=a["division"], edition=a["edition"], place=n + 2)
        elif model == "round":
            factories.RoundFactory(division=a["division"], number=n + 2)
        elif model == "division":
            factories.DivisionFactory(edition=a["edition"])
        elif model == "jurymember":
            factories.JuryMemberFactory(edition=a["edition"], division=a["division"])
        elif model == "edition":
            factories.EditionFactory(competition=world.competitions["a"], year=2000 + n)
        elif model == "application":
            ApplicationFactory(division=a["division"])
        else:
            factories.CompetitionFactory()


@pytest.mark.parametrize(
    ("model", "app"),
    [
        ("prize", "competitions"),
        ("round", "competitions"),
        ("division", "competitions"),
        ("jurymember", "competitions"),
        ("edition", "competitions"),
        ("competition", "competitions"),
        ("application", "applications"),
    ],
)
def test_office_changelists_do_not_grow_queries_with_rows(client, world, model, app):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.secretariat)
    url = _changelist_url(app, model)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _more_rows(world, model, 8)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["cl"].result_count >= 10
    assert len(many.captured_queries) == len(few.captured_queries)


def _empty_inlines(*prefixes: str) -> dict[str, str]:
    data = {}
    for prefix in prefixes:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def test_office_filters_offer_only_their_own_competition(client, world):
    client.force_login(world.office_a)
    for app, model in (
        ("competitions", "division"),
        ("competitions", "prize"),
        ("applications", "application"),
    ):
        response = client.get(_changelist_url(app, model))
        assert world.competitions["b"].name_en not in response.text
    client.force_login(world.secretariat)
    response = client.get(_changelist_url("competitions", "division"))
    assert world.competitions["b"].name_en in response.text
