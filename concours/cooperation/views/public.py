"""Public pages of cooperation projects: the list with filters, a project, its public files."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concours.cooperation import selectors
from concours.cooperation.forms import ProjectFilterForm
from concours.cooperation.models import Project, ProjectDocument


@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None)
    chosen = {}
    if form.is_bound:
        if not form.is_valid():
            messages.warning(request, _("Some filters were not understood and were ignored."))
        chosen = form.cleaned_data
    projects = selectors.projects(
        kind=chosen.get("kind") or "", status=chosen.get("status") or "", city=chosen.get("city")
    )
    return render(request, "cooperation/projects.html", {"form": form, "projects": projects})


@require_safe
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        project = selectors.project_for_page(slug=slug)
    except Project.DoesNotExist:
        raise Http404(_("No such project.")) from None
    return render(request, "cooperation/project.html", {"project": project})


@require_safe
def project_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    try:
        document = selectors.public_document(slug=slug, pk=pk)
    except ProjectDocument.DoesNotExist:
        raise Http404(_("No such document.")) from None
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)
