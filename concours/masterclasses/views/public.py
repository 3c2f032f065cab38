"""The public timetable of a published master class: lessons with teachers and the selected
participants' names, nothing else about them."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concours.events.models import EventStatus
from concours.masterclasses import selectors
from concours.masterclasses.access import master_class


@require_safe
def timetable(request: HttpRequest, slug: str) -> HttpResponse:
    event = master_class(slug)
    if event.status != EventStatus.PUBLISHED:
        raise Http404(_("No such master class."))
    lessons = selectors.saved_lessons(event)
    sessions = [s for s in selectors.lesson_slots(event) if s.pk in lessons]
    context = {"event": event, "days": selectors.grid(event, sessions, lessons)}
    return render(request, "masterclasses/public/timetable.html", context)
