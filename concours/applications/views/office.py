"""Files of applications for the office: only staff of the application's competition (and the
secretariat) may download them; the private storage is never linked directly."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concours.applications.models import Document, Recording, ReferenceLetter
from concours.competitions.access import competitions_for_office

KINDS = {"document": Document, "recording": Recording, "letter": ReferenceLetter}


@login_required
@require_safe
def office_file(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    model = KINDS.get(kind)
    if model is None:
        raise Http404(_("No such file."))
    item = get_object_or_404(
        model,
        pk=pk,
        application__division__edition__competition__in=competitions_for_office(request.user),
    )
    if not item.file:
        raise Http404(_("No such file."))
    name = item.file.name.rsplit("/", 1)[-1]
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=name)
