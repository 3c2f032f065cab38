"""The fixed demo content: the federation, disciplines, instruments, cities, the other member
competitions and the demo log-ins.

Real organisations appear with basic public facts (city, founding year, discipline); their
editions' dates, fees and divisions are plausible, not official. Every person is invented.
Schoenfeld, the centrepiece, is in ``schoenfeld``; generated people are in ``people``.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from concours.competitions.models import EditionStatus, FeePolicy
from concours.demo.specs import (
    CitySpec,
    CodedSpec,
    CompetitionSpec,
    DivisionSpec,
    EditionSpec,
    FederationSpec,
    LoginSpec,
    Text,
)
from concours.eligibility import window_for_ages

#: Every demo user signs in with this password (a demo only; never used in production data).
DEMO_PASSWORD = "concours-demo"

#: Demo e-mail addresses use the domain reserved for examples (RFC 2606).
DEMO_EMAIL_DOMAIN = "example.org"

#: Seed of the name and date generator, so every load gives the same people.
DEMO_SEED = 2025


def local_time(
    time_zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0
) -> dt.datetime:
    """An aware datetime at a wall-clock time in ``time_zone``."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(time_zone))


FEDERATION = FederationSpec(
    short_name="WFIMC",
    name=Text("World Federation of International Music Competitions", "世界国际音乐比赛联盟"),
    founded_year=1957,
    website="https://www.wfimc.org",
    description=Text(
        "The network of international music competitions, founded in Geneva in 1957. Its members "
        "share standards for fair competitions and a calendar, and meet every year at the "
        "General Assembly.",
        "国际音乐比赛的联盟，1957年成立于日内瓦。成员比赛共同遵循公平比赛的标准、共享赛事日历，"
        "并在每年的全体大会上相聚。",
    ),
)

DISCIPLINES = (
    CodedSpec("violin", Text("Violin", "小提琴")),
    CodedSpec("viola", Text("Viola", "中提琴")),
    CodedSpec("cello", Text("Cello", "大提琴")),
    CodedSpec("chamber-music", Text("Chamber music", "室内乐"), is_ensemble=True),
    CodedSpec("piano", Text("Piano", "钢琴")),
    CodedSpec("voice", Text("Voice", "声乐")),
    CodedSpec("composition", Text("Composition", "作曲")),
)

INSTRUMENTS = (
    CodedSpec("violin", Text("Violin", "小提琴")),
    CodedSpec("viola", Text("Viola", "中提琴")),
    CodedSpec("cello", Text("Cello", "大提琴")),
    CodedSpec("double-bass", Text("Double bass", "低音提琴")),
    CodedSpec("piano", Text("Piano", "钢琴")),
)

HARBIN = CitySpec(
    slug="harbin",
    name=Text("Harbin", "哈尔滨"),
    country="CN",
    time_zone="Asia/Shanghai",
    unesco_city_of_music=True,
    description=Text(
        "Capital of Heilongjiang in north-east China and a UNESCO City of Music, with a long "
        "tradition of string playing, the Harbin Summer Music Concert and a modern concert hall "
        "by the Songhua River.",
        "黑龙江省省会，联合国教科文组织“音乐之都”，弦乐传统深厚，拥有“哈尔滨之夏”音乐会"
        "和松花江畔的现代化音乐厅。",
    ),
)

CITIES = (
    HARBIN,
    CitySpec(
        "warsaw",
        Text("Warsaw", "华沙"),
        "PL",
        "Europe/Warsaw",
        description=Text("Capital of Poland.", "波兰首都。"),
    ),
    CitySpec(
        "brussels",
        Text("Brussels", "布鲁塞尔"),
        "BE",
        "Europe/Brussels",
        description=Text("Capital of Belgium.", "比利时首都。"),
    ),
    CitySpec(
        "genoa",
        Text("Genoa", "热那亚"),
        "IT",
        "Europe/Rome",
        description=Text(
            "Port city in Liguria, north-west Italy.", "意大利西北部利古里亚大区的港口城市。"
        ),
    ),
    CitySpec(
        "sendai",
        Text("Sendai", "仙台"),
        "JP",
        "Asia/Tokyo",
        description=Text("Largest city of the Tōhoku region of Japan.", "日本东北地区最大的城市。"),
    ),
    CitySpec(
        "fort-worth",
        Text("Fort Worth", "沃思堡"),
        "US",
        "America/Chicago",
        description=Text("City in north Texas, United States.", "美国得克萨斯州北部城市。"),
    ),
    CitySpec(
        "munich",
        Text("Munich", "慕尼黑"),
        "DE",
        "Europe/Berlin",
        description=Text("Capital of Bavaria, Germany.", "德国巴伐利亚州首府。"),
    ),
)


