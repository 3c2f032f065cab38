"""A juror's own pages: their seats, the declaration (accepted before anything else), the
relationships they declare with their division's candidates and the forms of their name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concours.competitions.models import JuryMember
from concours.jury import selectors, services
from concours.jury.access import access_seat_for_juror
from concours.jury.declaration import DECLARATION_VERSION, declaration_paragraphs
from concours.jury.forms import DeclarationForm, JurorDetailsForm, RelationshipForm
from concours.jury.models import JurorProfile


@login_required
@require_safe
def seats(request: HttpRequest) -> HttpResponse:
    mine = list(selectors.seats_of(request.user))  # type: ignore[arg-type]
    accepted = set(
        JuryMember.objects.filter(
            pk__in=[seat.pk for seat in mine], declarations__text_version=DECLARATION_VERSION
        ).values_list("pk", flat=True)
    )
    rows = [{"seat": seat, "accepted": seat.pk in accepted} for seat in mine]
    return render(request, "jury/seats.html", {"rows": rows})


@login_required
@require_safe
def seat(request: HttpRequest, seat_id: int) -> HttpResponse:
    found = access_seat_for_juror(request.user, seat_id)
    if selectors.has_accepted_declaration(found):
        return redirect("jury:relationships", seat_id=found.pk)
    return redirect("jury:declaration", seat_id=found.pk)


@login_required
def declaration(request: HttpRequest, seat_id: int) -> HttpResponse:
    found = access_seat_for_juror(request.user, seat_id)
    accepted = found.declarations.filter(text_version=DECLARATION_VERSION).first()
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and accepted is None and form.is_valid():
        services.accept_declaration(seat=found, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Thank you: your declaration is recorded."))
        return redirect("jury:relationships", seat_id=found.pk)
    if request.method == "POST" and accepted is not None:
        return redirect("jury:relationships", seat_id=found.pk)
    context = {
        "seat": found,
        "paragraphs": declaration_paragraphs(),
        "accepted": accepted,
        "form": form,
    }
    return render(request, "jury/declaration.html", context, status=400 if form.errors else 200)


def _relationships_page(
    request: HttpRequest, found: JuryMember, *, form: RelationshipForm | None = None
) -> HttpResponse:
    profile = JurorProfile.objects.filter(seat=found).first()
    context = {
        "seat": found,
        "relationships": selectors.relationships_of(found),
        "form": form or RelationshipForm(candidates=selectors.candidates_for_seat(found)),
        "details": JurorDetailsForm(
            initial={
                "other_names": profile.other_names if profile else "",
                "institutions": profile.institutions if profile else "",
            }
        ),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "jury/relationships.html", context, status=status)


@login_required
def relationships(request: HttpRequest, seat_id: int) -> HttpResponse:
    found = access_seat_for_juror(request.user, seat_id)
    if not selectors.has_accepted_declaration(found):
        return redirect("jury:declaration", seat_id=found.pk)
    if request.method != "POST":
        return _relationships_page(request, found)
    form = RelationshipForm(request.POST, candidates=selectors.candidates_for_seat(found))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.declare_relationship(
                seat=found, application=data["application"], kind=data["kind"],
                started_on=data["started_on"], ended_on=data["ended_on"],
                lessons=data["lessons"], note=data["note"], by=request.user,  # type: ignore[arg-type]
            )  # fmt: skip
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _("Your declaration of this relationship is recorded."))
            return redirect("jury:relationships", seat_id=found.pk)
    return _relationships_page(request, found, form=form)


@login_required
@require_POST
def withdraw(request: HttpRequest, seat_id: int, relationship_id: int) -> HttpResponse:
    found = access_seat_for_juror(request.user, seat_id)
    relationship = get_object_or_404(
        found.relationships, pk=relationship_id, withdrawn_at__isnull=True
    )
    services.withdraw_relationship(relationship=relationship, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The relationship is withdrawn."))
    return redirect("jury:relationships", seat_id=found.pk)


@login_required
@require_POST
def details(request: HttpRequest, seat_id: int) -> HttpResponse:
    found = access_seat_for_juror(request.user, seat_id)
    if not selectors.has_accepted_declaration(found):
        return redirect("jury:declaration", seat_id=found.pk)
    form = JurorDetailsForm(request.POST)
    form.is_valid()  # two optional texts: always valid
    services.save_juror_profile(
        seat=found,
        other_names=form.cleaned_data.get("other_names", ""),
        institutions=form.cleaned_data.get("institutions", ""),
        by=request.user,  # type: ignore[arg-type]
    )
    messages.success(request, _("Your names and institutions are saved."))
    return redirect("jury:relationships", seat_id=found.pk)
