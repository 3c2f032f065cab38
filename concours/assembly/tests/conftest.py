import pytest

from concours.accounts.tests.factories import UserFactory
from concours.assembly import services
from concours.assembly.models import MotionType
from concours.assembly.tests.factories import (
    AgendaItemFactory,
    AssemblyFactory,
    DelegateFactory,
    MotionFactory,
)
from concours.competitions.tests.factories import CompetitionFactory, OfficeStaffFactory
from concours.federation.tests.factories import SecretariatMemberFactory


class Meeting:
    """A General Assembly of six member competitions (A–F), each with its voting delegate; A
    also sends an observer; F gave its proxy to A. A non-member and a competition that joins
    only in 2030 have delegates nowhere. Two motions: an ordinary one and an admission."""

    def __init__(self) -> None:
        self.assembly = AssemblyFactory()
        federation = self.assembly.federation
        self.members = [
            CompetitionFactory(federation=federation, name_en=f"Member {letter}",
                               member_since=None if letter == "B" else 2017)
            for letter in "ABCDEF"
        ]  # fmt: skip
        self.non_member = CompetitionFactory(federation=None, member_since=None)
        self.future_member = CompetitionFactory(federation=federation, member_since=2030)
        self.delegates = [
            DelegateFactory(assembly=self.assembly, competition=member).user
            for member in self.members
        ]
        self.observer = DelegateFactory(
            assembly=self.assembly, competition=self.members[0], voting=False
        ).user
        self.chair = SecretariatMemberFactory(federation=federation).user
        self.office = OfficeStaffFactory(competition=self.members[1]).user
        self.stranger = UserFactory()
        self.proxy = services.record_proxy(
            assembly=self.assembly, giver=self.members[5], holder=self.members[0],
            note="Letter of 2 May 2026, signed by the president", by=self.chair,
        )  # fmt: skip
        item = AgendaItemFactory(assembly=self.assembly, title_en="Annual Meeting 2027")
        self.motion = MotionFactory(agenda_item=item)
        self.admission = MotionFactory(
            agenda_item=AgendaItemFactory(assembly=self.assembly, title_en="Admissions"),
            title_en="Admit the Songhua River Piano Competition",
            motion_type=MotionType.ADMISSION,
        )

    def open(self, motion=None):
        return services.open_motion(motion=motion or self.motion, by=self.chair)

    def vote(self, index, choice, member=None, motion=None):
        return services.cast_vote(
            motion=motion or self.motion, competition=member or self.members[index],
            choice=choice, by=self.delegates[index],
        )  # fmt: skip


@pytest.fixture
def meeting(db):
    return Meeting()
