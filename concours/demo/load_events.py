"""The demo's events: Schoenfeld 2025's master classes (the master-class part adds applications
and lessons to it) and a hybrid roundtable, the Federation's Annual Meeting 2026 in Harbin —
running on the day of loading, with sessions in the hall and online, categories with quotas,
registrations (one on the waiting list, one with a place offered) and attendance — and the
General Assembly within it (the assembly part adds its agenda and motions).

Added to a database that already holds the rest of the demo (``services.load_demo``); dates of
the meeting and the roundtable follow ``now``, the master classes keep the 2025 edition's."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from concours.accounts.models import User
from concours.competitions.models import Competition, Edition
from concours.demo import data
from concours.demo.schoenfeld import FULL_EDITION_YEAR, SCHOENFELD
from concours.events.models import (
    Attendance,
    AttendanceKind,
    CategoryKind,
    Event,
    EventKind,
    EventStatus,
    FeeStatus,
    Question,
    QuestionKind,
    Quota,
    Registration,
    RegistrationCategory,
    RegistrationStatus,
    Room,
    Session,
    SessionMode,
    SessionSpeaker,
    Speaker,
    SpeakerRole,
    Venue,
)
from concours.federation.models import City, Federation

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
MASTER_CLASSES_SLUG = "schoenfeld-2025-master-classes"
#: Each teacher gives a lesson at these hours on each day of the master classes.
LESSON_HOURS = (10, 14, 16)
ROUNDTABLE_SLUG = "schoenfeld-roundtable-young-artists"
ANNUAL_MEETING_SLUG = "wfimc-annual-meeting-2026"
GENERAL_ASSEMBLY_SLUG = "wfimc-general-assembly-2026"
PLATFORM = "https://meet.example.org/wfimc-2026"

TEACHERS = (
    ("Elena Varga", "埃莱娜·瓦尔加", "violin",
     "Violinist and professor in Budapest; jury member of Schoenfeld 2025.",
     "布达佩斯的小提琴家和教授；2025年申菲尔德比赛评委。"),
    ("Thomas Brandt", "托马斯·勃兰特", "cello",
     "Cellist, chamber musician and teacher in Berlin.",
     "柏林的大提琴家、室内乐演奏家和教师。"),
    ("Liu Mei", "刘梅", "chamber music",
     "Pianist and chamber-music coach at the Harbin Conservatory of Music.",
     "哈尔滨音乐学院钢琴家和室内乐指导。"),
)  # fmt: skip


@dataclass(frozen=True)
class EventsSummary:
    events: int
    sessions: int
    registrations: int
    attendances: int

    def __str__(self) -> str:
        return (
            f"{self.events} events, {self.sessions} sessions, {self.registrations} registrations, "
            f"{self.attendances} attendances"
        )


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)


def load_events(*, now: dt.datetime) -> EventsSummary:
    """Add the demo's events (needs the federation, Harbin, Schoenfeld and the demo log-ins)."""
    with transaction.atomic():
        harbin = City.objects.get(slug="harbin")
        schoenfeld = Competition.objects.get(slug=SCHOENFELD.slug)
        federation = Federation.objects.get(short_name=data.FEDERATION.short_name)
        hall = Venue.objects.create(
            name_en="Harbin Concert Hall", name_zh="哈尔滨音乐厅", city=harbin,
            address_en="Songbei District, Harbin", address_zh="哈尔滨市松北区",
        )  # fmt: skip
        grand = Room.objects.create(venue=hall, name_en="Grand Hall", name_zh="大厅", capacity=1200)  # fmt: skip
        chamber = Room.objects.create(venue=hall, name_en="Chamber Hall", name_zh="室内乐厅", capacity=300)  # fmt: skip
        conservatory = Venue.objects.create(
            name_en="Harbin Conservatory of Music", name_zh="哈尔滨音乐学院", city=harbin
        )
        studios = [
            Room.objects.create(
                venue=conservatory, name_en=f"Studio {n}", name_zh=f"{n}号琴房", capacity=40
            )
            for n in (1, 2, 3)
        ]
        _master_classes(schoenfeld, harbin, studios)
        _roundtable(schoenfeld, harbin, chamber, now)
        meeting = _annual_meeting(federation, harbin, grand, chamber, now)
        events = Event.objects.filter(slug__in=[MASTER_CLASSES_SLUG, ROUNDTABLE_SLUG, ANNUAL_MEETING_SLUG, GENERAL_ASSEMBLY_SLUG])  # fmt: skip
        return EventsSummary(
            events=events.count(),
            sessions=Session.objects.filter(event__in=events).count(),
            registrations=Registration.objects.filter(event=meeting).count(),
            attendances=Attendance.objects.filter(registration__event=meeting).count(),
        )


