"""The General Assembly's section of a person's own page (``/me/``): the assemblies where they
vote for a member, and, for the secretariat, the assemblies they chair."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from concours.assembly.access import can_chair
from concours.assembly.models import Assembly, Delegate


def section(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.is_authenticated:
        return None
    since = timezone.localdate() - dt.timedelta(days=365)
    delegations = list(
        Delegate.objects.filter(user=user, assembly__event__ends_on__gte=since)
        .select_related("assembly__event", "competition")
        .order_by("-assembly__event__starts_on", "id")
    )
    chairing = (
        list(
            Assembly.objects.filter(event__ends_on__gte=since)
            .select_related("event")
            .order_by("-event__starts_on", "id")
        )
        if can_chair(user)
        else []
    )
    if not delegations and not chairing:
        return None
    return {"delegations": delegations, "chairing": chairing}
