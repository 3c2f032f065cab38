"""The master classes of Schoenfeld 2025 (``schoenfeld-2025-master-classes``): three teachers
with lesson slots over three days in three rooms, twelve applications for active places, eight
selected, two on the reserve list, two declined, and the timetable built by the timetable core.

Uses the event the events demo creates, or creates it (same slug) when it is not there yet; uses
the event's teachers and their lesson slots when it has some, or adds them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from concours.accounts.models import User
from concours.competitions.models import Edition
from concours.demo import data
from concours.events.models import (
    Event,
    EventKind,
    EventStatus,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    SpeakerRole,
    Venue,
)
from concours.masterclasses import services
from concours.masterclasses.access import teachers_of
from concours.masterclasses.models import (
    ApplicationStatus,
    MasterClassApplication,
    RepertoirePiece,
    Selection,
    TeacherPreference,
)

SLUG = "schoenfeld-2025-master-classes"
TEACHERS = [("Clara Weber", "克拉拉·韦伯"), ("Lin Wei", "林伟"), ("Paolo Conti", "保罗·孔蒂")]
ROOMS = ["Studio 1", "Studio 2", "Studio 3"]
HOURS = [(10, 0), (11, 0), (15, 0)]
APPLICANTS = [
    ("Mia", "Hoffmann", "Violin", "Germany"), ("Yuki", "Tanaka", "Violin", "Japan"),
    ("Lucas", "Martin", "Cello", "France"), ("Sofia", "Ricci", "Violin", "Italy"),
    ("Jiahui", "Zhang", "Cello", "China"), ("Noah", "Berg", "Viola", "Norway"),
    ("Emma", "Novak", "Violin", "Czechia"), ("Minjun", "Park", "Cello", "Korea"),
    ("Lea", "Keller", "Viola", "Switzerland"), ("Ivan", "Petrov", "Violin", "Bulgaria"),
    ("Ana", "Silva", "Cello", "Portugal"), ("Tom", "Evans", "Violin", "United Kingdom"),
]  # fmt: skip
PIECES = [
    ("J. S. Bach", "Partita No. 2 in D minor, BWV 1004", 28),
    ("Johannes Brahms", "Sonata No. 1 in G major, Op. 78", 27),
    ("Antonín Dvořák", "Concerto in B minor, Op. 104", 40),
]
#: Decisions after the first eight selected (index → status).
OTHERS = [ApplicationStatus.RESERVE] * 2 + [ApplicationStatus.DECLINED] * 2


@dataclass(frozen=True)
class LoadedMasterClasses:
    applications: int
    selected: int
    lessons: int


def _event() -> Event:
    edition = Edition.objects.select_related("competition").get(competition__slug="schoenfeld", year=2025)  # fmt: skip
    event, _ = Event.objects.get_or_create(
        slug=SLUG,
        defaults={
            "kind": EventKind.MASTER_CLASS, "status": EventStatus.PUBLISHED,
            "title_en": "Schoenfeld 2025 Master Classes", "title_zh": "舍恩菲尔德2025大师班",
            "competition": edition.competition, "edition": edition,
            "starts_on": edition.starts_on + dt.timedelta(days=2),
            "ends_on": edition.starts_on + dt.timedelta(days=4),
            "time_zone": edition.time_zone, "host_city": edition.competition.city,
        },
    )  # fmt: skip
    return event


def _slots(event: Event) -> None:
    """Three teachers, each with a slot at three times a day over the event's days, one studio
    each; only when the event has no teachers yet."""
    if teachers_of(event).exists():
        return
    city = event.host_city or event.competition.city  # type: ignore[union-attr]
    venue, _ = Venue.objects.get_or_create(name_en="Schoenfeld Conservatory", defaults={"city": city})  # fmt: skip
    zone = event.zone
    days = (event.ends_on - event.starts_on).days + 1
    for (name_en, name_zh), room_name in zip(TEACHERS, ROOMS, strict=True):
        teacher, _ = Speaker.objects.get_or_create(name_en=name_en, defaults={"name_zh": name_zh})
        room, _ = Room.objects.get_or_create(venue=venue, name_en=room_name, defaults={"capacity": 30})  # fmt: skip
        for offset in range(days):
            day = event.starts_on + dt.timedelta(days=offset)
            for hour, minute in HOURS:
                starts = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)
                session = Session.objects.create(
                    event=event, title_en=f"Lesson with {name_en}", title_zh=f"{name_zh}大师课",
                    starts_at=starts, ends_at=starts + dt.timedelta(minutes=50), room=room,
                )  # fmt: skip
                SessionSpeaker.objects.create(session=session, speaker=teacher, role=SpeakerRole.TEACHER)  # fmt: skip


def load_masterclasses(*, now: dt.datetime, office: User | None = None) -> LoadedMasterClasses:
    """Add the master classes to a database that holds the demo; ``office`` decides."""
    with transaction.atomic():
        event = _event()
        if event.masterclass_applications.exists():
            raise ValueError(f"The master classes of {SLUG} are already loaded.")
        _slots(event)
        teachers = list(teachers_of(event).order_by("name_en", "id"))
        password = make_password(data.DEMO_PASSWORD)
        applications = []
        for index, (given, family, instrument, country) in enumerate(APPLICANTS):
            email = f"masterclass.{given.lower()}.{family.lower()}@{data.DEMO_EMAIL_DOMAIN}"
            user, _ = User.objects.get_or_create(email=email, defaults={"full_name": f"{given} {family}", "password": password, "date_joined": data.DEMO_ACCOUNTS_SINCE, "email_verified_at": data.DEMO_ACCOUNTS_SINCE})  # fmt: skip
            application = MasterClassApplication.objects.create(
                event=event, applicant=user, given_name=given, family_name=family,
                instrument=instrument, nationality=country,
                date_of_birth=dt.date(1996 + index % 8, 1 + index, 10 + index),
                recording_url=f"https://vimeo.com/{76979871 + index}",
                motivation=f"I would like to work on {PIECES[index % 3][1]}.", lessons_wanted=2,
            )  # fmt: skip
            composer, work, minutes = PIECES[index % len(PIECES)]
            RepertoirePiece.objects.create(application=application, composer=composer, work=work, minutes=minutes, order=1)  # fmt: skip
            for rank in range(min(2, len(teachers))):
                teacher = teachers[(index + rank) % len(teachers)]
                TeacherPreference.objects.create(application=application, teacher=teacher, rank=rank + 1)  # fmt: skip
            status = ApplicationStatus.SELECTED if index < 8 else OTHERS[index - 8]
            application.status, application.status_changed_at = status, now
            application.status_changed_by = office
            application.save()
            Selection.objects.create(application=application, decision=status, decided_by=office, decided_at=now)  # fmt: skip
            applications.append(application)
        proposal = services.propose_timetable(event=event)
        lessons = services.save_timetable(event=event, pairs=proposal.pairs, by=office, notify=False)  # fmt: skip
    return LoadedMasterClasses(len(applications), 8, len(lessons))
