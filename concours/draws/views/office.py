"""The office's pages of the draw: commit, add the witnesses' inputs, draw, reveal. Only staff
of the competition (and the secretariat) reach them; anyone else finds nothing (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concours.competitions.access import competitions_for_office, has_office_access
from concours.competitions.models import Division
from concours.draws import selectors, services
from concours.draws.forms import CommitForm, WitnessInputForm
from concours.draws.models import Draw, DrawState


def _division(request: HttpRequest, division_id: int) -> Division:
    found = (
        Division.objects.select_related("edition__competition")
        .filter(pk=division_id, edition__competition__in=competitions_for_office(request.user))
        .first()
    )
    if found is None:
        raise Http404(_("No such division."))
    return found


def _draw(request: HttpRequest, draw_id: int) -> Draw:
    found = selectors.draws_for_office(request.user).filter(pk=draw_id).first()  # type: ignore[arg-type]
    if found is None:
        raise Http404(_("No such draw."))
    return found


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    if not has_office_access(request.user):
        raise Http404(_("No such page."))
    divisions = selectors.divisions_for_office(request.user)  # type: ignore[arg-type]
    return render(request, "draws/office/index.html", {"divisions": divisions})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def division(request: HttpRequest, division_id: int) -> HttpResponse:
    found = _division(request, division_id)
    form = CommitForm(request.POST or None, division=found)
    if request.method == "POST" and form.is_valid():
        try:
            draw = services.commit_draw(
                division=found, round_=form.cleaned_data["round"],
                method=form.cleaned_data["method"],
                applications=form.cleaned_data["applications"], by=request.user,  # type: ignore[arg-type]
            )  # fmt: skip
        except services.DrawError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The commitment is published. Keep to the time of the draw.")
            )
            return redirect("draws:office_draw", draw_id=draw.pk)
    draws = found.draws.select_related("round")
    context = {"division": found, "draws": draws, "form": form}
    return render(
        request, "draws/office/division.html", context, status=400 if form.errors else 200
    )


def _draw_page(request: HttpRequest, draw: Draw, form: WitnessInputForm, status: int = 200) -> HttpResponse:  # fmt: skip
    context = {
        "draw": draw,
        "division": draw.division,
        "inputs": list(draw.inputs.all()),
        "candidates": selectors.candidate_rows(draw),
        "order": selectors.order_rows(draw) if draw.is_drawn else [],
        "form": form,
        "can_cancel": draw.state == DrawState.COMMITTED and not draw.inputs.all(),
    }
    return render(request, "draws/office/draw.html", context, status=status)


@login_required
@require_safe
def draw(request: HttpRequest, draw_id: int) -> HttpResponse:
    return _draw_page(request, _draw(request, draw_id), WitnessInputForm())


@login_required
@require_POST
def add_input(request: HttpRequest, draw_id: int) -> HttpResponse:
    found = _draw(request, draw_id)
    form = WitnessInputForm(request.POST)
    if form.is_valid():
        try:
            services.add_witness_input(
                draw=found, witness=form.cleaned_data["witness"],
                value=form.cleaned_data["value"], by=request.user,  # type: ignore[arg-type]
            )  # fmt: skip
        except services.DrawError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The input is added and published."))
        return redirect("draws:office_draw", draw_id=found.pk)
    return _draw_page(request, found, form, status=400)


@login_required
@require_POST
def perform(request: HttpRequest, draw_id: int) -> HttpResponse:
    found = _draw(request, draw_id)
    try:
        services.perform_draw(draw=found, by=request.user)  # type: ignore[arg-type]
    except services.DrawError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The order is drawn and published."))
    return redirect("draws:office_draw", draw_id=found.pk)


@login_required
@require_POST
def reveal(request: HttpRequest, draw_id: int) -> HttpResponse:
    found = _draw(request, draw_id)
    try:
        services.reveal_draw(draw=found, by=request.user)  # type: ignore[arg-type]
    except services.DrawError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The seed is revealed: anyone can now verify the draw."))
    return redirect("draws:office_draw", draw_id=found.pk)


@login_required
@require_POST
def cancel(request: HttpRequest, draw_id: int) -> HttpResponse:
    found = _draw(request, draw_id)
    try:
        services.cancel_draw(draw=found, by=request.user)  # type: ignore[arg-type]
    except services.DrawError as error:
        messages.error(request, str(error))
        return redirect("draws:office_draw", draw_id=found.pk)
    messages.success(request, _("The commitment is withdrawn."))
    return redirect("draws:office_division", division_id=found.division_id)
