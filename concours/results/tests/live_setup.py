"""A small live round for the tests: three admitted candidates, three jurors with accounts."""

from __future__ import annotations

from dataclasses import dataclass

from concours.accounts.models import User
from concours.accounts.tests.factories import UserFactory
from concours.applications.models import Application, ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.models import JuryMember, OfficeStaff, Round
from concours.competitions.tests.factories import JuryMemberFactory, RoundFactory
from concours.jury.services import accept_declaration


@dataclass
class LiveRound:
    round: Round
    candidates: list[Application]
    jurors: list[JuryMember]
    office: User


NAMES = (
    ("Ana", "Alpha"),
    ("Ben", "Beta"),
    ("Cai", "Gamma"),
    ("Dora", "Delta"),
    ("Emil", "Epsilon"),
    ("Fei", "Zeta"),
    ("Gil", "Eta"),
    ("Hana", "Theta"),
    ("Ivo", "Iota"),
    ("Jun", "Kappa"),
)


def make_live_round(
    *, jurors: int = 3, candidates: int = 3, preset: str = "mean", advancing: int = 2
) -> LiveRound:
    round_ = RoundFactory(
        number=1, scoring_preset=preset, scoring_parameters={"scale": [1, 25]},
        advancing=advancing,
    )  # fmt: skip
    division = round_.division
    admitted = [
        ApplicationFactory(
            division=division,
            status=ApplicationStatus.ADMITTED,
            candidate=CandidateProfileFactory(given_name=given, family_name=family),
        )
        for given, family in NAMES[:candidates]
    ]
    seats = [
        JuryMemberFactory(
            edition=division.edition,
            division=division,
            name_en=f"Juror {n}",
            user=UserFactory(),
        )
        for n in range(1, jurors + 1)
    ]
    for seat in seats:
        accept_declaration(seat=seat, by=seat.user)
    office = UserFactory()
    OfficeStaff.objects.create(user=office, competition=division.edition.competition)
    return LiveRound(round_, admitted, seats, office)
