"""The office's conflict pages: the matrix of an edition (jurors × candidates), running the
check, and confirming or dismissing one conflict. Only for the competition's office and the
secretariat (``competitions.access``); anything else is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from concours.jury import selectors, services
from concours.jury.access import access_conflict_for_office, access_edition_for_office
from concours.jury.forms import DecisionForm
from concours.jury.models import ConflictPolicy
from concours.jury.reasons import reason_text, source_label


def _reasons(stored: list[dict[str, object]]) -> list[dict[str, str]]:
    return [
        {"text": reason_text(reason), "source": source_label(str(reason.get("source", "")))}
        for reason in stored
    ]


@login_required
@require_safe
def matrix(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = access_edition_for_office(request.user, edition_id)
    check = selectors.latest_check(edition)
    context = {
        "edition": edition,
        "matrices": selectors.conflict_matrix(edition=edition),
        "check": check,
        "changes": selectors.changes_since(check, edition),
        "policy": ConflictPolicy.objects.filter(competition_id=edition.competition_id).first(),
    }
    return render(request, "jury/matrix.html", context)


@login_required
@require_POST
def refresh(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = access_edition_for_office(request.user, edition_id)
    check = services.refresh_conflicts(edition=edition, by=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        ngettext(
            "Checked: %(flagged)s pair flagged (%(added)s new, %(stale)s no longer flagged).",
            "Checked: %(flagged)s pairs flagged (%(added)s new, %(stale)s no longer flagged).",
            check.flagged,
        )
        % {"flagged": check.flagged, "added": check.added, "stale": check.newly_stale},
    )
    return redirect("jury:matrix", edition_id=edition.pk)


@login_required
def conflict(request: HttpRequest, conflict_id: int) -> HttpResponse:
    found = access_conflict_for_office(request.user, conflict_id)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == DecisionForm.DISMISS:
                services.dismiss_conflict(conflict=found, reason=data["reason"], by=request.user)  # type: ignore[arg-type]
            else:
                services.confirm_conflict(conflict=found, reason=data["reason"], by=request.user)  # type: ignore[arg-type]
        except ValidationError as error:  # the form asks first; the service has the last word
            form.add_error("reason", error.message_dict.get("reason", error.messages))
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("jury:matrix", edition_id=found.seat.edition_id)
    context = {
        "conflict": found,
        "reasons": _reasons(found.reasons),
        "reasons_at_decision": _reasons(found.reasons_at_decision or []),
        "form": form,
    }
    return render(request, "jury/conflict.html", context, status=400 if form.errors else 200)
