"""Writes for the General Assembly, each one transaction that appends to the assembly's chain
in the integrity log (``assembly:<id>``), with the actor as ``user:<id>`` and never a name.

Votes on one motion take turns on the motion's row lock, so a member's two simultaneous votes
leave exactly one (the unique constraint on motion and member is the last guard)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.assembly import access
from concours.assembly.models import (
    Assembly,
    Attendance,
    Motion,
    MotionState,
    Proxy,
    Vote,
    VoteChannel,
    VoteChoice,
)
from concours.assembly.selectors import motion_tally
from concours.competitions.models import Competition
from concours.ledger.selectors import public_head
from concours.ledger.services import actor_of, append


class AssemblyError(Exception):
    """An action the assembly's rules refuse, with a message for the person who tried."""


class AlreadyVoted(AssemblyError):
    def __init__(self) -> None:
        super().__init__(_("Your member has already voted on this motion."))


class NotAllowed(AssemblyError):
    def __init__(self) -> None:
        super().__init__(_("You cannot vote for this member."))


def _log(assembly: Assembly, kind: str, payload: dict[str, object], by: User | None) -> None:
    append(chain=assembly.chain, kind=kind, payload=payload, actor=actor_of(by))


def _entitled(assembly: Assembly, competition: Competition) -> None:
    if not assembly.entitled().filter(pk=competition.pk).exists():
        raise AssemblyError(
            _("%(member)s is not a member entitled to vote.") % {"member": competition}
        )


def check_proxy(*, assembly: Assembly, giver: Competition, holder: Competition) -> None:
    """Refuse a proxy the rules do not allow: both members entitled to vote, never to oneself
    or passed on, at most ``assembly.max_proxies`` per holder."""
    _entitled(assembly, giver)
    _entitled(assembly, holder)
    pairs = dict(Proxy.objects.filter(assembly=assembly).values_list("giver_id", "holder_id"))
    if giver.pk in pairs:
        raise AssemblyError(_("This member has already given a proxy."))
    if giver.pk == holder.pk:
        raise AssemblyError(_("A member cannot hold its own proxy."))
    if holder.pk in pairs:
        raise AssemblyError(
            _("%(member)s has given its own proxy away and cannot hold another.")
            % {"member": holder}
        )
    if giver.pk in pairs.values():
        raise AssemblyError(
            _("%(member)s holds proxies and cannot give its own away.") % {"member": giver}
        )
    if list(pairs.values()).count(holder.pk) >= assembly.max_proxies:
        raise AssemblyError(
            _("%(member)s already holds the most proxies allowed (%(count)d).")
            % {"member": holder, "count": assembly.max_proxies}
        )


def record_proxy(
    *, assembly: Assembly, giver: Competition, holder: Competition, note: str, by: User | None
) -> Proxy:
    """Record a proxy from the member's letter (see ``check_proxy`` for what is refused)."""
    with transaction.atomic():
        Assembly.objects.select_for_update().get(pk=assembly.pk)
        check_proxy(assembly=assembly, giver=giver, holder=holder)
        proxy = Proxy.objects.create(
            assembly=assembly, giver=giver, holder=holder, note=note, recorded_by=by
        )
        _log(assembly, "assembly.proxy", {"from": giver.pk, "to": holder.pk}, by)
        return proxy


def record_attendance(
    *, assembly: Assembly, competition: Competition, channel: VoteChannel | str, by: User | None
) -> Attendance:
    """Record a member as present (the chair's roll call, in the room); a member seen online
    and then in the room counts as in the room."""
    with transaction.atomic():
        _entitled(assembly, competition)
        found, created = Attendance.objects.get_or_create(
            assembly=assembly, competition=competition, defaults={"channel": channel}
        )
        if not created and found.channel != channel:
            found.channel = channel
            found.save(update_fields=["channel"])
        elif not created:
            return found
        _log(
            assembly, "assembly.attendance", {"member": competition.pk, "channel": str(channel)}, by
        )
        return found


def _locked(motion: Motion) -> Motion:
    return (
        Motion.objects.select_for_update(of=("self",))
        .select_related("agenda_item__assembly__event")
        .get(pk=motion.pk)
    )


def open_motion(*, motion: Motion, by: User | None, now: dt.datetime | None = None) -> Motion:
    with transaction.atomic():
        locked = _locked(motion)
        if locked.state != MotionState.DRAFT:
            raise AssemblyError(_("Only a draft motion can be opened."))
        locked.state, locked.opened_at = MotionState.OPEN, now or timezone.now()
        locked.save(update_fields=["state", "opened_at"])
        _log(locked.agenda_item.assembly, "assembly.motion.opened", {"motion": locked.pk}, by)
        return locked


