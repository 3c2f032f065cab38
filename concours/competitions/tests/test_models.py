"""Model rules: each is enforced twice, by ``full_clean`` with a message on the field, and by a
database constraint for anything that bypasses forms."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from concours.competitions.models import Division, Edition, FeePolicy, Prize, PrizeKind, Round
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    PrizeFactory,
    RepertoireCategoryFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def _field_errors(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def _violates_constraint(obj) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def test_edition_rejects_inverted_dates():
    edition = EditionFactory.build(
        competition=CompetitionFactory(),
        starts_on=dt.date(2025, 8, 14),
        ends_on=dt.date(2025, 8, 1),
    )
    assert _field_errors(edition) == {"ends_on": ["The last day cannot be before the first day."]}
    _violates_constraint(edition)


def test_edition_rejects_application_window_closing_before_it_opens():
    opens = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    edition = EditionFactory.build(
        competition=CompetitionFactory(), applications_open_at=opens, applications_close_at=opens
    )
    assert _field_errors(edition) == {
        "applications_close_at": ["Applications must close after they open."]
    }
    _violates_constraint(edition)


def test_edition_rejects_unknown_time_zone():
    edition = EditionFactory.build(competition=CompetitionFactory(), time_zone="Asia/Harbin-ish")
    assert _field_errors(edition) == {
        "time_zone": [
            "“Asia/Harbin-ish” is not a known time zone; use a name such as Asia/Shanghai."
        ]
    }


def test_edition_application_window_is_half_open():
    opens = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    closes = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)
    edition = Edition(applications_open_at=opens, applications_close_at=closes)
    assert edition.applications_open(opens) is True
    assert edition.applications_open(closes - dt.timedelta(microseconds=1)) is True
    assert edition.applications_open(closes) is False
    assert Edition().applications_open(opens) is False


def test_division_rejects_birth_bounds_in_wrong_order():
    division = DivisionFactory.build(
        edition=EditionFactory(),
        discipline=DivisionFactory().discipline,
        born_on_or_after=dt.date(2009, 8, 1),
        born_on_or_before=dt.date(1992, 8, 2),
        slug="x",
    )
    assert _field_errors(division) == {
        "born_on_or_before": ["The earliest birth date must not be after the latest birth date."]
    }
    _violates_constraint(division)


def test_division_rejects_ensemble_sizes_in_wrong_order_and_cap_without_date():
    existing = DivisionFactory()
    division = DivisionFactory.build(
        edition=existing.edition,
        discipline=existing.discipline,
        slug="chamber",
        min_members=3,
        max_members=2,
        max_total_age=90,
    )
    assert _field_errors(division) == {
        "max_members": ["The largest ensemble cannot be smaller than the smallest."],
        "ages_counted_on": ["A total-age cap needs the date on which ages are counted."],
    }
    _violates_constraint(division)


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5"), None])
def test_division_fee_needs_a_positive_amount(amount):
    existing = DivisionFactory()
    division = DivisionFactory.build(
        edition=existing.edition,
        discipline=existing.discipline,
        slug="fee",
        fee_policy=FeePolicy.ON_SUBMISSION,
        fee_amount=amount,
        fee_currency="USD",
    )
    assert _field_errors(division) == {
        "fee_amount": ["A fee needs an amount greater than zero and a currency."]
    }
    _violates_constraint(division)


def test_division_without_fee_takes_no_amount():
    existing = DivisionFactory()
    division = DivisionFactory.build(
        edition=existing.edition,
        discipline=existing.discipline,
        slug="free",
        fee_policy=FeePolicy.NONE,
        fee_amount=Decimal("10"),
    )
    assert _field_errors(division) == {
        "fee_amount": ["Leave the amount empty when there is no fee."]
    }


def test_division_fee_currency_must_be_a_code():
    existing = DivisionFactory()
    division = DivisionFactory.build(
        edition=existing.edition,
        discipline=existing.discipline,
        slug="fee2",
        fee_policy=FeePolicy.ON_ADMISSION,
        fee_amount=Decimal("100"),
        fee_currency="usd",
    )
    assert _field_errors(division) == {
        "fee_currency": [
            "“usd” is not a currency code; use three capital letters such as USD or CNY."
        ]
    }


def test_round_numbers_are_unique_per_division():
    first = RoundFactory(number=1)
    duplicate = RoundFactory.build(division=first.division, number=1, name_en="Again")
    assert _field_errors(duplicate) == {
        "__all__": ["This division already has a round with this number."]
    }
    _violates_constraint(duplicate)


@pytest.mark.parametrize("minutes", [0, -5])
def test_round_durations_must_be_positive(minutes):
    round_ = RoundFactory.build(
        division=DivisionFactory(),
        number=1,
        min_duration=dt.timedelta(minutes=minutes),
        max_duration=dt.timedelta(minutes=25),
    )
    assert _field_errors(round_) == {"min_duration": ["A duration must be longer than zero."]}
    _violates_constraint(round_)


def test_round_durations_in_order_and_dates_in_order():
    round_ = RoundFactory.build(
        division=DivisionFactory(),
        number=1,
        min_duration=dt.timedelta(minutes=30),
        max_duration=dt.timedelta(minutes=25),
        starts_on=dt.date(2025, 8, 5),
        ends_on=dt.date(2025, 8, 4),
    )
    assert _field_errors(round_) == {
        "max_duration": ["The longest duration cannot be shorter than the shortest."],
        "ends_on": ["The last day cannot be before the first day."],
    }
    _violates_constraint(round_)


def test_round_scoring_parameters_must_be_an_object():
    round_ = RoundFactory.build(division=DivisionFactory(), number=1, scoring_parameters=[1, 25])
    assert _field_errors(round_) == {
        "scoring_parameters": [
            'Scoring parameters must be a JSON object, such as {"deviation": 3}.'
        ]
    }


def test_requirement_counts_in_order_and_category_from_same_edition():
    requirement = RepertoireRequirementFactory()
    requirement.max_count = 0
    requirement.min_count = 2
    requirement.category = RepertoireCategoryFactory()  # another edition
    errors = _field_errors(requirement)
    assert errors["category"] == ["This category belongs to another edition."]
    assert errors["max_count"] == ["Ensure this value is greater than or equal to 1."]


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-100")])
def test_prize_amount_must_be_positive(amount):
    prize = PrizeFactory.build(division=DivisionFactory(), amount=amount)
    prize.edition = prize.division.edition
    assert _field_errors(prize) == {"amount": ["A prize amount must be greater than zero."]}
    _violates_constraint(prize)


def test_prize_place_is_unique_per_division_and_needs_a_number():
    first = PrizeFactory()
    duplicate = PrizeFactory.build(division=first.division, edition=first.edition)
    assert _field_errors(duplicate) == {
        "__all__": ["This division already has a prize for this place."]
    }
    placeless = Prize(edition=first.edition, kind=PrizeKind.PLACE, name_en="Prize")
    assert _field_errors(placeless) == {
        "place": ["A placed prize needs a place and a division."],
        "division": ["A placed prize needs a place and a division."],
    }


def test_special_prize_may_span_the_edition():
    prize = Prize(
        edition=EditionFactory(),
        kind=PrizeKind.SPECIAL,
        name_en="Best Chinese New Work",
        amount=Decimal("3000"),
        currency="USD",
    )
    prize.full_clean()
    prize.save()
    assert Prize.objects.get(pk=prize.pk).division is None


def test_competition_cannot_join_before_it_was_founded():
    competition = CompetitionFactory.build(
        founded_year=2013, member_since=2010, city=CompetitionFactory().city
    )
    competition.federation = CompetitionFactory().federation
    assert _field_errors(competition) == {
        "member_since": ["A competition cannot join the federation before it was founded."]
    }


def test_bilingual_text_follows_language_and_falls_back():
    division = DivisionFactory(name_en="Cello", name_zh="大提琴")
    with translation.override("zh-hans"):
        assert division.name == "大提琴"
    with translation.override("en"):
        assert division.name == "Cello"
    division.name_zh = ""
    with translation.override("zh-hans"):
        assert division.name == "Cello"
    division.name_en = "   "
    division.name_zh = "大提琴"
    with translation.override("en"):
        assert division.name == "大提琴"


def test_edition_title_defaults_to_competition_and_year():
    edition = EditionFactory(
        competition=CompetitionFactory(name_en="Schoenfeld", name_zh="申菲尔德"), year=2025
    )
    with translation.override("en"):
        assert edition.title == "Schoenfeld 2025"
    with translation.override("zh-hans"):
        assert edition.title == "申菲尔德 2025"
    edition.title_zh = "第六届申菲尔德国际弦乐比赛"
    with translation.override("zh-hans"):
        assert edition.title == "第六届申菲尔德国际弦乐比赛"


def test_division_models_registered():
    assert Division._meta.get_field("born_on_or_after").null is True
    assert Round._meta.get_field("scoring_parameters").default is dict
