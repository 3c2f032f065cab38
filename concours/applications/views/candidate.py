"""The candidate's pages: profile, applying, the application with its items, submitting."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concours.applications import checks, services
from concours.applications.forms import DocumentForm, PieceFormSet, ProfileForm, RecordingLinkForm
from concours.applications.models import Document, ItemKind, Recording, RecordingKind
from concours.applications.selectors import (
    APPLICATION_ONLY,
    SUBMIT_RELATIONS,
    access_application_for_candidate,
)
from concours.competitions.models import Edition
from concours.core.ranges import ranged_file_response
from concours.repertoire import Piece, format_duration, validate_programme


def _profile_of(request: HttpRequest):  # type: ignore[no-untyped-def]
    return getattr(request.user, "candidate_profile", None)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    existing = _profile_of(request)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=existing)
    autosave = request.method == "POST" and bool(request.POST.get("autosave"))
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.user = request.user
        saved.save()
        form.save_m2m()
        if autosave:
            return render(request, "applications/candidate/_autosave.html", {"saved": True})
        messages.success(request, _("Your details are saved."))
        next_url = request.POST.get("next", "")
        return redirect(
            next_url if next_url.startswith("/") and not next_url.startswith("//") else "dashboard"
        )
    if autosave:
        # The page sends the form as the candidate types: a complete form is saved, an
        # incomplete one is not (the errors show when the candidate saves it).
        return render(request, "applications/candidate/_autosave.html", {"saved": False})
    return render(
        request,
        "applications/candidate/profile.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@login_required
def apply(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    edition = get_object_or_404(
        Edition.objects.public().select_related("competition"), competition__slug=slug, year=year
    )
    divisions = list(edition.divisions.select_related("discipline").order_by("order"))
    candidate = _profile_of(request)
    if candidate is None:
        return redirect(f"{reverse('candidate:profile')}?next={request.path}")
    if request.method == "POST":
        division = next((d for d in divisions if str(d.pk) == request.POST.get("division")), None)
        if division is None:
            messages.error(request, _("Choose a division."))
        else:
            try:
                application = services.start_application(
                    candidate=candidate, division=division, now=timezone.now()
                )
            except services.ApplicationError as error:
                messages.error(request, str(error))
            else:
                return redirect("candidate:application", reference=application.reference)
    existing = {a.division_id: a for a in candidate.applications.filter(division__edition=edition)}
    context = {
        "edition": edition,
        "divisions": [{"division": d, "application": existing.get(d.pk)} for d in divisions],
        "open": edition.applications_open(timezone.now()),
    }
    return render(request, "applications/candidate/apply.html", context)


def _overview(request: HttpRequest, application, findings=None, status: int = 200) -> HttpResponse:  # type: ignore[no-untyped-def]
    now = timezone.now()
    if findings is None:
        findings = (
            checks.submission_findings(application, now=now)
            if application.status == "draft"
            else []
        )
    by_item: dict[str, list[checks.Finding]] = {}
    for finding in findings:
        by_item.setdefault(finding.item, []).append(finding)
    every_round = checks.division_rounds(application)
    report = checks.repertoire_report(
        application, rounds=[checks.outline_of(round_) for round_ in every_round]
    )
    rounds = [
        {"round": round_, "totals": report.totals_of(round_.number)}
        for round_ in checks.rounds_needing_repertoire(application, every_round)
    ]
    context = {
        "application": application,
        "edition": application.division.edition,
        "findings": findings,
        "by_item": by_item,
        "rounds": rounds,
        "documents": application.documents.all(),
        "recordings": application.recordings.all(),
        "editable": services.editable_items(application),
        "reopenings": application.reopenings.filter(closed_at__isnull=True),
        "history": application.status_changes.all(),
        "submission_key": uuid.uuid4(),
        "ItemKind": ItemKind,
    }
    return render(request, "applications/candidate/application.html", context, status=status)


@login_required
@require_safe
def application(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    return _overview(request, access_application_for_candidate(request.user, reference))  # type: ignore[arg-type]


@login_required
def programme(request: HttpRequest, reference: uuid.UUID, round_number: int) -> HttpResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    round_ = next(
        (r for r in checks.rounds_needing_repertoire(application) if r.number == round_number), None
    )
    if round_ is None:
        raise Http404(_("No such round."))
    categories = application.division.edition.repertoire_categories.all()
    editable = services.may_edit(application, ItemKind.PROGRAMME)
    if request.method == "POST" and editable:
        formset = PieceFormSet(request.POST, categories=categories)
        if formset.is_valid():
            rows = [
                f.cleaned_data
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            pieces = [
                services.PieceData(r["composer"], r["work"], r["movements"], r["duration"], list(r["categories"]))
                for r in rows
            ]  # fmt: skip
            if request.POST.get("preview"):
                # The page sends the form as the candidate goes (``autosave``): a complete
                # form is saved as the draft, so nothing typed is lost.
                saved = bool(request.POST.get("autosave"))
                if saved:
                    services.replace_programme(
                        application=application, round_=round_, pieces=pieces
                    )
                return _programme_preview(request, application, round_, rows, saved=saved)
            services.replace_programme(application=application, round_=round_, pieces=pieces)
            messages.success(request, _("The programme is saved."))
            return redirect("candidate:application", reference=application.reference)
        if request.POST.get("preview"):
            return render(
                request,
                "applications/candidate/_programme_check.html",
                {"problems": [], "invalid": True},
            )
    else:
        initial = [
            {
                "composer": p.composer,
                "work": p.work,
                "movements": p.movements,
                "duration": format_duration(p.duration_seconds),
                "categories": list(p.categories.all()),
            }
            for p in application.pieces.filter(round=round_).prefetch_related("categories")
        ]
        formset = PieceFormSet(initial=initial, categories=categories)
    context = {
        "application": application,
        "round": round_,
        "formset": formset,
        "editable": editable,
    }
    return render(request, "applications/candidate/programme.html", context)


def _programme_preview(
    request: HttpRequest, application, round_, rows, *, saved: bool = False
) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The round's totals and problems for the pieces in the form, not yet saved (htmx)."""
    pieces = [
        Piece(composer=r["composer"], work=r["work"], movements=r["movements"], duration=r["duration"],
              categories=frozenset(c.code for c in r["categories"]))
        for r in rows
    ]  # fmt: skip
    report = validate_programme(
        rules=checks.round_rules(round_), pieces=pieces,
        categories=frozenset(application.division.edition.repertoire_categories.values_list("code", flat=True)),
    )  # fmt: skip
    names = {c.code: str(c.name) for c in application.division.edition.repertoire_categories.all()}
    problems = [checks.repertoire_message(p.code, dict(p.params), names) for p in report.problems]
    totals = report.totals_of(round_.number)
    return render(
        request,
        "applications/candidate/_programme_check.html",
        {"problems": problems, "totals": totals, "saved": saved},
    )


