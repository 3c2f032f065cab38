"""The federation's calendar: entries for editions' dates and application deadlines, filtered,
and the same list as iCalendar and CSV."""

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.utils.translation import gettext as _

from concours.competitions.models import Division, Edition
from concours.core.spreadsheets import safe_cell
from concours.federation.models import Discipline

EDITION = "edition"
DEADLINE = "deadline"


@dataclass(frozen=True)
class Entry:
    """One line of the calendar: an edition's dates, or its application deadline."""

    kind: str
    edition: Edition

    @property
    def day(self) -> dt.date:
        """The day it sorts and filters by: the first day, or the deadline's local day."""
        if self.kind == EDITION:
            return self.edition.starts_on
        return self.deadline_local.date()

    @property
    def deadline_local(self) -> dt.datetime:
        assert self.edition.applications_close_at is not None
        return self.edition.applications_close_at.astimezone(self.edition.zone)

    @property
    def is_deadline(self) -> bool:
        return self.kind == DEADLINE

    @property
    def disciplines(self) -> list[Discipline]:
        seen: dict[int, Discipline] = {}
        for division in self.edition.divisions.all():
            seen.setdefault(division.discipline_id, division.discipline)
        return list(seen.values())


@dataclass(frozen=True)
class Filters:
    discipline: Discipline | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    deadline: str = ""
    born: dt.date | None = None
    age: int | None = None


def admits(division: Division, *, born: dt.date | None, age: int | None) -> bool:
    """Whether the division's birth-date window admits someone born on ``born`` or aged
    ``age`` on the day ages are counted (an open bound admits everyone on that side)."""
    if born is not None:
        if division.born_on_or_after is not None and born < division.born_on_or_after:
            return False
        if division.born_on_or_before is not None and born > division.born_on_or_before:
            return False
    if age is not None:
        youngest, oldest = division.age_range
        if youngest is not None and age < youngest:
            return False
        if oldest is not None and age > oldest:
            return False
    return True


def _edition_matches(edition: Edition, filters: Filters, now: dt.datetime) -> bool:
    if filters.deadline == "open" and not edition.applications_open(now):
        return False
    if filters.deadline == "upcoming" and not (
        edition.applications_open_at is not None and edition.applications_open_at > now
    ):
        return False
    if filters.born is None and filters.age is None:
        return True
    return any(
        admits(division, born=filters.born, age=filters.age)
        for division in edition.divisions.all()
        if filters.discipline is None or division.discipline_id == filters.discipline.pk
    )


def _in_range(first: dt.date, last: dt.date, filters: Filters) -> bool:
    return (filters.since is None or last >= filters.since) and (
        filters.until is None or first <= filters.until
    )


def entries(editions: Iterable[Edition], filters: Filters, *, now: dt.datetime) -> list[Entry]:
    """The calendar's entries for ``editions``, soonest first."""
    found: list[Entry] = []
    for edition in editions:
        if not _edition_matches(edition, filters, now):
            continue
        if _in_range(edition.starts_on, edition.ends_on, filters):
            found.append(Entry(EDITION, edition))
        if edition.applications_close_at is not None:
            deadline = Entry(DEADLINE, edition)
            if _in_range(deadline.day, deadline.day, filters):
                found.append(deadline)
    found.sort(key=lambda entry: (entry.day, entry.kind != DEADLINE, str(entry.edition)))
    return found


def to_ical(found: list[Entry], *, now: dt.datetime, base_url: str, host: str) -> bytes:
    """An iCalendar of the entries: all-day events for editions, a moment (in UTC) for each
    deadline, with the local time in the edition's zone in the description."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Concours//Federation calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Federation calendar"))
    stamp = now.astimezone(dt.UTC)
    for entry in found:
        edition = entry.edition
        event = icalendar.Event()
        event.add("uid", f"{entry.kind}-{edition.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("url", base_url + edition.get_absolute_url())
        if entry.kind == EDITION:
            event.add("summary", str(edition.title))
            event.add("dtstart", edition.starts_on)
            event.add("dtend", edition.ends_on + dt.timedelta(days=1))
            event.add("location", _place(edition))
        else:
            local = entry.deadline_local
            event.add(
                "summary", _("Application deadline: %(edition)s") % {"edition": edition.title}
            )
            moment = local.astimezone(dt.UTC)
            event.add("dtstart", moment)
            event.add("dtend", moment)
            event.add(
                "description",
                _("Applications close at %(time)s (%(zone)s time).")
                % {"time": local.strftime("%Y-%m-%d %H:%M"), "zone": edition.time_zone},
            )
        calendar.add_component(event)
    return calendar.to_ical()


def _place(edition: Edition) -> str:
    city = edition.competition.city
    venue = edition.venue
    return ", ".join(part for part in (venue, str(city.name), str(city.country.name)) if part)


CSV_HEADER = [
    "kind",
    "competition",
    "edition",
    "year",
    "status",
    "starts_on",
    "ends_on",
    "city",
    "country",
    "disciplines",
    "applications_open_local",
    "applications_close_local",
    "time_zone",
    "applications_close_utc",
    "url",
]


def to_csv(found: list[Entry], *, base_url: str) -> str:
    """The entries as CSV, one row each; times in the edition's zone, and the deadline in UTC."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for entry in found:
        edition = entry.edition
        opens, closes = edition.applications_open_at, edition.applications_close_at
        writer.writerow(
            safe_cell(value)
            for value in [
                entry.kind,
                edition.competition.name,
                edition.title,
                edition.year,
                edition.status,
                edition.starts_on.isoformat(),
                edition.ends_on.isoformat(),
                edition.competition.city.name,
                edition.competition.city.country.code,
                ";".join(d.code for d in entry.disciplines),
                opens.astimezone(edition.zone).isoformat() if opens else "",
                closes.astimezone(edition.zone).isoformat() if closes else "",
                edition.time_zone,
                closes.astimezone(dt.UTC).isoformat() if closes else "",
                base_url + edition.get_absolute_url(),
            ]
        )
    return out.getvalue()
