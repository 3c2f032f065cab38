"""The Schoenfeld International String Competition (Harbin), shaped like its 2025 edition.

Facts from press reports (see ``docs/domain.md`` in the shared folder): founded 2013, in Harbin,
WFIMC member since 2017; violin, cello and chamber music; pre-selection from recordings, 35 per
division in round 1, 14 in round 2, a final with the Harbin Symphony Orchestra; prizes of
$30,000 / $15,000 / $8,000 per division and $20,000 / $10,000 / $5,000 for chamber music.
Dates, fees, jury and candidates of the demo are invented.

The 2027 edition is the one open to applications. Its window follows the clock: when the demo
is loaded, applications opened 30 days before (at 10:00 in Harbin) and close 60 days later (at
23:59), so the demo always has an edition to apply to, whatever the day. ``with_open_window``
gives the competition with that window; the fixed window of ``SCHOENFELD`` (15 January to
15 April, as for the other editions) is the plan the demo replaces.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from decimal import Decimal

from concours.competitions.models import (
    EditionStatus,
    FeePolicy,
    Medal,
    PrizeKind,
    PrizeOutcome,
    RoundKind,
    ScoringPreset,
)
from concours.demo.data import DISCIPLINE_NAMES, local_time
from concours.demo.specs import (
    CategorySpec,
    CompetitionSpec,
    DivisionSpec,
    EditionSpec,
    PrizeSpec,
    RequirementSpec,
    RoundSpec,
    Text,
)
from concours.eligibility import BirthDateWindow, window_for_ages

SLUG = "schoenfeld"
TIME_ZONE = "Asia/Shanghai"
VENUE = Text("Harbin Concert Hall", "哈尔滨音乐厅")
#: The year whose edition carries the jury and the candidates.
FULL_EDITION_YEAR = 2025
#: The year whose edition is open to applications, with applications in every status.
OPEN_EDITION_YEAR = 2027
#: The open edition's window, around the day the demo is loaded.
WINDOW_OPENED_DAYS_AGO = 30
WINDOW_CLOSES_IN_DAYS = 60

SOLO_AGES = (16, 32)
CHAMBER_AGES = (16, 35)
CHAMBER_TOTAL_AGE = 120

CATEGORIES = (
    CategorySpec("paganini-caprice", Text("Paganini caprice", "帕格尼尼随想曲")),
    CategorySpec("bach-solo", Text("Movements from Bach's solo sonatas and partitas", "巴赫无伴奏小提琴奏鸣曲与帕蒂塔中的乐章")),
    CategorySpec("virtuoso-piece", Text("Virtuoso piece", "炫技作品")),
    CategorySpec("popper-piatti", Text("Popper étude or Piatti caprice", "波佩尔练习曲或皮亚蒂随想曲")),
    CategorySpec("bach-suite-prelude", Text("Prelude from a Bach suite (nos. 3–6)", "巴赫无伴奏大提琴组曲（第3–6首）前奏曲")),
    CategorySpec("bach-suite-movement", Text("Another movement of the same Bach suite", "同一首巴赫组曲的另一乐章")),
    CategorySpec("sonata", Text("Sonata", "奏鸣曲")),
    CategorySpec("chinese-commission", Text("Newly commissioned Chinese work", "委约中国新作品")),
    CategorySpec("concerto", Text("Concerto", "协奏曲")),
    CategorySpec("classical-chamber", Text("Work by Haydn, Mozart or Beethoven", "海顿、莫扎特或贝多芬的作品")),
    CategorySpec("romantic-modern-chamber", Text("Romantic or 20th-century work", "浪漫派或二十世纪作品")),
    CategorySpec("major-chamber-work", Text("Major work of free choice", "自选大型作品")),
)  # fmt: skip

PRESELECTION_FORMAT = Text(
    "Unedited video recording made within the last twelve months, 15 to 20 minutes.",
    "近十二个月内录制、未经剪辑的视频，时长15至20分钟。",
)
PRESELECTION_SCORING = {"scale": [1, 25]}


def _minutes(count: int) -> dt.timedelta:
    return dt.timedelta(minutes=count)


def _day(starts_on: dt.date, offset: int) -> dt.date:
    """The ``offset``-th day after the edition's first day."""
    return starts_on + dt.timedelta(days=offset)