@login_required
def documents(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    # The page shows the application's documents alone; an upload writes one.
    application = access_application_for_candidate(
        request.user,  # type: ignore[arg-type]
        reference,
        relations=APPLICATION_ONLY,
    )
    editable = services.may_edit(application, ItemKind.DOCUMENTS)
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and editable and form.is_valid():
        upload = form.cleaned_data["file"]
        Document.objects.create(
            application=application, kind=form.cleaned_data["kind"], file=upload,
            content_type=form.cleaned_data["content_type"], size=upload.size,
        )  # fmt: skip
        messages.success(request, _("The document is uploaded."))
        return redirect("candidate:documents", reference=application.reference)
    context = {
        "application": application,
        "form": form,
        "documents": application.documents.all(),
        "editable": editable,
    }
    return render(
        request,
        "applications/candidate/documents.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def document_file(request: HttpRequest, reference: uuid.UUID, document_id: int) -> FileResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    document = get_object_or_404(Document, pk=document_id, application=application)
    return FileResponse(document.file.open("rb"), content_type=document.content_type, as_attachment=True,
                        filename=document.file.name.rsplit("/", 1)[-1])  # fmt: skip


@login_required
@require_safe
def recording_file(
    request: HttpRequest, reference: uuid.UUID, recording_id: int
) -> HttpResponseBase:
    """The candidate's own uploaded recording: played in the page (in parts, as the player
    asks), or downloaded with ``?download=1``."""
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    found = get_object_or_404(
        Recording, pk=recording_id, application=application, kind=RecordingKind.UPLOAD
    )
    download = request.GET.get("download") == "1"
    response = ranged_file_response(
        request, storage=found.file.storage, name=found.file.name, content_type=found.media_type,
        etag=found.etag, filename=found.file_name if download else "", as_attachment=download,
    )  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def recordings(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    editable = services.may_edit(application, ItemKind.RECORDINGS)
    form = RecordingLinkForm(
        request.POST if request.method == "POST" else None,
        earliest=application.division.recordings_made_after,
    )
    if request.method == "POST" and editable and form.is_valid():
        data = form.cleaned_data
        Recording.objects.create(
            application=application, kind=RecordingKind.LINK, url=data["url"], title=data["title"],
            recorded_on=data["recorded_on"], unedited_declared_at=timezone.now(),
        )  # fmt: skip
        messages.success(request, _("The recording is added."))
        return redirect("candidate:recordings", reference=application.reference)
    context = {
        "application": application,
        "form": form,
        "recordings": application.recordings.all(),
        "editable": editable,
    }
    return render(
        request,
        "applications/candidate/recordings.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def submit(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    application = access_application_for_candidate(
        request.user,  # type: ignore[arg-type]
        reference,
        relations=SUBMIT_RELATIONS,
    )
    try:
        key = uuid.UUID(request.POST.get("submission_key", ""))
    except ValueError:
        messages.error(request, _("The form was incomplete; please submit again."))
        return redirect("candidate:application", reference=application.reference)
    try:
        services.submit_application(
            application=application, key=key, by=request.user, now=timezone.now()
        )  # type: ignore[arg-type]
    except services.IncompleteApplication as error:
        # The page again, with what it shows around the application.
        application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
        return _overview(request, application, findings=list(error.findings), status=400)
    except services.ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your application is submitted. We sent you the receipt by e-mail.")
        )
    return redirect("candidate:application", reference=application.reference)


@login_required
@require_POST
def withdraw(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    try:
        services.withdraw(application=application, by=request.user)  # type: ignore[arg-type]
    except services.ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("candidate:application", reference=application.reference)


@login_required
@require_POST
def send_corrections(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    try:
        services.send_corrections(application=application, by=request.user, now=timezone.now())  # type: ignore[arg-type]
    except services.ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you: the office will look at your corrections."))
    return redirect("candidate:application", reference=application.reference)
