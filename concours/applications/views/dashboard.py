"""The signed-in person's own page: what each of their roles gives them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from concours.applications.selectors import applications_of, open_preselections_for_office
from concours.competitions.access import competitions_for_office, has_office_access
from concours.competitions.selectors import jury_seats_of, preselection_rounds_for
from concours.core.portal import sections_for
from concours.federation.access import is_secretariat


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    seats = list(jury_seats_of(user))
    context = {
        "applications": applications_of(user),
        "jury_seats": seats,
        "preselection_rounds": preselection_rounds_for(seats),
        "office_access": has_office_access(user),
        "office_preselections": open_preselections_for_office(user)
        if has_office_access(user)
        else [],
        "office_competitions": competitions_for_office(user).select_related("city")
        if not is_secretariat(user)
        else None,
        "secretariat": is_secretariat(user),
        # Events, master classes, the General Assembly: sections from the apps above this one.
        "portal_sections": sections_for(request),
    }
    return render(request, "applications/dashboard.html", context)
