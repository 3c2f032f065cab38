"""The public pages: the list of events, an event with its timetable and speakers, its iCal."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from concours.events import calendar, selectors
from concours.events.access import access_public_event
from concours.events.models import EventKind, EventStatus


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in EventKind.values else ""
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    events = selectors.public_events(kind=kind, when=when, today=timezone.localdate())
    context = {"events": events, "kind": kind, "when": when, "kinds": EventKind.choices}
    return render(request, "events/list.html", context)


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_public_event(slug)
    sessions = selectors.sessions_with_details(event)
    context = {
        "event": event,
        "days": selectors.timetable(event, sessions),
        "speakers": selectors.speakers_of(sessions),
        "registration": selectors.active_registration(event, request.user),  # type: ignore[arg-type]
        "registration_open": event.registration_open(timezone.now()),
        "is_cancelled": event.status == EventStatus.CANCELLED,
        "children": list(event.children.public().order_by("starts_on", "id")),
    }
    return render(request, "events/event.html", context)


@require_safe
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_public_event(slug)
    sessions = selectors.sessions_with_details(event)
    body = calendar.feed(f"{event.title}", sessions)
    return calendar.response(body, f"{event.slug}.ics")
