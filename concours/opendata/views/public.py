"""Public pages of the open data: the index (the format, the API, the editions) and each
public edition's document."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concours import interchange
from concours.opendata import selectors
from concours.opendata.exporting import export_edition


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    editions = list(selectors.public_editions())
    context = {
        "editions": editions,
        "format": interchange.FORMAT,
        "version": "{}.{}".format(*interchange.VERSION),
        "max_bytes": interchange.MAX_BYTES,
    }
    return render(request, "opendata/index.html", context)


@require_safe
def edition_document(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    edition = selectors.public_edition(slug=slug, year=year)
    if edition is None:
        raise Http404(_("No such edition."))
    text = interchange.dump(export_edition(edition))
    response = HttpResponse(text.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-{year}.json"'
    return response


@require_safe
def imported_results(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The results a member published with its own Concours, as imported: per round, the
    advancers, the prizes awarded (and withheld) and the ranking when it was made public."""
    edition = selectors.public_edition(slug=slug, year=year)
    if edition is None or not hasattr(edition, "imported"):
        raise Http404(_("No imported results for this edition."))
    rounds = selectors.imported_rounds(edition)
    return render(request, "opendata/imported_results.html", {"edition": edition, "rounds": rounds})
