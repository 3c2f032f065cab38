"""The published results, for everyone: an edition's results, a round's advancers and prizes,
and once the rules allow, every juror's score sheet (HTML, CSV, JSON, PDF), the results record
and the charts.

Nothing exists before its time: every URL answers 404 before the publication's embargo (the
sheets, the record and the charts before the sheets' time), to visitors, candidates and jurors
alike; the competition's office sees a preview. Pages go through ``caching.serve``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concours.competitions.models import EditionStatus
from concours.publication import charts, sheets
from concours.publication.caching import CSRF_PLACEHOLDER, NotPublicYet, Page, Viewer, serve
from concours.publication.models import Publication
from concours.publication.selectors import (
    edition_for_results,
    may_preview,
    next_change,
    publications_in,
    published_round,
    round_publication,
)

HTML = "text/html; charset=utf-8"
FILES = {
    "csv": ("text/csv; charset=utf-8", sheets.sheets_csv),
    "json": ("application/json", sheets.sheets_json),
    "pdf": ("application/pdf", sheets.sheets_pdf),
}


def render_page(viewer: Viewer, template: str, context: dict[str, Any]) -> bytes:
    """A page as bytes; for the shared cache, with a placeholder for the CSRF token."""
    if viewer.shared:
        context = {**context, "csrf_token": CSRF_PLACEHOLDER}
    return render_to_string(template, context, request=viewer.request).encode("utf-8")


def access_publication(
    viewer: Viewer, *, slug: str, year: int, round_id: int, sheets: bool = False
) -> tuple[Publication, bool]:
    """The round's publication if it is public (``sheets``: its score sheets too), else a
    preview for the competition's office; ``NotPublicYet`` for anyone else. The second value
    says whether it is a preview."""
    publication = round_publication(slug=slug, year=year, round_id=round_id)
    if publication is None:
        raise Http404(_("No published results for this round."))
    edition = publication.round.division.edition
    until = publication.sheets_at if sheets else publication.publish_at
    draft = edition.status == EditionStatus.DRAFT
    if not draft and timezone.now() >= until:
        return publication, False
    if not viewer.shared and may_preview(viewer.request.user, edition):
        return publication, True
    raise NotPublicYet(None if draft else until)


def _filename(publication: Publication, suffix: str) -> str:
    round_ = publication.round
    division = round_.division
    edition = division.edition
    return (
        f"{edition.competition.slug}-{edition.year}-{division.slug}-round-{round_.number}-{suffix}"
    )


@require_safe
def edition_results(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    def build(viewer: Viewer) -> Page:
        edition = edition_for_results(slug=slug, year=year)
        if edition is None:
            raise Http404(_("No such edition."))
        now = timezone.now()
        publications = publications_in(edition)
        preview = not viewer.shared and may_preview(viewer.request.user, edition)
        draft = edition.status == EditionStatus.DRAFT
        shown = [p for p in publications if preview or (not draft and p.is_public(now))]
        if not shown:
            upcoming = [p.publish_at for p in publications if p.publish_at > now]
            raise NotPublicYet(None if draft else min(upcoming, default=None))
        divisions: dict[int, dict[str, Any]] = {}
        for publication in shown:
            division = publication.round.division
            divisions.setdefault(division.pk, {"division": division, "rounds": []})
            divisions[division.pk]["rounds"].append(
                {
                    "publication": publication, "round": publication.round,
                    "public": publication.is_public(now) and not draft,
                    "sheets_public": publication.sheets_public(now) and not draft,
                }
            )  # fmt: skip
        context = {
            "edition": edition, "competition": edition.competition,
            "divisions": list(divisions.values()), "preview": preview,
        }  # fmt: skip
        body = render_page(viewer, "publication/edition.html", context)
        return Page(body, HTML, expires=next_change(publications, now), shared=not preview)

    return serve(request, build)


def round_context(published: Any, *, preview: bool, now: dt.datetime) -> dict[str, Any]:
    """What the round's page shows (the office's preview shows the same)."""
    publication = published.publication
    sheets_public = preview or publication.sheets_public(now)
    context: dict[str, Any] = {
        "published": published, "publication": publication, "round": published.round,
        "division": published.round.division, "edition": published.edition,
        "competition": published.edition.competition, "preview": preview,
        "advancers": published.advancers(), "has_cut": published.has_cut,
        "ranked": publication.listing == "ranked", "prizes": published.prizes(),
        "sheets_public": sheets_public,
        "record_filename": _filename(publication, "record.json"),
    }  # fmt: skip
    if sheets_public:
        distribution, bins = charts.distribution(published)
        order, positions = charts.order_effect(published)
        context |= {
            "results": sorted(published.results, key=lambda row: (row.rank, row.candidate.sort_key)),
            "bins": bins, "positions": positions,
            "distribution": distribution, "heatmap": charts.heatmap(published), "order": order,
        }  # fmt: skip
    return context


@require_safe
def round_results(request: HttpRequest, slug: str, year: int, round_id: int) -> HttpResponse:
    def build(viewer: Viewer) -> Page:
        publication, preview = access_publication(viewer, slug=slug, year=year, round_id=round_id)
        now = timezone.now()
        context = round_context(published_round(publication), preview=preview, now=now)
        body = render_page(viewer, "publication/round.html", context)
        return Page(body, HTML, expires=next_change([publication], now), shared=not preview)

    return serve(request, build)


@require_safe
def score_sheets(request: HttpRequest, slug: str, year: int, round_id: int) -> HttpResponse:
    def build(viewer: Viewer) -> Page:
        publication, preview = access_publication(
            viewer, slug=slug, year=year, round_id=round_id, sheets=True
        )
        published = published_round(publication)
        context = {
            "published": published, "publication": publication, "round": published.round,
            "division": published.round.division, "edition": published.edition,
            "competition": published.edition.competition, "preview": preview,
            "sheets": published.sheets(),
        }  # fmt: skip
        body = render_page(viewer, "publication/sheets.html", context)
        return Page(body, HTML, shared=not preview)

    return serve(request, build)


def _download(
    request: HttpRequest,
    slug: str,
    year: int,
    round_id: int,
    make: Callable[[Publication], tuple[bytes, str, str | None]],
    *,
    per_language: bool = False,
) -> HttpResponse:
    def build(viewer: Viewer) -> Page:
        publication, preview = access_publication(
            viewer, slug=slug, year=year, round_id=round_id, sheets=True
        )
        body, content_type, filename = make(publication)
        return Page(body, content_type, filename=filename, shared=not preview)

    return serve(request, build, per_language=per_language)


@require_safe
def record(request: HttpRequest, slug: str, year: int, round_id: int) -> HttpResponse:
    """The results record with the jury's decisions, exactly as published (its SHA-256 is on
    the round's page from the embargo on)."""
    return _download(
        request, slug, year, round_id,
        lambda publication: (
            publication.record_bytes, "application/json", _filename(publication, "record.json")
        ),
    )  # fmt: skip


@require_safe
def sheets_file(
    request: HttpRequest, slug: str, year: int, round_id: int, fmt: str
) -> HttpResponse:
    content_type, write = FILES[fmt]
    return _download(
        request, slug, year, round_id,
        lambda publication: (
            write(published_round(publication)), content_type,
            _filename(publication, f"score-sheets.{fmt}"),
        ),
    )  # fmt: skip


@require_safe
def chart(request: HttpRequest, slug: str, year: int, round_id: int, name: str) -> HttpResponse:
    if name not in charts.CHARTS:
        raise Http404(_("No such chart."))
    return _download(
        request, slug, year, round_id,
        lambda publication: (
            charts.chart(published_round(publication), name).svg.encode("utf-8"),
            "image/svg+xml; charset=utf-8", None,
        ),
        per_language=True,
    )  # fmt: skip
