"""The General Assembly's section of /me/: delegates get their ballot, the secretariat the chair's
page, others nothing of it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, user):
    client.force_login(user)
    return client.get(reverse("dashboard")).content.decode()


def test_voting_delegate_gets_the_ballot(client, meeting):
    page = _page(client, meeting.delegates[0])
    assert reverse("assembly:ballot", args=[meeting.assembly.pk]) in page
    assert reverse("assembly:chair", args=[meeting.assembly.pk]) not in page


def test_observer_sees_the_assembly_without_a_ballot(client, meeting):
    page = _page(client, meeting.observer)
    assert meeting.assembly.event.title in page
    assert reverse("assembly:ballot", args=[meeting.assembly.pk]) not in page


def test_secretariat_gets_the_chair_page(client, meeting):
    assert reverse("assembly:chair", args=[meeting.assembly.pk]) in _page(client, meeting.chair)


def test_others_see_no_assembly(client, meeting):
    for user in (meeting.stranger, meeting.office):
        page = _page(client, user)
        assert reverse("assembly:ballot", args=[meeting.assembly.pk]) not in page
        assert reverse("assembly:chair", args=[meeting.assembly.pk]) not in page
