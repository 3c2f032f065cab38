"""Sign-up and e-mail verification."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concours.accounts.forms import SignUpForm
from concours.accounts.services import request_email_verification, sign_up, verify_email
from concours.accounts.tokens import InvalidToken


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    if request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            user = sign_up(
                email=data["email"],
                full_name=data["full_name"],
                password=data["password"],
                language=data["language"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("verify_email_sent")
    else:
        form = SignUpForm(initial={"language": translation.get_language()})
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_safe
def verify_email_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/verify_sent.html")


@login_required
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    if not request.user.email_verified:  # type: ignore[union-attr]
        request_email_verification(user=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("We sent the link again. Please check your inbox (and the spam folder).")
        )
    return redirect("verify_email_sent")


@require_safe
def verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = verify_email(token=token)
    except InvalidToken:
        return render(request, "accounts/verify_failed.html", status=400)
    if request.user.is_authenticated and request.user.pk == user.pk:
        messages.success(request, _("Thank you: your e-mail address is confirmed."))
        return redirect("dashboard")
    messages.success(request, _("Thank you: your e-mail address is confirmed. Please sign in."))
    return redirect("login")
