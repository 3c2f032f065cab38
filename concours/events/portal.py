"""The events' section of a person's own page (``/me/``): their registrations, and the check-in
pages of the events they run."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from concours.events.access import events_for_office
from concours.events.selectors import registrations_of


def section(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.is_authenticated:
        return None
    registrations = registrations_of(user)
    running = list(
        events_for_office(user)
        .filter(ends_on__gte=timezone.localdate())
        .order_by("starts_on", "id")[:10]
    )
    if not registrations and not running:
        return None
    return {
        "registrations": registrations[:10],
        "more": len(registrations) > 10,
        "running": running,
    }
