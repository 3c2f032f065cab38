"""Loading the demo data: one transaction, into an empty database only.

Everything loaded is a function of the moment of loading: the same day gives the same rows (and
the same files, on an empty private storage). Only Schoenfeld 2027 follows the clock: its
application window is open around the day of loading (``schoenfeld.open_window``) and its
applications' history is set in that window.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from concours.accounts.models import User
from concours.applications.models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Document,
    ReferenceLetter,
    StatusChange,
)
from concours.assembly.models import Motion
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    JuryMember,
    OfficeStaff,
    Prize,
    RepertoireCategory,
    RepertoireRequirement,
    Round,
)
from concours.cooperation.models import Project
from concours.demo import data
from concours.demo.live import load_live_rounds
from concours.demo.load_applicants import ApplicantLoader
from concours.demo.load_assembly import load_assembly
from concours.demo.load_directory import load_directory
from concours.demo.load_events import load_events
from concours.demo.load_jury import load_open_jury
from concours.demo.load_masterclasses import load_masterclasses
from concours.demo.load_opendata import load_opendata
from concours.demo.people import DemoPeople, demo_candidate, demo_juror, generate_people
from concours.demo.preselection import generate_marks
from concours.demo.schoenfeld import (
    FULL_EDITION_YEAR,
    OPEN_EDITION_YEAR,
    SCHOENFELD,
    TIME_ZONE,
    open_window,
    with_open_window,
)
from concours.demo.specs import CompetitionSpec, DivisionSpec, EditionSpec, PrizeSpec
from concours.events.models import Event, Registration
from concours.federation.models import City, Discipline, Federation, Instrument, SecretariatMember
from concours.results.models import Mark


class Writer(Protocol):
    """Where progress goes: a file, or a management command's ``stdout``."""

    def write(self, text: str, /) -> object: ...


class DatabaseNotEmpty(Exception):
    """The demo is loaded only into an empty database, so it never mixes with real data."""


@dataclass(frozen=True)
class DemoSummary:
    """What ``load_demo`` created."""

    competitions: int
    editions: int
    divisions: int
    rounds: int
    jurors: int
    candidates: int
    applications: int
    #: Applications to the edition open to applications (Schoenfeld 2027), and their statuses.
    open_applications: int
    open_statuses: int
    status_changes: int
    #: Marks already in for the open edition's pre-selection.
    marks: int
    #: Documents and letters on the private storage.
    files: int
    users: int
    #: Events and the federation (issue 6).
    events: int = 0
    event_registrations: int = 0
    projects: int = 0
    motions: int = 0

    def __str__(self) -> str:
        return (
            f"{self.competitions} competitions, {self.editions} editions, {self.divisions} divisions, "
            f"{self.rounds} rounds, {self.jurors} jurors, {self.candidates} candidates, "
            f"{self.applications} applications ({self.open_applications} open to Schoenfeld "
            f"{OPEN_EDITION_YEAR}, in {self.open_statuses} statuses), {self.status_changes} status "
            f"changes, {self.marks} marks, {self.files} files, {self.users} users; "
            f"{self.events} events, {self.event_registrations} event registrations, "
            f"{self.projects} cooperation projects, {self.motions} motions"
        )


def demo_is_loaded() -> bool:
    """Whether the demo's centrepiece competition and its administrator are in the database."""
    return (
        Competition.objects.filter(slug=SCHOENFELD.slug).exists()
        and User.objects.filter(email=data.SUPERUSER_LOGIN.email).exists()
    )


def reason_not_empty() -> str | None:
    """Why the demo cannot be loaded here, or ``None`` when the database is empty enough."""
    if Competition.objects.exists():
        return "the database already has competitions"
    taken = sorted(User.objects.filter(email__in=demo_emails()).values_list("email", flat=True))
    if taken:
        return f"demo e-mail addresses are already in use ({', '.join(taken)})"
    return None


def open_edition() -> Edition | None:
    """Schoenfeld 2027, the edition open to applications, if the demo is loaded."""
    return Edition.objects.filter(competition__slug=SCHOENFELD.slug, year=OPEN_EDITION_YEAR).first()


