"""The office's publication page for a round (``/publish/<round>/``): the form (embargo and
score sheets' time in the edition's time zone, listing, feedback) and a preview of the public
page. Only the office of the round's competition reaches it; anyone else gets 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from concours.competitions.access import access_round_for_office
from concours.competitions.models import Round
from concours.publication.forms import PublicationForm
from concours.publication.models import Listing, Publication
from concours.publication.selectors import published_round
from concours.publication.services import (
    PublicationError,
    amend_publication,
    draft_publication,
    publish_round,
)
from concours.publication.views.public import round_context
from concours.results.live import progress_of
from concours.results.models import RoundStage


def _office_round(request: HttpRequest, round_id: int) -> Round:
    return access_round_for_office(request.user, round_id, preselection=False)  # type: ignore[arg-type]


def _locked(publication: Publication | None, now: dt.datetime) -> list[str]:
    """What can no longer change: the results' time and the listing once public, the sheets'
    time once the sheets are."""
    if publication is None:
        return []
    locked = []
    if publication.is_public(now):
        locked += ["publish_at", "listing"]
    if publication.sheets_public(now):
        locked.append("sheets_at")
    return locked


def _preview(
    round_: Round, publication: Publication | None, form: PublicationForm, now: dt.datetime
) -> dict[str, Any] | None:
    """The public page as it is (or would be, with what the form says) published."""
    if publication is None:
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        try:
            publication = draft_publication(
                round_=round_, publish_at=data.get("publish_at") or now,
                sheets_at=data.get("sheets_at") or now,
                listing=data.get("listing") or Listing.ALPHABETICAL,
                release_feedback=bool(data.get("release_feedback")),
            )  # fmt: skip
        except PublicationError:
            return None
    return round_context(published_round(publication), preview=True, now=now)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _office_round(request, round_id)
    edition = round_.division.edition
    publication = Publication.objects.filter(round=round_).select_related("published_by").first()
    stage = progress_of(round_).stage
    now = timezone.now()
    locked = _locked(publication, now)
    initial: dict[str, Any] = {"listing": Listing.ALPHABETICAL}
    if publication is not None:
        initial = {
            "publish_at": publication.publish_at, "sheets_at": publication.sheets_at,
            "listing": publication.listing, "release_feedback": publication.release_feedback,
        }  # fmt: skip
    can_publish = publication is None and stage == RoundStage.DECIDED
    status = 200
    with timezone.override(edition.zone):
        form = PublicationForm(
            request.POST if request.method == "POST" else None, initial=initial,
            zone=edition.time_zone, locked=locked,
        )  # fmt: skip
        if request.method == "POST":
            if publication is None and not can_publish:
                form.add_error(None, _("Only results the jury has decided on can be published."))
            elif form.is_valid():
                data = form.cleaned_data
                if publication is not None:  # what is locked stays exactly as it is
                    data |= {name: getattr(publication, name) for name in locked}
                try:
                    if publication is None:
                        publish_round(round_=round_, by=request.user, **data)  # type: ignore[arg-type]
                    else:
                        amend_publication(publication=publication, by=request.user, **data)  # type: ignore[arg-type]
                except PublicationError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(
                        request,
                        _("The publication is saved. Nothing is public before its time."),
                    )
                    return redirect("publication:office", round_id=round_.pk)
            status = 400
        context = {
            "round": round_, "edition": edition, "division": round_.division,
            "publication": publication, "stage": stage,
            "stage_label": RoundStage(stage).label, "can_publish": can_publish,
            "form": form, "locked": locked,
            "preview": _preview(round_, publication, form, now)
            if publication is not None or can_publish else None,
        }  # fmt: skip
        return render(request, "publication/office.html", context, status=status)
