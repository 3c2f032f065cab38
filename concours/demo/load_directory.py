"""The federation's part of the demo: member cities (Harbin a UNESCO City of Music since 2010),
announced 2027 editions so the calendar has content, and cooperation projects with news.

Runs on a database that already holds the rest of the demo (``services.load_demo``)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from django.db import transaction

from concours.competitions.models import Competition, Division, Edition, EditionStatus, FeePolicy
from concours.cooperation.models import Project, ProjectKind, ProjectStatus
from concours.cooperation.services import add_news, create_project
from concours.demo.data import local_time
from concours.demo.specs import NO_TEXT, Text
from concours.eligibility import window_for_ages
from concours.federation.models import City, Discipline

CITY_TEXTS = {
    "genoa": Text(
        "Port city in Liguria and Paganini's home town: his violin, “il Cannone”, is kept in the "
        "town hall and played by the winner of the Premio Paganini.",
        "利古里亚大区的港口城市，帕格尼尼的故乡：他的小提琴“大炮”珍藏于市政厅，由帕格尼尼比赛的"
        "冠军演奏。",
    ),
    "munich": Text(
        "Capital of Bavaria, with three symphony orchestras and the ARD competition every "
        "September since 1952.",
        "德国巴伐利亚州首府，拥有三支交响乐团，自1952年起每年九月举办ARD国际音乐比赛。",
    ),
    "sendai": Text(
        "Largest city of the Tōhoku region of Japan, whose competition puts concertos with "
        "orchestra at the heart of every round.",
        "日本东北地区最大的城市，其比赛的每一轮都以与乐团合作的协奏曲为核心。",
    ),
    "brussels": Text(
        "Capital of Belgium, home of the Queen Elisabeth Competition and its chapel for young "
        "musicians.",
        "比利时首都，伊丽莎白女王国际音乐比赛及其青年音乐家学院的所在地。",
    ),
}


@dataclass(frozen=True)
class ProjectSpec:
    slug: str
    kind: str
    status: str
    title: Text
    summary: Text
    dates: tuple[dt.date | None, dt.date | None]
    competitions: tuple[str, ...]
    cities: tuple[str, ...]
    description: Text = NO_TEXT
    news: tuple[tuple[dt.date, Text, Text], ...] = ()


@dataclass(frozen=True)
class DirectorySummary:
    cities: int
    editions: int
    projects: int
    news: int


def _division(edition: Edition, discipline: Discipline, order: int, ages: tuple[int, int]) -> None:
    window = window_for_ages(youngest=ages[0], oldest=ages[1], on=edition.starts_on)
    Division.objects.create(
        edition=edition,
        discipline=discipline,
        slug=discipline.code,
        order=order,
        name_en=discipline.name_en,
        name_zh=discipline.name_zh,
        born_on_or_after=window.born_on_or_after,
        born_on_or_before=window.born_on_or_before,
        ages_counted_on=edition.starts_on,
        fee_policy=FeePolicy.ON_SUBMISSION,
        fee_amount=Decimal("20000"),
        fee_currency="JPY",
    )


def _announce_sendai_2027(disciplines: dict[str, Discipline]) -> list[Edition]:
    sendai = Competition.objects.get(slug="sendai")
    if sendai.editions.filter(year=2027).exists():
        return []
    edition = Edition.objects.create(
        competition=sendai,
        year=2027,
        status=EditionStatus.ANNOUNCED,
        starts_on=dt.date(2027, 5, 22),
        ends_on=dt.date(2027, 6, 13),
        venue_en="Sendai Concert Hall",
        venue_zh="仙台音乐厅",
        time_zone="Asia/Tokyo",
        applications_open_at=local_time("Asia/Tokyo", 2026, 9, 1, 10),
        applications_close_at=local_time("Asia/Tokyo", 2026, 12, 15, 17),
    )
    _division(edition, disciplines["violin"], 1, (16, 28))
    _division(edition, disciplines["piano"], 2, (16, 28))
    return [edition]


PROJECTS = (
    ProjectSpec(
        slug="harbin-genoa-laureate-tour",
        kind=ProjectKind.LAUREATE_TOUR,
        status=ProjectStatus.ACTIVE,
        title=Text("Harbin–Genoa laureate tour", "哈尔滨—热那亚获奖者巡演"),
        summary=Text(
            "Laureates of Schoenfeld and the Premio Paganini play in each other's cities.",
            "申菲尔德比赛与帕格尼尼比赛的获奖者互访对方城市演出。",
        ),
        description=Text(
            "Four recitals in Harbin and Genoa in spring 2027: the Schoenfeld 2025 violin "
            "laureates in the Teatro Carlo Felice, the Paganini laureates in the Harbin Concert "
            "Hall.",
            "2027年春季在哈尔滨和热那亚举办四场独奏会：申菲尔德2025小提琴获奖者在卡洛·费利切剧院"
            "演出，帕格尼尼比赛获奖者在哈尔滨音乐厅演出。",
        ),
        dates=(dt.date(2027, 3, 1), dt.date(2027, 5, 31)),
        competitions=("schoenfeld", "paganini"),
        cities=("harbin", "genoa"),
        news=(
            (
                dt.date(2026, 11, 20),
                Text("Tour dates announced", "巡演日期公布"),
                Text(
                    "Two recitals in each city, in March and May 2027.",
                    "每座城市两场独奏会，分别在2027年3月和5月。",
                ),
            ),
            (
                dt.date(2027, 1, 10),
                Text("Programmes published", "曲目公布"),
                Text(
                    "Each recital includes a Paganini caprice and a new Chinese work.",
                    "每场独奏会都包括一首帕格尼尼随想曲和一首中国新作品。",
                ),
            ),
        ),
    ),
    ProjectSpec(
        slug="harbin-munich-jury-exchange",
        kind=ProjectKind.JURY_EXCHANGE,
        status=ProjectStatus.ACTIVE,
        title=Text("Harbin–Munich jury exchange", "哈尔滨—慕尼黑评委交流"),
        summary=Text(
            "Schoenfeld and the ARD competition each invite a juror of the other.",
            "申菲尔德比赛与ARD比赛互邀对方一名评委。",
        ),
        description=Text(
            "Jurors share marking practice and conflict-of-interest rules between the two "
            "competitions.",
            "评委在两项比赛之间交流评分实践和利益冲突规则。",
        ),
        dates=(dt.date(2026, 9, 1), dt.date(2027, 9, 30)),
        competitions=("schoenfeld", "ard"),
        cities=(),
        news=(
            (
                dt.date(2026, 9, 15),
                Text("First exchange juror named", "首位交流评委确定"),
                Text(
                    "A Schoenfeld juror joins the ARD violin jury in 2027.",
                    "一位申菲尔德评委将加入2027年ARD小提琴评委会。",
                ),
            ),
        ),
    ),
    ProjectSpec(
        slug="sendai-harbin-master-classes",
        kind=ProjectKind.MASTER_CLASS_SERIES,
        status=ProjectStatus.PROPOSED,
        title=Text("Sendai–Harbin master-class series", "仙台—哈尔滨大师课系列"),
        summary=Text(
            "Online and in-person master classes by jurors of both competitions.",
            "两项比赛的评委举办线上线下大师课。",
        ),
        dates=(dt.date(2027, 10, 1), dt.date(2028, 3, 31)),
        competitions=("sendai", "schoenfeld"),
        cities=("sendai", "harbin"),
        news=(),
    ),
    ProjectSpec(
        slug="brussels-harbin-joint-concert",
        kind=ProjectKind.JOINT_CONCERT,
        status=ProjectStatus.COMPLETED,
        title=Text("Brussels–Harbin joint concert", "布鲁塞尔—哈尔滨联合音乐会"),
        summary=Text(
            "Cello laureates of Queen Elisabeth 2026 and Schoenfeld 2025 on one stage.",
            "2026伊丽莎白女王比赛与申菲尔德2025的大提琴获奖者同台演出。",
        ),
        dates=(dt.date(2026, 10, 8), dt.date(2026, 10, 8)),
        competitions=("queen-elisabeth", "schoenfeld"),
        cities=("brussels", "harbin"),
        news=(
            (
                dt.date(2026, 10, 9),
                Text("A full hall in Harbin", "哈尔滨座无虚席"),
                Text(
                    "1,200 listeners heard the joint concert.", "1200名听众聆听了这场联合音乐会。"
                ),
            ),
        ),
    ),
    ProjectSpec(
        slug="cities-of-music-exchange",
        kind=ProjectKind.OTHER,
        status=ProjectStatus.PROPOSED,
        title=Text("Young audiences exchange", "青少年观众交流"),
        summary=Text(
            "School concerts around the competitions, planned by the cities together.",
            "各城市共同策划比赛期间的校园音乐会。",
        ),
        dates=(None, None),
        competitions=(),
        cities=("harbin", "warsaw", "munich"),
        news=(),
    ),
)


@transaction.atomic
def load_directory(*, stdout: TextIO | None = None) -> DirectorySummary:
    """Add the federation's cities, 2027 calendar entries and cooperation projects. Loading
    twice adds nothing the second time."""
    harbin = City.objects.get(slug="harbin")
    harbin.unesco_city_of_music = True
    harbin.unesco_since = 2010
    harbin.save(update_fields=["unesco_city_of_music", "unesco_since"])
    cities = {city.slug: city for city in City.objects.all()}
    for slug, text in CITY_TEXTS.items():
        if slug in cities:
            City.objects.filter(pk=cities[slug].pk).update(**text.fields("description"))
    disciplines = {d.code: d for d in Discipline.objects.all()}
    editions = _announce_sendai_2027(disciplines)
    competitions = {c.slug: c for c in Competition.objects.all()}
    projects = news = 0
    for spec in PROJECTS:
        if Project.objects.filter(slug=spec.slug).exists():
            continue
        project = create_project(
            slug=spec.slug,
            kind=spec.kind,
            status=spec.status,
            starts_on=spec.dates[0],
            ends_on=spec.dates[1],
            competitions=[competitions[slug] for slug in spec.competitions],
            cities=[cities[slug] for slug in spec.cities],
            title_en=spec.title.en,
            title_zh=spec.title.zh,
            **spec.summary.fields("summary"),
            **spec.description.fields("description"),
        )
        projects += 1
        for date, title, text in spec.news:
            add_news(
                project=project, date=date, title_en=title.en, title_zh=title.zh,
                text_en=text.en, text_zh=text.zh,
            )  # fmt: skip
            news += 1
    summary = DirectorySummary(
        cities=len(CITY_TEXTS) + 1, editions=len(editions), projects=projects, news=news
    )
    if stdout is not None:
        stdout.write(f"Federation: {summary}\n")
    return summary