def _round_one_requirements(discipline: str) -> tuple[RequirementSpec, ...]:
    virtuoso = RequirementSpec("virtuoso-piece")
    if discipline == "violin":
        return (
            RequirementSpec("paganini-caprice"),
            RequirementSpec(
                "bach-solo",
                min_count=2,
                max_count=2,
                note=Text(
                    "Two contrasting movements from BWV 1001–1006.",
                    "选自BWV 1001–1006的两个对比性乐章。",
                ),
            ),
            virtuoso,
        )
    return (
        RequirementSpec("popper-piatti"),
        RequirementSpec(
            "bach-suite-prelude",
            note=Text("From one of the suites BWV 1009–1012.", "选自BWV 1009–1012中的一首组曲。"),
        ),
        RequirementSpec(
            "bach-suite-movement",
            note=Text("Any movement but the prelude.", "前奏曲以外的任一乐章。"),
        ),
        virtuoso,
    )


def _string_rounds(discipline: str, starts_on: dt.date) -> tuple[RoundSpec, ...]:
    """Pre-selection, round 1, round 2 and the final of a violin or cello division."""
    return (
        RoundSpec(
            number=1,
            name=Text("Pre-selection", "预选"),
            kind=RoundKind.PRESELECTION,
            format=PRESELECTION_FORMAT,
            starts_on=dt.date(starts_on.year, 5, 8),
            ends_on=dt.date(starts_on.year, 5, 20),
            advancing=35,
            scoring_parameters=PRESELECTION_SCORING,
            min_duration=_minutes(15),
            max_duration=_minutes(20),
        ),
        RoundSpec(
            number=2,
            name=Text("Round 1", "第一轮"),
            kind=RoundKind.LIVE,
            format=Text("A 25-minute recital with compulsory works.", "25分钟独奏会，含指定曲目。"),
            starts_on=_day(starts_on, 1),
            ends_on=_day(starts_on, 4),
            advancing=14,
            scoring_preset=ScoringPreset.CLAMPED_MEAN,
            scoring_parameters={"scale": [1, 25], "deviation": 3},
            min_duration=_minutes(20),
            max_duration=_minutes(25),
            requirements=_round_one_requirements(discipline),
        ),
        RoundSpec(
            number=3,
            name=Text("Round 2", "第二轮"),
            kind=RoundKind.LIVE,
            format=Text(
                "A sonata with piano, a virtuoso piece and the newly commissioned Chinese work.",
                "一首与钢琴合作的奏鸣曲、一首炫技作品和委约中国新作品。",
            ),
            starts_on=_day(starts_on, 6),
            ends_on=_day(starts_on, 8),
            advancing=6,
            scoring_preset=ScoringPreset.CLAMPED_MEAN,
            scoring_parameters={"scale": [1, 25], "deviation": 2},
            min_duration=_minutes(40),
            max_duration=_minutes(50),
            requirements=(
                RequirementSpec("sonata", note=Text("A complete sonata.", "完整的奏鸣曲。")),
                RequirementSpec(
                    "virtuoso-piece",
                    note=Text("Not the one played in round 1.", "不得与第一轮相同。"),
                ),
                RequirementSpec(
                    "chinese-commission",
                    note=Text(
                        "Score sent to the candidates four weeks before the competition.",
                        "乐谱于比赛前四周寄给选手。",
                    ),
                ),
            ),
        ),
        RoundSpec(
            number=4,
            name=Text("Final", "决赛"),
            kind=RoundKind.FINAL,
            format=Text(
                "A concerto with the Harbin Symphony Orchestra.",
                "与哈尔滨交响乐团合作演奏一首协奏曲。",
            ),
            starts_on=_day(starts_on, 11),
            ends_on=_day(starts_on, 12),
            advancing=None,
            scoring_preset=ScoringPreset.CHOPIN_2025,
            scoring_parameters={"scale": [1, 25], "deviation": 2},
            min_duration=_minutes(25),
            max_duration=_minutes(45),
            with_orchestra=True,
            requirements=(
                RequirementSpec("concerto", note=Text("A complete concerto.", "完整的协奏曲。")),
            ),
        ),
    )


