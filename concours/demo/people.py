"""Fictional jurors and candidates, generated deterministically from name parts.

``generate_people()`` always returns the same people: one ``random.Random`` seeded with
``DEMO_SEED`` drives every choice, in a fixed order. No Faker at run time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from concours.applications.models import ApplicationStatus
from concours.demo.applicants import generate_applicants
from concours.demo.data import DEMO_SEED
from concours.demo.names import (
    CANDIDATES_PER_COUNTRY,
    COUNTRIES,
    JUROR_COUNTRIES,
    RESERVED_NAMES,
    CountryNames,
    countries_for,
)
from concours.demo.scenarios import JUROR_TEACHERS
from concours.demo.schoenfeld import full_edition
from concours.demo.specs import ApplicantSpec, EditionSpec, Text
from concours.eligibility import window_for_ages


@dataclass(frozen=True)
class PersonName:
    given: str
    family: str
    #: In the person's own script; empty for Latin-script countries.
    native: str
    #: Chinese rendering, where the name parts have one.
    zh: str

    @property
    def latin(self) -> str:
        return f"{self.given} {self.family}"


@dataclass(frozen=True)
class JurorSpec:
    division: str
    name: PersonName
    country: str
    bio: Text
    is_chair: bool
    order: int


@dataclass(frozen=True)
class CandidateSpec:
    name: PersonName
    birth_date: dt.date
    citizenship: str
    country_represented: str
    residence: str
    division: str
    status: ApplicationStatus
    created_at: dt.datetime
    submitted_at: dt.datetime


@dataclass(frozen=True)
class DemoPeople:
    #: The jury of Schoenfeld 2025.
    jurors: tuple[JurorSpec, ...]
    #: The candidates of Schoenfeld 2025, one application each.
    candidates: tuple[CandidateSpec, ...]
    #: The applications to Schoenfeld 2027, open to applications (``applicants``).
    applicants: tuple[ApplicantSpec, ...] = ()
    #: The jury of Schoenfeld 2027 (``generate_open_jury``).
    open_jury: tuple[JurorSpec, ...] = ()


class NameGenerator:
    """Draws full names from a country's parts; never the same name twice, never a reserved one."""

    MAX_ATTEMPTS = 200

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def generate(self, country: CountryNames, *, female: bool) -> PersonName:
        for _ in range(self.MAX_ATTEMPTS):
            given = self._rng.choice(country.female if female else country.male)
            family = self._rng.choice(country.family).for_gender(female=female)
            latin = f"{given.latin} {family.latin}"
            if (
                latin in self._used
                or latin.lower() in RESERVED_NAMES
                or given.latin == family.latin
            ):
                continue
            self._used.add(latin)
            return PersonName(
                given=given.latin,
                family=family.latin,
                native=_join(
                    given.native, family.native, family_first=country.family_first, separator=" "
                ),
                zh=_join(given.zh, family.zh, family_first=country.family_first, separator="·"),
            )
        raise RuntimeError(f"Ran out of unused names for {country.code}.")


def _join(given: str, family: str, *, family_first: bool, separator: str) -> str:
    """A full name in its own order (王欣怡; Иван Орлов), or "" when a part is missing."""
    if not (given and family):
        return ""
    return f"{family}{given}" if family_first else f"{given}{separator}{family}"


# --- Jurors -----------------------------------------------------------------------------------

HOST_COUNTRY = "CN"
#: Division, jury size, and how many of its jurors come from the host country.
JURY_SIZES = (("violin", 9, 2), ("cello", 9, 2), ("chamber-music", 5, 1))

VIOLINIST = Text("Violinist", "小提琴家")
CELLIST = Text("Cellist", "大提琴家")
CHAMBER_JURORS = (VIOLINIST, Text("Violist", "中提琴家"), CELLIST, Text("Pianist", "钢琴家"))

BIO_TEMPLATES = (
    Text(
        "{who} from {country}; professor at a conservatory and a devoted chamber musician.",
        "{country}{who}，音乐学院教授，热衷于室内乐演奏。",
    ),
    Text(
        "{who} from {country}; has taught prize-winning students for more than twenty years.",
        "{country}{who}，二十多年来培养了众多获奖学生。",
    ),
    Text(
        "{who} from {country}; soloist with orchestras in Europe and Asia and head of a conservatory department.",
        "{country}{who}，曾与欧洲和亚洲多支乐团合作独奏，现任音乐学院系主任。",
    ),
    Text(
        "{who} from {country}; founding member of a chamber ensemble and director of a summer academy.",
        "{country}{who}，某室内乐团创始成员，并主持一所夏季音乐学院。",
    ),
    Text(
        "{who} from {country}; records widely and gives masterclasses around the world.",
        "{country}{who}，录音作品众多，在世界各地举办大师课。",
    ),
)


