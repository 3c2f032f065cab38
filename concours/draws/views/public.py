"""The public pages of a draw: the record of each draw of a division, its JSON file, and a page
where anyone can verify a record. The seed appears only once it is revealed."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concours import draw as core
from concours.competitions.models import Division
from concours.draws import selectors
from concours.draws.forms import VerifyForm
from concours.draws.models import Draw


@require_safe
def division(request: HttpRequest, slug: str, year: int, division_slug: str) -> HttpResponse:
    try:
        found = selectors.division_for_public_page(
            slug=slug, year=year, division_slug=division_slug
        )
    except Division.DoesNotExist:
        raise Http404(_("No such division.")) from None
    context = {"division": found, "edition": found.edition, "draws": list(found.draws.all())}
    return render(request, "draws/division.html", context)


def _draw(slug: str, year: int, division_slug: str, number: int | None) -> Draw:
    try:
        return selectors.draw_for_public_page(
            slug=slug, year=year, division_slug=division_slug, round_number=number
        )
    except Draw.DoesNotExist:
        raise Http404(_("No such draw.")) from None


@require_safe
def detail(
    request: HttpRequest, slug: str, year: int, division_slug: str, number: int | None = None
) -> HttpResponse:
    draw = _draw(slug, year, division_slug, number)
    context = {
        "draw": draw,
        "division": draw.division,
        "edition": draw.division.edition,
        "inputs": list(draw.inputs.all()),
        "candidates": selectors.candidate_rows(draw),
        "order": selectors.order_rows(draw) if draw.is_drawn else [],
    }
    return render(request, "draws/draw.html", context)


@require_safe
def record(
    request: HttpRequest, slug: str, year: int, division_slug: str, number: int | None = None
) -> HttpResponse:
    """The record as published: once the order is drawn, with the seed once it is revealed."""
    draw = _draw(slug, year, division_slug, number)
    if not draw.is_drawn:
        raise Http404(_("The order is not drawn yet."))
    scope = f"round-{number}" if number else "all-rounds"
    name = f"draw-{slug}-{year}-{division_slug}-{scope}.json"
    response = HttpResponse(draw.record, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone pastes or uploads a record; the server recomputes it with the core."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        record = form.cleaned_data["record"]
        problems = core.verify(record)
        context["problems"] = [str(problem) for problem in problems]
        if not problems:
            context["record"] = record
            by_id = {c.id: c for c in core.read_candidates(record)}
            context["order"] = [by_id[identifier] for identifier in record["order"]]
    status = 400 if form.errors else 200
    return render(request, "draws/verify.html", context, status=status)