def _chamber_rounds(starts_on: dt.date) -> tuple[RoundSpec, ...]:
    """Pre-selection, one live round and the final of the chamber-music division."""
    return (
        RoundSpec(
            number=1,
            name=Text("Pre-selection", "预选"),
            kind=RoundKind.PRESELECTION,
            format=PRESELECTION_FORMAT,
            starts_on=dt.date(starts_on.year, 5, 8),
            ends_on=dt.date(starts_on.year, 5, 20),
            advancing=12,
            scoring_parameters=PRESELECTION_SCORING,
            min_duration=_minutes(15),
            max_duration=_minutes(20),
        ),
        RoundSpec(
            number=2,
            name=Text("Round 1", "第一轮"),
            kind=RoundKind.LIVE,
            format=Text("A 40-minute programme of two works.", "40分钟曲目，含两首作品。"),
            starts_on=_day(starts_on, 2),
            ends_on=_day(starts_on, 5),
            advancing=6,
            scoring_preset=ScoringPreset.CLAMPED_MEAN,
            scoring_parameters={"scale": [1, 25], "deviation": 3},
            min_duration=_minutes(35),
            max_duration=_minutes(40),
            requirements=(
                RequirementSpec("classical-chamber"),
                RequirementSpec("romantic-modern-chamber"),
            ),
        ),
        RoundSpec(
            number=3,
            name=Text("Final", "决赛"),
            kind=RoundKind.FINAL,
            format=Text(
                "The newly commissioned Chinese work and a major work of free choice.",
                "委约中国新作品和一首自选大型作品。",
            ),
            starts_on=_day(starts_on, 10),
            ends_on=_day(starts_on, 10),
            advancing=None,
            scoring_preset=ScoringPreset.CLAMPED_MEAN,
            scoring_parameters={"scale": [1, 25], "deviation": 2},
            min_duration=_minutes(45),
            max_duration=_minutes(60),
            requirements=(
                RequirementSpec("chinese-commission"),
                RequirementSpec("major-chamber-work"),
            ),
        ),
    )


PLACES = (
    (1, Text("First Prize", "一等奖"), Medal.GOLD),
    (2, Text("Second Prize", "二等奖"), Medal.SILVER),
    (3, Text("Third Prize", "三等奖"), Medal.BRONZE),
)
SOLO_PRIZE_AMOUNTS = (Decimal("30000"), Decimal("15000"), Decimal("8000"))
CHAMBER_PRIZE_AMOUNTS = (Decimal("20000"), Decimal("10000"), Decimal("5000"))


def _placed_prizes(amounts: tuple[Decimal, ...], outcome: PrizeOutcome) -> tuple[PrizeSpec, ...]:
    return tuple(
        PrizeSpec(name=name, amount=amount, place=place, medal=medal, outcome=outcome)
        for (place, name, medal), amount in zip(PLACES, amounts, strict=True)
    )


