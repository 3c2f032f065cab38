"""The candidate's further items: guardian's consent, recommendation letters, teachers,
ensemble members, the application fee."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concours.applications import services
from concours.applications.forms import (
    FeeProofForm,
    MemberFormSet,
    PersonRequestForm,
    TeacherFormSet,
)
from concours.applications.models import ItemKind
from concours.applications.selectors import access_application_for_candidate


@login_required
def consent(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    form = PersonRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_guardian_consent(
                application=application,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except services.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("We sent the link to your parent or guardian."))
            return redirect("candidate:consent", reference=application.reference)
    context = {"application": application, "form": form, "consents": application.consents.all()}
    return render(request, "applications/candidate/consent.html", context)


@login_required
def letters(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    form = PersonRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_reference_letter(
                application=application,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except services.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("We sent your referee a personal link to upload the letter.")
            )
            return redirect("candidate:letters", reference=application.reference)
    context = {"application": application, "form": form, "letters": application.letters.all()}
    return render(request, "applications/candidate/letters.html", context)


@login_required
def teachers(request: HttpRequest) -> HttpResponse:
    profile = getattr(request.user, "candidate_profile", None)
    if profile is None:
        return redirect("candidate:profile")
    page = "applications/candidate/teachers.html"
    if request.method != "POST":
        initial = list(profile.teachers.values(*services.TEACHER_FIELDS))
        formset = TeacherFormSet(initial=initial, prefix="teachers")
        version = services.teachers_version(profile)
        return render(request, page, {"formset": formset, "version": version})
    formset = TeacherFormSet(request.POST, prefix="teachers")
    # The page sends the list as the candidate types (``autosave``): a complete list is saved,
    # an incomplete one is not (the errors show when the candidate presses Save). The version
    # it sends stops a page loaded before a change made elsewhere from replacing that change.
    autosave = bool(request.POST.get("autosave"))
    version = request.POST.get("version") or None
    if not formset.is_valid():
        if autosave:
            return render(request, "applications/candidate/_autosave.html", {"saved": False})
        return render(request, page, {"formset": formset, "version": version}, status=400)
    kept = [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    rows = [
        services.TeacherData(**{name: row[name] for name in services.TEACHER_FIELDS})
        for row in kept
    ]
    try:
        version = services.replace_teachers(
            candidate=profile, teachers=rows, expected_version=version
        )
    except services.StaleTeachers as stale:
        if autosave:
            context = {"saved": False, "stale": True}
            return render(request, "applications/candidate/_autosave.html", context)
        # What the candidate typed stays in the form; saving it again replaces the other list.
        messages.error(request, str(stale))
        context = {"formset": formset, "version": services.teachers_version(profile), "stale": True}
        return render(request, page, context, status=409)
    if autosave:
        context = {"saved": True, "what": "teachers", "version": version}
        return render(request, "applications/candidate/_autosave.html", context)
    messages.success(request, _("Your teachers are saved."))
    return redirect("candidate:teachers")


@login_required
def members(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    editable = services.may_edit(application, ItemKind.MEMBERS)
    formset = MemberFormSet(
        request.POST if request.method == "POST" else None, instance=application
    )
    if request.method == "POST" and editable and formset.is_valid():
        formset.save()
        messages.success(request, _("The ensemble is saved."))
        return redirect("candidate:application", reference=application.reference)
    context = {"application": application, "formset": formset, "editable": editable}
    return render(request, "applications/candidate/members.html", context)


@login_required
def fee(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    form = FeeProofForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.record_fee_proof(
                application=application,
                upload=upload,
                content_type=upload.detected_type,
                size=upload.size,
            )
        except services.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you: the office will confirm your payment."))
            return redirect("candidate:application", reference=application.reference)
    context = {"application": application, "form": form, "fee": getattr(application, "fee", None)}
    return render(
        request, "applications/candidate/fee.html", context, status=400 if form.errors else 200
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Download everything we hold about me, or erase my account."""
    from django.contrib.auth import logout

    from concours.applications import privacy

    if request.method == "POST" and request.POST.get("action") == "erase":
        if not request.user.check_password(request.POST.get("password", "")):  # type: ignore[union-attr]
            messages.error(request, _("The password is not right; nothing was erased."))
            return redirect("candidate:my_data")
        user = request.user
        logout(request)
        privacy.erase(user)  # type: ignore[arg-type]
        messages.success(request, _("Your account and personal data are erased."))
        return redirect("public:home")
    if request.GET.get("download"):
        response = HttpResponse(
            privacy.export_archive(request.user), content_type="application/zip"
        )  # type: ignore[arg-type]
        response["Content-Disposition"] = 'attachment; filename="my-concours-data.zip"'
        return response
    return render(request, "applications/candidate/my_data.html")


@login_required
@require_safe
def letter_pdf(request: HttpRequest, reference: uuid.UUID, kind: str) -> HttpResponse:
    """The candidate's own receipt, admission letter or visa invitation letter, as a PDF."""
    from django.http import Http404

    from concours.applications import documents

    application = access_application_for_candidate(request.user, reference)  # type: ignore[arg-type]
    builders = {
        "receipt": documents.receipt_pdf,
        "admission": documents.admission_letter_pdf,
        "visa": documents.visa_invitation_pdf,
    }
    if kind not in builders:
        raise Http404(_("No such document."))
    try:
        content = builders[kind](application)
    except ValueError:
        raise Http404(_("This document is not available for this application.")) from None
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.filename(kind, application)}"'
    )
    return response