DISCIPLINE_NAMES = {discipline.code: discipline.name for discipline in DISCIPLINES}


def _solo_division(
    discipline: str, *, order: int = 1, ages: tuple[int, int], on: dt.date, fee: str
) -> DivisionSpec:
    """A soloist division aged ``ages`` (youngest, oldest) on ``on``, with a ``fee`` such as
    ``"200 EUR"`` paid on submission."""
    window = window_for_ages(youngest=ages[0], oldest=ages[1], on=on)
    amount, currency = fee.split()
    return DivisionSpec(
        slug=discipline,
        discipline=discipline,
        name=DISCIPLINE_NAMES[discipline],
        order=order,
        born_on_or_after=window.born_on_or_after,
        born_on_or_before=window.born_on_or_before,
        ages_counted_on=on,
        fee_policy=FeePolicy.ON_SUBMISSION,
        fee_amount=Decimal(amount),
        fee_currency=currency,
    )


OTHER_COMPETITIONS = (
    CompetitionSpec(
        slug="chopin",
        name=Text("International Fryderyk Chopin Piano Competition", "肖邦国际钢琴比赛"),
        short_name=Text("Chopin Competition", "肖邦比赛"),
        city="warsaw",
        disciplines=("piano",),
        founded_year=1927,
        member_since=None,
        description=Text(
            "One of the oldest music competitions, held in Warsaw every five years and devoted to "
            "Chopin's music.",
            "历史最悠久的音乐比赛之一，每五年在华沙举办一届，专注于肖邦的作品。",
        ),
        editions=(
            EditionSpec(
                year=2025,
                number=19,
                status=EditionStatus.COMPLETED,
                starts_on=dt.date(2025, 10, 2),
                ends_on=dt.date(2025, 10, 23),
                venue=Text("Warsaw Philharmonic", "华沙爱乐音乐厅"),
                time_zone="Europe/Warsaw",
                divisions=(
                    _solo_division("piano", ages=(16, 30), on=dt.date(2025, 10, 2), fee="200 EUR"),
                ),
            ),
        ),
    ),
    CompetitionSpec(
        slug="queen-elisabeth",
        name=Text("Queen Elisabeth Competition", "伊丽莎白女王国际音乐比赛"),
        short_name=Text("Queen Elisabeth", "伊丽莎白女王比赛"),
        city="brussels",
        disciplines=("violin", "piano", "cello", "voice"),
        founded_year=1937,
        member_since=None,
        website="https://queenelisabethcompetition.be",
        description=Text(
            "Brussels competition that rotates between violin, piano, cello and voice.",
            "在布鲁塞尔举办，小提琴、钢琴、大提琴和声乐轮流举行。",
        ),
        editions=(
            EditionSpec(
                year=2026,
                status=EditionStatus.COMPLETED,
                title=Text(
                    "Queen Elisabeth Competition 2026 – Cello", "2026伊丽莎白女王比赛——大提琴"
                ),
                starts_on=dt.date(2026, 5, 4),
                ends_on=dt.date(2026, 5, 30),
                venue=Text("Flagey and the Centre for Fine Arts", "弗拉基音乐厅与布鲁塞尔美术宫"),
                time_zone="Europe/Brussels",
                divisions=(
                    _solo_division("cello", ages=(18, 29), on=dt.date(2026, 1, 1), fee="120 EUR"),
                ),
            ),
            EditionSpec(
                year=2027,
                status=EditionStatus.ANNOUNCED,
                title=Text(
                    "Queen Elisabeth Competition 2027 – Violin", "2027伊丽莎白女王比赛——小提琴"
                ),
                starts_on=dt.date(2027, 5, 3),
                ends_on=dt.date(2027, 5, 29),
                venue=Text("Flagey and the Centre for Fine Arts", "弗拉基音乐厅与布鲁塞尔美术宫"),
                time_zone="Europe/Brussels",
                applications_open_at=local_time("Europe/Brussels", 2026, 10, 1, 9),
                applications_close_at=local_time("Europe/Brussels", 2027, 1, 15, 23, 59),
                divisions=(
                    _solo_division("violin", ages=(18, 29), on=dt.date(2027, 1, 1), fee="120 EUR"),
                ),
            ),
        ),
    ),
    CompetitionSpec(
        slug="paganini",
        name=Text("Premio Paganini International Violin Competition", "帕格尼尼国际小提琴比赛"),
        short_name=Text("Premio Paganini", "帕格尼尼比赛"),
        city="genoa",
        disciplines=("violin",),
        founded_year=1954,
        member_since=None,
        description=Text(
            "Violin competition in Paganini's home town of Genoa.",
            "在帕格尼尼的故乡热那亚举办的小提琴比赛。",
        ),
        editions=(
            EditionSpec(
                year=2027,
                status=EditionStatus.ANNOUNCED,
                starts_on=dt.date(2027, 10, 11),
                ends_on=dt.date(2027, 10, 24),
                venue=Text("Teatro Carlo Felice", "卡洛·费利切剧院"),
                time_zone="Europe/Rome",
                applications_open_at=local_time("Europe/Rome", 2027, 2, 1, 10),
                applications_close_at=local_time("Europe/Rome", 2027, 5, 31, 23, 59),
                divisions=(
                    _solo_division(
                        "violin", ages=(15, 30), on=dt.date(2027, 10, 11), fee="150 EUR"
                    ),
                ),
            ),
        ),
    ),
    CompetitionSpec(
        slug="sendai",
        name=Text("Sendai International Music Competition", "仙台国际音乐比赛"),
        short_name=Text("Sendai", "仙台比赛"),
        city="sendai",
        disciplines=("violin", "piano"),
        founded_year=2001,
        member_since=None,
        description=Text(
            "Violin and piano competition in Sendai, known for its emphasis on concertos.",
            "在仙台举办的小提琴和钢琴比赛，以重视协奏曲著称。",
        ),
        editions=(
            EditionSpec(
                year=2025,
                status=EditionStatus.COMPLETED,
                starts_on=dt.date(2025, 5, 24),
                ends_on=dt.date(2025, 6, 15),
                venue=Text("Sendai Concert Hall", "仙台音乐厅"),
                time_zone="Asia/Tokyo",
                divisions=(
                    _solo_division(
                        "violin", ages=(16, 28), on=dt.date(2025, 5, 24), fee="20000 JPY"
                    ),
                    _solo_division(
                        "piano", order=2, ages=(16, 28), on=dt.date(2025, 5, 24), fee="20000 JPY"
                    ),
                ),
            ),
        ),
    ),
    CompetitionSpec(
        slug="cliburn",
        name=Text("Van Cliburn International Piano Competition", "范·克莱本国际钢琴比赛"),
        short_name=Text("Cliburn", "克莱本比赛"),
        city="fort-worth",
        disciplines=("piano",),
        founded_year=1962,
        member_since=None,
        website="https://cliburn.org",
        description=Text(
            "Piano competition in Fort Worth, Texas, held every four years.",
            "在得克萨斯州沃思堡举办的钢琴比赛，每四年一届。",
        ),
        editions=(
            EditionSpec(
                year=2025,
                number=17,
                status=EditionStatus.COMPLETED,
                starts_on=dt.date(2025, 5, 22),
                ends_on=dt.date(2025, 6, 7),
                venue=Text("Bass Performance Hall", "巴斯演艺厅"),
                time_zone="America/Chicago",
                divisions=(
                    _solo_division("piano", ages=(18, 30), on=dt.date(2025, 5, 22), fee="150 USD"),
                ),
            ),
        ),
    ),
    CompetitionSpec(
        slug="ard",
        name=Text("ARD International Music Competition", "德国ARD国际音乐比赛"),
        short_name=Text("ARD Munich", "慕尼黑ARD比赛"),
        city="munich",
        disciplines=("violin", "cello", "piano", "voice", "chamber-music"),
        founded_year=1952,
        member_since=None,
        description=Text(
            "Held every September in Munich, with different categories each year.",
            "每年九月在慕尼黑举办，每年设不同的比赛项目。",
        ),
        editions=(
            EditionSpec(
                year=2026,
                status=EditionStatus.COMPLETED,
                starts_on=dt.date(2026, 8, 31),
                ends_on=dt.date(2026, 9, 18),
                venue=Text("Herkulessaal and Prinzregententheater", "赫拉克勒斯厅与摄政王剧院"),
                time_zone="Europe/Berlin",
                divisions=(
                    _solo_division("piano", ages=(17, 29), on=dt.date(2026, 8, 31), fee="140 EUR"),
                ),
            ),
            EditionSpec(
                year=2027,
                status=EditionStatus.ANNOUNCED,
                starts_on=dt.date(2027, 8, 30),
                ends_on=dt.date(2027, 9, 17),
                venue=Text("Herkulessaal and Prinzregententheater", "赫拉克勒斯厅与摄政王剧院"),
                time_zone="Europe/Berlin",
                applications_open_at=local_time("Europe/Berlin", 2027, 1, 10, 10),
                applications_close_at=local_time("Europe/Berlin", 2027, 3, 31, 23, 59),
                divisions=(
                    _solo_division("violin", ages=(17, 29), on=dt.date(2027, 8, 30), fee="140 EUR"),
                    _solo_division(
                        "voice", order=2, ages=(20, 30), on=dt.date(2027, 8, 30), fee="140 EUR"
                    ),
                ),
            ),
        ),
    ),
)

