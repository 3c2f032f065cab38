import datetime as dt

import pytest

from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
)
from concours.federation.tests.factories import CityFactory, DisciplineFactory


class Calendar:
    """Three member competitions in 2027: violin in Harbin and Genoa, piano in Warsaw."""

    def __init__(self) -> None:
        self.violin = DisciplineFactory(code="violin")
        self.piano = DisciplineFactory(code="piano", name_zh="钢琴")
        self.harbin = CityFactory(name_en="Harbin")
        self.genoa = CityFactory(
            name_en="Genoa", name_zh="热那亚", country="IT", time_zone="Europe/Rome",
            unesco_city_of_music=False,
        )  # fmt: skip
        self.warsaw = CityFactory(
            name_en="Warsaw", name_zh="华沙", country="PL", time_zone="Europe/Warsaw",
            unesco_city_of_music=False,
        )  # fmt: skip
        self.schoenfeld = CompetitionFactory(
            name_en="Schoenfeld International String Competition",
            name_zh="申菲尔德国际弦乐比赛",
            short_name_en="Schoenfeld",
            slug="schoenfeld",
            city=self.harbin,
            disciplines=[self.violin],
            website="https://schoenfeld.example.org",
        )
        self.paganini = CompetitionFactory(
            name_en="Premio Paganini", name_zh="帕格尼尼比赛", short_name_en="Paganini",
            slug="paganini", city=self.genoa, disciplines=[self.violin],
        )  # fmt: skip
        self.chopin = CompetitionFactory(
            name_en="Chopin Competition", name_zh="肖邦比赛", short_name_en="Chopin",
            slug="chopin", city=self.warsaw, disciplines=[self.piano],
        )  # fmt: skip
        self.schoenfeld_2027 = self.edition(
            self.schoenfeld, dt.date(2027, 7, 1), dt.date(2027, 7, 14), self.violin,
            tz="Asia/Shanghai", closes=dt.datetime(2027, 4, 15, 15, 59, tzinfo=dt.UTC),
        )  # fmt: skip
        self.paganini_2027 = self.edition(
            self.paganini, dt.date(2027, 10, 11), dt.date(2027, 10, 24), self.violin,
            tz="Europe/Rome", closes=dt.datetime(2027, 5, 31, 21, 59, tzinfo=dt.UTC),
        )  # fmt: skip
        self.chopin_2027 = self.edition(
            self.chopin, dt.date(2027, 7, 5), dt.date(2027, 7, 20), self.piano,
            tz="Europe/Warsaw", closes=None,
        )  # fmt: skip

    @staticmethod
    def edition(competition, starts_on, ends_on, discipline, *, tz, closes, **kwargs):
        edition = EditionFactory(
            competition=competition,
            year=starts_on.year,
            starts_on=starts_on,
            ends_on=ends_on,
            time_zone=tz,
            applications_open_at=closes - dt.timedelta(days=90) if closes else None,
            applications_close_at=closes,
            **kwargs,
        )
        DivisionFactory(
            edition=edition,
            discipline=discipline,
            name_en=discipline.name_en,
            born_on_or_after=dt.date(starts_on.year - 30, starts_on.month, starts_on.day),
            born_on_or_before=dt.date(starts_on.year - 16, starts_on.month, starts_on.day),
            ages_counted_on=starts_on,
        )
        return edition


@pytest.fixture
def cal(db) -> Calendar:
    return Calendar()


#: A moment before every 2027 window opens.
EARLY = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
