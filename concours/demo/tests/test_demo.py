"""The demo loader, its generator and its two management commands."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F, Model

from concours.accounts.models import User
from concours.applications.models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Document,
    EligibilityException,
    EnsembleMember,
    Fee,
    GuardianConsent,
    ProgrammePiece,
    Recording,
    ReferenceLetter,
    Reopening,
    StatusChange,
    Teacher,
)
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    JuryMember,
    OfficeStaff,
    Prize,
    PrizeKind,
    RepertoireCategory,
    RepertoireRequirement,
    Round,
)
from concours.competitions.selectors import upcoming_editions
from concours.competitions.tests.factories import CompetitionFactory
from concours.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from concours.demo.names import RESERVED_NAMES
from concours.demo.people import demo_candidate, demo_juror, generate_people
from concours.demo.services import DatabaseNotEmpty, DemoSummary, demo_is_loaded, load_demo
from concours.eligibility import age_on
from concours.federation.models import City, Discipline, Federation, Instrument, SecretariatMember
from concours.results.models import Mark

SUMMARY = DemoSummary(
    competitions=8,
    editions=13,
    divisions=23,
    rounds=37,
    jurors=48,
    candidates=146,
    applications=147,
    open_applications=47,
    open_statuses=11,
    status_changes=138,
    marks=28,
    files=180,
    users=70,
    events=4,
    event_registrations=10,
    projects=5,
    motions=2,
)
LOADED_LINE = (
    "Loaded the demo data: 8 competitions, 13 editions, 23 divisions, 37 rounds, 48 jurors, "
    "146 candidates, 147 applications (47 open to Schoenfeld 2027, in 11 statuses), "
    "138 status changes, 28 marks, 180 files, 70 users; 4 events, 10 event registrations, "
    "5 cooperation projects, 2 motions."
)
#: The same with the live rounds of 2025 (``demo/live.py``): their marks depend on the draws,
#: whose seeds are secret and random, so only the shape of the count is fixed.
LOADED_LIVE = re.compile(re.escape(LOADED_LINE).replace(re.escape("28 marks"), r"\d{3} marks"))
#: Countries whose candidates have a name in their own script.
NON_LATIN = {"CN", "TW", "JP", "KR", "RU", "UA", "GR", "GE", "AM", "IL", "EG", "TH"}


@pytest.fixture
def demo(db) -> DemoSummary:
    return load_demo(live=False)


@pytest.fixture
def edition_2025(demo) -> Edition:
    return Edition.objects.get(competition__slug="schoenfeld", year=2025)


def _candidates_2025():
    return CandidateProfile.objects.filter(
        applications__division__edition__competition__slug="schoenfeld",
        applications__division__edition__year=2025,
    )


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Competition,
            Edition,
            Division,
            Round,
            JuryMember,
            CandidateProfile,
            Application,
            User,
        )
    }


# --- The generator (no database) ---------------------------------------------------------------


def test_generate_people_is_deterministic():
    assert generate_people() == generate_people()


def test_generate_people_gives_the_same_first_people_in_every_process():
    people = generate_people()
    assert [(c.name.latin, c.birth_date) for c in people.candidates[:3]] == [
        ("Bence Varga", dt.date(2002, 12, 29)),
        ("Mikhail Volkov", dt.date(2003, 4, 14)),
        ("Chiara Romano", dt.date(2002, 11, 22)),
    ]
    assert (demo_juror(people.jurors).name.latin, demo_candidate(people.candidates).name.latin) == (
        "Giulia Rossi",
        "Bence Varga",
    )


def test_generate_people_depends_on_the_seed():
    assert generate_people(seed=1).candidates != generate_people().candidates


def test_generate_people_never_repeats_or_reserves_a_name():
    people = generate_people()
    names = [juror.name.latin for juror in people.jurors] + [
        c.name.latin for c in people.candidates
    ]
    assert len(names) == len(set(names)) == 123
    assert [name for name in names if name.lower() in RESERVED_NAMES] == []


def test_generate_people_names_the_2027_applicants_apart_from_everyone_else():
    people = generate_people()
    jurors = {juror.name.latin for juror in people.jurors}
    earlier = jurors | {c.name.latin for c in people.candidates}
    applicants = [a for a in people.applicants if not a.is_demo_login]
    names = [a.profile.full_name for a in applicants] + [
        f"{m.given} {m.family}" for a in applicants for m in a.members[1:]
    ]
    teachers = {t.name for a in people.applicants for t in a.teachers if not t.juror}
    assert len(names) == len(set(names))
    assert set(names) & earlier == set()
    assert teachers & earlier == set()
    assert [n for n in [*names, *teachers] if n.lower() in RESERVED_NAMES] == []
    # Teachers who are jurors carry the juror's exact name.
    assert {t.name for a in people.applicants for t in a.teachers if t.juror} <= jurors


def test_generate_people_writes_native_names_in_own_script_only():
    candidates = generate_people().candidates
    assert sorted({c.citizenship for c in candidates if c.name.native}) == sorted(NON_LATIN)
    assert [
        c.name.latin for c in candidates if c.citizenship not in NON_LATIN and c.name.native
    ] == []
    assert [
        c.name.latin for c in candidates if c.citizenship in NON_LATIN and not c.name.native
    ] == []
    assert [
        c.name.native
        for c in candidates
        if any(ch.isascii() and ch.isalpha() for ch in c.name.native)
    ] == []


# --- Loading --------------------------------------------------------------------------------------


def test_load_demo_returns_what_it_created(demo):
    assert demo == SUMMARY
    assert _counts() == {
        "Competition": 8,
        "Edition": 13,
        "Division": 23,
        "Round": 37,
        "JuryMember": 48,
        "CandidateProfile": 146,
        "Application": 147,
        "User": 70,
    }


def test_load_demo_gives_the_generated_people(edition_2025):
    people = generate_people()
    assert list(
        _candidates_2025()
        .order_by("pk")
        .values_list("given_name", "family_name", "native_name", "birth_date")
    ) == [(c.name.given, c.name.family, c.name.native, c.birth_date) for c in people.candidates]
    schoenfeld_jury = JuryMember.objects.filter(edition__competition__slug="schoenfeld")
    assert list(schoenfeld_jury.order_by("pk").values_list("name_en", "name_zh")) == [
        (j.name.latin, j.name.zh) for j in (*people.jurors, *people.open_jury)
    ]


def test_load_demo_makes_schoenfeld_a_member_in_harbin(demo):
    schoenfeld = Competition.objects.get(slug="schoenfeld")
    assert (schoenfeld.name_en, schoenfeld.name_zh) == (
        "Schoenfeld International String Competition",
        "申菲尔德国际弦乐比赛",
    )
    assert (schoenfeld.founded_year, schoenfeld.member_since, schoenfeld.federation.short_name) == (
        2013,
        2017,
        "WFIMC",
    )
    assert (
        schoenfeld.city.name_zh,
        schoenfeld.city.time_zone,
        schoenfeld.city.unesco_city_of_music,
    ) == (
        "哈尔滨",
        "Asia/Shanghai",
        True,
    )
    assert sorted(schoenfeld.disciplines.values_list("code", flat=True)) == [
        "cello",
        "chamber-music",
        "violin",
    ]
    assert list(schoenfeld.editions.order_by("year").values_list("year", "status")) == [
        (2023, "completed"),
        (2025, "running"),
        (2027, "announced"),
    ]


def test_load_demo_gives_schoenfeld_2025_three_divisions_with_rounds_in_order(edition_2025):
    divisions = edition_2025.divisions.order_by("order")
    first_day = dt.date(2025, 8, 1)
    assert [
        (d.slug, d.born_on_or_after, d.born_on_or_before, d.ages_counted_on) for d in divisions
    ] == [
        ("violin", dt.date(1992, 8, 2), dt.date(2009, 8, 1), first_day),
        ("cello", dt.date(1992, 8, 2), dt.date(2009, 8, 1), first_day),
        ("chamber-music", dt.date(1989, 8, 2), dt.date(2009, 8, 1), first_day),
    ]
    rounds = {
        d.slug: list(
            d.rounds.order_by("number").values_list("number", "kind", "advancing", "with_orchestra")
        )
        for d in divisions
    }
    strings = [
        (1, "preselection", 35, False),
        (2, "live", 14, False),
        (3, "live", 6, False),
        (4, "final", None, True),
    ]
    assert rounds == {
        "violin": strings,
        "cello": strings,
        "chamber-music": [
            (1, "preselection", 12, False),
            (2, "live", 6, False),
            (3, "final", None, False),
        ],
    }
    chamber = divisions.get(slug="chamber-music")
    assert (
        chamber.min_members,
        chamber.max_members,
        chamber.max_total_age,
        chamber.ages_counted_on,
    ) == (
        2,
        5,
        120,
        dt.date(2025, 8, 1),
    )
    assert sorted(chamber.instruments.values_list("code", flat=True)) == ["cello", "violin"]


def test_load_demo_sets_round_one_as_a_25_minute_clamped_recital(edition_2025):
    round_one = Round.objects.get(division__edition=edition_2025, division__slug="violin", number=2)
    assert (round_one.max_duration, round_one.scoring_preset, round_one.scoring_parameters) == (
        dt.timedelta(minutes=25),
        "clamped-mean",
        {"scale": [1, 25], "deviation": 3},
    )


def test_load_demo_asks_each_round_for_its_repertoire(edition_2025):
    def requirements(division: str) -> dict[int, list[tuple[str, int]]]:
        rows = RepertoireRequirement.objects.filter(
            round__division__edition=edition_2025, round__division__slug=division
        ).order_by("round__number", "id")
        result: dict[int, list[tuple[str, int]]] = {}
        for row in rows.values_list("round__number", "category__code", "min_count"):
            result.setdefault(row[0], []).append((row[1], row[2]))
        return result

    assert requirements("violin") == {
        2: [("paganini-caprice", 1), ("bach-solo", 2), ("virtuoso-piece", 1)],
        3: [("sonata", 1), ("virtuoso-piece", 1), ("chinese-commission", 1)],
        4: [("concerto", 1)],
    }
    assert requirements("cello") == {
        2: [
            ("popper-piatti", 1),
            ("bach-suite-prelude", 1),
            ("bach-suite-movement", 1),
            ("virtuoso-piece", 1),
        ],
        3: [("sonata", 1), ("virtuoso-piece", 1), ("chinese-commission", 1)],
        4: [("concerto", 1)],
    }


def test_load_demo_gives_prizes_per_division_and_special_prizes(edition_2025):
    placed = Prize.objects.filter(edition=edition_2025, kind=PrizeKind.PLACE).order_by(
        "division__order", "place"
    )
    assert [(p.division.slug, p.place, int(p.amount), p.currency, p.medal) for p in placed] == [
        ("violin", 1, 30000, "USD", "gold"),
        ("violin", 2, 15000, "USD", "silver"),
        ("violin", 3, 8000, "USD", "bronze"),
        ("cello", 1, 30000, "USD", "gold"),
        ("cello", 2, 15000, "USD", "silver"),
        ("cello", 3, 8000, "USD", "bronze"),
        ("chamber-music", 1, 20000, "USD", "gold"),
        ("chamber-music", 2, 10000, "USD", "silver"),
        ("chamber-music", 3, 5000, "USD", "bronze"),
    ]
    special = Prize.objects.filter(
        edition=edition_2025, kind=PrizeKind.SPECIAL, division=None
    ).order_by("name_en")
    assert list(special.values_list("name_en", "amount")) == [
        ("Best Beethoven Performance", 3000),
        ("Best Performance of the Chinese New Work", 5000),
    ]


def test_load_demo_seats_one_chair_per_jury(edition_2025):
    jury = JuryMember.objects.filter(edition=edition_2025)
    assert Counter(jury.values_list("division__slug", flat=True)) == {
        "violin": 9,
        "cello": 9,
        "chamber-music": 5,
    }
    assert Counter(jury.filter(is_chair=True).values_list("division__slug", flat=True)) == {
        "violin": 1,
        "cello": 1,
        "chamber-music": 1,
    }
    assert jury.filter(name_zh="").count() == jury.filter(bio_zh="").count() == 0


def test_load_demo_applies_100_candidates_from_25_countries(edition_2025):
    applications = Application.objects.filter(division__edition=edition_2025)
    assert applications.count() == 100
    assert _candidates_2025().values("citizenship").distinct().count() == 25
    assert Counter(applications.values_list("division__slug", "status")) == {
        ("violin", ApplicationStatus.ADMITTED): 35,
        ("violin", ApplicationStatus.RESERVE): 3,
        ("violin", ApplicationStatus.NOT_ADMITTED): 3,
        ("violin", ApplicationStatus.WITHDRAWN): 1,
        ("cello", ApplicationStatus.ADMITTED): 35,
        ("cello", ApplicationStatus.RESERVE): 2,
        ("cello", ApplicationStatus.NOT_ADMITTED): 3,
        ("chamber-music", ApplicationStatus.ADMITTED): 12,
        ("chamber-music", ApplicationStatus.RESERVE): 2,
        ("chamber-music", ApplicationStatus.NOT_ADMITTED): 4,
    }
    assert _candidates_2025().exclude(native_name="").count() == 62


def test_load_demo_keeps_every_birth_date_inside_its_division_window(edition_2025):
    inside = Application.objects.filter(
        division__edition=edition_2025,
        candidate__birth_date__gte=F("division__born_on_or_after"),
        candidate__birth_date__lte=F("division__born_on_or_before"),
    )
    assert inside.count() == 100


def test_load_demo_submits_applications_inside_the_window(edition_2025):
    inside = Application.objects.filter(
        division__edition=edition_2025,
        submitted_at__gte=edition_2025.applications_open_at,
        submitted_at__lte=edition_2025.applications_close_at,
        created_at__gte=edition_2025.applications_open_at,
        created_at__lte=F("submitted_at"),
    )
    assert inside.count() == 100


def test_load_demo_lists_schoenfeld_2027_as_upcoming(demo):
    upcoming = upcoming_editions(today=dt.date(2026, 11, 29))
    assert [(e.competition.slug, e.year) for e in upcoming] == [
        ("queen-elisabeth", 2027),
        ("sendai", 2027),
        ("schoenfeld", 2027),
        ("ard", 2027),
        ("paganini", 2027),
    ]


def test_load_demo_fills_both_languages(demo):
    pairs: dict[type[Model], list[str]] = {
        Competition: ["name", "short_name", "description"],
        City: ["name", "description"],
        Edition: ["venue", "rules"],
        Division: ["name"],
        Round: ["name", "format"],
        RepertoireCategory: ["name"],
        Prize: ["name", "description"],
        JuryMember: ["name", "bio"],
        RepertoireRequirement: ["note"],
    }
    one_language_only = [
        f"{model.__name__}.{field} #{pk}"
        for model, fields in pairs.items()
        for field in fields
        for pk, en, zh in model.objects.values_list("pk", f"{field}_en", f"{field}_zh")
        if bool(en) != bool(zh)
    ]
    assert one_language_only == []


#: Every model the demo fills (one load checks them all: loading takes a second).
VALIDATED_MODELS: list[type[Model]] = [
    Federation,
    City,
    Discipline,
    Instrument,
    SecretariatMember,
    Competition,
    OfficeStaff,
    Edition,
    Division,
    Round,
    RepertoireCategory,
    RepertoireRequirement,
    Prize,
    JuryMember,
    CandidateProfile,
    Application,
    User,
    StatusChange,
    ProgrammePiece,
    EnsembleMember,
    Teacher,
    Recording,
    Document,
    ReferenceLetter,
    Fee,
    GuardianConsent,
    EligibilityException,
    Reopening,
    Mark,
]


def test_load_demo_creates_only_valid_objects(demo):
    invalid = []
    for model in VALIDATED_MODELS:
        objects = list(model.objects.all())
        assert objects, model.__name__
        for obj in objects:
            try:
                obj.full_clean()
            except ValidationError as error:
                invalid.append(f"{model.__name__} #{obj.pk}: {error}")
    assert invalid == []


def test_load_demo_links_a_login_to_each_role(edition_2025):
    users = {user.email: user for user in User.objects.filter(candidate_profile__isnull=True)}
    logins = {login.email for login in DEMO_LOGINS if login.email != "candidate@example.org"}
    assert logins <= set(users)
    # Everyone else who is not a candidate is a delegate to the General Assembly or applies
    # for a master class (issue 6), each with the demo's password too.
    others = {email: user for email, user in users.items() if email not in logins}
    assert all(e.startswith(("delegate.", "masterclass.")) for e in others), sorted(others)
    assert all(user.check_password(DEMO_PASSWORD) for user in others.values())
    users = {email: users[email] for email in logins}
    users["candidate@example.org"] = User.objects.get(email="candidate@example.org")
    assert all(user.check_password(DEMO_PASSWORD) for user in users.values())
    assert all(user.email_verified for user in users.values())
    assert [email for email, user in users.items() if user.is_superuser or user.is_staff] == [
        "admin@example.org"
    ]
    assert SecretariatMember.objects.get().user.email == "secretariat@example.org"
    assert sorted(OfficeStaff.objects.values_list("competition__slug", "user__email")) == [
        ("queen-elisabeth", "office.queen-elisabeth@example.org"),
        ("schoenfeld", "office.schoenfeld@example.org"),
    ]
    seats = JuryMember.objects.filter(user__email="juror@example.org").order_by("edition__year")
    assert [
        (juror.edition.year, juror.division.slug, juror.is_chair, juror.name_en) for juror in seats
    ] == [
        (2025, "violin", False, users["juror@example.org"].full_name),
        (2027, "violin", False, users["juror@example.org"].full_name),
    ]
    candidate = CandidateProfile.objects.get(user__email="candidate@example.org")
    assert candidate.display_name == users["candidate@example.org"].full_name
    assert age_on(candidate.birth_date, edition_2025.starts_on) >= 18
    assert list(
        candidate.applications.order_by("division__edition__year").values_list(
            "division__edition__year", "division__slug", "status"
        )
    ) == [(2025, "violin", ApplicationStatus.ADMITTED), (2027, "violin", ApplicationStatus.DRAFT)]


def test_load_demo_refuses_a_database_with_competitions(db):
    CompetitionFactory()
    with pytest.raises(DatabaseNotEmpty, match="the database already has competitions"):
        load_demo()
    assert Competition.objects.count() == 1


def test_demo_is_loaded_only_after_loading(db):
    assert demo_is_loaded() is False
    load_demo(live=False)
    assert demo_is_loaded() is True
