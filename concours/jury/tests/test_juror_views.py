"""A juror's pages: only their own seats, the declaration before anything else."""

import datetime as dt

import pytest
from django.urls import reverse

from concours.jury.models import JurorDeclaration, JurorProfile, Relationship
from concours.jury.tests.factories import RelationshipFactory

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def url(name, seat, **kwargs):
    return reverse(f"jury:{name}", kwargs={"seat_id": seat.pk, **kwargs})


def seat_urls(world, seat):
    relationship = RelationshipFactory(seat=seat, application=world.ana)
    return [
        ("get", url("seat", seat)),
        ("get", url("declaration", seat)),
        ("post", url("declaration", seat)),
        ("get", url("relationships", seat)),
        ("post", url("relationships", seat)),
        ("post", url("withdraw", seat, relationship_id=relationship.pk)),
        ("post", url("details", seat)),
    ]


def test_anonymous_is_sent_to_sign_in(client, world):
    for method, target in [("get", reverse("jury:seats")), *seat_urls(world, world.krueger)]:
        response = getattr(client, method)(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["rossi", "candidate", "office", "secretariat", "stranger"])
def test_a_seat_is_its_jurors_alone(client, world, who):
    world.accept()
    user = world.rossi.user if who == "rossi" else getattr(world, who)
    client.force_login(user)
    for method, target in seat_urls(world, world.krueger):
        assert getattr(client, method)(target).status_code == 404, target
    assert Relationship.objects.filter(withdrawn_at__isnull=False).count() == 0


def test_seats_lists_only_my_seats(client, world):
    world.accept(world.krueger)
    client.force_login(world.krueger.user)
    response = client.get(reverse("jury:seats"))
    assert response.status_code == 200
    assert [row["seat"] for row in response.context["rows"]] == [world.krueger]
    assert response.context["rows"][0]["accepted"] is True
    assert url("seat", world.krueger) in response.text
    client.force_login(world.stranger)
    assert "You have no jury seat." in client.get(reverse("jury:seats")).text


def test_the_seat_leads_to_the_declaration_first(client, world):
    client.force_login(world.krueger.user)
    assert client.get(url("seat", world.krueger))["Location"] == url("declaration", world.krueger)
    for name in ("relationships", "details"):
        method = client.post if name == "details" else client.get
        response = method(url(name, world.krueger))
        assert response["Location"] == url("declaration", world.krueger)
    world.accept(world.krueger)
    assert client.get(url("seat", world.krueger))["Location"] == url("relationships", world.krueger)


def test_accepting_the_declaration(client, world):
    client.force_login(world.krueger.user)
    page = client.get(url("declaration", world.krueger))
    assert page.status_code == 200
    assert "I will keep confidential everything I learn as a juror" in page.text
    refused = client.post(url("declaration", world.krueger), {})
    assert refused.status_code == 400
    assert refused.context["form"].errors == {"accept": ["Tick the box to accept the declaration."]}
    assert JurorDeclaration.objects.count() == 0
    accepted = client.post(url("declaration", world.krueger), {"accept": "on"})
    assert accepted["Location"] == url("relationships", world.krueger)
    declaration = JurorDeclaration.objects.get()
    assert (declaration.seat, declaration.accepted_by) == (world.krueger, world.krueger.user)
    again = client.get(url("declaration", world.krueger))
    assert again.context["accepted"] == declaration
    assert "You accepted this declaration on" in again.text
    assert client.post(url("declaration", world.krueger), {})["Location"] == url(
        "relationships", world.krueger
    )
    assert JurorDeclaration.objects.count() == 1


def test_declaration_in_chinese(client, world):
    client.force_login(world.krueger.user)
    client.post(url("declaration", world.krueger), {"accept": "on"}, **ZH)
    assert JurorDeclaration.objects.get().language == "zh-hans"


