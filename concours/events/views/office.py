"""The office at the door: a phone-friendly check-in page (type or scan a ticket's code)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from concours.events.access import access_event_for_office
from concours.events.checkin import check_in as check_in_ticket
from concours.events.forms import CheckInForm


def _default_session(sessions: list, now) -> str:  # type: ignore[type-arg,no-untyped-def]
    """The session on now (or next), so the door needs no choice most of the time."""
    for session in sessions:
        if session.ends_at >= now:
            return str(session.pk)
    return str(sessions[-1].pk) if sessions else ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event_for_office(request.user, slug)
    sessions = list(event.sessions.order_by("starts_at", "id"))
    now = timezone.now()
    result = None
    if request.method == "POST":
        form = CheckInForm(request.POST, sessions=sessions)
        if form.is_valid():
            result = check_in_ticket(
                session=form.chosen_session, code=form.cleaned_data["code"], by=request.user,  # type: ignore[arg-type]
                now=now,
            )  # fmt: skip
            # A fresh form for the next ticket, on the same session.
            form = CheckInForm(sessions=sessions, initial={"session": form.cleaned_data["session"]})
    else:
        form = CheckInForm(sessions=sessions, initial={"session": _default_session(sessions, now)})
    context = {"event": event, "form": form, "result": result, "has_sessions": bool(sessions)}
    status = 400 if form.errors else 200
    return render(request, "events/check_in.html", context, status=status)
