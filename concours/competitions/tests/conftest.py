import pytest

from concours.accounts.tests.factories import UserFactory
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    JuryMemberFactory,
    OfficeStaffFactory,
    PrizeFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)
from concours.federation.tests.factories import CityFactory, SecretariatMemberFactory


class World:
    """Two competitions, A and B, each with a full edition, and one person per role."""

    def __init__(self) -> None:
        self.competitions = {}
        self.objects = {}
        for key, city in (("a", "Harbin"), ("b", "Warsaw")):
            competition = CompetitionFactory(
                city=CityFactory(name_en=city), short_name_en=f"Comp {key.upper()}"
            )
            edition = EditionFactory(competition=competition)
            division = DivisionFactory(edition=edition)
            round_ = RoundFactory(division=division, number=1)
            requirement = RepertoireRequirementFactory(round=round_)
            prize = PrizeFactory(division=division, edition=edition)
            juror = JuryMemberFactory(edition=edition, division=division)
            application = ApplicationFactory(division=division)
            self.competitions[key] = competition
            self.objects[key] = {
                "competition": competition,
                "edition": edition,
                "division": division,
                "round": round_,
                "repertoirecategory": requirement.category,
                "prize": prize,
                "jurymember": juror,
                "application": application,
                "candidateprofile": application.candidate,
            }
        self.office_a = OfficeStaffFactory(competition=self.competitions["a"]).user
        self.secretariat = SecretariatMemberFactory(
            federation=self.competitions["a"].federation
        ).user
        self.superuser = UserFactory(is_superuser=True, is_staff=True)
        self.candidate = self.objects["a"]["candidateprofile"].user
        self.juror = UserFactory()
        juror_seat = self.objects["a"]["jurymember"]
        juror_seat.user = self.juror
        juror_seat.save()
        self.stranger = UserFactory()


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def other_candidate(db):
    return CandidateProfileFactory()
