"""Whole public result pages in Django's cache, for results night (docs/publication.md).

A page is stored as rendered, under a key made of the URL path and the language, together
with the **publication version** it was rendered under: a value derived from the database (how
many publications there are and when one last changed) and kept in the cache for a few
seconds. Publishing or changing a publication renews it as soon as the transaction commits, so
every page cached before no longer matches and is never served again; a process with its own
local-memory cache notices within ``CONCOURS_RESULTS_VERSION_SECONDS`` when another process
published.

The version and the page are read together, in one round trip to the cache (``get_many``: one
``MGET`` on Redis). On results night this is the whole cost of a page beyond Django's own
request handling: two separate reads cost half as much again (each also builds a Redis client
object in Django's backend), measured with ``benchmarks/bench_results_night.py``.

Time matters too: a page is kept at most until it would change by itself (the embargo or the
score sheets' time), and a "not public yet" answer (404) at most until the embargo, so nobody
sees a stale "not yet" once the results are out.

Only what every visitor would see is stored: pages for visitors who are not signed in, rendered
with a placeholder where the language switcher's CSRF token goes; each answer gets the
visitor's own token in its place. Signed-in people (the office's preview) get a fresh page,
never stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)

from concours.publication.models import Publication

VERSION_KEY = "publication:version"
#: Put where the CSRF token goes in a page rendered for the cache; never a real token.
CSRF_PLACEHOLDER = "concours-publication-csrf-placeholder"


def _setting(name: str, default: int | str) -> int | str:
    return getattr(settings, name, default)  # type: ignore[no-any-return]


def _cache():  # type: ignore[no-untyped-def]
    return caches[str(_setting("CONCOURS_RESULTS_CACHE", "default"))]


def page_seconds() -> int:
    """The longest a page is kept in the server's cache."""
    return int(_setting("CONCOURS_RESULTS_CACHE_SECONDS", 600))


def version_seconds() -> int:
    """How long a process trusts the version it read before reading it again."""
    return int(_setting("CONCOURS_RESULTS_VERSION_SECONDS", 5))


def browser_seconds() -> int:
    """``max-age`` for browsers and proxies."""
    return int(_setting("CONCOURS_RESULTS_BROWSER_SECONDS", 60))


# --- The publication version -------------------------------------------------------------------


def version_from_database() -> str:
    found = Publication.objects.aggregate(count=Count("id"), last=Max("changed_at"))
    last: dt.datetime | None = found["last"]
    return f"{found['count']}.{int(last.timestamp() * 1_000_000) if last else 0}"


def version() -> str:
    return _version_or_database(_cache().get(VERSION_KEY))


def _version_or_database(found: object) -> str:
    """The version read from the cache, or, when it has expired, the database's (kept)."""
    if found is None:
        found = version_from_database()
        # add, not set: never put back an older value over one a publication just wrote.
        _cache().add(VERSION_KEY, found, timeout=version_seconds())
    return str(found)


def invalidate() -> None:
    """Make every cached public results page stale (after a publication commits)."""
    _cache().set(VERSION_KEY, version_from_database(), timeout=version_seconds())


# --- Pages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A rendered answer: HTML, or a file to download."""

    body: bytes
    content_type: str
    #: When the page changes by itself (an embargo passes); it is kept no longer.
    expires: dt.datetime | None = None
    #: A download's file name (``None`` for HTML and images shown in pages).
    filename: str | None = None
    #: False for the office's preview: never stored, never kept by browsers.
    shared: bool = True

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


class NotPublicYet(Http404):
    """Nothing to show yet (404); ``until`` is when that may change."""

    def __init__(self, until: dt.datetime | None) -> None:
        super().__init__()
        self.until = until


@dataclass(frozen=True)
class Viewer:
    """Who asks: whether the page is rendered for the shared cache (visitors not signed in)."""

    request: HttpRequest
    shared: bool


def page_key(request: HttpRequest, *, per_language: bool) -> str:
    """Where a page is kept; the entry says which publication version it was rendered under."""
    language = (translation.get_language() or "-") if per_language else "-"
    path = hashlib.sha256(request.path.encode("utf-8")).hexdigest()[:40]
    return f"publication:page:{language}:{path}"


def _seconds_until(moment: dt.datetime | None, now: dt.datetime, limit: int) -> int:
    if moment is None:
        return limit
    return max(0, min(limit, int((moment - now).total_seconds())))


def _maybe_signed_in(request: HttpRequest) -> bool:
    """Without a session cookie nobody is signed in, and the session is not read at all."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def serve(
    request: HttpRequest, build: Callable[[Viewer], Page], *, per_language: bool = True
) -> HttpResponse:
    """Answer from the cache when it can, else ``build`` the page (and keep it when it is the
    same for everyone). ``build`` raises ``NotPublicYet`` for a page that is not public."""
    key = page_key(request, per_language=per_language)
    cache = _cache()
    now = timezone.now()
    signed_in: bool | None = None
    found = None
    if "messages" not in request.COOKIES:
        # The version and the page in one round trip; a page of another version is stale.
        both = cache.get_many([VERSION_KEY, key])
        current = _version_or_database(both.get(VERSION_KEY))
        found = both.get(key)
        if found is not None and found[1] != current:
            found = None
    else:
        current = version()
    if found is not None:
        kind = found[0]
        if kind == "page":
            _, _, body, content_type, filename, expires = found
            page = Page(body, content_type, expires=expires, filename=filename)
            if not page.is_html or not (signed_in := _maybe_signed_in(request)):
                return _respond(request, page, now)
        elif kind == "not-yet" and not (signed_in := _maybe_signed_in(request)):
            raise Http404
    if signed_in is None:
        signed_in = _maybe_signed_in(request)
    try:
        page = build(Viewer(request, shared=not signed_in))
    except NotPublicYet as refusal:
        seconds = _seconds_until(refusal.until, now, page_seconds())
        if refusal.until is not None and seconds > 0:
            cache.set(key, ("not-yet", current, refusal.until), timeout=seconds)
        raise
    if page.shared and not signed_in and not request.GET:
        seconds = _seconds_until(page.expires, now, page_seconds())
        if seconds > 0:
            entry = ("page", current, page.body, page.content_type, page.filename, page.expires)
            cache.set(key, entry, timeout=seconds)
    return _respond(request, page, now)


def _respond(request: HttpRequest, page: Page, now: dt.datetime) -> HttpResponse:
    body = page.body
    if page.is_html:
        body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(body, content_type=page.content_type)
    if page.filename:
        response["Content-Disposition"] = f'attachment; filename="{page.filename}"'
    if not page.shared:
        add_never_cache_headers(response)
        return response
    seconds = _seconds_until(page.expires, now, browser_seconds())
    if page.is_html:
        # The page carries the visitor's CSRF token: browsers may keep it, shared caches not.
        patch_cache_control(response, private=True, max_age=seconds)
        return response
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=seconds)
    conditional = get_conditional_response(request, etag=etag, response=response)
    return conditional if conditional is not None else response
