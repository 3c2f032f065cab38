"""The General Assembly of the WFIMC at the Annual Meeting 2026 in Harbin: a voting delegate for
each member competition (the Schoenfeld office log-in for Schoenfeld), a proxy, and an agenda
of two motions, one voted and published, one open with a few votes cast. Every vote goes
through the assembly's services, so the integrity log holds them all.

``load_assembly`` adds this to a database that holds the rest of the demo; it does nothing the
second time."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction

from concours.accounts.models import User
from concours.assembly import services
from concours.assembly.models import AgendaItem, Assembly, Delegate, Motion, MotionType
from concours.demo import data
from concours.events.models import Event, EventKind, EventStatus
from concours.federation.models import City, Federation

ANNUAL_MEETING_SLUG = "wfimc-annual-meeting-2026"
ASSEMBLY_SLUG = "wfimc-general-assembly-2026"
ASSEMBLY_DAY = dt.date(2026, 6, 12)
#: The session's clock, in Harbin (UTC+8): votes are cast from 10:00.
VOTES_FROM = data.local_time("Asia/Shanghai", 2026, 6, 12, 10)

#: Fictional delegates of the other members (Schoenfeld's is the Schoenfeld office log-in).
DELEGATES = {
    "chopin": "Marta Zielińska",
    "queen-elisabeth": "Pieter Claes",
    "paganini": "Chiara Benedetti",
    "sendai": "Haruto Mori",
    "cliburn": "Grace Whitfield",
    "ard": "Tobias Lang",
}


def _event(slug: str, federation: Federation, harbin: City, **fields: object) -> Event:
    event, _created = Event.objects.get_or_create(
        slug=slug,
        defaults={
            "federation": federation, "host_city": harbin, "time_zone": "Asia/Shanghai",
            "status": EventStatus.PUBLISHED, **fields,
        },
    )  # fmt: skip
    return event


def _delegate_user(slug: str, name: str, password: str) -> User:
    user, _created = User.objects.get_or_create(
        email=f"delegate.{slug}@{data.DEMO_EMAIL_DOMAIN}",
        defaults={
            "full_name": name, "password": password, "date_joined": data.DEMO_ACCOUNTS_SINCE,
            "email_verified_at": data.DEMO_ACCOUNTS_SINCE,
        },
    )  # fmt: skip
    return user


def load_assembly() -> Assembly:
    with transaction.atomic():
        federation = Federation.objects.get(short_name=data.FEDERATION.short_name)
        harbin = City.objects.get(slug=data.HARBIN.slug)
        meeting = _event(
            ANNUAL_MEETING_SLUG, federation, harbin, kind=EventKind.ANNUAL_MEETING,
            title_en="WFIMC Annual Meeting 2026", title_zh="世界国际音乐比赛联盟2026年年会",
            starts_on=dt.date(2026, 6, 10), ends_on=dt.date(2026, 6, 13),
        )  # fmt: skip
        event = _event(
            ASSEMBLY_SLUG, federation, harbin, kind=EventKind.GENERAL_ASSEMBLY, parent=meeting,
            title_en="WFIMC General Assembly 2026", title_zh="世界国际音乐比赛联盟2026年全体大会",
            starts_on=ASSEMBLY_DAY, ends_on=ASSEMBLY_DAY,
        )  # fmt: skip
        assembly, created = Assembly.objects.get_or_create(
            event=event, defaults={"federation": federation}
        )
        if not created:
            return assembly
        chair = User.objects.get(email=data.SECRETARIAT_LOGIN.email)
        password = make_password(data.DEMO_PASSWORD)
        members = {member.slug: member for member in assembly.entitled()}
        voters: dict[str, User] = {}
        for slug, member in members.items():
            if slug in DELEGATES:
                user = _delegate_user(slug, DELEGATES[slug], password)
            else:
                user = User.objects.get(email=data.SCHOENFELD_OFFICE_LOGIN.email)
            Delegate.objects.create(assembly=assembly, competition=member, user=user)
            voters[slug] = user
        home = next(slug for slug in members if slug not in DELEGATES)
        services.record_proxy(
            assembly=assembly, giver=members["sendai"], holder=members[home],
            note="Letter of 20 May 2026 signed by the Sendai competition's chair; kept by the "
            "secretariat.", by=chair,
        )  # fmt: skip

        admissions = AgendaItem.objects.create(
            assembly=assembly, order=1, title_en="Admission of new members",
            title_zh="接纳新成员",
            text_en="The Board recommends admitting one competition that has met the Federation's "
            "standards through two editions observed by its delegates.",
            text_zh="理事会建议接纳一项比赛：联盟代表观察了其两届比赛，均符合联盟标准。",
        )  # fmt: skip
        admit = Motion.objects.create(
            agenda_item=admissions, motion_type=MotionType.ADMISSION,
            title_en="Admit the Songhua River International Piano Competition (Harbin)",
            title_zh="接纳松花江国际钢琴比赛（哈尔滨）为成员",
        )  # fmt: skip
        host = Motion.objects.create(
            agenda_item=AgendaItem.objects.create(
                assembly=assembly, order=2, title_en="The Annual Meeting 2027",
                title_zh="2027年年会",
            ),
            title_en="Hold the 2027 Annual Meeting in Genoa",
            title_zh="2027年年会在热那亚举行",
        )  # fmt: skip

        for slug in [home, "chopin", "queen-elisabeth"]:
            services.record_attendance(
                assembly=assembly, competition=members[slug], channel="room", by=chair
            )
        services.open_motion(motion=admit, by=chair, now=VOTES_FROM)
        minute = dt.timedelta(minutes=1)
        for offset, (slug, choice) in enumerate(
            [(home, "yes"), ("chopin", "yes"), ("queen-elisabeth", "abstain"), ("sendai", "yes")]
        ):
            services.record_room_vote(
                motion=admit, competition=members[slug], choice=choice, by=chair,
                now=VOTES_FROM + offset * minute,
            )  # fmt: skip
        for offset, (slug, choice) in enumerate([("cliburn", "yes"), ("ard", "no")], start=5):
            services.cast_vote(
                motion=admit, competition=members[slug], choice=choice, by=voters[slug],
                now=VOTES_FROM + offset * minute,
            )  # fmt: skip
        services.close_motion(motion=admit, by=chair, now=VOTES_FROM + 10 * minute)
        services.publish_motion(
            motion=admit, by=chair, now=VOTES_FROM + 30 * minute,
            minutes_en="The Board presented its observers' reports on the 2024 and 2025 editions. "
            "After questions from the floor, the Assembly admitted the competition as a member "
            "from 2027.",
            minutes_zh="理事会介绍了观察员对2024年和2025年两届比赛的报告。经现场提问后，大会通过"
            "接纳该比赛自2027年起成为成员。",
        )  # fmt: skip

        services.open_motion(motion=host, by=chair, now=VOTES_FROM + 40 * minute)
        for offset, (slug, choice) in enumerate([("chopin", "yes"), ("cliburn", "yes")], start=41):
            if slug == "chopin":
                services.record_room_vote(
                    motion=host, competition=members[slug], choice=choice, by=chair,
                    now=VOTES_FROM + offset * minute,
                )  # fmt: skip
            else:
                services.cast_vote(
                    motion=host, competition=members[slug], choice=choice, by=voters[slug],
                    now=VOTES_FROM + offset * minute,
                )  # fmt: skip
        return assembly
