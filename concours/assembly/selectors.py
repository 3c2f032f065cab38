"""Reads for the assembly's pages, shaped so that queries do not grow with rows; and the one
adapter that hands a motion to the voting core."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from concours import voting
from concours.assembly.models import (
    AgendaItem,
    Assembly,
    Attendance,
    Delegate,
    Motion,
    MotionState,
    Proxy,
    Vote,
)
from concours.competitions.models import Competition
from concours.ledger.selectors import PublicHead, public_head


def agenda(assembly: Assembly, *, public: bool) -> list[AgendaItem]:
    """The agenda with its motions; for the public, drafts are left out and results are shown
    only once published."""
    motions = Motion.objects.order_by("id")
    if public:
        motions = motions.exclude(state=MotionState.DRAFT)
    else:
        motions = motions.prefetch_related(
            Prefetch(
                "votes",
                queryset=Vote.objects.select_related("competition").order_by(
                    "competition__name_en"
                ),
            )
        )
    return list(
        assembly.agenda.order_by("order", "id").prefetch_related(
            Prefetch("motions", queryset=motions)
        )
    )


def members_entitled(assembly: Assembly) -> QuerySet[Competition]:
    return assembly.entitled().order_by("name_en")


def member_rows(assembly: Assembly) -> list[dict[str, object]]:
    """The roll for the chair: each member entitled to vote, its voting delegate, whether it
    attends and how, the proxy it gave."""
    members = list(members_entitled(assembly))
    delegates = {
        delegate.competition_id: delegate
        for delegate in Delegate.objects.filter(assembly=assembly, voting=True).select_related(
            "user"
        )
    }
    present = dict(
        Attendance.objects.filter(assembly=assembly).values_list("competition_id", "channel")
    )
    proxies = {
        proxy.giver_id: proxy
        for proxy in Proxy.objects.filter(assembly=assembly).select_related("holder")
    }
    return [
        {
            "member": member,
            "delegate": delegates.get(member.pk),
            "present": present.get(member.pk),
            "proxy": proxies.get(member.pk),
        }
        for member in members
    ]


def motion_tally(motion: Motion, assembly: Assembly) -> voting.Tally:
    """Count the motion now, from the members entitled, the attendance, the proxies and the
    votes stored (spec: docs/algorithms/voting.md)."""
    members = [str(pk) for pk in assembly.entitled().values_list("pk", flat=True)]
    present = {
        str(member): voting.Channel(channel)
        for member, channel in Attendance.objects.filter(assembly=assembly).values_list(
            "competition_id", "channel"
        )
    }
    proxies = {
        str(giver): str(holder)
        for giver, holder in Proxy.objects.filter(assembly=assembly).values_list(
            "giver_id", "holder_id"
        )
    }
    ballots = [
        voting.Ballot(str(member), voting.Choice(choice), via_proxy, voting.Channel(channel))
        for member, choice, via_proxy, channel in motion.votes.values_list(
            "competition_id", "choice", "via_proxy", "channel"
        )
    ]
    return voting.count_votes(
        members=members, present=present, proxies=proxies, votes=ballots,
        rule=assembly.rule_for(motion.motion_type), max_proxies=assembly.max_proxies,
    )  # fmt: skip


@dataclass(frozen=True)
class BallotRow:
    """One member the delegate may vote for on one open motion, and the vote already stored."""

    member: Competition
    by_proxy: bool
    vote: Vote | None


def ballot_rows(
    motions: list[Motion], members: list[tuple[Competition, bool]]
) -> dict[int, list[BallotRow]]:
    """For each open motion, the members the delegate votes for and their votes so far."""
    stored = {
        (vote.motion_id, vote.competition_id): vote
        for vote in Vote.objects.filter(
            motion__in=motions, competition__in=[member for member, _ in members]
        )
    }
    return {
        motion.pk: [
            BallotRow(member, by_proxy, stored.get((motion.pk, member.pk)))
            for member, by_proxy in members
        ]
        for motion in motions
    }


def open_motions(assembly: Assembly) -> list[Motion]:
    return list(
        Motion.objects.filter(agenda_item__assembly=assembly, state=MotionState.OPEN)
        .select_related("agenda_item")
        .order_by("agenda_item__order", "id")
    )


def ledger_head(assembly: Assembly) -> PublicHead:
    return public_head(assembly.chain)
