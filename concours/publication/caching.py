"""Whole public result pages in Django's cache, for results night (docs/publication.md).

A page is stored as rendered, under a key made of the URL path and the language, together
with the **publication version** it was rendered under: a value derived from the database (how
many publications there are and when one last changed) and kept in the cache for a few
seconds. Publishing or changing a publication renews it as soon as the transaction commits, so
every page cached before no longer matches and is never served again; a process with its own
local-memory cache notices within ``CONCOURS_RESULTS_VERSION_SECONDS`` when another process
published.

The version and the page are read together, in one round trip to the cache (``get_many``: one
``MGET`` on Redis).

**This process's copies (Redis only).** On results night that round trip was the largest cost
of a cached page after Django's own request handling: gunicorn spent about 1.8 ms of CPU per
page with it and about 1.3 ms without it on the development machine (2.1 ms with the version
and the page read apart), measured with ``benchmarks/bench_results_night.py``; Django's Redis
backend then built a new client object for every operation (``concours.core.cache`` now keeps
one). So each process also keeps the
pages it served lately (``CONCOURS_RESULTS_LOCAL_BYTES``, 32 MiB; 0 turns this off), each with
its version and the time it must no longer be served, and serves one without asking Redis when
its version is the one the process **follows**: a thread of each process subscribes to an
announcement channel on the same Redis, on which ``invalidate`` announces every new version, and
reads the version every ``FOLLOW_SECONDS`` too. So a publication still reaches every process at
once. When the follower does not know the version (starting, Redis unreachable, the version's
key just expired), requests read the cache as above, and a request that read the version tells
the follower unless it heard something newer meanwhile. If an announcement is ever lost (a
dropped connection), the next read of the version, within ``FOLLOW_SECONDS``, corrects it.

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
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
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
#: The channel (a cache key, so prefixed like the others) on which new versions are announced.
ANNOUNCE_KEY = "publication:announce"
#: How often the follower reads the version itself (besides hearing announcements).
FOLLOW_SECONDS = 1.0
#: A page larger than this is not copied into the process (score sheets as PDF can be large).
LOCAL_ENTRY_BYTES = 2 * 1024 * 1024
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
    new = version_from_database()
    _cache().set(VERSION_KEY, new, timeout=version_seconds())
    _announce(new)


# --- This process's copies, and the version it follows (Redis only) ---------------------------

logger = logging.getLogger(__name__)


def local_bytes() -> int:
    """How many bytes of pages each process keeps (0: none, every request asks the cache)."""
    return int(_setting("CONCOURS_RESULTS_LOCAL_BYTES", 32 * 1024 * 1024))


def _redis_of(cache: Any) -> tuple[str, str] | None:
    """The Redis server (URL) and announcement channel of ``cache``, if it is Redis."""
    if not isinstance(cache, RedisCache) or local_bytes() <= 0:
        return None
    alias = str(_setting("CONCOURS_RESULTS_CACHE", "default"))
    location = settings.CACHES[alias]["LOCATION"]
    servers = location.split(",") if isinstance(location, str) else list(location)
    return servers[0].strip(), cache.make_key(ANNOUNCE_KEY)


class _Copies:
    """Entries this process served lately, by key, oldest evicted first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: OrderedDict[str, tuple[Any, ...]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str, version: str, stamp: float) -> tuple[Any, ...] | None:
        entry = self.items.get(key)
        if entry is None or entry[1] != version or entry[2] <= stamp:
            return None
        return entry

    def put(self, key: str, entry: tuple[Any, ...]) -> None:
        size = _entry_size(entry)
        if size > min(self.limit, LOCAL_ENTRY_BYTES):
            return
        with self.lock:
            old = self.items.pop(key, None)
            self.size -= 0 if old is None else _entry_size(old)
            self.items[key] = entry
            self.size += size
            while self.size > self.limit:
                _, evicted = self.items.popitem(last=False)
                self.size -= _entry_size(evicted)


def _entry_size(entry: tuple[Any, ...]) -> int:
    return len(entry[3]) + 256 if entry[0] == "page" else 256


