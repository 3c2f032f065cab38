"""Pages for the public: the calendar of editions, member directory, competition and edition."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concours.competitions import selectors
from concours.competitions.models import Competition, Edition


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Current and upcoming editions, filterable by discipline (the list swaps in place with htmx)."""
    today = timezone.localdate()
    disciplines = list(selectors.disciplines_in_use())
    chosen = next((d for d in disciplines if d.code == request.GET.get("discipline")), None)
    context = {
        "disciplines": disciplines,
        "chosen_discipline": chosen,
        "upcoming": selectors.upcoming_editions(today=today, discipline=chosen),
        "recent": selectors.recent_editions(today=today),
        "today": today,
    }
    template = "competitions/home.html#edition-list" if request.htmx else "competitions/home.html"
    return render(request, template, context)


@require_safe
def competition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        competition = selectors.competition_for_public_page(slug=slug)
    except Competition.DoesNotExist:
        raise Http404(_("No such competition.")) from None
    return render(request, "competitions/competition.html", {"competition": competition})


@require_safe
def edition_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    try:
        edition = selectors.edition_for_public_page(slug=slug, year=year)
    except Edition.DoesNotExist:
        raise Http404(_("No such edition.")) from None
    jury_by_division: dict[int | None, list[object]] = {}
    for juror in edition.jury.all():
        jury_by_division.setdefault(juror.division_id, []).append(juror)
    divisions = [
        {"division": division, "jury": jury_by_division.get(division.pk, [])}
        for division in edition.divisions.all()
    ]
    context = {
        "edition": edition,
        "competition": edition.competition,
        "divisions": divisions,
        "edition_jury": jury_by_division.get(None, []),
        "applications_open": edition.applications_open(timezone.now()),
    }
    return render(request, "competitions/edition.html", context)
