import datetime as dt

import pytest

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import ApplicationStatus, TeachingKind
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    JuryMemberFactory,
    OfficeStaffFactory,
    RoundFactory,
)
from concours.federation.tests.factories import CityFactory, SecretariatMemberFactory
from concours.jury.tests.factories import JurorDeclarationFactory, TeacherFactory


class JuryWorld:
    """Competition A: an edition starting 1 September 2025 with a violin and a cello division,
    two violin jurors (Krüger, Rossi) and an edition-wide juror (Wang Jian); candidates Ana
    (Krüger's current student, typed "Prof. M. Krueger"), Ben (a master class with Rossi) and a
    draft in violin, Cai in cello (Wang Jian's student). Competition B: one juror and one
    candidate. One person per role."""

    def __init__(self) -> None:
        self.competition = CompetitionFactory(city=CityFactory(name_en="Harbin"))
        self.edition = EditionFactory(
            competition=self.competition,
            starts_on=dt.date(2025, 9, 1),
            ends_on=dt.date(2025, 9, 14),
        )
        self.violin = DivisionFactory(edition=self.edition, name_en="Violin", order=1)
        self.cello = DivisionFactory(
            edition=self.edition, name_en="Cello", name_zh="大提琴", order=2
        )
        self.round = RoundFactory(division=self.violin, number=1)
        self.cello_round = RoundFactory(division=self.cello, number=1)
        self.krueger = JuryMemberFactory(
            edition=self.edition, division=self.violin, user=UserFactory(full_name="Matthias Krüger"),
            name_en="Matthias Krüger", name_zh="马蒂亚斯·克吕格尔", is_chair=True,
        )  # fmt: skip
        self.rossi = JuryMemberFactory(
            edition=self.edition, division=self.violin, user=UserFactory(), name_en="Giulia Rossi",
            order=2,
        )  # fmt: skip
        self.wang = JuryMemberFactory(
            edition=self.edition, division=None, user=UserFactory(), name_en="Wang Jian",
            name_zh="王健", order=3,
        )  # fmt: skip
        self.ana = ApplicationFactory(
            division=self.violin,
            candidate=CandidateProfileFactory(
                given_name="Ana", family_name="Alpha", native_name="安娜"
            ),
        )
        self.ben = ApplicationFactory(
            division=self.violin,
            candidate=CandidateProfileFactory(given_name="Ben", family_name="Beta"),
        )
        self.draft = ApplicationFactory(
            division=self.violin,
            status=ApplicationStatus.DRAFT,
            candidate=CandidateProfileFactory(given_name="Dora", family_name="Draft"),
        )
        self.cai = ApplicationFactory(
            division=self.cello,
            candidate=CandidateProfileFactory(given_name="Cai", family_name="Gamma"),
        )
        TeacherFactory(candidate=self.ana.candidate, name="Prof. M. Krueger")
        TeacherFactory(
            candidate=self.ben.candidate, name="Giulia Rossi", kind=TeachingKind.MASTERCLASS,
            started_on=dt.date(2024, 7, 1), ended_on=dt.date(2024, 7, 5),
        )  # fmt: skip
        TeacherFactory(candidate=self.draft.candidate, name="Matthias Krüger")
        TeacherFactory(
            candidate=self.cai.candidate, name="Wang Jian", started_on=dt.date(2020, 9, 1),
            ended_on=dt.date(2023, 6, 30),
        )  # fmt: skip
        self.other_competition = CompetitionFactory(city=CityFactory(name_en="Warsaw"))
        self.other_edition = EditionFactory(competition=self.other_competition)
        self.other_division = DivisionFactory(edition=self.other_edition)
        self.other_seat = JuryMemberFactory(
            edition=self.other_edition, division=self.other_division, user=UserFactory(),
            name_en="Matthias Krüger",
        )  # fmt: skip
        self.other_application = ApplicationFactory(division=self.other_division)
        TeacherFactory(candidate=self.other_application.candidate, name="Matthias Krüger")
        self.office = OfficeStaffFactory(competition=self.competition).user
        self.other_office = OfficeStaffFactory(competition=self.other_competition).user
        self.secretariat = SecretariatMemberFactory(federation=self.competition.federation).user
        self.candidate = self.ana.candidate.user
        self.stranger = UserFactory()

    def accept(self, *seats):
        for seat in seats or (self.krueger, self.rossi, self.wang):
            JurorDeclarationFactory(seat=seat)


@pytest.fixture
def world(db):
    return JuryWorld()
