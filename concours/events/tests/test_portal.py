"""The events' section of /me/: registrants see their registrations, the event's office its
check-in page, others nothing of it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, user):
    client.force_login(user)
    return client.get(reverse("dashboard")).content.decode()


def test_registrant_sees_their_registration(client, seminar):
    registration = seminar.register(seminar.people[0])
    page = _page(client, seminar.people[0])
    assert reverse("events:registration", args=[registration.pk]) in page
    assert reverse("events:check_in", args=["strings-seminar"]) not in page


def test_office_sees_the_check_in_of_its_event(client, seminar):
    assert reverse("events:check_in", args=["strings-seminar"]) in _page(client, seminar.office)


def test_others_see_nothing_of_the_event(client, seminar):
    seminar.register(seminar.people[0])
    for user in (seminar.people[1], seminar.other_office):
        page = _page(client, user)
        assert "Strings Seminar" not in page


def test_master_class_and_assembly_pages_are_linked_from_the_event(client, seminar):
    seminar.event.kind = "master_class"
    seminar.event.save()
    page = client.get(seminar.event.get_absolute_url()).content.decode()
    assert reverse("masterclasses:apply", args=["strings-seminar"]) in page
