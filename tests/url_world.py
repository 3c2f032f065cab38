"""The world of tests/test_url_inventory.py: competition A with everything a URL of the project
can point at, competition B with its own office, and one person per role.

Built once per module with the apps' own factories and services (under a second), at the time
of the run: an edition taking applications, a seminar with a session on now. The tests roll their
changes back, so every test sees the world as built here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from concours.accounts.models import User
from concours.accounts.tests.factories import UserFactory
from concours.accounts.tokens import email_verification_token
from concours.applications.models import (
    ApplicationStatus,
    Document,
    DocumentKind,
    GuardianConsent,
    Recording,
    RecordingKind,
    ReferenceLetter,
)
from concours.applications.tests.factories import ApplicationFactory
from concours.applications.tokens import consent_token, letter_token
from concours.assembly.tests.factories import (
    AgendaItemFactory,
    AssemblyFactory,
    DelegateFactory,
    MotionFactory,
)
from concours.competitions.models import RoundKind
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    JuryMemberFactory,
    OfficeStaffFactory,
    RepertoireCategoryFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)
from concours.cooperation.models import ProjectDocument
from concours.cooperation.tests.factories import ProjectFactory
from concours.draws import services as draws
from concours.events import services as events
from concours.events.models import Attendance, CalendarFeed, SessionMode
from concours.events.tests.factories import CategoryFactory, EventFactory, SessionFactory
from concours.events.tickets import join_signature
from concours.federation.tests.factories import SecretariatMemberFactory
from concours.jury.tests.factories import ConflictFactory, RelationshipFactory
from concours.masterclasses.tests.factories import (
    ApplicationFactory as MasterClassApplicationFactory,
)
from concours.masterclasses.tests.factories import (
    MasterClassFactory,
    RoomFactory,
    SpeakerFactory,
    lesson_slot,
    with_choices,
)
from concours.opendata.services import import_text
from concours.opendata.tests.factories import example_text, federation_with_disciplines
from concours.publication.tests.setup import make_decided_round, publish
from concours.uploads.models import Upload, UploadPurpose
from concours.uploads.tests.media import mp4_bytes, png_bytes

PNG = png_bytes(80)
PDF = b"%PDF-1.7\n" + b"\x00" * 64
MP4 = mp4_bytes(80)

#: One person per role (``anonymous``: nobody signed in): a candidate (Ana), another candidate
#: (Ben), a juror of A, the offices of A and B, the secretariat, a person without a role, A's
#: delegate to the General Assembly and a master-class teacher.
ROLES = (
    "anonymous", "candidate", "other_candidate", "juror", "office_a", "office_b",
    "secretariat", "stranger", "delegate", "teacher",
)  # fmt: skip


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)
    #: Each role's session cookie, once signed in (the tests sign everyone in once).
    sessions: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def build_world() -> World:
    world = World()
    o = world.objects
    now = timezone.now()

    # Competition A, 2025: a round the jury has decided on, published (everything public now).
    federation_with_disciplines()
    decided = make_decided_round()
    live_round = decided.round
    division = live_round.division
    edition = division.edition
    competition = edition.competition
    publish(decided, publish_in=-dt.timedelta(hours=2), sheets_in=-dt.timedelta(hours=1))
    ana = decided.candidates["Ana Alpha"]
    ben = decided.candidates["Ben Beta"]
    juror_seat = decided.jurors[0]
    o |= {
        "competition": competition, "edition": edition, "division": division,
        "live_round": live_round, "ana_admitted": ana, "seat": juror_seat,
    }  # fmt: skip

    # Competition A, next year: taking applications, with a pre-selection from recordings.
    open_edition = EditionFactory(
        competition=competition, year=max(now.year + 1, edition.year + 1),
        starts_on=(now + dt.timedelta(days=200)).date(),
        ends_on=(now + dt.timedelta(days=214)).date(),
        applications_open_at=now - dt.timedelta(days=10),
        applications_close_at=now + dt.timedelta(days=30),
    )  # fmt: skip
    open_division = DivisionFactory(
        edition=open_edition, slug="violin-open",
        born_on_or_after=dt.date(1990, 1, 1), born_on_or_before=dt.date(2008, 1, 1),
    )  # fmt: skip
    preselection = RoundFactory(
        division=open_division, number=1, kind=RoundKind.PRESELECTION, name_en="Pre-selection",
        min_duration=None, max_duration=None, scoring_preset="mean", scoring_parameters={},
        advancing=1,
    )  # fmt: skip
    programme_round = RoundFactory(division=open_division, number=2, name_en="Round 1")
    RepertoireRequirementFactory(
        round=programme_round,
        category=RepertoireCategoryFactory(edition=open_edition, code="paganini"),
    )
    JuryMemberFactory(
        edition=open_edition, division=open_division, user=juror_seat.user, name_en="Juror 1"
    )
    draft = ApplicationFactory(
        candidate=ana.candidate, division=open_division, status=ApplicationStatus.DRAFT
    )
    in_review = ApplicationFactory(
        candidate=ben.candidate, division=open_division, status=ApplicationStatus.IN_PRESELECTION
    )
    recorded = now.date() - dt.timedelta(days=10)
    o |= {
        "open_edition": open_edition, "open_division": open_division,
        "preselection": preselection, "programme_round": programme_round,
        "draft": draft, "in_review": in_review,
        "document": Document.objects.create(
            application=draft, kind=DocumentKind.PHOTO, file=ContentFile(PNG, name="photo.png"),
            content_type="image/png", size=len(PNG),
        ),
        "recording": Recording.objects.create(
            application=draft, kind=RecordingKind.UPLOAD, file=ContentFile(MP4, name="bach.mp4"),
            content_type="video/mp4", size=len(MP4), title="Bach", recorded_on=recorded,
            unedited_declared_at=now,
        ),
        "review_recording": Recording.objects.create(
            application=in_review, kind=RecordingKind.UPLOAD,
            file=ContentFile(MP4, name="ysaye.mp4"), content_type="video/mp4", size=len(MP4),
            title="Ysaÿe", recorded_on=recorded, unedited_declared_at=now,
        ),
        "upload": Upload.objects.create(
            owner=ana.candidate.user, application=draft, purpose=UploadPurpose.RECORDING,
            filename="paganini.mp4", size=1000, title="Paganini", recorded_on=recorded,
            expires_at=now + dt.timedelta(days=1),
        ),
        "consent_token": consent_token(
            GuardianConsent.objects.create(
                application=draft, guardian_name="Ada Alpha", guardian_email="ada@example.org"
            )
        ),
        "letter_token": letter_token(
            ReferenceLetter.objects.create(
                application=draft, referee_name="Rita Ref", referee_email="rita@example.org"
            )
        ),
    }  # fmt: skip

    # The jury's side: a declared relationship and a flagged conflict of the juror's seat.
    o["relationship"] = RelationshipFactory(seat=juror_seat, application=ana)
    o["conflict"] = ConflictFactory(seat=juror_seat, application=ben)

    # Draws of the decided division: every round's (revealed) and round 1's (drawn).
    office = decided.office
    draw_all = draws.commit_draw(division=division, method="random", by=office)
    draw_round = draws.commit_draw(division=division, round_=live_round, method="random", by=office)
    for draw in (draw_all, draw_round):
        draws.add_witness_input(draw=draw, witness="Maria Nowak", value="Mazurka", by=office)
        draws.perform_draw(draw=draw, by=office)
    draws.reveal_draw(draw=draw_all, by=office)
    o |= {"draw_all": draw_all, "draw_round": draw_round}

    # A seminar of A, on now, with an online session; Ana is registered and attended.
    event = EventFactory(
        competition=competition, slug="strings-seminar", starts_on=now.date(),
        ends_on=now.date() + dt.timedelta(days=1),
        registration_opens_at=now - dt.timedelta(days=1),
        registration_closes_at=now + dt.timedelta(days=20),
    )  # fmt: skip
    hall = SessionFactory(event=event, title_en="Morning lecture")
    online = SessionFactory(
        event=event, title_en="Online panel", mode=SessionMode.HYBRID,
        starts_at=now - dt.timedelta(minutes=5), ends_at=now + dt.timedelta(hours=1),
        platform_url="https://meet.example.org/panel-secret",
    )  # fmt: skip
    category = CategoryFactory(event=event)
    registration = events.register(
        event=event, user=ana.candidate.user, category=category
    ).registration
    Attendance.objects.create(registration=registration, session=hall, at=now)
    o |= {
        "event": event, "online_session": online, "registration": registration,
        "join_signature": join_signature(registration, online),
        "feed_token": CalendarFeed.objects.create(user=ana.candidate.user).token,
    }  # fmt: skip

    # A master class of A: one teacher with an account, Ana applied and ranked them.
    master_class = MasterClassFactory(competition=competition, slug="summer-academy")
    teacher = SpeakerFactory(name_en="Clara Weber", user=UserFactory())
    lesson_slot(master_class, teacher, RoomFactory(), 14, 7)
    o |= {
        "master_class": master_class,
        "mc_application": with_choices(
            MasterClassApplicationFactory(event=master_class, applicant=ana.candidate.user),
            teacher,
        ),
    }

    # The General Assembly: A's voting delegate, one motion.
    federation = competition.federation
    assembly = AssemblyFactory(federation=federation, event__federation=federation)
    delegate = DelegateFactory(assembly=assembly, competition=competition).user
    motion = MotionFactory(agenda_item=AgendaItemFactory(assembly=assembly))
    o |= {"assembly": assembly, "motion": motion}

    # The federation's public side: a cooperation project with a public file, an import.
    project = ProjectFactory(competitions=[competition], cities=[competition.city])
    o |= {
        "city": competition.city,
        "project": project,
        "project_document": ProjectDocument.objects.create(
            project=project, title_en="Programme", file=ContentFile(PDF, name="programme.pdf")
        ),
    }

    secretariat = SecretariatMemberFactory(federation=federation).user
    imported = import_text(text=example_text(), federation=federation, actor=secretariat)
    o["imported_edition"] = imported.edition  # type: ignore[union-attr]

    # Competition B and its office.
    competition_b = CompetitionFactory(short_name_en="Comp B")
    EditionFactory(competition=competition_b)
    stranger = UserFactory(email_verified_at=None)
    o["verify_token"] = email_verification_token(stranger)
    world.users = {
        "anonymous": None,
        "candidate": ana.candidate.user,
        "other_candidate": ben.candidate.user,
        "juror": juror_seat.user,
        "office_a": office,
        "office_b": OfficeStaffFactory(competition=competition_b).user,
        "secretariat": secretariat,
        "stranger": stranger,
        "delegate": delegate,
        "teacher": teacher.user,
    }
    return world
