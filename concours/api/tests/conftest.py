"""Data shared by the API tests."""

import datetime as dt
from decimal import Decimal

import pytest

from concours.competitions.models import EditionStatus, FeePolicy, RoundKind, ScoringPreset
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    PrizeFactory,
    RepertoireCategoryFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)
from concours.federation.tests.factories import CityFactory, DisciplineFactory

# --- data ------------------------------------------------------------------------------------


@pytest.fixture
def harbin():
    return CompetitionFactory(
        slug="harbin",
        name_en="Harbin International Music Competition",
        name_zh="哈尔滨国际音乐比赛",
        short_name_en="Harbin",
        short_name_zh="哈赛",
        description_en="A competition for strings.",
        description_zh="弦乐比赛。",
        website="https://www.example.org/harbin",
        city=CityFactory(name_en="Harbin", name_zh="哈尔滨", country="CN"),
        disciplines=[DisciplineFactory(code="violin"), DisciplineFactory(code="cello")],
    )


@pytest.fixture
def edition(harbin):
    return EditionFactory(
        competition=harbin,
        year=2027,
        number=5,
        starts_on=dt.date(2027, 7, 20),
        ends_on=dt.date(2027, 8, 2),
        applications_open_at=dt.datetime(2026, 11, 1, 0, 0, tzinfo=dt.UTC),
        applications_close_at=dt.datetime(2027, 3, 1, 15, 59, tzinfo=dt.UTC),
    )


@pytest.fixture
def division(edition):
    division = DivisionFactory(
        edition=edition,
        slug="violin",
        name_en="Violin",
        name_zh="小提琴",
        discipline=DisciplineFactory(code="violin"),
        born_on_or_after=dt.date(1995, 7, 20),
        born_on_or_before=dt.date(2011, 7, 19),
        fee_policy=FeePolicy.ON_SUBMISSION,
        fee_amount=Decimal("120.00"),
        fee_currency="USD",
    )
    PrizeFactory(
        division=division,
        place=2,
        name_en="Second Prize",
        name_zh="二等奖",
        amount=Decimal("15000"),
        medal="silver",
    )
    PrizeFactory(division=division, place=1)
    return division


@pytest.fixture
def round_(division):
    round_ = RoundFactory(
        division=division,
        number=1,
        kind=RoundKind.PRESELECTION,
        format_en="Video recording",
        format_zh="视频录像",
        scoring_preset=ScoringPreset.YES_COUNT,
        scoring_parameters={"scale": [1, 25]},
        starts_on=dt.date(2027, 4, 1),
        ends_on=dt.date(2027, 4, 15),
        advancing=24,
        min_duration=dt.timedelta(minutes=20),
        max_duration=dt.timedelta(minutes=25, seconds=30),
    )
    RepertoireRequirementFactory(
        round=round_,
        category=RepertoireCategoryFactory(edition=division.edition, code="caprice"),
        min_count=1,
        max_count=2,
        note_en="From memory",
        note_zh="背谱",
    )
    return round_


@pytest.fixture
def draft(harbin):
    """A draft edition with a division and a round: nothing of it may show."""
    edition = EditionFactory(competition=harbin, year=2029, status=EditionStatus.DRAFT)
    division = DivisionFactory(edition=edition, slug="secret")
    round_ = RoundFactory(division=division, number=1)
    return edition, division, round_