def _bio(rng: random.Random, who: Text, country: Text) -> Text:
    template = rng.choice(BIO_TEMPLATES)
    return Text(
        template.en.format(who=who.en, country=country.en),
        template.zh.format(who=who.zh, country=country.zh),
    )


def generate_jury(rng: random.Random, names: NameGenerator) -> tuple[JurorSpec, ...]:
    """Nine jurors for violin and for cello, five for chamber music; one chair each."""
    jurors: list[JurorSpec] = []
    others = [code for code in JUROR_COUNTRIES if code != HOST_COUNTRY]
    for division, size, from_host in JURY_SIZES:
        countries = [HOST_COUNTRY] * from_host + rng.sample(others, size - from_host)
        rng.shuffle(countries)
        chair = rng.randrange(size)
        for index, country in enumerate(countries):
            if division == "violin":
                who = VIOLINIST
            elif division == "cello":
                who = CELLIST
            else:
                who = rng.choice(CHAMBER_JURORS)
            jurors.append(
                JurorSpec(
                    division=division,
                    name=names.generate(COUNTRIES[country], female=rng.random() < 0.5),
                    country=country,
                    bio=_bio(rng, who, JUROR_COUNTRIES[country]),
                    is_chair=index == chair,
                    order=index + 1,
                )
            )
    return tuple(jurors)


#: The 2027 jury: division, size, and how many of its 2025 jurors sit on it again.
OPEN_JURY_SIZES = (("violin", 7, 4), ("cello", 6, 3), ("chamber-music", 5, 3))


def generate_open_jury(
    rng: random.Random, names: NameGenerator, jurors: Sequence[JurorSpec]
) -> tuple[JurorSpec, ...]:
    """The jury of Schoenfeld 2027, per division: the 2025 chair (chair again), the 2025 jurors
    named as teachers of 2027 candidates (``juror_teacher_names``: the conflict-of-interest
    cases, the demo juror log-in's among them), more 2025 jurors drawn to make up the returning
    ones, then new people, each from a country not yet on that jury."""
    teachers = set(juror_teacher_names(jurors).values())
    jury: list[JurorSpec] = []
    for division, size, returning in OPEN_JURY_SIZES:
        earlier = [juror for juror in jurors if juror.division == division]
        again = [juror for juror in earlier if juror.is_chair or juror.name.latin in teachers]
        if len(again) > returning:
            raise ValueError(f"{len(again)} {division} jurors must return; {returning} do.")
        again += rng.sample(
            [juror for juror in earlier if juror not in again], returning - len(again)
        )
        taken = {juror.country for juror in again}
        countries = rng.sample(
            [code for code in JUROR_COUNTRIES if code not in taken], size - returning
        )
        new = []
        for country in countries:
            if division == "chamber-music":
                who = rng.choice(CHAMBER_JURORS)
            else:
                who = VIOLINIST if division == "violin" else CELLIST
            name = names.generate(COUNTRIES[country], female=rng.random() < 0.5)
            new.append(JurorSpec(division=division, name=name, country=country,
                                 bio=_bio(rng, who, JUROR_COUNTRIES[country]), is_chair=False, order=0))  # fmt: skip
        panel = again + new
        rng.shuffle(panel)
        jury.extend(
            dataclasses.replace(juror, order=order) for order, juror in enumerate(panel, start=1)
        )
    return tuple(jury)


# --- Candidates -------------------------------------------------------------------------------

#: Applications per division of the 2025 edition, by status (35 per string division in round 1).
DIVISION_STATUSES: tuple[tuple[str, tuple[tuple[ApplicationStatus, int], ...]], ...] = (
    (
        "violin",
        (
            (ApplicationStatus.ADMITTED, 35),
            (ApplicationStatus.RESERVE, 3),
            (ApplicationStatus.NOT_ADMITTED, 3),
            (ApplicationStatus.WITHDRAWN, 1),
        ),
    ),
    (
        "cello",
        (
            (ApplicationStatus.ADMITTED, 35),
            (ApplicationStatus.RESERVE, 2),
            (ApplicationStatus.NOT_ADMITTED, 3),
        ),
    ),
    (
        "chamber-music",
        (
            (ApplicationStatus.ADMITTED, 12),
            (ApplicationStatus.RESERVE, 2),
            (ApplicationStatus.NOT_ADMITTED, 4),
        ),
    ),
)

#: Share of applications submitted in the last 72 hours before the deadline.
LAST_MINUTE = 0.55
#: Most candidates are in their early twenties: the peak of the age spread, from the oldest end.
AGE_PEAK = 0.6


def _birth_date(rng: random.Random, earliest: dt.date, latest: dt.date) -> dt.date:
    span = (latest - earliest).days
    offset = round(rng.triangular(0, span, span * AGE_PEAK))
    return earliest + dt.timedelta(days=min(max(offset, 0), span))


