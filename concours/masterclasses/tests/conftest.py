import pytest

from concours.accounts.tests.factories import UserFactory
from concours.competitions.tests.factories import CompetitionFactory, OfficeStaffFactory
from concours.masterclasses.models import ApplicationStatus
from concours.masterclasses.tests.factories import (
    ApplicationFactory,
    MasterClassFactory,
    RoomFactory,
    SpeakerFactory,
    lesson_slot,
    with_choices,
)


class Academy:
    """A published master class with two teachers (Weber, Lin) who have users, two slots each
    on two days in two rooms; three applications; its office, another competition's office, a
    teacher of another master class and a stranger."""

    def __init__(self) -> None:
        self.event = MasterClassFactory(slug="summer-academy", title_en="Summer Academy")
        self.weber = SpeakerFactory(name_en="Clara Weber", user=UserFactory())
        self.lin = SpeakerFactory(name_en="Lin Wei", user=UserFactory())
        self.hall, self.room2 = RoomFactory(name_en="Hall"), RoomFactory(name_en="Room 2")
        self.slots = [
            lesson_slot(self.event, teacher, room, day, hour)
            for teacher, room in ((self.weber, self.hall), (self.lin, self.room2))
            for day in (14, 15)
            for hour in (7, 8)
        ]
        self.anna = with_choices(ApplicationFactory(event=self.event, given_name="Anna", family_name="Adler"), self.weber, self.lin)  # fmt: skip
        self.ben = with_choices(ApplicationFactory(event=self.event, given_name="Ben", family_name="Brandt"), self.lin)  # fmt: skip
        self.chen = with_choices(ApplicationFactory(event=self.event, given_name="Chen", family_name="Cao"), self.weber)  # fmt: skip
        self.office = OfficeStaffFactory(competition=self.event.competition).user
        self.other_office = OfficeStaffFactory(competition=CompetitionFactory()).user
        other_event = MasterClassFactory()
        self.other_teacher = SpeakerFactory(name_en="Other", user=UserFactory())
        lesson_slot(other_event, self.other_teacher, RoomFactory(), 14, 7)
        self.stranger = UserFactory()

    def select(self, *applications):
        for application in applications:
            application.status = ApplicationStatus.SELECTED
            application.save()


@pytest.fixture
def academy(db):
    return Academy()