def test_relationships_page_lists_the_divisions_candidates(client, world):
    world.accept(world.krueger, world.wang)
    client.force_login(world.krueger.user)
    response = client.get(url("relationships", world.krueger))
    assert response.status_code == 200
    choices = list(response.context["form"].fields["application"].queryset)
    assert choices == [world.ana, world.ben]
    assert "ALPHA Ana (安娜)" in response.text
    assert "Gamma" not in response.text  # cello
    assert "Draft" not in response.text
    chinese = client.get(url("relationships", world.krueger), **ZH)
    assert chinese.status_code == 200
    assert "安娜" in chinese.text
    client.force_login(world.wang.user)
    wide = client.get(url("relationships", world.wang))
    assert list(wide.context["form"].fields["application"].queryset) == [
        world.ana,
        world.ben,
        world.cai,
    ]


def test_declaring_and_withdrawing_a_relationship(client, world):
    world.accept(world.krueger)
    client.force_login(world.krueger.user)
    response = client.post(
        url("relationships", world.krueger),
        {"application": world.ben.pk, "kind": "private_lessons", "started_on": "2023-01-10",
         "ended_on": "2023-03-01", "lessons": "4", "note": "Before the competition"},
    )  # fmt: skip
    assert response["Location"] == url("relationships", world.krueger)
    relationship = Relationship.objects.get()
    assert (relationship.application, relationship.kind, relationship.lessons) == (
        world.ben,
        "private_lessons",
        4,
    )
    assert relationship.ended_on == dt.date(2023, 3, 1)
    page = client.get(url("relationships", world.krueger))
    assert list(page.context["relationships"]) == [relationship]
    assert "Before the competition" in page.text
    assert (
        client.get(url("withdraw", world.krueger, relationship_id=relationship.pk)).status_code
        == 405
    )
    withdrawn = client.post(url("withdraw", world.krueger, relationship_id=relationship.pk))
    assert withdrawn["Location"] == url("relationships", world.krueger)
    relationship.refresh_from_db()
    assert relationship.withdrawn_by == world.krueger.user
    # Withdrawn once: no second time.
    assert (
        client.post(url("withdraw", world.krueger, relationship_id=relationship.pk)).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"kind": "regular_study", "started_on": "2023-01-10", "ended_on": "2022-01-01"},
            {"ended_on": ["The end cannot be before the start."]},
        ),
        ({"kind": "other", "note": " "}, {"note": ["Say what the relationship is."]}),
        ({"kind": "friend"}, {"kind": ["Select a valid choice. friend is not one of the available choices."]}),
        ({"kind": "relative", "lessons": "-2"}, {"lessons": ["Ensure this value is greater than or equal to 0."]}),
    ],
)  # fmt: skip
def test_bad_relationships_are_refused_with_field_errors(client, world, data, errors):
    world.accept(world.krueger)
    client.force_login(world.krueger.user)
    response = client.post(
        url("relationships", world.krueger), {"application": world.ana.pk, **data}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert Relationship.objects.count() == 0


@pytest.mark.parametrize("candidate", ["cai", "draft", "other_application"])
def test_candidates_of_other_divisions_cannot_be_chosen(client, world, candidate):
    world.accept(world.krueger)
    client.force_login(world.krueger.user)
    response = client.post(
        url("relationships", world.krueger),
        {"application": getattr(world, candidate).pk, "kind": "relative"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["application"]
    assert Relationship.objects.count() == 0


def test_another_jurors_relationship_cannot_be_withdrawn(client, world):
    world.accept()
    theirs = RelationshipFactory(seat=world.rossi, application=world.ana)
    client.force_login(world.krueger.user)
    response = client.post(url("withdraw", world.krueger, relationship_id=theirs.pk))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.withdrawn_at is None


def test_saving_names_and_institutions(client, world):
    world.accept(world.krueger)
    client.force_login(world.krueger.user)
    response = client.post(
        url("details", world.krueger),
        {"other_names": "Matthias Krueger\nM. Krüger", "institutions": "UdK Berlin"},
    )
    assert response["Location"] == url("relationships", world.krueger)
    profile = JurorProfile.objects.get(seat=world.krueger)
    assert profile.other_name_list() == ["Matthias Krueger", "M. Krüger"]
    page = client.get(url("relationships", world.krueger))
    assert page.context["details"].initial == {
        "other_names": "Matthias Krueger\nM. Krüger",
        "institutions": "UdK Berlin",
    }
    assert client.get(url("details", world.krueger)).status_code == 405