#: When the demo log-ins were created and their addresses confirmed (before Schoenfeld 2025).
DEMO_ACCOUNTS_SINCE = local_time("Asia/Shanghai", 2024, 12, 2, 9)

#: The demo log-ins, one per role. The juror and the candidate are linked to generated people
#: by ``services.load_demo``; their names here are the accounts' names.
SUPERUSER_LOGIN = LoginSpec(
    email=f"admin@{DEMO_EMAIL_DOMAIN}",
    full_name="Site Administrator",
    role="Site administrator (superuser)",
    sees="Everything, including the technical settings of the office back-end.",
    is_superuser=True,
)
SECRETARIAT_LOGIN = LoginSpec(
    email=f"secretariat@{DEMO_EMAIL_DOMAIN}",
    full_name="Ilse Marten",
    role="WFIMC secretariat",
    sees="All member competitions, cities and editions in the office back-end.",
    title=Text("Programme officer", "项目主管"),
)
SCHOENFELD_OFFICE_LOGIN = LoginSpec(
    email=f"office.schoenfeld@{DEMO_EMAIL_DOMAIN}",
    full_name="Zhao Yuning",
    role="Schoenfeld office",
    sees="Schoenfeld's editions, divisions, jury and applications only.",
    preferred_language="zh-hans",
    title=Text("Competition manager", "比赛经理"),
)
OTHER_OFFICE_LOGIN = LoginSpec(
    email=f"office.queen-elisabeth@{DEMO_EMAIL_DOMAIN}",
    full_name="Lotte Verbeke",
    role="Queen Elisabeth office",
    sees="The Queen Elisabeth Competition's data only (not Schoenfeld's).",
    title=Text("Artistic office", "艺术办公室"),
)
#: The competition whose office the second office log-in runs.
OTHER_OFFICE_COMPETITION = "queen-elisabeth"
JUROR_LOGIN = LoginSpec(
    email=f"juror@{DEMO_EMAIL_DOMAIN}",
    full_name="",
    role="Juror, Schoenfeld 2025 and 2027 violin",
    sees=(
        "Their seats on “My page” (/me/), and the Schoenfeld 2027 violin pre-selection panel "
        "with recordings still to mark."
    ),
)
CANDIDATE_LOGIN = LoginSpec(
    email=f"candidate@{DEMO_EMAIL_DOMAIN}",
    full_name="",
    role="Candidate (adult), Schoenfeld 2025 and 2027 violin",
    sees=(
        "Their own applications on “My page” (/me/): admitted in 2025, and a 2027 draft to "
        "continue and submit; nobody else's."
    ),
)

DEMO_LOGINS = (
    SECRETARIAT_LOGIN,
    SCHOENFELD_OFFICE_LOGIN,
    OTHER_OFFICE_LOGIN,
    JUROR_LOGIN,
    CANDIDATE_LOGIN,
    SUPERUSER_LOGIN,
)