def _master_classes(schoenfeld: Competition, harbin: City, studios: list[Room]) -> Event:
    edition = Edition.objects.get(competition=schoenfeld, year=FULL_EDITION_YEAR)
    first = edition.starts_on + dt.timedelta(days=2)
    event = Event.objects.create(
        kind=EventKind.MASTER_CLASS, status=EventStatus.PUBLISHED, slug=MASTER_CLASSES_SLUG,
        title_en="Schoenfeld 2025 Master Classes", title_zh="2025年申菲尔德大师课",
        summary_en="Master classes by the jurors for young violinists, cellists and ensembles.",
        summary_zh="评委为青年小提琴、大提琴演奏者和室内乐组合举办的大师课。",
        competition=schoenfeld, edition=edition, host_city=harbin,
        starts_on=first, ends_on=first + dt.timedelta(days=2), time_zone=edition.time_zone,
        choose_sessions=True,
    )  # fmt: skip
    RegistrationCategory.objects.create(
        event=event, kind=CategoryKind.AUDITOR, name_en="Auditor", name_zh="旁听", order=1
    )
    RegistrationCategory.objects.create(
        event=event, kind=CategoryKind.ACTIVE_PARTICIPANT, name_en="Active participant",
        name_zh="学员", is_public=False, fee_amount=Decimal("100"), fee_currency="USD", order=2,
    )  # fmt: skip
    for (name_en, name_zh, subject, bio_en, bio_zh), studio in zip(TEACHERS, studios, strict=True):
        teacher = Speaker.objects.create(name_en=name_en, name_zh=name_zh, bio_en=bio_en, bio_zh=bio_zh)  # fmt: skip
        # Lessons of 50 minutes, three a day over three days: the master classes' slots
        # (``demo/load_masterclasses.py`` assigns the selected participants to them), which
        # auditors choose to attend.
        for offset in range(3):
            day = first + dt.timedelta(days=offset)
            for hour in LESSON_HOURS:
                session = Session.objects.create(
                    event=event, title_en=f"Master class: {subject} ({name_en})",
                    title_zh=f"大师课：{name_zh}", starts_at=_at(day, hour),
                    ends_at=_at(day, hour) + dt.timedelta(minutes=50),
                    mode=SessionMode.VENUE, room=studio,
                )  # fmt: skip
                SessionSpeaker.objects.create(session=session, speaker=teacher, role=SpeakerRole.TEACHER)  # fmt: skip
    return event


