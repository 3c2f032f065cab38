import datetime as dt

import pytest

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    OfficeStaffFactory,
    RoundFactory,
)
from concours.draws import services

#: A clock for the services: the commitment a week before the draw, the reveal after it.
COMMITTED = dt.datetime(2027, 7, 13, 8, 0, tzinfo=dt.UTC)
DRAWN = dt.datetime(2027, 7, 20, 16, 30, tzinfo=dt.UTC)
REVEALED = dt.datetime(2027, 7, 20, 16, 45, tzinfo=dt.UTC)

NAMES = [("Jan", "Kowalski"), ("Anna", "Łukasiewicz"), ("Ingrid", "Ødegaard"), ("Lena", "Strauß")]


class Festival:
    """A public edition with a violin division of two rounds, four admitted candidates and one
    not admitted, its office, and another competition's office."""

    def __init__(self) -> None:
        competition = CompetitionFactory(slug="schoenfeld")
        self.edition = EditionFactory(competition=competition, year=2027)
        self.division = DivisionFactory(edition=self.edition, slug="violin", name_en="Violin")
        self.round1 = RoundFactory(division=self.division, number=1, name_en="First round")
        self.round2 = RoundFactory(division=self.division, number=2, name_en="Second round")
        self.admitted = [
            ApplicationFactory(
                division=self.division,
                status=ApplicationStatus.ADMITTED,
                candidate=CandidateProfileFactory(given_name=given, family_name=family),
            )
            for given, family in NAMES
        ]
        self.not_admitted = ApplicationFactory(
            division=self.division,
            status=ApplicationStatus.NOT_ADMITTED,
            candidate=CandidateProfileFactory(given_name="Nina", family_name="Adams"),
        )
        self.office = OfficeStaffFactory(competition=competition).user
        self.other_office = OfficeStaffFactory(competition=CompetitionFactory()).user
        self.stranger = UserFactory()

    def commit(self, round_=None, method="random", **kwargs):
        kwargs.setdefault("now", COMMITTED)
        return services.commit_draw(
            division=self.division, round_=round_, method=method, by=self.office, **kwargs
        )

    def drawn(self, round_=None, method="random", **kwargs):
        draw = self.commit(round_, method, **kwargs)
        services.add_witness_input(
            draw=draw, witness="Maria Nowak", value="Mazurka", by=self.office, now=DRAWN
        )
        return services.perform_draw(draw=draw, by=self.office, now=DRAWN)

    def revealed(self, round_=None, method="random", **kwargs):
        draw = self.drawn(round_, method, **kwargs)
        return services.reveal_draw(draw=draw, by=self.office, now=REVEALED)


@pytest.fixture
def festival(db):
    return Festival()
