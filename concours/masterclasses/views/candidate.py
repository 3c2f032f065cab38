"""The applicant's pages: apply for an active place (and edit until registration closes), see
the application's status and, once scheduled, the lessons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concours.masterclasses import selectors, services
from concours.masterclasses.access import master_class
from concours.masterclasses.forms import ApplicationForm
from concours.masterclasses.models import MasterClassApplication
from concours.masterclasses.services import EDITABLE


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    event = master_class(slug)
    existing = selectors.application_of(event, request.user)
    is_open = event.registration_open(timezone.now())
    if not is_open or (existing is not None and existing.status not in EDITABLE):
        if existing is not None:
            return redirect("masterclasses:mine", slug=slug)
        return render(request, "masterclasses/closed.html", {"event": event}, status=403)
    form = ApplicationForm(request.POST or None, instance=existing or MasterClassApplication(event=event), event=event)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.save_application(
                event=event, user=request.user, details=form.details(),  # type: ignore[arg-type]
                pieces=form.pieces(), teachers=form.teachers(),
            )  # fmt: skip
        except services.MasterClassError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your application is saved."))
            return redirect("masterclasses:mine", slug=slug)
    context = {"event": event, "form": form, "existing": existing}
    return render(request, "masterclasses/apply.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def mine(request: HttpRequest, slug: str) -> HttpResponse:
    event = master_class(slug)
    application = selectors.application_of(event, request.user)
    if application is None:
        raise Http404(_("You have not applied for this master class."))
    context = {
        "event": event, "application": application,
        "lessons": list(selectors.lessons_of(application)),
        "editable": application.status in EDITABLE and event.registration_open(timezone.now()),
    }  # fmt: skip
    return render(request, "masterclasses/mine.html", context)


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    event = master_class(slug)
    application = selectors.application_of(event, request.user)
    if application is None:
        raise Http404(_("You have not applied for this master class."))
    try:
        services.withdraw_application(application=application, by=request.user)  # type: ignore[arg-type]
    except services.MasterClassError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("masterclasses:mine", slug=slug)
