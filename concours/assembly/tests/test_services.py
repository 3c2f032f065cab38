"""The assembly's writes: one vote per member and motion, proxies, the states of a motion, and
every vote in the integrity log."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from concours.assembly import services
from concours.assembly.models import Assembly, Attendance, Delegate, MotionState, Vote
from concours.assembly.tests.factories import AssemblyFactory
from concours.events.models import EventKind
from concours.ledger.selectors import entries, verify

pytestmark = pytest.mark.django_db


def test_entitled_members_are_the_federation_members_on_the_day(meeting):
    assert set(meeting.assembly.entitled()) == set(meeting.members)


def test_a_delegate_votes_once_and_the_vote_is_logged(meeting):
    meeting.open()
    vote = meeting.vote(1, "yes")
    assert (vote.choice, vote.channel, vote.via_proxy) == ("yes", "online", False)
    with pytest.raises(
        services.AlreadyVoted, match=r"Your member has already voted on this motion."
    ):
        meeting.vote(1, "no")
    assert Vote.objects.get().choice == "yes"
    logged = list(entries(meeting.assembly.chain).values_list("kind", "actor", "payload"))
    assert logged[-1] == (
        "assembly.vote", f"user:{meeting.delegates[1].pk}",
        {"motion": meeting.motion.pk, "member": meeting.members[1].pk, "choice": "yes",
         "channel": "online", "via_proxy": False},
    )  # fmt: skip
    assert [kind for kind, _actor, _payload in logged] == [
        "assembly.proxy", "assembly.motion.opened", "assembly.vote",
    ]  # fmt: skip
    assert verify(meeting.assembly.chain) == []
    assert Attendance.objects.get(competition=meeting.members[1]).channel == "online"


def test_the_proxy_holder_votes_for_the_member_that_gave_it(meeting):
    meeting.open()
    vote = meeting.vote(0, "no", member=meeting.members[5])
    assert vote.via_proxy
    # the holder's own member is seen online, the giver is not itself present
    assert list(Attendance.objects.values_list("competition", flat=True)) == [meeting.members[0].pk]


def test_a_member_voting_itself_replaces_its_proxy_holders_vote(meeting):
    meeting.open()
    meeting.vote(0, "no", member=meeting.members[5])
    meeting.vote(5, "yes")
    vote = Vote.objects.get(competition=meeting.members[5])
    assert (vote.choice, vote.via_proxy, vote.cast_by) == ("yes", False, meeting.delegates[5])
    with pytest.raises(services.AlreadyVoted):
        meeting.vote(0, "no", member=meeting.members[5])
    assert entries(meeting.assembly.chain).last().kind == "assembly.vote.replaces_proxy"


@pytest.mark.parametrize("who", ["observer", "stranger", "chair", "office"])
def test_only_the_voting_delegate_or_the_proxy_holder_votes(meeting, who):
    meeting.open()
    with pytest.raises(services.NotAllowed, match=r"You cannot vote for this member."):
        services.cast_vote(
            motion=meeting.motion, competition=meeting.members[0], choice="yes",
            by=getattr(meeting, who),
        )  # fmt: skip
    with pytest.raises(services.NotAllowed):  # B's delegate holds no proxy for A
        meeting.vote(1, "yes", member=meeting.members[0])
    assert Vote.objects.count() == 0


@pytest.mark.parametrize("state", ["draft", "closed", "published"])
def test_a_motion_not_open_refuses_votes(meeting, state):
    if state != "draft":
        meeting.open()
        services.close_motion(motion=meeting.motion, by=meeting.chair)
    if state == "published":
        services.publish_motion(motion=meeting.motion, minutes_en="Done.", by=meeting.chair)
    with pytest.raises(services.AssemblyError, match=r"Voting on this motion is not open."):
        meeting.vote(1, "yes")
    assert Vote.objects.count() == 0


def test_a_bad_choice_is_refused(meeting):
    meeting.open()
    with pytest.raises(services.AssemblyError, match=r"Choose yes, no or abstain."):
        meeting.vote(1, "maybe")


def test_motion_steps_in_order(meeting):
    with pytest.raises(services.AssemblyError, match=r"Only an open motion can be closed."):
        services.close_motion(motion=meeting.motion, by=meeting.chair)
    with pytest.raises(services.AssemblyError, match=r"Only a closed motion can be published."):
        services.publish_motion(motion=meeting.motion, minutes_en="x", by=meeting.chair)
    meeting.open()
    with pytest.raises(services.AssemblyError, match=r"Only a draft motion can be opened."):
        meeting.open()


def test_closing_counts_with_the_core_and_publishing_pins_the_log(meeting):
    meeting.open()
    for index, choice in enumerate(["yes", "yes", "no", "abstain"]):
        meeting.vote(index, choice)
    now = dt.datetime(2026, 5, 21, 10, tzinfo=dt.UTC)
    closed = services.close_motion(motion=meeting.motion, by=meeting.chair, now=now)
    assert closed.state == MotionState.CLOSED
    assert closed.closed_at == now
    result = closed.result
    assert (result["yes"], result["no"], result["abstain"], result["outcome"]) == (
        2,
        1,
        1,
        "carried",
    )
    # A, B, C, D online; F represented by A
    assert (result["entitled"], result["online"], result["by_proxy"]) == (6, 4, 1)
    with pytest.raises(services.AssemblyError, match=r"Write the minutes"):
        services.publish_motion(motion=closed, minutes_en="  ", by=meeting.chair)
    published = services.publish_motion(
        motion=closed, minutes_en="Carried.", minutes_zh="通过。", by=meeting.chair
    )
    assert published.state == MotionState.PUBLISHED
    chain = entries(meeting.assembly.chain)
    assert published.chain_length == chain.count() == 8
    assert published.chain_head == chain.last().hash
    assert chain.last().kind == "assembly.motion.published"
    assert verify(meeting.assembly.chain) == []


def test_an_admission_without_quorum_is_not_decided(meeting):
    meeting.open(meeting.admission)
    meeting.vote(1, "yes", motion=meeting.admission)
    meeting.vote(2, "yes", motion=meeting.admission)
    closed = services.close_motion(motion=meeting.admission, by=meeting.chair)
    assert closed.result["quorum_needed"] == 3
    assert closed.result["outcome"] == "no_quorum"


def test_the_chair_records_room_votes_for_members_present(meeting):
    meeting.open()
    with pytest.raises(services.AssemblyError, match=r"Member C is not present in the room"):
        services.record_room_vote(
            motion=meeting.motion, competition=meeting.members[2], choice="no", by=meeting.chair
        )
    services.record_attendance(
        assembly=meeting.assembly, competition=meeting.members[0], channel="room", by=meeting.chair
    )
    services.record_attendance(
        assembly=meeting.assembly, competition=meeting.members[0], channel="room", by=meeting.chair
    )
    direct = services.record_room_vote(
        motion=meeting.motion, competition=meeting.members[0], choice="no", by=meeting.chair
    )
    by_proxy = services.record_room_vote(
        motion=meeting.motion, competition=meeting.members[5], choice="yes", by=meeting.chair
    )
    assert (direct.channel, direct.via_proxy, direct.cast_by) == ("room", False, meeting.chair)
    assert (by_proxy.channel, by_proxy.via_proxy) == ("room", True)
    kinds = list(entries(meeting.assembly.chain).values_list("kind", flat=True))
    assert kinds.count("assembly.attendance") == 1


def test_online_then_room_attendance_counts_as_room(meeting):
    meeting.open()
    meeting.vote(2, "yes")
    services.record_attendance(
        assembly=meeting.assembly, competition=meeting.members[2], channel="room", by=meeting.chair
    )
    assert Attendance.objects.get(competition=meeting.members[2]).channel == "room"


def test_attendance_only_for_members(meeting):
    with pytest.raises(services.AssemblyError, match=r"is not a member entitled to vote"):
        services.record_attendance(
            assembly=meeting.assembly, competition=meeting.future_member, channel="room",
            by=meeting.chair,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("giver", "holder", "message"),
    [
        (5, 1, "This member has already given a proxy."),
        (1, 1, "A member cannot hold its own proxy."),
        (1, 5, "Member F has given its own proxy away and cannot hold another."),
        (0, 1, "Member A holds proxies and cannot give its own away."),
        ("non_member", 1, "is not a member entitled to vote."),
        (1, "future_member", "is not a member entitled to vote."),
    ],
)
def test_proxies_the_rules_forbid_are_refused(meeting, giver, holder, message):
    def member(value):
        return getattr(meeting, value) if isinstance(value, str) else meeting.members[value]

    with pytest.raises(services.AssemblyError, match=message):
        services.record_proxy(
            assembly=meeting.assembly, giver=member(giver), holder=member(holder), note="x",
            by=meeting.chair,
        )  # fmt: skip


def test_a_holder_takes_at_most_the_limit_of_proxies(meeting):
    Assembly.objects.filter(pk=meeting.assembly.pk).update(max_proxies=2)
    meeting.assembly.refresh_from_db()
    record = {
        "assembly": meeting.assembly,
        "holder": meeting.members[0],
        "note": "x",
        "by": meeting.chair,
    }
    services.record_proxy(giver=meeting.members[4], **record)
    with pytest.raises(
        services.AssemblyError, match=r"Member A already holds the most proxies allowed \(2\)."
    ):
        services.record_proxy(giver=meeting.members[3], **record)


def test_assembly_clean_checks_the_event_and_the_rules(meeting):
    assembly = meeting.assembly
    assembly.rules = {"ordinary": {"quorum": "1/2", "majority": "absolute"}}
    assembly.full_clean()
    assert assembly.rule_for("ordinary").quorum == 1 / 2
    for rules, message in [
        ({"coffee": {}}, "Unknown motion type “coffee”."),
        ({"ordinary": {"quorum": "2"}}, "ordinary: rule: “quorum” and “majority” are needed"),
        (["x"], "Give the rules as a JSON object keyed by motion type."),
    ]:
        assembly.rules = rules
        with pytest.raises(ValidationError) as raised:
            assembly.full_clean()
        assert raised.value.message_dict["rules"] == [message]
    event = assembly.event
    event.kind = EventKind.SEMINAR
    assembly.rules = {}
    with pytest.raises(ValidationError) as raised:
        assembly.full_clean()
    assert "event" in raised.value.message_dict


def test_delegates_come_from_members_only(meeting):
    delegate = Delegate(
        assembly=meeting.assembly, competition=meeting.non_member, user=meeting.stranger
    )
    with pytest.raises(ValidationError) as raised:
        delegate.full_clean()
    assert raised.value.message_dict["competition"] == [
        "Only a member competition of the federation sends delegates."
    ]


def test_str_and_urls(meeting):
    assert str(meeting.assembly) == "General Assembly 2026"
    assert meeting.assembly.get_absolute_url() == f"/assemblies/{meeting.assembly.pk}/"
    assert str(meeting.proxy) == "Member F → Member A"
    assert str(AssemblyFactory().chain).startswith("assembly:")
