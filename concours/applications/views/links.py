"""Pages for people without an account, reached through a personal link: a guardian's
consent and a referee's letter. The link is the only key; a bad one gets a plain refusal."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from concours.applications import services
from concours.applications.tokens import InvalidLink, consent_for, letter_for

PDF_LIMIT = 10 * 1024 * 1024


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_(
            "I am the candidate's parent or legal guardian and I consent to their taking part."
        ),
        error_messages={"required": _("Tick the box to give your consent.")},
    )


class LetterForm(forms.Form):
    file = forms.FileField(label=_("Letter (PDF, up to 10 MB)"))

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > PDF_LIMIT:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": 10})
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("Please upload the letter as a PDF file."))
        return upload


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/links/refused.html", status=404)


@require_http_methods(["GET", "HEAD", "POST"])
def consent(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = consent_for(token)
    except InvalidLink:
        return _refused(request)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and found.confirmed_at is None and form.is_valid():
        services.confirm_guardian_consent(consent=found, now=timezone.now())
        found.refresh_from_db()
    return render(request, "applications/links/consent.html", {"consent": found, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def letter(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = letter_for(token)
    except InvalidLink:
        return _refused(request)
    form = LetterForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.receive_reference_letter(
                letter=found, upload=form.cleaned_data["file"], now=timezone.now()
            )
        except services.ApplicationError:
            return _refused(request)
        return render(request, "applications/links/letter_thanks.html", {"letter": found})
    return render(
        request,
        "applications/links/letter.html",
        {"letter": found, "form": form},
        status=400 if form.errors else 200,
    )