class _Follower:
    """The publication version as announced on Redis, kept by a thread of this process: what
    ``invalidate`` announces (pub/sub), and the version read every ``FOLLOW_SECONDS``.
    ``version`` is ``None`` while it is not known."""

    def __init__(self, identity: tuple[int, str, str]) -> None:
        self.identity = identity
        self.version: str | None = None
        self.heard = 0  # how many times it heard a version (announced or read): see ``learn``
        self.lock = threading.Lock()
        self.copies = _Copies(local_bytes())

    def start(self) -> None:
        name = f"publication-follower-{self.identity[0]}"
        threading.Thread(target=self._run, name=name, daemon=True).start()

    def hear(self, version: str | None) -> None:
        with self.lock:
            self.version = version
            self.heard += 1

    def learn(self, heard_before: int, version: str) -> None:
        """A request read ``version`` from the cache itself; keep it unless a version was
        heard since the request started (it may be newer than what the request read)."""
        with self.lock:
            if self.heard == heard_before:
                self.version = version

    def _run(self) -> None:
        failing = False
        while _follower is self:
            try:
                self._follow()
            except Exception as error:  # Redis away, or the connection lost: unknown until back
                self.hear(None)
                if not failing:
                    logger.warning("publication cache: not following Redis (%s)", error)
                failing = True
                time.sleep(FOLLOW_SECONDS)

    def _follow(self) -> None:
        import redis

        _, url, channel = self.identity
        client = redis.Redis.from_url(url, health_check_interval=30)
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(channel)
            subscribed = False
            deadline = 0.0
            while _follower is self:
                if subscribed and time.monotonic() >= deadline:
                    # Read only once subscribed, so that no announcement falls in between.
                    found = _cache().get(VERSION_KEY)
                    self.hear(None if found is None else str(found))
                    deadline = time.monotonic() + FOLLOW_SECONDS
                wait = FOLLOW_SECONDS if not subscribed else deadline - time.monotonic()
                message = pubsub.get_message(timeout=max(0.0, wait))
                if message is None:
                    continue
                if message["type"] == "subscribe":
                    subscribed, deadline = True, 0.0
                elif message["type"] == "message":
                    data = message["data"]
                    self.hear(data.decode() if isinstance(data, bytes) else str(data))
        finally:
            pubsub.close()
            client.close()


_follower: _Follower | None = None
_follower_lock = threading.Lock()
_publisher: tuple[int, str, Any] | None = None


def _follower_for(cache: Any) -> _Follower | None:
    """This process's follower for ``cache`` (started on first use), or ``None``."""
    global _follower
    redis = _redis_of(cache)
    if redis is None:
        return None
    identity = (os.getpid(), *redis)
    found = _follower
    if found is not None and found.identity == identity:
        return found
    with _follower_lock:
        if _follower is None or _follower.identity != identity:
            _follower = _Follower(identity)
            _follower.start()
        return _follower


def _announce(new: str) -> None:
    """Tell every process's follower (this one at once) that the version is now ``new``."""
    global _publisher
    cache = _cache()
    follower = _follower_for(cache)
    if follower is None:
        return
    follower.hear(new)
    url, channel = follower.identity[1], follower.identity[2]
    try:
        import redis

        if _publisher is None or _publisher[:2] != (os.getpid(), url):
            _publisher = (os.getpid(), url, redis.Redis.from_url(url))
        _publisher[2].publish(channel, new)
    except Exception as error:  # the followers read the version within FOLLOW_SECONDS anyway
        logger.warning("publication cache: could not announce version %s (%s)", new, error)


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
    """Where a page is kept. The entry holds its kind, the publication version it was rendered
    under and the time (a timestamp) it must no longer be served, then what it is."""
    language = (translation.get_language() or "-") if per_language else "-"
    path = hashlib.sha256(request.path.encode("utf-8")).hexdigest()[:40]
    return f"publication:entry:{language}:{path}"


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
    stamp = now.timestamp()
    follower = _follower_for(cache)
    signed_in: bool | None = None
    found = None
    if "messages" not in request.COOKIES:
        heard = follower.version if follower is not None else None
        if follower is not None and heard is not None:
            found = follower.copies.get(key, heard, stamp)
            current = heard
        if found is None:
            # The version and the page in one round trip; a page of another version is stale.
            heard_before = follower.heard if follower is not None else 0
            both = cache.get_many([VERSION_KEY, key])
            current = _version_or_database(both.get(VERSION_KEY))
            found = both.get(key)
            if found is not None and (found[1] != current or found[2] <= stamp):
                found = None
            if follower is not None:
                follower.learn(heard_before, current)
                if found is not None:
                    follower.copies.put(key, found)
    else:
        current = version()
    if found is not None:
        kind = found[0]
        if kind == "page":
            _, _, _, body, content_type, filename, expires = found
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
            entry = ("not-yet", current, stamp + seconds, refusal.until)
            _keep(cache, follower, key, entry, seconds)
        raise
    if page.shared and not signed_in and not request.GET:
        seconds = _seconds_until(page.expires, now, page_seconds())
        if seconds > 0:
            entry = (
                "page", current, stamp + seconds, page.body, page.content_type, page.filename,
                page.expires,
            )  # fmt: skip
            _keep(cache, follower, key, entry, seconds)
    return _respond(request, page, now)


def _keep(
    cache: Any, follower: _Follower | None, key: str, entry: tuple[Any, ...], seconds: int
) -> None:
    """Store ``entry`` in the cache for ``seconds``, and in this process's copies."""
    cache.set(key, entry, timeout=seconds)
    if follower is not None:
        follower.copies.put(key, entry)


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
