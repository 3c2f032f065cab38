"""The office's pages: only the competition's own staff (and the secretariat) reach them; every
form refuses bad input with a message; the seed never shows before the reveal."""

import pytest
from django.urls import reverse

from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory
from concours.competitions.tests.factories import RoundFactory
from concours.draws import services
from concours.draws.models import Draw, DrawState, WitnessInput
from concours.federation.tests.factories import SecretariatMemberFactory

pytestmark = pytest.mark.django_db


def office_urls(festival, draw):
    return [
        ("get", reverse("draws:office_division", args=[festival.division.pk])),
        ("post", reverse("draws:office_division", args=[festival.division.pk])),
        ("get", reverse("draws:office_draw", args=[draw.pk])),
        ("post", reverse("draws:office_add_input", args=[draw.pk])),
        ("post", reverse("draws:office_perform", args=[draw.pk])),
        ("post", reverse("draws:office_reveal", args=[draw.pk])),
        ("post", reverse("draws:office_cancel", args=[draw.pk])),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, festival):
    draw = festival.commit()
    for method, url in [*office_urls(festival, draw), ("get", reverse("draws:office_index"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["stranger", "other_office"])
def test_other_people_find_nothing(client, festival, who):
    draw = festival.commit()
    client.force_login(getattr(festival, who))
    for method, url in office_urls(festival, draw):
        assert getattr(client, method)(url).status_code == 404, url
    draw.refresh_from_db()
    assert draw.state == DrawState.COMMITTED
    assert Draw.objects.count() == 1


def test_a_stranger_has_no_office_index(client, festival):
    client.force_login(festival.stranger)
    assert client.get(reverse("draws:office_index")).status_code == 404


def test_the_index_lists_only_the_office_divisions(client, festival):
    draw = festival.commit()
    other = RoundFactory().division
    client.force_login(festival.office)
    content = client.get(reverse("draws:office_index")).content.decode()
    assert reverse("draws:office_division", args=[festival.division.pk]) in content
    assert reverse("draws:office_draw", args=[draw.pk]) in content
    assert reverse("draws:office_division", args=[other.pk]) not in content


def test_the_secretariat_reaches_every_draw(client, festival):
    draw = festival.commit()
    client.force_login(SecretariatMemberFactory().user)
    assert client.get(reverse("draws:office_draw", args=[draw.pk])).status_code == 200


def test_the_office_commits_a_draw(client, festival):
    client.force_login(festival.office)
    url = reverse("draws:office_division", args=[festival.division.pk])
    content = client.get(url).content.decode()
    assert content.index("Kowalski, Jan") < content.index("Łukasiewicz, Anna")
    assert "Adams" not in content  # not admitted
    assert f'<option value="{festival.round2.pk}">Second round</option>' in content
    chosen = [a.pk for a in festival.admitted[:3]]
    response = client.post(
        url, {"round": festival.round2.pk, "method": "chopin", "applications": chosen}
    )
    draw = Draw.objects.get()
    assert response["Location"] == reverse("draws:office_draw", args=[draw.pk])
    assert (draw.round, draw.method, draw.committed_by) == (
        festival.round2,
        "chopin",
        festival.office,
    )
    assert [int(c["id"]) for c in draw.candidates] == chosen


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"applications": ["ALL"]}, "method", "This field is required."),
        ({"method": "dice", "applications": ["ALL"]}, "method", "Select a valid choice."),
        ({"method": "random"}, "applications", "This field is required."),
        (
            {"method": "random", "applications": ["NOT_ADMITTED"]},
            "applications",
            "Select a valid choice.",
        ),
        (
            {"method": "random", "round": "OTHER", "applications": ["ALL"]},
            "round",
            "Select a valid choice.",
        ),
    ],
)
def test_the_commit_form_refuses_bad_input(client, festival, data, field, message):
    values = {"ALL": [a.pk for a in festival.admitted], "NOT_ADMITTED": [festival.not_admitted.pk]}
    data = {k: values.get(v[0], v) if isinstance(v, list) else v for k, v in data.items()}
    if data.get("round") == "OTHER":
        data["round"] = RoundFactory().pk
    client.force_login(festival.office)
    response = client.post(reverse("draws:office_division", args=[festival.division.pk]), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not Draw.objects.exists()


def test_the_commit_form_shows_a_taken_scope(client, festival):
    festival.commit()
    client.force_login(festival.office)
    response = client.post(
        reverse("draws:office_division", args=[festival.division.pk]),
        {"round": "", "method": "random", "applications": [a.pk for a in festival.admitted]},
    )
    assert response.status_code == 400
    assert "This division already has one draw for every round." in response.content.decode()


def test_the_office_takes_inputs_draws_and_reveals(client, festival):
    draw = festival.commit(now=None)
    client.force_login(festival.office)
    page = reverse("draws:office_draw", args=[draw.pk])
    content = client.get(page).content.decode()
    assert draw.seed not in content
    assert "Withdraw this commitment" in content
    assert "Draw the order now" not in content
    response = client.post(
        reverse("draws:office_add_input", args=[draw.pk]),
        {"witness": "Maria Nowak", "value": "Mazurka"},
    )
    assert response["Location"] == page
    content = client.get(page).content.decode()
    assert "Maria Nowak: “Mazurka”" in content
    assert "Withdraw this commitment" not in content
    client.post(reverse("draws:office_perform", args=[draw.pk]))
    draw.refresh_from_db()
    assert (draw.state, draw.drawn_by) == (DrawState.DRAWN, festival.office)
    content = client.get(page).content.decode()
    assert draw.seed not in content
    assert "Reveal the seed" in content
    client.post(reverse("draws:office_reveal", args=[draw.pk]))
    draw.refresh_from_db()
    assert (draw.state, draw.revealed_by) == (DrawState.REVEALED, festival.office)
    assert draw.seed in client.get(page).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"witness": "", "value": "x"}, "witness", "This field is required."),
        ({"witness": "a", "value": "   "}, "value", "This field is required."),
        ({"witness": "a", "value": "line\nbreak"}, "value", "without line breaks"),
        ({"witness": "a" * 201, "value": "x"}, "witness", "at most 200 characters"),
    ],
)
def test_the_input_form_refuses_bad_input(client, festival, data, field, message):
    draw = festival.commit()
    client.force_login(festival.office)
    response = client.post(reverse("draws:office_add_input", args=[draw.pk]), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not WitnessInput.objects.exists()


def test_an_input_after_the_draw_is_refused_with_a_message(client, festival):
    draw = festival.drawn()
    client.force_login(festival.office)
    response = client.post(
        reverse("draws:office_add_input", args=[draw.pk]),
        {"witness": "late", "value": "x"},
        follow=True,
    )
    assert "The order is already drawn: no more inputs." in response.content.decode()
    assert not draw.inputs.filter(witness="late").exists()


def test_drawing_without_an_input_is_refused_with_a_message(client, festival):
    draw = festival.commit()
    client.force_login(festival.office)
    response = client.post(reverse("draws:office_perform", args=[draw.pk]), follow=True)
    assert "Add at least one witness&#x27;s input before drawing." in response.content.decode()
    draw.refresh_from_db()
    assert draw.state == DrawState.COMMITTED


def test_a_second_draw_and_an_early_reveal_are_refused_with_a_message(client, festival):
    committed, drawn = festival.commit(festival.round1), festival.drawn()
    client.force_login(festival.office)
    response = client.post(reverse("draws:office_reveal", args=[committed.pk]), follow=True)
    assert "Draw the order before revealing the seed." in response.content.decode()
    record = drawn.record
    response = client.post(reverse("draws:office_perform", args=[drawn.pk]), follow=True)
    assert "This order is already drawn." in response.content.decode()
    drawn.refresh_from_db()
    assert drawn.record == record


def test_withdrawing_a_commitment(client, festival):
    draw = festival.commit()
    client.force_login(festival.office)
    response = client.post(reverse("draws:office_cancel", args=[draw.pk]))
    assert response["Location"] == reverse("draws:office_division", args=[festival.division.pk])
    assert not Draw.objects.exists()


def test_a_commitment_with_an_input_cannot_be_withdrawn(client, festival):
    draw = festival.commit()
    services.add_witness_input(draw=draw, witness="a", value="b", by=None)
    client.force_login(festival.office)
    response = client.post(reverse("draws:office_cancel", args=[draw.pk]), follow=True)
    assert "this draw must go on" in response.content.decode()
    assert Draw.objects.count() == 1


# --- The admin ---------------------------------------------------------------------------------


def test_the_admin_lists_only_the_office_draws_and_never_the_seed(client, festival):
    mine = festival.drawn()
    elsewhere = ApplicationFactory(status=ApplicationStatus.ADMITTED)
    other = services.commit_draw(division=elsewhere.division, method="random", by=None)
    client.force_login(festival.office)
    response = client.get(reverse("admin:draws_draw_changelist"))
    assert [d.pk for d in response.context["cl"].result_list] == [mine.pk]
    assert mine.seed not in response.content.decode()
    assert reverse("draws:office_draw", args=[mine.pk]) in response.content.decode()
    assert client.get(reverse("admin:draws_draw_change", args=[other.pk])).status_code == 404
    assert client.get(reverse("admin:draws_draw_change", args=["x"])).status_code == 404
    assert client.get(reverse("admin:draws_draw_change", args=["²"])).status_code == 404
    assert client.get(reverse("admin:draws_draw_change", args=["9" * 30])).status_code == 404


def test_the_admin_opens_the_office_pages(client, festival):
    draw = festival.commit()
    client.force_login(festival.office)
    response = client.get(reverse("admin:draws_draw_change", args=[draw.pk]))
    assert response["Location"] == reverse("draws:office_draw", args=[draw.pk])
    response = client.get(reverse("admin:draws_draw_add"))
    assert response["Location"] == reverse("draws:office_index")


def test_the_admin_never_deletes_a_draw(client, festival):
    draw = festival.commit()
    client.force_login(festival.office)
    assert client.get(reverse("admin:draws_draw_delete", args=[draw.pk])).status_code == 403
    assert Draw.objects.count() == 1


def test_people_without_an_office_role_have_no_draw_admin(client, festival):
    client.force_login(festival.stranger)
    response = client.get(reverse("admin:draws_draw_changelist"))
    assert response.status_code == 302
    assert client.get(reverse("admin:draws_draw_add")).status_code == 302