def _roundtable(schoenfeld: Competition, harbin: City, room: Room, now: dt.datetime) -> Event:
    day = (now.astimezone(ZONE) + dt.timedelta(days=21)).date()
    event = Event.objects.create(
        kind=EventKind.ROUNDTABLE, status=EventStatus.PUBLISHED, slug=ROUNDTABLE_SLUG,
        title_en="Roundtable: careers of young string players",
        title_zh="圆桌论坛：青年弦乐演奏者的职业发展",
        summary_en="Laureates, agents and teachers on the years after a competition; in the hall and online.",
        summary_zh="获奖者、经纪人和教师谈比赛之后的几年；现场与线上同步。",
        competition=schoenfeld, host_city=harbin, starts_on=day, ends_on=day,
        time_zone="Asia/Shanghai", registration_opens_at=now - dt.timedelta(days=7),
        registration_closes_at=_at(day, 12), offer_hours=24,
    )  # fmt: skip
    RegistrationCategory.objects.create(event=event, kind=CategoryKind.AUDITOR, name_en="Audience", name_zh="听众")  # fmt: skip
    session = Session.objects.create(
        event=event, title_en="Careers after the competition", title_zh="比赛之后的职业道路",
        starts_at=_at(day, 15), ends_at=_at(day, 17), mode=SessionMode.HYBRID, room=room,
        platform_url="https://meet.example.org/schoenfeld-roundtable",
    )  # fmt: skip
    moderator = Speaker.objects.create(
        name_en="Anna Keller", name_zh="安娜·凯勒",
        bio_en="Music journalist and moderator.", bio_zh="音乐记者和主持人。",
    )  # fmt: skip
    SessionSpeaker.objects.create(session=session, speaker=moderator, role=SpeakerRole.MODERATOR)
    Quota.objects.create(event=event, name="Chamber Hall", size=room.capacity, session=session)
    return event


def _annual_meeting(
    federation: Federation, harbin: City, grand: Room, chamber: Room, now: dt.datetime
) -> Event:
    today = now.astimezone(ZONE).date()
    first, last = today - dt.timedelta(days=1), today + dt.timedelta(days=1)
    meeting = Event.objects.create(
        kind=EventKind.ANNUAL_MEETING, status=EventStatus.PUBLISHED, slug=ANNUAL_MEETING_SLUG,
        title_en="WFIMC Annual Meeting 2026 in Harbin", title_zh="2026年世界国际音乐比赛联盟哈尔滨年会",
        summary_en="The Federation's Annual Meeting, hosted by Harbin, UNESCO City of Music: "
        "seminars, a promotion conference of the cultural industry, concerts and the General Assembly.",
        summary_zh="联盟年会由联合国教科文组织“音乐之都”哈尔滨承办：研讨会、文化产业推介会、音乐会和全体大会。",
        federation=federation, host_city=harbin, starts_on=first, ends_on=last,
        time_zone="Asia/Shanghai", registration_opens_at=now - dt.timedelta(days=60),
        registration_closes_at=_at(last, 12),
    )  # fmt: skip
    Event.objects.create(
        kind=EventKind.GENERAL_ASSEMBLY, status=EventStatus.PUBLISHED, slug=GENERAL_ASSEMBLY_SLUG,
        title_en="WFIMC General Assembly 2026", title_zh="2026年世界国际音乐比赛联盟全体大会",
        federation=federation, parent=meeting, host_city=harbin, starts_on=last, ends_on=last,
        time_zone="Asia/Shanghai",
    )  # fmt: skip
    speakers = [
        Speaker.objects.create(name_en="Ilse Marten", name_zh="伊尔莎·马滕",
                               bio_en="Programme officer of the WFIMC secretariat.",
                               bio_zh="世界国际音乐比赛联盟秘书处项目主管。"),
        Speaker.objects.create(name_en="Wang Jian", name_zh="王健",
                               bio_en="Director of Harbin's City of Music office.",
                               bio_zh="哈尔滨“音乐之都”办公室主任。"),
    ]  # fmt: skip
    plan = (
        (first, 9, 11, "Opening and welcome by the host city", "开幕式及东道城市致辞", SessionMode.HYBRID, grand),
        (first, 14, 16, "Seminar: fair juries and conflicts of interest", "研讨会：公正的评审与利益冲突", SessionMode.VENUE, chamber),
        (today, 9, 11, "Promotion conference: music and the cultural industry", "推介会：音乐与文化产业", SessionMode.HYBRID, grand),
        (today, 20, 22, "Online panel for members abroad", "面向海外成员的线上座谈", SessionMode.ONLINE, None),
        (last, 9, 12, "General Assembly", "全体大会", SessionMode.HYBRID, grand),
    )  # fmt: skip
    sessions = []
    for day, start, end, title_en, title_zh, mode, room in plan:
        session = Session.objects.create(
            event=meeting, title_en=title_en, title_zh=title_zh, starts_at=_at(day, start),
            ends_at=_at(day, end), mode=mode, room=room,
            platform_url=PLATFORM if mode != SessionMode.VENUE else "",
        )  # fmt: skip
        SessionSpeaker.objects.create(session=session, speaker=speakers[len(sessions) % 2])
        sessions.append(session)
    delegate = RegistrationCategory.objects.create(event=meeting, kind=CategoryKind.DELEGATE, name_en="Delegate of a member", name_zh="成员代表", order=1)  # fmt: skip
    observer = RegistrationCategory.objects.create(event=meeting, kind=CategoryKind.OBSERVER, name_en="Observer", name_zh="观察员", fee_amount=Decimal("80"), fee_currency="EUR", order=2)  # fmt: skip
    press = RegistrationCategory.objects.create(event=meeting, kind=CategoryKind.PRESS, name_en="Press", name_zh="媒体", order=3)  # fmt: skip
    Quota.objects.create(event=meeting, name="Delegates", size=60, category=delegate)
    Quota.objects.create(event=meeting, name="Observers", size=3, category=observer)
    Quota.objects.create(event=meeting, name="Press", size=10, category=press)
    Question.objects.create(event=meeting, text_en="Member competition you represent", text_zh="您代表的成员比赛", order=1)  # fmt: skip
    Question.objects.create(event=meeting, text_en="Do you need a visa invitation letter?", text_zh="您是否需要签证邀请函？", kind=QuestionKind.YES_NO, order=2)  # fmt: skip
    _registrations(meeting, delegate, observer, press, sessions, now)
    return meeting