def open_edition_logins() -> list[tuple[str, str, str, str]]:
    """One applicant of Schoenfeld 2027 per status, in the workflow's order: e-mail, name,
    division and status, for ``demo_logins``. (The demo candidate log-in has a draft there too.)"""
    applications = (
        Application.objects.filter(
            division__edition__competition__slug=SCHOENFELD.slug,
            division__edition__year=OPEN_EDITION_YEAR,
            candidate__user__isnull=False,
        )
        .exclude(candidate__user__email=data.CANDIDATE_LOGIN.email)
        .select_related("candidate__user", "division")
        .order_by("division__order", "candidate__family_name", "candidate__given_name")
    )
    first: dict[str, Application] = {}
    for application in applications:
        first.setdefault(application.status, application)
    return [
        (
            application.candidate.user.email,
            application.candidate.display_name,
            application.division.name_en,
            str(ApplicationStatus(application.status).label),
        )
        for status in ApplicationStatus
        if (application := first.get(status)) is not None and application.candidate.user
    ]


def demo_emails() -> list[str]:
    """The addresses of the demo's accounts: the log-ins and the 2027 applicants."""
    emails = [login.email for login in data.DEMO_LOGINS]
    emails += [
        applicant.profile.email
        for applicant in generate_people().applicants
        if not applicant.is_demo_login
    ]
    return emails


def load_demo(
    *, stdout: Writer | None = None, now: dt.datetime | None = None, live: bool = True
) -> DemoSummary:
    """Create the federation, the member competitions, Schoenfeld with its 2025 jury and
    candidates and its 2027 applications, and the demo log-ins, in one transaction. Raises
    ``DatabaseNotEmpty`` unless the database is empty.

    ``now`` (the present moment by default) places the window of Schoenfeld 2027 and its
    applications' history; loading twice with the same day gives the same data. ``live``
    runs Schoenfeld 2025's live rounds (``demo/live.py``: conflicts, draws, marks, decisions,
    publications); tests of the rest of the demo leave it out, as it takes most of the time."""
    now = timezone.now() if now is None else now
    people = generate_people()
    with transaction.atomic():
        reason = reason_not_empty()
        if reason is not None:
            raise DatabaseNotEmpty(f"The demo data was not loaded: {reason}.")
        loader = _Loader(stdout, now=now)
        loader.load_reference_data()
        for spec in (with_open_window(now), *data.OTHER_COMPETITIONS):
            loader.load_competition(spec)
        loader.load_logins(people)
        loader.load_people(people)
        loader.load_open_edition(people)
        if live and loader.full_edition is not None:
            running = load_live_rounds(
                edition=loader.full_edition, office=loader.users[data.SCHOENFELD_OFFICE_LOGIN.email],
                juror_login=loader.users[data.JUROR_LOGIN.email], now=now,
            )  # fmt: skip
            loader._say(
                f"Schoenfeld {FULL_EDITION_YEAR}: first live rounds published, second rounds live; "
                f"{running.marks} marks, {running.conflicts} conflicts of interest"
            )
        # Events and the federation (issue 6): the events first, as the master classes and
        # the General Assembly build on the events they create.
        events = load_events(now=now)
        classes = load_masterclasses(
            now=now, office=loader.users[data.SCHOENFELD_OFFICE_LOGIN.email]
        )
        assembly = load_assembly()
        directory = load_directory()
        # A member that runs its own Concours publishes an edition through the interchange
        # format (after the assembly: the new member has no vote in 2026).
        imported = load_opendata(federation=loader.federation)
        loader._say(
            f"Events: {events}; master classes: {classes}; General Assembly: {assembly}; "
            f"directory: {directory}; imported: {imported}"
        )
        open_applications = Application.objects.filter(
            division__edition__competition__slug=SCHOENFELD.slug,
            division__edition__year=OPEN_EDITION_YEAR,
        )
        # The database was empty, so everything in it is what this load created.
        return DemoSummary(
            competitions=Competition.objects.count(),
            editions=Edition.objects.count(),
            divisions=Division.objects.count(),
            rounds=Round.objects.count(),
            jurors=JuryMember.objects.count(),
            candidates=CandidateProfile.objects.count(),
            applications=Application.objects.count(),
            open_applications=open_applications.count(),
            open_statuses=open_applications.values("status").distinct().count(),
            status_changes=StatusChange.objects.count(),
            marks=Mark.objects.count(),
            files=Document.objects.count() + ReferenceLetter.objects.exclude(file="").count(),
            users=User.objects.count(),
            events=Event.objects.count(),
            event_registrations=Registration.objects.count(),
            projects=Project.objects.count(),
            motions=Motion.objects.count(),
        )


