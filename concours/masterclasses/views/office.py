"""The teachers' and the office's pages: the applications (teachers see those that ranked them),
listening and deciding, and building the timetable (the office only)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concours.masterclasses import selectors, services
from concours.masterclasses.access import access_office, access_reviewer
from concours.masterclasses.forms import ConfirmTimetableForm, DecisionForm
from concours.masterclasses.models import ApplicationStatus, Lesson


@login_required
@require_safe
def applications(request: HttpRequest, slug: str) -> HttpResponse:
    reviewer = access_reviewer(request.user, slug)
    rows = selectors.with_details(reviewer.applications().select_related("event"))
    status = request.GET.get("status", "")
    if status in ApplicationStatus.values:
        rows = rows.filter(status=status)
    context = {
        "event": reviewer.event, "reviewer": reviewer, "applications": rows,
        "statuses": ApplicationStatus.choices, "status": status,
    }  # fmt: skip
    return render(request, "masterclasses/office/applications.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application(request: HttpRequest, slug: str, application_id: int) -> HttpResponse:
    reviewer = access_reviewer(request.user, slug)
    found = selectors.with_details(reviewer.applications()).filter(pk=application_id).first()
    if found is None:
        raise Http404(_("No such application."))
    form = DecisionForm(request.POST or None, initial={"decision": found.status})
    if request.method == "POST" and form.is_valid():
        teacher = None if reviewer.office else reviewer.teachers[0]
        try:
            services.decide(
                application=found, decision=form.cleaned_data["decision"], by=request.user,  # type: ignore[arg-type]
                teacher=teacher, note=form.cleaned_data["note"],
            )  # fmt: skip
        except services.MasterClassError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The decision is saved."))
            return redirect("masterclasses:office_applications", slug=slug)
    context = {
        "event": reviewer.event, "application": found, "form": form,
        "selections": found.selections.select_related("teacher", "decided_by"),
    }  # fmt: skip
    status = 400 if form.errors else 200
    return render(request, "masterclasses/office/application.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def timetable(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the saved timetable. POST ``build``: the core's proposal, not saved yet. POST
    ``confirm``: save the proposal as lessons and e-mail the participants."""
    event = access_office(request.user, slug)
    sessions = list(selectors.lesson_slots(event))
    lessons = selectors.saved_lessons(event)
    context: dict[str, object] = {"event": event, "proposed": False, "problems": []}
    status = 200
    if request.method == "POST" and "confirm" in request.POST:
        form = ConfirmTimetableForm(request.POST)
        if form.is_valid():
            try:
                services.save_timetable(event=event, pairs=form.cleaned_data["pairs"], by=request.user)  # type: ignore[arg-type]  # fmt: skip
            except services.MasterClassError as error:
                context["problems"], status = [str(error)], 400
            else:
                messages.success(request, _("The timetable is saved; the participants are told by e-mail."))  # fmt: skip
                return redirect("masterclasses:office_timetable", slug=slug)
        else:
            context["problems"], status = form.errors["pairs"], 400
    elif request.method == "POST":
        try:
            proposal = services.propose_timetable(event=event)
        except services.MasterClassError as error:
            context["problems"], status = [str(error)], 400
        else:
            context["problems"] = proposal.messages
            if proposal.result.solved:
                apps = {a.pk: a for a in selectors.selected(event)}
                teachers = {s.pk: s.teachers[0].speaker for s in sessions}  # type: ignore[attr-defined]
                lessons = {
                    s: Lesson(application=apps[a], session_id=s, teacher=teachers[s])
                    for a, s in proposal.pairs
                }
                context["proposed"] = True
                context["confirm"] = ConfirmTimetableForm(initial={"pairs": json.dumps(proposal.pairs)})  # fmt: skip
            else:
                status = 400
    context["days"] = selectors.grid(event, sessions, lessons)
    context["selected_count"] = selectors.selected(event).count()
    return render(request, "masterclasses/office/timetable.html", context, status=status)