def _submission_times(
    rng: random.Random, opens: dt.datetime, closes: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    """When the application was started and submitted; most arrive near the deadline."""
    rush = dt.timedelta(hours=72)
    if rng.random() < LAST_MINUTE:
        submitted = closes - rush * rng.random()
    else:
        submitted = opens + (closes - rush - opens) * rng.random()
    created = max(opens, submitted - dt.timedelta(days=20) * rng.random())
    return created.replace(microsecond=0), submitted.replace(microsecond=0)


def generate_candidates(
    rng: random.Random, names: NameGenerator, edition: EditionSpec
) -> tuple[CandidateSpec, ...]:
    """One candidate per application, born inside their division's window."""
    countries = [code for code, count in CANDIDATES_PER_COUNTRY.items() for _ in range(count)]
    rng.shuffle(countries)
    slots = [
        (division, status)
        for division, statuses in DIVISION_STATUSES
        for status, count in statuses
        for _ in range(count)
    ]
    if len(slots) != len(countries):
        raise ValueError(f"{len(slots)} applications but {len(countries)} candidates.")
    opens, closes = edition.applications_open_at, edition.applications_close_at
    if opens is None or closes is None:
        raise ValueError("The edition needs an application window.")
    windows = {
        division.slug: (division.born_on_or_after, division.born_on_or_before)
        for division in edition.divisions
    }
    candidates: list[CandidateSpec] = []
    for (division_slug, status), citizenship in zip(slots, countries, strict=True):
        earliest, latest = windows[division_slug]
        if earliest is None or latest is None:
            raise ValueError(f"The {division_slug} division needs both birth-date bounds.")
        name = names.generate(COUNTRIES[citizenship], female=rng.random() < 0.5)
        birth_date = _birth_date(rng, earliest, latest)
        represented, residence = countries_for(rng, citizenship)
        created_at, submitted_at = _submission_times(rng, opens, closes)
        candidates.append(
            CandidateSpec(
                name=name,
                birth_date=birth_date,
                citizenship=citizenship,
                country_represented=represented,
                residence=residence,
                division=division_slug,
                status=status,
                created_at=created_at,
                submitted_at=submitted_at,
            )
        )
    return tuple(candidates)


def generate_people(seed: int = DEMO_SEED) -> DemoPeople:
    """The jury and the candidates of the full Schoenfeld edition, then the applicants and the
    jury of the open one; the same for the same seed. What is generated later never changes what
    came before: the 2025 people stay when the applicants change, and both when the 2027 jury
    does."""
    rng = random.Random(seed)
    names = NameGenerator(rng)
    jurors = generate_jury(rng, names)
    candidates = generate_candidates(rng, names, full_edition())
    applicants = generate_applicants(
        rng, names, juror_names=juror_teacher_names(jurors), login=demo_candidate(candidates)
    )
    open_jury = generate_open_jury(rng, names, jurors)
    return DemoPeople(
        jurors=jurors, candidates=candidates, applicants=applicants, open_jury=open_jury
    )


def demo_juror(jurors: Sequence[JurorSpec]) -> JurorSpec:
    """The juror the demo juror log-in belongs to: the first violin juror who is not the chair."""
    return next(juror for juror in jurors if juror.division == "violin" and not juror.is_chair)


def juror_teacher_names(jurors: Sequence[JurorSpec]) -> dict[str, str]:
    """The juror behind each key of ``applicants.JUROR_TEACHERS``: the demo juror log-in's, the
    violin and cello chairs, the first other violin juror, and the first chamber-music juror
    who is not the chair."""
    demo = demo_juror(jurors)

    def first(division: str, *, chair: bool) -> JurorSpec:
        return next(
            j for j in jurors if j.division == division and j.is_chair == chair and j is not demo
        )

    names = {
        "demo-juror": demo.name.latin,
        "violin-chair": first("violin", chair=True).name.latin,
        "cello-chair": first("cello", chair=True).name.latin,
        "violin-masterclass": first("violin", chair=False).name.latin,
        "chamber-juror": first("chamber-music", chair=False).name.latin,
    }
    assert set(names) == {link.key for link in JUROR_TEACHERS}
    return names


ADULT_AGE = 18


def demo_candidate(candidates: Sequence[CandidateSpec]) -> CandidateSpec:
    """The candidate the demo log-in belongs to: the first admitted violinist who was an adult
    on the first day of the edition."""
    adult = window_for_ages(youngest=ADULT_AGE, oldest=None, on=full_edition().starts_on)
    return next(
        candidate
        for candidate in candidates
        if candidate.division == "violin"
        and candidate.status == ApplicationStatus.ADMITTED
        and adult.contains(candidate.birth_date)
    )