class _Loader:
    """Creates rows from the specs, keeping the objects later steps refer to."""

    def __init__(self, stdout: Writer | None, *, now: dt.datetime) -> None:
        self._stdout = stdout
        self.now = now
        #: Applications' references and submission keys: random-looking, the same every load.
        self._uuids = random.Random(f"{data.DEMO_SEED}-uuids")
        self.password = make_password(data.DEMO_PASSWORD)
        self.federation: Federation | None = None
        self.disciplines: dict[str, Discipline] = {}
        self.instruments: dict[str, Instrument] = {}
        self.cities: dict[str, City] = {}
        self.competitions: dict[str, Competition] = {}
        self.full_edition: Edition | None = None
        self.full_divisions: dict[str, Division] = {}
        self.open_edition: Edition | None = None
        self.open_divisions: dict[str, Division] = {}
        self.users: dict[str, User] = {}

    def new_uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self._uuids.getrandbits(128), version=4)

    def _say(self, message: str) -> None:
        if self._stdout is not None:
            self._stdout.write(message + "\n")

    def load_reference_data(self) -> None:
        spec = data.FEDERATION
        self.federation = Federation.objects.create(
            short_name=spec.short_name,
            founded_year=spec.founded_year,
            website=spec.website,
            **spec.name.fields("name"),
            **spec.description.fields("description"),
        )
        for coded in data.DISCIPLINES:
            self.disciplines[coded.code] = Discipline.objects.create(
                code=coded.code, is_ensemble=coded.is_ensemble, **coded.name.fields("name")
            )
        for coded in data.INSTRUMENTS:
            self.instruments[coded.code] = Instrument.objects.create(
                code=coded.code, **coded.name.fields("name")
            )
        for city in data.CITIES:
            self.cities[city.slug] = City.objects.create(
                slug=city.slug,
                country=city.country,
                time_zone=city.time_zone,
                unesco_city_of_music=city.unesco_city_of_music,
                **city.name.fields("name"),
                **city.description.fields("description"),
            )
        self._say(
            f"{spec.short_name}, {len(self.disciplines)} disciplines, {len(self.cities)} cities"
        )

    def load_competition(self, spec: CompetitionSpec) -> None:
        competition = Competition.objects.create(
            federation=self.federation,
            member_since=spec.member_since,
            slug=spec.slug,
            city=self.cities[spec.city],
            founded_year=spec.founded_year,
            website=spec.website,
            **spec.name.fields("name"),
            **spec.short_name.fields("short_name"),
            **spec.description.fields("description"),
        )
        competition.disciplines.set([self.disciplines[code] for code in spec.disciplines])
        self.competitions[spec.slug] = competition
        for edition_spec in spec.editions:
            edition = self._load_edition(competition, edition_spec)
            if spec.slug == SCHOENFELD.slug and edition_spec.year == FULL_EDITION_YEAR:
                self.full_edition = edition
            if spec.slug == SCHOENFELD.slug and edition_spec.year == OPEN_EDITION_YEAR:
                self.open_edition = edition
        self._say(f"{spec.short_name.en}: editions {', '.join(str(e.year) for e in spec.editions)}")

    def _load_edition(self, competition: Competition, spec: EditionSpec) -> Edition:
        edition = Edition.objects.create(
            competition=competition,
            year=spec.year,
            number=spec.number,
            status=spec.status,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            time_zone=spec.time_zone,
            applications_open_at=spec.applications_open_at,
            applications_close_at=spec.applications_close_at,
            **spec.title.fields("title"),
            **spec.venue.fields("venue"),
            **spec.rules.fields("rules"),
        )
        categories = {
            category.code: RepertoireCategory.objects.create(
                edition=edition, code=category.code, **category.name.fields("name")
            )
            for category in spec.categories
        }
        for division_spec in spec.divisions:
            division = self._load_division(edition, division_spec, categories)
            if competition.slug == SCHOENFELD.slug and spec.year == FULL_EDITION_YEAR:
                self.full_divisions[division.slug] = division
            if competition.slug == SCHOENFELD.slug and spec.year == OPEN_EDITION_YEAR:
                self.open_divisions[division.slug] = division
        Prize.objects.bulk_create(_prize(edition, None, prize) for prize in spec.special_prizes)
        return edition

    def _load_division(
        self, edition: Edition, spec: DivisionSpec, categories: dict[str, RepertoireCategory]
    ) -> Division:
        division = Division.objects.create(
            edition=edition,
            discipline=self.disciplines[spec.discipline],
            slug=spec.slug,
            order=spec.order,
            born_on_or_after=spec.born_on_or_after,
            born_on_or_before=spec.born_on_or_before,
            min_members=spec.min_members,
            max_members=spec.max_members,
            max_total_age=spec.max_total_age,
            ages_counted_on=spec.ages_counted_on,
            fee_policy=spec.fee_policy,
            fee_amount=spec.fee_amount,
            fee_currency=spec.fee_currency,
            **spec.name.fields("name"),
        )
        division.instruments.set([self.instruments[code] for code in spec.instruments])
        for round_spec in spec.rounds:
            round_ = Round.objects.create(
                division=division,
                number=round_spec.number,
                kind=round_spec.kind,
                starts_on=round_spec.starts_on,
                ends_on=round_spec.ends_on,
                advancing=round_spec.advancing,
                scoring_preset=round_spec.scoring_preset,
                scoring_parameters=dict(round_spec.scoring_parameters),
                min_duration=round_spec.min_duration,
                max_duration=round_spec.max_duration,
                with_orchestra=round_spec.with_orchestra,
                **round_spec.name.fields("name"),
                **round_spec.format.fields("format"),
            )
            RepertoireRequirement.objects.bulk_create(
                RepertoireRequirement(
                    round=round_,
                    category=categories[requirement.category],
                    min_count=requirement.min_count,
                    max_count=requirement.max_count,
                    **requirement.note.fields("note"),
                )
                for requirement in round_spec.requirements
            )
        Prize.objects.bulk_create(_prize(edition, division, prize) for prize in spec.prizes)
        return division

    def load_people(self, people: DemoPeople) -> None:
        """The jury and the candidates, with one application each, of Schoenfeld 2025."""
        if self.full_edition is None:
            raise RuntimeError("Load Schoenfeld before its people.")
        juror_with_login = demo_juror(people.jurors)
        candidate_with_login = demo_candidate(people.candidates)
        JuryMember.objects.bulk_create(
            JuryMember(
                edition=self.full_edition,
                division=self.full_divisions[juror.division],
                user=self.users[data.JUROR_LOGIN.email] if juror is juror_with_login else None,
                name_en=juror.name.latin,
                name_zh=juror.name.zh,
                country=juror.country,
                is_chair=juror.is_chair,
                order=juror.order,
                **juror.bio.fields("bio"),
            )
            for juror in people.jurors
        )
        profiles = CandidateProfile.objects.bulk_create(
            CandidateProfile(
                user=self.users[data.CANDIDATE_LOGIN.email]
                if candidate is candidate_with_login
                else None,
                given_name=candidate.name.given,
                family_name=candidate.name.family,
                native_name=candidate.name.native,
                birth_date=candidate.birth_date,
                citizenship=candidate.citizenship,
                country_represented=candidate.country_represented,
                residence=candidate.residence,
            )
            for candidate in people.candidates
        )
        Application.objects.bulk_create(
            Application(
                candidate=profile,
                division=self.full_divisions[candidate.division],
                status=candidate.status,
                created_at=candidate.created_at,
                submitted_at=candidate.submitted_at,
                reference=self.new_uuid(),
            )
            for profile, candidate in zip(profiles, people.candidates, strict=True)
        )
        # ``updated_at`` is stamped "now" on insert; the last change was the submission.
        Application.objects.filter(division__edition=self.full_edition).update(
            updated_at=F("submitted_at")
        )
        self._say(
            f"Schoenfeld {FULL_EDITION_YEAR}: {len(people.jurors)} jurors, {len(profiles)} candidates"
        )

    def load_open_edition(self, people: DemoPeople) -> None:
        """The applications to Schoenfeld 2027, in every status (``applicants``), its jury
        and the pre-selection marks already in (``preselection``)."""
        if self.open_edition is None or self.open_edition.applications_open_at is None:
            raise RuntimeError("Load Schoenfeld, with its open edition, before its applicants.")
        loaded = ApplicantLoader(
            edition=self.open_edition,
            divisions=self.open_divisions,
            instruments=self.instruments,
            opens=self.open_edition.applications_open_at,
            office=self.users[data.SCHOENFELD_OFFICE_LOGIN.email],
            login=self.users[data.CANDIDATE_LOGIN.email],
            password=self.password,
            new_uuid=self.new_uuid,
        ).load(people.applicants)
        login_juror = demo_juror(people.jurors).name.latin
        jury = load_open_jury(
            edition=self.open_edition,
            divisions=self.open_divisions,
            jury=people.open_jury,
            marks=generate_marks(people.open_jury, people.applicants, login_juror=login_juror),
            login=(login_juror, self.users[data.JUROR_LOGIN.email]),
            office=self.users[data.SCHOENFELD_OFFICE_LOGIN.email],
            opens=self.open_edition.applications_open_at,
        )
        opens, closes = open_window(self.now)
        self._say(
            f"Schoenfeld {OPEN_EDITION_YEAR}: applications open {opens:%Y-%m-%d %H:%M} to "
            f"{closes:%Y-%m-%d %H:%M} ({TIME_ZONE}), {loaded.applications} applications in "
            f"{len({a.status for a in people.applicants})} of {len(ApplicationStatus)} "
            f"statuses, {loaded.files} files; {jury.jurors} jurors, {jury.marks} pre-selection "
            "marks"
        )

    def load_logins(self, people: DemoPeople) -> None:
        """One user per role, all with the demo password (hashed once), and their role records.
        The juror's and the candidate's accounts are named after the people they belong to;
        ``load_people`` links them. Every address is confirmed, so that the candidate can
        submit; the accounts date from before the 2025 edition."""
        password = self.password
        names = {
            data.JUROR_LOGIN.email: demo_juror(people.jurors).name.latin,
            data.CANDIDATE_LOGIN.email: demo_candidate(people.candidates).name.latin,
        }
        for login in data.DEMO_LOGINS:
            self.users[login.email] = User.objects.create(
                email=login.email,
                full_name=login.full_name or names[login.email],
                preferred_language=login.preferred_language,
                password=password,
                is_staff=login.is_superuser,
                is_superuser=login.is_superuser,
                date_joined=data.DEMO_ACCOUNTS_SINCE,
                email_verified_at=data.DEMO_ACCOUNTS_SINCE,
            )
        SecretariatMember.objects.create(
            federation=self.federation,
            user=self.users[data.SECRETARIAT_LOGIN.email],
            **data.SECRETARIAT_LOGIN.title.fields("title"),
        )
        for login, slug in (
            (data.SCHOENFELD_OFFICE_LOGIN, SCHOENFELD.slug),
            (data.OTHER_OFFICE_LOGIN, data.OTHER_OFFICE_COMPETITION),
        ):
            OfficeStaff.objects.create(
                competition=self.competitions[slug],
                user=self.users[login.email],
                **login.title.fields("title"),
            )
        self._say(f"{len(self.users)} demo log-ins")


def _prize(edition: Edition, division: Division | None, spec: PrizeSpec) -> Prize:
    return Prize(
        edition=edition,
        division=division,
        kind=spec.kind,
        place=spec.place,
        amount=spec.amount,
        currency=spec.currency if spec.amount is not None else "",
        medal=spec.medal,
        outcome=spec.outcome,
        **spec.name.fields("name"),
        **spec.description.fields("description"),
    )