def _store_vote(
    motion: Motion, competition: Competition, choice: str, *, channel: str, via_proxy: bool,
    voter: Competition, by: User, now: dt.datetime | None,
) -> Vote:  # fmt: skip
    """The vote, inside the caller's transaction with the motion locked."""
    assembly = motion.agenda_item.assembly
    if motion.state != MotionState.OPEN:
        raise AssemblyError(_("Voting on this motion is not open."))
    if choice not in VoteChoice.values:
        raise AssemblyError(_("Choose yes, no or abstain."))
    existing = Vote.objects.filter(motion=motion, competition=competition).first()
    kind = "assembly.vote"
    if existing is not None:
        if not existing.via_proxy or via_proxy:
            raise AlreadyVoted()
        kind = "assembly.vote.replaces_proxy"  # the member's own vote overrides its proxy
        existing.delete()
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                motion=motion, competition=competition, cast_by=by, choice=choice,
                channel=channel, via_proxy=via_proxy, cast_at=now or timezone.now(),
            )  # fmt: skip
    except IntegrityError:  # pragma: no cover - the motion's row lock already prevents it
        raise AlreadyVoted() from None
    Attendance.objects.get_or_create(
        assembly=assembly, competition=voter, defaults={"channel": channel}
    )
    payload = {
        "motion": motion.pk, "member": competition.pk, "choice": choice,
        "channel": channel, "via_proxy": via_proxy,
    }  # fmt: skip
    _log(assembly, kind, payload, by)
    return vote


def cast_vote(
    *, motion: Motion, competition: Competition, choice: VoteChoice | str, by: User,
    now: dt.datetime | None = None,
) -> Vote:  # fmt: skip
    """A delegate votes online for their member, or for a member whose proxy they hold."""
    with transaction.atomic():
        locked = _locked(motion)
        assembly = locked.agenda_item.assembly
        via_proxy = access.voting_capacity(assembly, by, competition.pk)
        if via_proxy is None:
            raise NotAllowed()
        seat = access.delegation(assembly, by)
        assert seat is not None  # a capacity needs a voting seat
        return _store_vote(
            locked, competition, str(choice), channel=VoteChannel.ONLINE, via_proxy=via_proxy,
            voter=seat.competition, by=by, now=now,
        )  # fmt: skip


def record_room_vote(
    *, motion: Motion, competition: Competition, choice: VoteChoice | str, by: User,
    now: dt.datetime | None = None,
) -> Vote:  # fmt: skip
    """The chair records a member's vote from the show of cards in the room: the member's
    delegate in the room, or the holder of its proxy in the room."""
    with transaction.atomic():
        locked = _locked(motion)
        assembly = locked.agenda_item.assembly
        present = set(
            Attendance.objects.filter(assembly=assembly, channel=VoteChannel.ROOM).values_list(
                "competition_id", flat=True
            )
        )
        proxy = (
            Proxy.objects.filter(assembly=assembly, giver=competition)
            .select_related("holder")
            .first()
        )
        if competition.pk in present:
            via_proxy, voter = False, competition
        elif proxy is not None and proxy.holder_id in present:
            via_proxy, voter = True, proxy.holder
        else:
            raise AssemblyError(
                _("%(member)s is not present in the room, nor represented there by proxy.")
                % {"member": competition}
            )
        return _store_vote(
            locked, competition, str(choice), channel=VoteChannel.ROOM, via_proxy=via_proxy,
            voter=voter, by=by, now=now,
        )  # fmt: skip


def close_motion(*, motion: Motion, by: User | None, now: dt.datetime | None = None) -> Motion:
    """Close the vote and store the count (the voting core's result) as the motion's result."""
    with transaction.atomic():
        locked = _locked(motion)
        if locked.state != MotionState.OPEN:
            raise AssemblyError(_("Only an open motion can be closed."))
        assembly = locked.agenda_item.assembly
        tally = motion_tally(locked, assembly)
        locked.state, locked.closed_at = MotionState.CLOSED, now or timezone.now()
        locked.result = tally.to_json()
        locked.save(update_fields=["state", "closed_at", "result"])
        payload = {
            "motion": locked.pk, "outcome": tally.outcome.value, "yes": tally.yes, "no": tally.no,
            "abstain": tally.abstain, "entitled": tally.entitled,
            "present_or_represented": tally.present_or_represented,
        }  # fmt: skip
        _log(assembly, "assembly.motion.closed", payload, by)
        return locked


def publish_motion(
    *, motion: Motion, minutes_en: str, minutes_zh: str = "", by: User | None,
    now: dt.datetime | None = None,
) -> Motion:  # fmt: skip
    """Publish the result with the minutes, and the log's head after this entry."""
    if not minutes_en.strip() and not minutes_zh.strip():
        raise AssemblyError(_("Write the minutes before publishing the result."))
    with transaction.atomic():
        locked = _locked(motion)
        if locked.state != MotionState.CLOSED:
            raise AssemblyError(_("Only a closed motion can be published."))
        assembly = locked.agenda_item.assembly
        _log(assembly, "assembly.motion.published", {"motion": locked.pk}, by)
        head = public_head(assembly.chain)
        locked.state, locked.published_at = MotionState.PUBLISHED, now or timezone.now()
        locked.minutes_en, locked.minutes_zh = minutes_en.strip(), minutes_zh.strip()
        locked.chain_length, locked.chain_head = head.length, head.hash
        locked.save()
        return locked
