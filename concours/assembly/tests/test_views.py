"""The public page, the delegate's page and the chair's page: who reaches what, the vote flow,
clear messages for bad input, and queries that do not grow with rows."""

import pytest
from django.urls import reverse

from concours.assembly import services
from concours.assembly.models import MotionState, Vote
from concours.assembly.tests.factories import AgendaItemFactory, MotionFactory
from concours.events.models import EventStatus

pytestmark = pytest.mark.django_db


def urls(meeting):
    a, m = meeting.assembly.pk, meeting.motion.pk
    return [
        ("get", reverse("assembly:chair", args=[a])),
        ("post", reverse("assembly:attendance", args=[a])),
        ("post", reverse("assembly:open", args=[a, m])),
        ("post", reverse("assembly:close", args=[a, m])),
        ("post", reverse("assembly:room_vote", args=[a, m])),
        ("post", reverse("assembly:publish", args=[a, m])),
    ]


def ballot_url(meeting):
    return reverse("assembly:ballot", args=[meeting.assembly.pk])


def test_anonymous_visitors_are_sent_to_sign_in(client, meeting):
    for method, url in [
        *urls(meeting),
        ("get", ballot_url(meeting)),
        ("post", ballot_url(meeting)),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["stranger", "office", "observer"])
def test_only_the_secretariat_chairs(client, meeting, who):
    client.force_login(getattr(meeting, who))
    for method, url in urls(meeting):
        assert getattr(client, method)(url).status_code == 404, url
    meeting.motion.refresh_from_db()
    assert meeting.motion.state == MotionState.DRAFT


@pytest.mark.parametrize("who", ["stranger", "office", "chair"])
def test_people_who_are_not_delegates_have_no_ballot(client, meeting, who):
    client.force_login(getattr(meeting, who))
    assert client.get(ballot_url(meeting)).status_code == 404


def test_public_page_shows_published_results_only(client, meeting):
    meeting.open()
    meeting.vote(1, "yes")
    meeting.vote(2, "yes")
    services.close_motion(motion=meeting.motion, by=meeting.chair)
    url = meeting.assembly.get_absolute_url()
    content = client.get(url).content.decode()
    assert "Host the 2027 Annual Meeting" in content
    assert "Admit the Songhua" not in content  # a draft
    assert "Carried" not in content
    services.publish_motion(
        motion=meeting.motion, minutes_en="Schoenfeld hosts 2027.", by=meeting.chair
    )
    content = client.get(url).content.decode()
    assert "Carried" in content
    assert "Schoenfeld hosts 2027." in content
    meeting.motion.refresh_from_db()
    assert meeting.motion.chain_head in content


def test_public_page_of_a_draft_event_is_hidden(client, meeting):
    meeting.assembly.event.status = EventStatus.DRAFT
    meeting.assembly.event.save()
    url = meeting.assembly.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(meeting.chair)
    assert client.get(url).status_code == 200


def test_a_delegate_votes_online_once(client, meeting):
    meeting.open()
    client.force_login(meeting.delegates[1])
    page = client.get(ballot_url(meeting)).content.decode()
    assert "Vote for Member B" in page
    data = {"motion": meeting.motion.pk, "member": meeting.members[1].pk, "choice": "no"}
    response = client.post(ballot_url(meeting), data, follow=True)
    assert "The vote of Member B is recorded: No." in response.content.decode()
    assert "Member B has voted: No." in response.content.decode()
    again = client.post(ballot_url(meeting), {**data, "choice": "yes"})
    assert again.status_code == 409
    assert "Your member has already voted on this motion." in again.content.decode()
    assert list(Vote.objects.values_list("choice", flat=True)) == ["no"]


def test_the_proxy_holder_sees_and_casts_both_votes(client, meeting):
    meeting.open()
    client.force_login(meeting.delegates[0])
    page = client.get(ballot_url(meeting)).content.decode()
    assert "Vote for Member A" in page
    assert "Vote for Member F (by proxy)" in page
    client.post(
        ballot_url(meeting),
        {"motion": meeting.motion.pk, "member": meeting.members[5].pk, "choice": "yes"},
    )
    assert Vote.objects.get().via_proxy


def test_bad_ballots_answer_clearly_and_change_nothing(client, meeting):
    meeting.open()
    client.force_login(meeting.delegates[1])
    url = ballot_url(meeting)
    missing = client.post(url, {"motion": meeting.motion.pk, "member": meeting.members[1].pk})
    assert missing.status_code == 400
    assert "Choose yes, no or abstain." in missing.content.decode()
    other = client.post(
        url, {"motion": meeting.motion.pk, "member": meeting.members[2].pk, "choice": "yes"}
    )
    assert other.status_code == 403
    foreign = MotionFactory()
    assert (
        client.post(
            url, {"motion": foreign.pk, "member": meeting.members[1].pk, "choice": "yes"}
        ).status_code
        == 404
    )
    assert client.post(url, {"motion": "x", "choice": "yes"}).status_code == 404
    closed = client.post(
        url, {"motion": meeting.admission.pk, "member": meeting.members[1].pk, "choice": "yes"}
    )
    assert closed.status_code == 409
    assert "Voting on this motion is not open." in closed.content.decode()
    assert Vote.objects.count() == 0


