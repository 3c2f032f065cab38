"""iCalendar feeds (RFC 5545) of an event's sessions and of a person's own sessions; times in
UTC."""

import datetime as dt

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from concours.events.models import Session


def _location(session: Session) -> str:
    parts = []
    if session.room_id:
        parts.append(f"{session.room.name}, {session.room.venue.name}")
    if session.online:
        parts.append("Online")
    return " / ".join(parts)


def feed(name: str, sessions: list[Session], *, stamp: dt.datetime | None = None) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Concours//Events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    site = settings.CONCOURS_SITE_URL.rstrip("/")
    host = site.split("//", 1)[-1].split("/", 1)[0] or "concours"
    for session in sessions:
        item = icalendar.Event()
        item.add("uid", f"event-session-{session.pk}@{host}")
        item.add("summary", f"{session.title} — {session.event.title}")
        item.add("dtstart", session.starts_at.astimezone(dt.UTC))
        item.add("dtend", session.ends_at.astimezone(dt.UTC))
        item.add("dtstamp", (stamp or session.starts_at).astimezone(dt.UTC))
        location = _location(session)
        if location:
            item.add("location", location)
        if session.description:
            item.add("description", session.description)
        item.add("url", site + reverse("events:event", kwargs={"slug": session.event.slug}))
        cal.add_component(item)
    return cal.to_ical()


def response(body: bytes, filename: str) -> HttpResponse:
    answer = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = f'inline; filename="{filename}"'
    return answer
