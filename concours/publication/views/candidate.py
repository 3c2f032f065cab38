"""The candidate's own page of the jurors' written feedback, once a round's results are public
and its publication releases it (linked from their page, ``/me/``)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from concours.publication.selectors import released_feedback


@never_cache
@login_required
@require_safe
def feedback(request: HttpRequest) -> HttpResponse:
    rounds = released_feedback(request.user, timezone.now())  # type: ignore[arg-type]
    return render(request, "publication/feedback.html", {"rounds": rounds})