def _special_prizes(outcome: PrizeOutcome) -> tuple[PrizeSpec, ...]:
    return (
        PrizeSpec(
            name=Text("Best Performance of the Chinese New Work", "最佳中国新作品演绎奖"),
            amount=Decimal("5000"),
            kind=PrizeKind.SPECIAL,
            description=Text(
                "For the finest performance of the newly commissioned Chinese work, in any division.",
                "授予委约中国新作品的最佳演绎者，不限组别。",
            ),
            outcome=outcome,
        ),
        PrizeSpec(
            name=Text("Best Beethoven Performance", "最佳贝多芬作品演绎奖"),
            amount=Decimal("3000"),
            kind=PrizeKind.SPECIAL,
            description=Text(
                "For the finest performance of a work by Beethoven, in any round.",
                "授予贝多芬作品的最佳演绎者，不限轮次。",
            ),
            outcome=outcome,
        ),
    )


def _rules(year: int, ages_on: dt.date) -> Text:
    day_en = f"{ages_on.day} {ages_on:%B} {year}"
    day_zh = f"{year}年{ages_on.month}月{ages_on.day}日"
    return Text(
        f"Open to violinists and cellists aged {SOLO_AGES[0]} to {SOLO_AGES[1]} on {day_en}, and "
        f"to chamber ensembles of two to five players, including a violin and a cello, aged "
        f"{CHAMBER_AGES[0]} to {CHAMBER_AGES[1]}, whose ages add up to at most "
        f"{CHAMBER_TOTAL_AGE} on that day.\n\n"
        "Candidates are pre-selected from video recordings; the live rounds take place in the "
        "Harbin Concert Hall, and the final is played with the Harbin Symphony Orchestra. "
        "Violinists and cellists pay the application fee when they submit; ensembles pay only "
        "when admitted to the live rounds.\n\n"
        "Jurors do not mark their own students (current students, or lessons within the last "
        "three years).",
        f"小提琴和大提琴组面向{day_zh}年满{SOLO_AGES[0]}至{SOLO_AGES[1]}岁的演奏者；室内乐组面向"
        f"二至五人、须包括小提琴和大提琴的重奏组，成员年龄为{CHAMBER_AGES[0]}至{CHAMBER_AGES[1]}岁，"
        f"且在该日的年龄总和不超过{CHAMBER_TOTAL_AGE}岁。\n\n"
        "选手通过视频录像参加预选；现场比赛在哈尔滨音乐厅举行，决赛与哈尔滨交响乐团合作。"
        "小提琴和大提琴选手在提交报名时缴纳报名费；重奏组仅在入围现场比赛后缴纳。\n\n"
        "评委不为自己的学生（在读学生或近三年内上过课的学生）打分。",
    )


def _string_division(
    order: int,
    discipline: str,
    window: BirthDateWindow,
    starts_on: dt.date,
    outcome: PrizeOutcome,
) -> DivisionSpec:
    """A violin or cello division: soloists, fee of 100 USD paid on submission."""
    return DivisionSpec(
        slug=discipline,
        discipline=discipline,
        name=DISCIPLINE_NAMES[discipline],
        order=order,
        born_on_or_after=window.born_on_or_after,
        born_on_or_before=window.born_on_or_before,
        ages_counted_on=starts_on,
        fee_policy=FeePolicy.ON_SUBMISSION,
        fee_amount=Decimal("100"),
        fee_currency="USD",
        rounds=_string_rounds(discipline, starts_on),
        prizes=_placed_prizes(SOLO_PRIZE_AMOUNTS, outcome),
    )