def _registrations(
    meeting: Event, delegate: RegistrationCategory, observer: RegistrationCategory,
    press: RegistrationCategory, sessions: list[Session], now: dt.datetime,
) -> None:  # fmt: skip
    logins = {login.email for login in data.DEMO_LOGINS}
    office = User.objects.get(email=data.SECRETARIAT_LOGIN.email)
    people = list(User.objects.exclude(email__in=logins).order_by("id")[:9])
    people.insert(0, User.objects.get(email=data.OTHER_OFFICE_LOGIN.email))
    people.insert(1, User.objects.get(email=data.CANDIDATE_LOGIN.email))
    plan = [
        (delegate, RegistrationStatus.CONFIRMED), (delegate, RegistrationStatus.CONFIRMED),
        (delegate, RegistrationStatus.CONFIRMED), (delegate, RegistrationStatus.CONFIRMED),
        (press, RegistrationStatus.CONFIRMED), (observer, RegistrationStatus.CONFIRMED),
        (observer, RegistrationStatus.CONFIRMED), (observer, RegistrationStatus.OFFERED),
        (observer, RegistrationStatus.WAITLISTED), (observer, RegistrationStatus.CANCELLED),
    ]  # fmt: skip
    for index, (person, (category, status)) in enumerate(zip(people, plan, strict=False)):
        registration = Registration.objects.create(
            event=meeting, user=person, category=category, status=status,
            answers={}, changed_at=now - dt.timedelta(days=20 - index),
            fee_status=(FeeStatus.NONE if category.is_free else FeeStatus.PAID if index % 2 else FeeStatus.DUE),
            offer_expires_at=now + dt.timedelta(hours=30) if status == RegistrationStatus.OFFERED else None,
        )  # fmt: skip
        if status != RegistrationStatus.CONFIRMED:
            continue
        # Yesterday's sessions: most came to the hall, the others joined the opening online.
        for session in sessions[:2]:
            if index % 3 == 2 and session.mode == SessionMode.VENUE:
                continue
            Attendance.objects.create(
                registration=registration, session=session,
                kind=AttendanceKind.ONLINE if index % 3 == 2 else AttendanceKind.IN_PERSON,
                at=session.starts_at - dt.timedelta(minutes=10 - index),
                by=None if index % 3 == 2 else office,
            )  # fmt: skip
