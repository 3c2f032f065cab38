"""Rounds the jury has decided on, ready to publish: a first round with a cut and a final with
prizes (an ex aequo place and a withheld one). Marks include an ``S`` and an ``A``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from concours.accounts.models import User
from concours.applications.models import Application
from concours.competitions.models import JuryMember, Round
from concours.publication.models import Listing, Publication
from concours.publication.services import publish_round
from concours.results.live import step_round
from concours.results.models import Mark, MarkStatus, RoundStage
from concours.results.selectors import latest_computation
from concours.results.services import record_decision
from concours.results.tests.live_setup import make_live_round
from concours.scoring.decisions import AwardPlace, ConfirmAdvancers, WithholdPrize

WHEN = "2025-08-14T21:00:00+08:00"
#: candidate → the three jurors' marks ("S": own student; "A": absent).
MARKS = {
    "Ana Alpha": ("20", "22", "21"),
    "Ben Beta": ("18", "S", "19"),
    "Cai Gamma": ("15", "16", "A"),
    "Dora Delta": ("12", "14", "13"),
}
FEEDBACK = {
    ("Ana Alpha", 0): "Beautiful phrasing in the Chopin.",
    ("Ana Alpha", 2): "Mind the tempo.",
}


@dataclass
class Decided:
    round: Round
    candidates: dict[str, Application]
    jurors: list[JuryMember]
    office: User


def make_decided_round(*, final: bool = False, extra: int = 0) -> Decided:
    """``extra``: more candidates (up to six), each marked 10, 11, 12, to compare sizes."""
    live = make_live_round(jurors=3, candidates=4 + extra, advancing=None if final else 2)
    round_ = live.round
    candidates = {a.candidate.display_name: a for a in live.candidates}
    cai = candidates["Cai Gamma"].candidate
    cai.native_name = "蔡伽玛"
    cai.country_represented = "CN"
    cai.save()
    first = live.jurors[0]
    first.name_zh = "评委一"
    first.is_chair = True
    first.save()
    step_round(round_=round_, to=RoundStage.LIVE, by=live.office)
    for name in candidates:
        marks = MARKS.get(name, ("10", "11", "12"))
        for index, (juror, mark) in enumerate(zip(live.jurors, marks, strict=True)):
            scored = mark not in ("S", "A")
            Mark.objects.create(
                round=round_, application=candidates[name], juror=juror,
                status=MarkStatus.SCORED if scored else mark,
                value=Decimal(mark) if scored else None,
                feedback=FEEDBACK.get((name, index), ""),
            )  # fmt: skip
    step_round(round_=round_, to=RoundStage.CLOSED, by=live.office)
    step_round(round_=round_, to=RoundStage.COMPUTED, by=live.office)
    computation = latest_computation(round_)
    decisions = (
        [
            AwardPlace(place=1, candidates=("Ana Alpha",), decided_by="jury", decided_at=WHEN,
                       prize_name="First Prize"),
            AwardPlace(place=2, candidates=("Ben Beta", "Cai Gamma"), decided_by="jury",
                       decided_at=WHEN, prize_name="Second Prize", note="ex aequo"),
            WithholdPrize(place=3, decided_by="jury", decided_at=WHEN, prize_name="Third Prize"),
        ]
        if final
        else [ConfirmAdvancers(candidates=("Ana Alpha", "Ben Beta"), decided_by="jury", decided_at=WHEN)]
    )  # fmt: skip
    for decision in decisions:
        record_decision(computation=computation, decision=decision, by=live.office)
    step_round(round_=round_, to=RoundStage.DECIDED, by=live.office)
    return Decided(round_, candidates, live.jurors, live.office)


def publish(
    decided: Decided,
    *,
    publish_in: dt.timedelta = dt.timedelta(hours=-1),
    sheets_in: dt.timedelta = dt.timedelta(hours=-1),
    listing: str = Listing.ALPHABETICAL,
    release_feedback: bool = True,
) -> Publication:
    """Publish the round with the embargo ``publish_in`` from now (negative: already public)."""
    now = timezone.now()
    # As in production, what the service leaves for after the commit runs (the tests' own
    # transaction never commits).
    with TestCase.captureOnCommitCallbacks(execute=True):
        return publish_round(
            round_=decided.round, publish_at=now + publish_in, sheets_at=now + sheets_in,
            listing=listing, release_feedback=release_feedback, by=decided.office,
        )  # fmt: skip
