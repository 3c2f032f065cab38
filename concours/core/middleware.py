"""Refuse a form upload that is too large before anything of it is stored.

Django parses a multipart body (and writes its files to temporary files) as soon as something
reads ``request.POST``, and the CSRF check does that before any view runs. A form's own size
check (a CV of at most 20 MB) therefore comes after the whole file was written to disk: a
4 GB video chosen by mistake as a CV would fill the disk first. This middleware, placed before
``CsrfViewMiddleware``, answers 413 from the declared ``Content-Length`` instead, with a page
that says what was sent and what is accepted. Nothing of the body is parsed or stored (up to
``DRAIN_BYTES`` of it is read and thrown away, so that the browser gets the page).

Not limited here: staff (the office's admin takes project documents of any size from trusted
people) and resumable recording uploads (raw chunks, not multipart forms, with their own
limits). Under ``/api/`` the refusal is JSON, ``{"detail": …}`` as Django REST framework answers
errors (a view of the API that reads a multipart body parses it with Django's parser too). The
proxy in front should refuse large bodies even earlier (nginx ``client_max_body_size``,
docs/deploy.md).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: Up to this many bytes of a refused body are read and discarded, so that the browser, which
#: is still sending, gets the page; beyond it the connection is closed without reading (the
#: browser may then show a connection error instead).
DRAIN_BYTES = 256 * 1024 * 1024


class FormUploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not request.content_type.startswith("multipart/"):
            return None
        try:
            sent = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None  # Django treats it as no body at all
        limit = settings.CONCOURS_MAX_FORM_UPLOAD_BYTES
        if sent <= limit:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_staff:
            return None
        if sent <= DRAIN_BYTES:
            try:
                while request.read(1024 * 1024):
                    pass
            except OSError:  # the browser gave up sending: it will not read the page either
                pass
        if request.path_info.startswith("/api/"):  # the API's error shape, as DRF answers
            message = _(
                "You sent %(sent)s; a form here accepts at most %(limit)s in all. "
                "Nothing of it was kept."
            ) % {"sent": filesizeformat(sent), "limit": filesizeformat(limit)}
            return JsonResponse({"detail": message}, status=413)
        response = render(request, "413.html", {"sent": sent, "limit": limit}, status=413)
        # No ``Connection: close``: a WSGI application may not set hop-by-hop headers; the
        # server closes a connection whose body was not read.
        return response
