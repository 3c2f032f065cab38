"""The master classes' section of a person's own page (``/me/``): their applications for active
places and the master classes they teach."""

from typing import Any

from django.http import HttpRequest

from concours.events.models import Event, SpeakerRole
from concours.masterclasses.models import MasterClassApplication


def section(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.is_authenticated:
        return None
    applications = list(
        MasterClassApplication.objects.filter(applicant=user)
        .select_related("event")
        .order_by("-event__starts_on", "id")
    )
    teaching = list(
        Event.objects.filter(
            sessions__speakers__speaker__user=user,
            sessions__speakers__role=SpeakerRole.TEACHER,
        )
        .distinct()
        .order_by("-starts_on", "id")
    )
    if not applications and not teaching:
        return None
    return {"applications": applications, "teaching": teaching}
