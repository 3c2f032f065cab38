"""The secretariat's import page: upload a document, see every problem or a preview of what
would change, confirm. The previewed document waits in the session, named by its SHA-256, so
the confirmed import is exactly the one previewed."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concours.opendata.access import may_import
from concours.opendata.forms import ConfirmForm, UploadForm
from concours.opendata.messages import describe
from concours.opendata.selectors import federation_for
from concours.opendata.services import import_text

SESSION_KEY = "opendata_import"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_document(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and "sha256" in request.POST:
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data: bytes = form.cleaned_data["document"]
        federation = federation_for(request.user)  # type: ignore[arg-type]
        if federation is None:
            form.add_error(None, _("There is no federation to import into."))
            return render(request, "opendata/import.html", context)
        found = import_text(text=data, federation=federation, actor=request.user, dry_run=True)  # type: ignore[arg-type]
        if isinstance(found, list):
            context["problems"] = [(p.path or "/", describe(p)) for p in found]
        else:
            sha256 = hashlib.sha256(data).hexdigest()
            request.session[SESSION_KEY] = {"sha256": sha256, "text": data.decode("utf-8")}
            context.update(outcome=found, confirm=ConfirmForm(initial={"sha256": sha256}))
    return render(request, "opendata/import.html", context)


def _confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST)
    stored = request.session.get(SESSION_KEY) or {}
    if not form.is_valid() or stored.get("sha256") != form.cleaned_data["sha256"]:
        messages.error(request, _("That preview has expired; upload the document again."))
        return redirect("opendata:import")
    federation = federation_for(request.user)  # type: ignore[arg-type]
    found = import_text(text=stored["text"], federation=federation, actor=request.user)  # type: ignore[arg-type]
    del request.session[SESSION_KEY]
    if isinstance(found, list):
        problems = [(p.path or "/", describe(p)) for p in found]
        context = {"form": UploadForm(), "problems": problems}
        return render(request, "opendata/import.html", context)
    messages.success(
        request,
        _("%(edition)s was imported.") % {"edition": found.edition},
    )
    return redirect("opendata:index")