def schoenfeld_edition(year: int, status: EditionStatus) -> EditionSpec:
    """One edition, 1–15 August of ``year``; ages are counted on 1 August."""
    starts_on = dt.date(year, 8, 1)
    solo = window_for_ages(youngest=SOLO_AGES[0], oldest=SOLO_AGES[1], on=starts_on)
    chamber = window_for_ages(youngest=CHAMBER_AGES[0], oldest=CHAMBER_AGES[1], on=starts_on)
    outcome = PrizeOutcome.AWARDED if status == EditionStatus.COMPLETED else PrizeOutcome.PENDING
    divisions = (
        _string_division(1, "violin", solo, starts_on, outcome),
        _string_division(2, "cello", solo, starts_on, outcome),
        DivisionSpec(
            slug="chamber-music",
            discipline="chamber-music",
            name=Text("Chamber Music", "室内乐"),
            order=3,
            born_on_or_after=chamber.born_on_or_after,
            born_on_or_before=chamber.born_on_or_before,
            min_members=2,
            max_members=5,
            instruments=("violin", "cello"),
            max_total_age=CHAMBER_TOTAL_AGE,
            ages_counted_on=starts_on,
            fee_policy=FeePolicy.ON_ADMISSION,
            fee_amount=Decimal("200"),
            fee_currency="USD",
            rounds=_chamber_rounds(starts_on),
            prizes=_placed_prizes(CHAMBER_PRIZE_AMOUNTS, outcome),
        ),
    )
    return EditionSpec(
        year=year,
        status=status,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=14),
        venue=VENUE,
        time_zone=TIME_ZONE,
        applications_open_at=local_time(TIME_ZONE, year, 1, 15, 10),
        applications_close_at=local_time(TIME_ZONE, year, 4, 15, 23, 59),
        rules=_rules(year, starts_on),
        categories=CATEGORIES,
        divisions=divisions,
        special_prizes=_special_prizes(outcome),
    )


SCHOENFELD = CompetitionSpec(
    slug=SLUG,
    name=Text("Schoenfeld International String Competition", "申菲尔德国际弦乐比赛"),
    short_name=Text("Schoenfeld", "申菲尔德"),
    city="harbin",
    disciplines=("violin", "cello", "chamber-music"),
    founded_year=2013,
    member_since=2017,
    description=Text(
        "Biennial string competition for violin, cello and chamber music, held in Harbin, a UNESCO "
        "City of Music, with masterclasses by the jurors, roundtables and concerts around it.",
        "两年一届的弦乐比赛，设小提琴、大提琴和室内乐三个组别，在联合国教科文组织“音乐之都”"
        "哈尔滨举办，同期举行评委大师课、圆桌论坛和音乐会。",
    ),
    editions=(
        schoenfeld_edition(2023, EditionStatus.COMPLETED),
        schoenfeld_edition(FULL_EDITION_YEAR, EditionStatus.RUNNING),
        schoenfeld_edition(2027, EditionStatus.ANNOUNCED),
    ),
)


def full_edition() -> EditionSpec:
    """The edition that carries the jury and the candidates (2025)."""
    return next(edition for edition in SCHOENFELD.editions if edition.year == FULL_EDITION_YEAR)


def open_edition() -> EditionSpec:
    """The edition open to applications (2027), with its planned window."""
    return next(edition for edition in SCHOENFELD.editions if edition.year == OPEN_EDITION_YEAR)


def open_window(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """When applications to the open edition open and close, for a demo loaded at ``now``:
    ``WINDOW_OPENED_DAYS_AGO`` days before the day of ``now`` in Harbin, at 10:00, until
    ``WINDOW_CLOSES_IN_DAYS`` days after it, at 23:59. The same for every moment of a day."""
    today = now.astimezone(zoneinfo.ZoneInfo(TIME_ZONE)).date()
    opens = today - dt.timedelta(days=WINDOW_OPENED_DAYS_AGO)
    closes = today + dt.timedelta(days=WINDOW_CLOSES_IN_DAYS)
    return (
        local_time(TIME_ZONE, opens.year, opens.month, opens.day, 10),
        local_time(TIME_ZONE, closes.year, closes.month, closes.day, 23, 59),
    )


def with_open_window(now: dt.datetime) -> CompetitionSpec:
    """``SCHOENFELD`` with the open edition's window around ``now`` (see ``open_window``)."""
    opens, closes = open_window(now)
    return dataclasses.replace(
        SCHOENFELD,
        editions=tuple(
            dataclasses.replace(edition, applications_open_at=opens, applications_close_at=closes)
            if edition.year == OPEN_EDITION_YEAR
            else edition
            for edition in SCHOENFELD.editions
        ),
    )