def test_an_observer_sees_the_motions_without_a_form(client, meeting):
    meeting.open()
    client.force_login(meeting.observer)
    page = client.get(ballot_url(meeting)).content.decode()
    assert "you follow the votes without casting one" in page
    assert "Cast the vote" not in page


def test_the_chair_runs_a_motion(client, meeting):
    client.force_login(meeting.chair)
    a, m = meeting.assembly.pk, meeting.motion.pk
    assert client.post(reverse("assembly:open", args=[a, m])).status_code == 302
    client.post(reverse("assembly:attendance", args=[a]), {"member": meeting.members[2].pk})
    bad = client.post(reverse("assembly:room_vote", args=[a, m]), {"member": meeting.members[2].pk})
    assert bad.status_code == 400
    absent = client.post(
        reverse("assembly:room_vote", args=[a, m]),
        {"member": meeting.members[3].pk, "choice": "yes"},
    )
    assert absent.status_code == 409
    assert "Member D is not present in the room" in absent.content.decode()
    client.post(
        reverse("assembly:room_vote", args=[a, m]),
        {"member": meeting.members[2].pk, "choice": "yes"},
    )
    page = client.get(reverse("assembly:chair", args=[a])).content.decode()
    assert (
        "So far: 1 yes, 0 no, 0 abstaining; 1 of 6 members present or represented (2 needed for the quorum)."
        in page
    )
    assert "No quorum yet." in page
    meeting.vote(1, "yes")
    client.post(reverse("assembly:close", args=[a, m]))
    assert (
        client.post(reverse("assembly:open", args=[a, m]), follow=True)
        .content.decode()
        .count("Only a draft motion can be opened.")
        == 1
    )
    empty = client.post(reverse("assembly:publish", args=[a, m]), {"minutes_en": ""})
    assert empty.status_code == 400
    client.post(
        reverse("assembly:publish", args=[a, m]), {"minutes_en": "Carried by show of cards."}
    )
    meeting.motion.refresh_from_db()
    assert meeting.motion.state == MotionState.PUBLISHED
    assert meeting.motion.result["outcome"] == "carried"
    assert (
        client.post(reverse("assembly:publish", args=[a, m]), {"minutes_en": "x"}).status_code
        == 409
    )
    assert (
        client.post(
            reverse("assembly:attendance", args=[a]), {"member": meeting.non_member.pk}
        ).status_code
        == 400
    )


def _more_motions(meeting, count):
    for number in range(count):
        motion = MotionFactory(agenda_item=AgendaItemFactory(assembly=meeting.assembly))
        services.open_motion(motion=motion, by=meeting.chair)
        for index in range(4):
            meeting.vote(index, "yes", motion=motion)
        if number % 2:
            services.close_motion(motion=motion, by=meeting.chair)
            services.publish_motion(motion=motion, minutes_en="ok", by=meeting.chair)
        else:
            services.close_motion(motion=motion, by=meeting.chair)


@pytest.mark.parametrize("count", [1, 6])
def test_pages_keep_their_queries_as_motions_grow(
    client, meeting, count, django_assert_max_num_queries
):
    _more_motions(meeting, count)
    meeting.open()
    client.force_login(meeting.chair)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("assembly:chair", args=[meeting.assembly.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(meeting.assembly.get_absolute_url()).status_code == 200
    client.force_login(meeting.delegates[0])
    with django_assert_max_num_queries(12):
        assert client.get(ballot_url(meeting)).status_code == 200


def test_the_secretariat_records_proxies_in_the_office(client, meeting):
    url = reverse("admin:assembly_proxy_add")
    base = {"assembly": meeting.assembly.pk, "note": "Letter"}
    client.force_login(meeting.office)
    assert client.get(url).status_code == 403
    client.force_login(meeting.chair)
    refused = client.post(
        url, {**base, "giver": meeting.members[1].pk, "holder": meeting.members[5].pk}
    )
    assert refused.status_code == 200
    assert (
        "Member F has given its own proxy away and cannot hold another." in refused.content.decode()
    )
    client.post(url, {**base, "giver": meeting.members[1].pk, "holder": meeting.members[2].pk})
    proxy = meeting.assembly.proxies.get(giver=meeting.members[1])
    assert (proxy.holder, proxy.recorded_by) == (meeting.members[2], meeting.chair)
