"""Every URL of the project, classified by who may use it, and checked against that.

``CLASSIFICATION`` names each URL pattern (``namespace:name``) once, with its audience, how to
fill its arguments from the world of ``tests/url_world.py``, the methods it takes and what its
allowed person gets. A URL added to the project fails ``test_every_url_is_classified`` until it
is classified here; a URL removed fails ``test_every_classified_url_exists``. Only the office's
Django admin (``/office/``, its own tests) and static or media files are left out.

For each URL:

- the access matrix: the people the URL's rule is about (``MATRIX``) ask for it; the allowed get
  their answer, a visitor is sent to sign in (``LOGIN``), anyone else is refused the way the
  code refuses (404 by default: nothing says the object exists);
- bad input, sent by the person allowed to use the URL: garbage query parameters, ids in the
  path that overflow 64 bits, an empty and a garbage POST (for a JSON endpoint also JSON that is
  not an object, not UTF-8, or of the wrong type in each field); never a server error (5xx), and
  a POST the view refuses writes nothing to the database.

The world is built once for the module (``world``), in a transaction that each test's own
transaction nests in, so what a test does is rolled back before the next one.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.url_world import ROLES, World, build_world

pytestmark = pytest.mark.django_db

#: A redirect to the sign-in page.
LOGIN = "login"


class Audience(StrEnum):
    PUBLIC = "public"
    API = "API (its own auth: anonymous, read-only)"
    TOKEN = "personal link (the token in the URL is the key)"
    SIGNED_IN = "any signed-in person"
    CANDIDATE = "the candidate whose application it is"
    UPLOADER = "the person who started the upload"
    REGISTRANT = "the person whose event registration it is"
    APPLICANT = "the master-class applicant (their own application)"
    JUROR = "a juror of the seat's or round's jury"
    OFFICE = "office staff of the object's competition (and the secretariat)"
    ANY_OFFICE = "office staff of any competition (and the secretariat)"
    TEACHER = "the master-class teachers ranked (and the event's office)"
    DELEGATE = "a delegate to the assembly"
    SECRETARIAT = "the federation's secretariat"


EVERYONE = frozenset(ROLES)
ALLOWED: dict[Audience, frozenset[str]] = {
    Audience.PUBLIC: EVERYONE,
    Audience.API: EVERYONE,
    Audience.TOKEN: EVERYONE,
    Audience.SIGNED_IN: EVERYONE - {"anonymous"},
    Audience.CANDIDATE: frozenset({"candidate"}),
    Audience.UPLOADER: frozenset({"candidate"}),
    Audience.REGISTRANT: frozenset({"candidate"}),
    Audience.APPLICANT: frozenset({"candidate"}),
    Audience.JUROR: frozenset({"juror"}),
    Audience.OFFICE: frozenset({"office_a", "secretariat"}),
    Audience.ANY_OFFICE: frozenset({"office_a", "office_b", "secretariat"}),
    Audience.TEACHER: frozenset({"teacher", "office_a", "secretariat"}),
    Audience.DELEGATE: frozenset({"delegate"}),
    Audience.SECRETARIAT: frozenset({"secretariat"}),
}
#: Who asks in the access matrix, the allowed and those the rule is about: a visitor always; a
#: signed-in person without a role for public URLs; another candidate, a juror and the same
#: competition's office for a person's own things; the other competition's office, jurors and
#: candidates for the office's; the secretariat wherever it is not simply allowed.
OWN = ("anonymous", "candidate", "other_candidate", "juror", "office_a")
OFFICES = ("anonymous", "candidate", "juror", "office_a", "office_b", "secretariat")
MATRIX: dict[Audience, tuple[str, ...]] = {
    Audience.PUBLIC: ("anonymous", "stranger"),
    Audience.API: ("anonymous", "stranger"),
    Audience.TOKEN: ("anonymous", "stranger"),
    Audience.SIGNED_IN: ("anonymous", "candidate", "juror", "office_a", "stranger"),
    Audience.CANDIDATE: OWN,
    Audience.UPLOADER: OWN,
    Audience.REGISTRANT: OWN,
    Audience.APPLICANT: OWN,
    Audience.JUROR: ("anonymous", "candidate", "juror", "office_a", "secretariat", "stranger"),
    Audience.OFFICE: OFFICES,
    Audience.ANY_OFFICE: OFFICES,
    Audience.TEACHER: (*OFFICES, "teacher"),
    Audience.DELEGATE: ("anonymous", "candidate", "office_a", "secretariat", "delegate"),
    Audience.SECRETARIAT: OFFICES,
}
#: Who sends the bad input: the first allowed person in this order.
ACTORS = ("anonymous", "candidate", "juror", "office_a", "teacher", "delegate", "secretariat")


class Post(Enum):
    """What a POST to the URL is."""

    #: A form or a request with data: an empty or garbage one is refused and changes nothing.
    REFUSED = "refused"
    #: A button: an empty POST is the whole request, and the view may act on it.
    ACTION = "action"


@dataclass(frozen=True)
class Url:
    audience: Audience
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    #: The methods the view takes (besides HEAD with GET); any other answers 405.
    methods: tuple[str, ...] = ("GET",)
    post: Post | None = None
    #: The allowed person's answer to the matrix's request (GET, or an empty POST when the view
    #: takes no GET); a mapping gives it per role, with a default under ``"*"``.
    ok: int | str | Mapping[str, int | str] = 200
    #: A visitor's answer when the URL is not for everyone.
    anonymous: int | str = LOGIN
    #: The answer to a signed-in person who may not use the URL.
    refused: int = 404
    #: Who sends the bad input, when not the first allowed person in ``ACTORS``.
    actor: str | None = None
    #: POST bodies are JSON (an API or a script's endpoint).
    json: bool = False
    #: The body of the matrix's POST (JSON), for a view that reads the object from the body.
    body: Callable[[World], dict[str, Any]] | None = None
    #: A tampered token's (or signature's) answer, for personal links: to a visitor, or to the
    #: allowed person when the link also needs signing in.
    forged: int | str | None = None

    def allowed(self) -> frozenset[str]:
        return ALLOWED[self.audience]

    def asking(self) -> list[str]:
        """Who asks in the access matrix; the allowed last, so that what they do (a POST)
        cannot change what the others get."""
        return sorted(MATRIX[self.audience], key=lambda role: role in self.allowed())

    def expected_ok(self, role: str) -> int | str:
        if isinstance(self.ok, Mapping):
            return self.ok.get(role, self.ok["*"])
        return self.ok

    def acting(self) -> str:
        if self.actor:
            return self.actor
        return next(role for role in ACTORS if role in self.allowed())


# --- How to fill the arguments -----------------------------------------------------------------


def _edition(w: World) -> dict[str, Any]:
    return {"slug": w.competition.slug, "year": w.edition.year}


def _open_edition(w: World) -> dict[str, Any]:
    return {"slug": w.competition.slug, "year": w.open_edition.year}


def _results(w: World) -> dict[str, Any]:
    return {**_edition(w), "round_id": w.live_round.pk}


def _division(w: World) -> dict[str, Any]:
    return {**_edition(w), "division_slug": w.division.slug}


def _slug(name: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"slug": getattr(w, name).slug}


def _pk(name: str, key: str = "pk") -> Callable[[World], dict[str, Any]]:
    return lambda w: {key: getattr(w, name).pk}


def _draft(w: World) -> dict[str, Any]:
    return {"reference": w.draft.reference}


_live = _pk("live_round", "round_id")
_preselection = _pk("preselection", "round_id")
_seat = _pk("seat", "seat_id")
_draw = _pk("draw_round", "draw_id")
_registration = _pk("registration", "registration_id")
_event = _slug("event")
_master_class = _slug("master_class")
_assembly = _pk("assembly", "assembly_id")


def _review(w: World) -> dict[str, Any]:
    return {**_preselection(w), "reference": w.in_review.reference}


def _motion(w: World) -> dict[str, Any]:
    return {**_assembly(w), "motion_id": w.motion.pk}


def _imported(w: World) -> dict[str, Any]:
    edition = w.imported_edition
    return {"slug": edition.competition.slug, "year": edition.year}


def _upload_start(w: World) -> dict[str, Any]:
    return {
        "purpose": "recording", "application": str(w.draft.reference), "filename": "bach.mp4",
        "size": 1000, "title": "Bach", "recorded_on": w.recording.recorded_on.isoformat(),
        "unedited": True,
    }  # fmt: skip


def _mark(w: World) -> dict[str, Any]:
    return {"application": str(w.ana_admitted.reference), "version": 99, "value": "20"}


GET_POST = ("GET", "POST")
POST = ("POST",)
SIGNED_IN_PUBLIC = {"anonymous": 200, "*": 302}  # sign-in pages send the signed-in onwards
CANDIDATES_ONLY = {"candidate": 200, "other_candidate": 200, "*": 302}  # others: to the profile

# --- The classification ------------------------------------------------------------------------

A = Audience
CLASSIFICATION: dict[str, Url] = {
    # Site-wide
    "healthz": Url(A.PUBLIC),
    "set_language": Url(A.PUBLIC, methods=GET_POST, post=Post.REFUSED, ok=302),
    "public:home": Url(A.PUBLIC),
    "public:competition": Url(A.PUBLIC, _slug("competition")),
    "public:edition": Url(A.PUBLIC, _edition),
    # Accounts
    "login": Url(A.PUBLIC, methods=GET_POST, post=Post.REFUSED, ok=SIGNED_IN_PUBLIC),
    "logout": Url(A.PUBLIC, methods=POST, post=Post.ACTION, ok=302),
    "signup": Url(A.PUBLIC, methods=GET_POST, post=Post.REFUSED, ok=SIGNED_IN_PUBLIC),
    "verify_email_sent": Url(A.SIGNED_IN),
    "resend_verification": Url(A.SIGNED_IN, methods=POST, post=Post.ACTION, ok=302),
    # Whoever follows the link confirms the address; only its owner is signed in already.
    "verify_email": Url(
        A.TOKEN,
        lambda w: {"token": w.verify_token},
        ok={"stranger": 302, "*": LOGIN},
        forged=400,
    ),
    "dashboard": Url(A.SIGNED_IN),
    # The candidate
    "candidate:profile": Url(A.SIGNED_IN, methods=GET_POST, post=Post.REFUSED),
    "candidate:apply": Url(
        A.SIGNED_IN, _open_edition, methods=GET_POST, post=Post.REFUSED, ok=CANDIDATES_ONLY
    ),
    "candidate:teachers": Url(A.SIGNED_IN, methods=GET_POST, post=Post.REFUSED, ok=CANDIDATES_ONLY),
    "candidate:my_data": Url(A.SIGNED_IN, methods=GET_POST, post=Post.REFUSED),
    "candidate:application": Url(A.CANDIDATE, _draft),
    "candidate:programme": Url(
        A.CANDIDATE,
        lambda w: {**_draft(w), "round_number": w.programme_round.number},
        methods=GET_POST,
        post=Post.REFUSED,
    ),
    "candidate:documents": Url(A.CANDIDATE, _draft, methods=GET_POST, post=Post.REFUSED),
    "candidate:document_file": Url(
        A.CANDIDATE, lambda w: {**_draft(w), "document_id": w.document.pk}
    ),
    "candidate:recordings": Url(A.CANDIDATE, _draft, methods=GET_POST, post=Post.REFUSED),
    "candidate:recording_file": Url(
        A.CANDIDATE, lambda w: {**_draft(w), "recording_id": w.recording.pk}
    ),
    "candidate:consent": Url(A.CANDIDATE, _draft, methods=GET_POST, post=Post.REFUSED),
    "candidate:letters": Url(A.CANDIDATE, _draft, methods=GET_POST, post=Post.REFUSED),
    "candidate:members": Url(A.CANDIDATE, _draft, methods=GET_POST, post=Post.REFUSED),
    "candidate:fee": Url(A.CANDIDATE, _draft, methods=GET_POST, post=Post.REFUSED),
    "candidate:pdf": Url(
        A.CANDIDATE, lambda w: {"reference": w.ana_admitted.reference, "kind": "admission"}
    ),
    # A submission without its key is refused (the draft is incomplete anyway).
    "candidate:submit": Url(A.CANDIDATE, _draft, methods=POST, post=Post.REFUSED, ok=302),
    "candidate:withdraw": Url(A.CANDIDATE, _draft, methods=POST, post=Post.ACTION, ok=302),
    # Nothing was reopened: sending corrections is refused.
    "candidate:send_corrections": Url(A.CANDIDATE, _draft, methods=POST, post=Post.REFUSED, ok=302),
    "publication:feedback": Url(A.SIGNED_IN),
    # The upload protocol (a script's JSON; a visitor gets a JSON 403, not the sign-in page)
    "uploads:start": Url(
        A.CANDIDATE,
        methods=POST,
        post=Post.REFUSED,
        ok=201,
        anonymous=403,
        json=True,
        body=_upload_start,
    ),
    "uploads:upload": Url(
        A.UPLOADER,
        lambda w: {"upload_id": w.upload.pk},
        methods=("GET", "PATCH", "DELETE"),
        anonymous=403,
    ),
    # Personal links for people without an account
    "links:consent": Url(
        A.TOKEN,
        lambda w: {"token": w.consent_token},
        methods=GET_POST,
        post=Post.REFUSED,
        forged=404,
    ),
    "links:letter": Url(
        A.TOKEN,
        lambda w: {"token": w.letter_token},
        methods=GET_POST,
        post=Post.REFUSED,
        forged=404,
    ),
    # The office's downloads of candidates' files
    "office_file": Url(A.OFFICE, lambda w: {"kind": "document", "pk": w.document.pk}),
    # Pre-selection: the panel, the office
    "preselection:panel": Url(A.JUROR, _preselection),
    "preselection:review": Url(A.JUROR, _review, methods=GET_POST, post=Post.REFUSED),
    "preselection:recording": Url(
        A.JUROR, lambda w: {**_review(w), "recording_id": w.review_recording.pk}
    ),
    "preselection:office": Url(A.OFFICE, _preselection),
    "preselection:compute": Url(A.OFFICE, _preselection, methods=POST, post=Post.ACTION, ok=302),
    "preselection:admit": Url(A.OFFICE, _preselection, methods=POST, post=Post.ACTION, ok=302),
    # The jury: the juror's own pages, the office's conflicts
    "jury:seats": Url(A.SIGNED_IN),
    "jury:seat": Url(A.JUROR, _seat, ok=302),
    # The declaration is accepted already: a POST leads on to the relationships.
    "jury:declaration": Url(A.JUROR, _seat, methods=GET_POST, post=Post.REFUSED),
    "jury:relationships": Url(A.JUROR, _seat, methods=GET_POST, post=Post.REFUSED),
    "jury:withdraw": Url(
        A.JUROR,
        lambda w: {**_seat(w), "relationship_id": w.relationship.pk},
        methods=POST,
        post=Post.ACTION,
        ok=302,
    ),
    "jury:details": Url(A.JUROR, _seat, methods=POST, post=Post.ACTION, ok=302),
    "jury:matrix": Url(A.OFFICE, _pk("edition", "edition_id")),
    "jury:refresh": Url(
        A.OFFICE, _pk("edition", "edition_id"), methods=POST, post=Post.ACTION, ok=302
    ),
    "jury:conflict": Url(
        A.OFFICE, _pk("conflict", "conflict_id"), methods=GET_POST, post=Post.REFUSED
    ),
    # A live round: the juror's marking screen, the office's live view and decisions
    "results:screen": Url(A.JUROR, _live),
    # The round is decided: the screen's marks are refused (409).
    "results:mark": Url(
        A.JUROR, _live, methods=POST, post=Post.REFUSED, ok=409, json=True, body=_mark
    ),
    "results:state": Url(A.JUROR, _live),
    "results:submit_round": Url(A.JUROR, _live, methods=POST, post=Post.ACTION, ok=302),
    "results:live": Url(A.OFFICE, _live),
    "results:step": Url(A.OFFICE, _live, methods=POST, post=Post.REFUSED, ok=400),
    # An empty choice is "nobody on stage" (a break).
    "results:on_stage": Url(A.OFFICE, _live, methods=POST, post=Post.ACTION, ok=302),
    "results:absence": Url(A.OFFICE, _live, methods=POST, post=Post.REFUSED, ok=400),
    "results:override": Url(A.OFFICE, _live, methods=POST, post=Post.REFUSED, ok=400),
    "results:compute": Url(A.OFFICE, _live, methods=POST, post=Post.ACTION, ok=302),
    "results:panel_visibility": Url(A.OFFICE, _live, methods=POST, post=Post.ACTION, ok=302),
    "results:decide": Url(A.OFFICE, _live),
    # The round is decided and published: decisions can no longer change.
    "results:record_decision": Url(
        A.OFFICE,
        lambda w: {**_live(w), "kind": "confirm-advancers"},
        methods=POST,
        post=Post.REFUSED,
        ok=302,
    ),
    # Published results
    "publication:edition": Url(A.PUBLIC, _edition),
    "publication:round": Url(A.PUBLIC, _results),
    "publication:record": Url(A.PUBLIC, _results),
    "publication:sheets": Url(A.PUBLIC, _results),
    "publication:sheets_csv": Url(A.PUBLIC, _results),
    "publication:sheets_json": Url(A.PUBLIC, _results),
    "publication:sheets_pdf": Url(A.PUBLIC, _results),
    "publication:chart": Url(A.PUBLIC, lambda w: {**_results(w), "name": "distribution"}),
    # Published: every field but the feedback's release is locked, so an empty POST (the box
    # unticked) is a whole request: it withdraws the release.
    "publication:office": Url(A.OFFICE, _live, methods=GET_POST, post=Post.ACTION),
    # Draws
    "draws:division": Url(A.PUBLIC, _division),
    "draws:draw": Url(A.PUBLIC, _division),
    "draws:record": Url(A.PUBLIC, _division),
    "draws:round_draw": Url(A.PUBLIC, lambda w: {**_division(w), "number": 1}),
    "draws:round_record": Url(A.PUBLIC, lambda w: {**_division(w), "number": 1}),
    "draws:verify": Url(A.PUBLIC, methods=GET_POST, post=Post.REFUSED),
    "draws:office_index": Url(A.ANY_OFFICE),
    "draws:office_division": Url(
        A.OFFICE, _pk("division", "division_id"), methods=GET_POST, post=Post.REFUSED
    ),
    "draws:office_draw": Url(A.OFFICE, _draw),
    "draws:office_add_input": Url(A.OFFICE, _draw, methods=POST, post=Post.REFUSED, ok=400),
    "draws:office_perform": Url(A.OFFICE, _draw, methods=POST, post=Post.ACTION, ok=302),
    "draws:office_reveal": Url(A.OFFICE, _draw, methods=POST, post=Post.ACTION, ok=302),
    "draws:office_cancel": Url(A.OFFICE, _draw, methods=POST, post=Post.ACTION, ok=302),
    # Events
    "events:list": Url(A.PUBLIC),
    "events:event": Url(A.PUBLIC, _event),
    "events:calendar": Url(A.PUBLIC, _event),
    # Ana is registered: her form leads to her registration; the others get the form.
    "events:register": Url(
        A.SIGNED_IN,
        _event,
        methods=GET_POST,
        post=Post.REFUSED,
        ok={"candidate": 302, "*": 200},
        actor="stranger",
    ),
    "events:mine": Url(A.SIGNED_IN),
    "events:new_feed": Url(A.SIGNED_IN, methods=POST, post=Post.ACTION, ok=302),
    "events:registration": Url(A.REGISTRANT, _registration),
    "events:cancel": Url(A.REGISTRANT, _registration, methods=POST, post=Post.ACTION, ok=302),
    # No place was offered: confirming is refused.
    "events:confirm": Url(A.REGISTRANT, _registration, methods=POST, post=Post.REFUSED, ok=302),
    "events:badge": Url(A.REGISTRANT, _registration),
    "events:certificate": Url(A.REGISTRANT, _registration),
    # The session is on: the registrant goes to the platform; anyone else's link is refused.
    "events:join": Url(
        A.REGISTRANT,
        lambda w: {
            **_registration(w),
            "session_id": w.online_session.pk,
            "signature": w.join_signature,
        },
        ok=302,
        refused=403,
        forged=404,
    ),
    "events:personal_feed": Url(A.TOKEN, lambda w: {"token": w.feed_token}, forged=404),
    "events:check_in": Url(A.OFFICE, _event, methods=GET_POST, post=Post.REFUSED),
    # Master classes
    "masterclasses:apply": Url(A.SIGNED_IN, _master_class, methods=GET_POST, post=Post.REFUSED),
    "masterclasses:mine": Url(A.APPLICANT, _master_class),
    "masterclasses:withdraw": Url(
        A.APPLICANT, _master_class, methods=POST, post=Post.ACTION, ok=302
    ),
    "masterclasses:timetable": Url(A.PUBLIC, _master_class),
    "masterclasses:office_applications": Url(A.TEACHER, _master_class),
    "masterclasses:office_application": Url(
        A.TEACHER,
        lambda w: {**_master_class(w), "application_id": w.mc_application.pk},
        methods=GET_POST,
        post=Post.REFUSED,
    ),
    # A POST without ``confirm`` proposes a timetable and saves nothing.
    "masterclasses:office_timetable": Url(
        A.OFFICE, _master_class, methods=GET_POST, post=Post.REFUSED
    ),
    # The General Assembly
    "assembly:public": Url(A.PUBLIC, _assembly),
    "assembly:ballot": Url(A.DELEGATE, _assembly, methods=GET_POST, post=Post.REFUSED),
    "assembly:chair": Url(A.SECRETARIAT, _assembly),
    "assembly:attendance": Url(A.SECRETARIAT, _assembly, methods=POST, post=Post.REFUSED, ok=400),
    "assembly:open": Url(A.SECRETARIAT, _motion, methods=POST, post=Post.ACTION, ok=302),
    "assembly:close": Url(A.SECRETARIAT, _motion, methods=POST, post=Post.ACTION, ok=302),
    "assembly:room_vote": Url(A.SECRETARIAT, _motion, methods=POST, post=Post.REFUSED, ok=400),
    "assembly:publish": Url(A.SECRETARIAT, _motion, methods=POST, post=Post.REFUSED, ok=400),
    # The federation's public pages
    "cooperation:projects": Url(A.PUBLIC),
    "cooperation:project": Url(A.PUBLIC, _slug("project")),
    "cooperation:document": Url(
        A.PUBLIC, lambda w: {"slug": w.project.slug, "pk": w.project_document.pk}
    ),
    "directory:members": Url(A.PUBLIC),
    "directory:calendar": Url(A.PUBLIC),
    "directory:calendar_ics": Url(A.PUBLIC),
    "directory:calendar_csv": Url(A.PUBLIC),
    "directory:clashes": Url(A.PUBLIC),
    "directory:cities": Url(A.PUBLIC),
    "directory:city": Url(A.PUBLIC, _slug("city")),
    # Open data
    "opendata:index": Url(A.PUBLIC),
    "opendata:edition": Url(A.PUBLIC, _edition),
    "opendata:imported_results": Url(A.PUBLIC, _imported),
    "opendata:import": Url(A.SECRETARIAT, methods=GET_POST, post=Post.REFUSED, refused=403),
    "opendata:api_edition": Url(A.API, _edition),
    "opendata:api_validate": Url(A.API, methods=POST, post=Post.REFUSED, json=True),
    # The read-only REST API (each also as ``.json``)
    "api:api-root": Url(A.API),
    "api:schema": Url(A.API),
    "api:docs": Url(A.API),
    "api:competition-list": Url(A.API),
    "api:competition-detail": Url(A.API, _slug("competition")),
    "api:edition-list": Url(A.API),
    "api:edition-detail": Url(A.API, _pk("edition")),
    "api:division-list": Url(A.API),
    "api:division-detail": Url(A.API, _pk("division")),
    "api:round-list": Url(A.API),
    "api:round-detail": Url(A.API, _pk("live_round")),
    "api:city-list": Url(A.API),
    "api:city-detail": Url(A.API, _slug("city")),
    "api:event-list": Url(A.API),
    "api:event-detail": Url(A.API, _event),
    "api:project-list": Url(A.API),
    "api:project-detail": Url(A.API, _slug("project")),
}


# --- The URL patterns --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    #: The API's ``.json`` twin of a URL (Django REST framework's format suffix).
    suffixed: bool

    @property
    def id(self) -> str:
        return f"{self.name}.json" if self.suffixed else self.name


def _left_out(pattern: URLPattern, namespace: str) -> bool:
    """The office's Django admin, and static or media files."""
    module = getattr(pattern.callback, "__module__", "") or ""
    return (
        namespace == "admin"
        or namespace.startswith("admin:")
        or module.startswith("django.contrib.admin")
        or module in ("django.views.static", "django.contrib.staticfiles.views")
    )


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            scope = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(entry, prefix + str(entry.pattern), scope)
            continue
        if _left_out(entry, namespace):
            continue
        route = prefix + str(entry.pattern)
        name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
        yield Pattern(
            name or f"<unnamed: /{route}>", route, "format" in entry.pattern.regex.groupindex
        )


PATTERNS = list(_walk(get_resolver()))
CASES = [pattern for pattern in PATTERNS if pattern.name in CLASSIFICATION]


def _case(pattern: Pattern) -> Any:
    return pytest.param(pattern, id=pattern.id)


# --- The world, built once ---------------------------------------------------------------------

#: No disk space kept in reserve for uploads, as in the uploads' own tests.
UPLOAD_SETTINGS = {"CONCOURS_UPLOAD_DISK_RESERVE_BYTES": 0}
#: What the root conftest sets for each test, for building the world before any test.
BUILD_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "TASKS": {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
    **UPLOAD_SETTINGS,
}


def _storages(directory: Path) -> dict[str, Any]:
    """The world's files (candidates', projects') on a private storage in ``directory``."""
    return {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(directory), "base_url": None},
        },
    }


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("url-inventory")


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any, files: Path) -> Iterator[World]:
    """The world, in a transaction of its own that every test's transaction nests in; rolled
    back once the module is done. Everyone signs in once, here (``World.sessions``)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(STORAGES=_storages(files), **BUILD_SETTINGS):
                built = build_world()
                for role, user in built.users.items():
                    if user is not None:
                        client = Client()
                        client.force_login(user)
                        built.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        except BaseException:
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _world_settings(_fast_and_isolated: None, settings: Any, files: Path) -> Iterator[None]:
    """The world's files where the world left them (the root conftest gives each test empty
    ones); an empty cache (whole pages, the validator's throttle)."""
    settings.STORAGES = _storages(files)
    for name, value in UPLOAD_SETTINGS.items():
        setattr(settings, name, value)
    cache.clear()
    yield
    cache.clear()


class Asker:
    """A browser of one role. It reads every streamed answer to its end, which closes it (a file
    would stay open otherwise); the test client closes the others."""

    def __init__(self, world: World, role: str) -> None:
        self.client = Client(raise_request_exception=False)
        if role in world.sessions:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]

    def __call__(self, method: str, path: str, **kwargs: Any) -> HttpResponse:
        response = getattr(self.client, method)(path, **kwargs)
        if response.streaming:
            b"".join(response.streaming_content)
        return response


def _answer(response: HttpResponse) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


def _url(world: World, pattern: Pattern, **overrides: Any) -> str:
    url = CLASSIFICATION[pattern.name]
    kwargs = {**url.kwargs(world), **overrides}
    if pattern.suffixed:
        kwargs["format"] = "json"
    return reverse(pattern.name, kwargs=kwargs)


def _json(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"data": json.dumps(payload), "content_type": "application/json"}


# --- Every URL is classified, and only URLs that exist ----------------------------------------


def test_every_url_is_classified():
    missing = sorted({f"{p.name}  (/{p.route})" for p in PATTERNS if p.name not in CLASSIFICATION})
    assert not missing, (
        "These URL patterns are not classified: add each to CLASSIFICATION in "
        "tests/test_url_inventory.py with its audience and arguments:\n  " + "\n  ".join(missing)
    )


def test_every_classified_url_exists():
    stale = sorted(set(CLASSIFICATION) - {p.name for p in PATTERNS})
    assert not stale, (
        "CLASSIFICATION names URLs the project no longer has; remove them:\n  " + "\n  ".join(stale)
    )


def test_only_the_api_has_two_patterns_for_a_name():
    seen: dict[str, list[Pattern]] = {}
    for pattern in PATTERNS:
        seen.setdefault(pattern.name, []).append(pattern)
    twice = {
        name: [p.route for p in found]
        for name, found in seen.items()
        if len(found) > 1 and sorted(p.suffixed for p in found) != [False, True]
    }
    assert twice == {}


# --- Who gets what -----------------------------------------------------------------------------


#: A statement that writes, and the table it writes to.
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.I)


def _writes(queries: CaptureQueriesContext) -> list[str]:
    """The statements that wrote to the database, but for the session's own table."""
    found = []
    for query in queries.captured_queries:
        match = WRITE.match(query["sql"])
        if match and match[1] != "django_session":
            found.append(query["sql"][:300])
    return found


def _matrix_request(ask: Asker, world: World, url: Url, path: str) -> HttpResponse:
    """GET, or an empty POST (with the body the view reads, if any) when the view takes no GET."""
    if "GET" in url.methods:
        return ask("get", path)
    if url.body is not None:
        return ask("post", path, **_json(url.body(world)))
    return ask("post", path)


@pytest.mark.parametrize("pattern", [_case(p) for p in CASES])
def test_access(world, pattern):
    url = CLASSIFICATION[pattern.name]
    allowed = url.allowed()
    path = _url(world, pattern)
    expected: dict[str, int | str] = {}
    got: dict[str, int | str] = {}
    wrote: dict[str, list[str]] = {}
    for role in url.asking():
        if role in allowed:
            expected[role] = url.expected_ok(role)
        else:
            expected[role] = url.anonymous if role == "anonymous" else url.refused
        with CaptureQueriesContext(connection) as queries:
            got[role] = _answer(_matrix_request(Asker(world, role), world, url, path))
        if role not in allowed and _writes(queries):
            wrote[role] = _writes(queries)
    assert got == expected, f"{pattern.id} ({url.audience}): {path}"
    assert wrote == {}, f"{pattern.id}: a refused person's request wrote to the database"


def test_the_matrix_asks_the_people_each_rule_is_about():
    for audience, roles in MATRIX.items():
        assert "anonymous" in roles, audience
        assert set(roles) & ALLOWED[audience], f"nobody allowed asks: {audience}"
    owned = (Audience.CANDIDATE, Audience.UPLOADER, Audience.REGISTRANT, Audience.APPLICANT)
    assert all("other_candidate" in MATRIX[audience] for audience in owned)
    assert {"office_b", "juror"} <= set(MATRIX[Audience.OFFICE])
    assert {"office_b", "juror"} <= set(MATRIX[Audience.SECRETARIAT])


SECRET_CASES = [p for p in CASES if CLASSIFICATION[p.name].forged is not None]


def _forge(secret: str) -> str:
    return secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")


@pytest.mark.parametrize("pattern", [_case(p) for p in SECRET_CASES])
def test_a_tampered_personal_link_is_refused(world, pattern):
    url = CLASSIFICATION[pattern.name]
    key = next(name for name in ("token", "signature") if name in url.kwargs(world))
    path = _url(world, pattern, **{key: _forge(url.kwargs(world)[key])})
    assert _answer(Asker(world, url.acting())("get", path)) == url.forged


# --- Bad input ---------------------------------------------------------------------------------

#: "²" passes ``str.isdigit`` but not ``int``; twenty nines overflow 64 bits; the rest is text a
#: careless view might pass on to the database (a NUL byte, which PostgreSQL refuses) or a page.
TWO = "²"
HUGE = "9" * 20
GARBAGE = {
    "page": TWO, "limit": "-1", "offset": HUGE, "year": HUGE, "month": "2025-13", "days": HUGE,
    "age": TWO, "born": "2025-02-30", "city": TWO, "competition": HUGE, "discipline": "\x00",
    "disciplines": TWO, "division": "xyz", "edition": TWO, "round": HUGE, "id": TWO,
    "sort": "';drop table", "q": "\x00", "status": "nope", "kind": "nope", "when": "nope",
    "country": "zz", "deadline": "nope", "starts_on": "2025-02-30", "ends_on": "x",
    "names": "\x00", "script": "\x00", "format": "xyz", "download": "\x00",
    "next": "//evil.example.org",
}  # fmt: skip
GARBAGE_QUERY = urlencode(GARBAGE) + "&q=%FF%FE&page="
#: A POST's garbage: the query's, and what forms of the project read.
GARBAGE_FIELDS = {
    **GARBAGE,
    "application": "not-a-uuid", "applications": [TWO, HUGE], "member": TWO, "motion": TWO,
    "session": TWO, "sessions": HUGE, "category": TWO, "juror": HUGE, "teacher_1": TWO,
    "instrument": HUGE, "version": TWO, "lessons": HUGE, "size": HUGE, "value": "NaN",
    "choice": "nope", "method": "nope", "to": "nope", "decision": "nope", "listing": "nope",
    "purpose": "nope", "vote": "maybe", "visible": "maybe", "witness": "\x00", "note": "\x00",
    "reason": "\x00", "code": "\x00", "title": "\x00", "minutes_en": "\x00",
    "full_name": "\x00", "given_name": "\x00", "family_name": "", "other_names": "\x00" * 3,
    "institutions": "x" * 5000, "started_on": "2025-02-30", "ended_on": "x",
    "recorded_on": "1800-01-01", "birth_date": TWO, "date_of_birth": TWO,
    "publish_at": "yesterday", "sheets_at": HUGE, "release_feedback": "x", "citizenship": "ZZ",
    "pairs": "[[1, 2, 3]]", "confirm": "1", "sha256": "zz", "record": "{", "answers": "{",
    "submission_key": TWO, "autosave": "1", "preview": "1", "language": "xx",
    "email": "not-an-email", "password": "x", "password1": "x", "action": "erase",
    "agree": "", "url": "javascript:alert(1)", "filename": "../../etc/passwd",
    "motivation": "", "recording_url": "x", "composer_0": "\x00",
    "teachers-TOTAL_FORMS": TWO, "teachers-INITIAL_FORMS": "-1", "form-TOTAL_FORMS": HUGE,
    "form-INITIAL_FORMS": "0", "members-TOTAL_FORMS": "-5",
}  # fmt: skip
#: JSON of the wrong type for a field, in turn.
WRONG_TYPES: list[Any] = [20250101, None, [TWO], {"a": 1}, 1e308, True, TWO, -(2**70)]


def _garbage_files() -> dict[str, io.BytesIO]:
    files = {}
    for name in ("file", "document", "photo"):
        handle = io.BytesIO(b"\x00garbage\xff" * 10)
        handle.name = "../garbage.pdf"
        files[name] = handle
    return files


def _mistyped(body: dict[str, Any], shift: int) -> dict[str, Any]:
    """The view's own request, with every field of a wrong JSON type but those that choose the
    object and the kind of request."""
    fields = [name for name in body if name not in ("application", "purpose")]
    wrong = {
        name: WRONG_TYPES[(index + shift) % len(WRONG_TYPES)] for index, name in enumerate(fields)
    }
    return {**body, **wrong}


def _bad_bodies(world: World, url: Url) -> dict[str, dict[str, Any]]:
    """The bad POSTs a view gets: for a form, an empty and a garbage one; for a JSON endpoint,
    also JSON that is not an object, of the wrong types in each field, or not UTF-8."""
    if not url.json:
        return {"empty": {}, "garbage": {"data": {**GARBAGE_FIELDS, **_garbage_files()}}}
    bodies = {
        "empty": {"content_type": "application/json"},
        "garbage": _json(GARBAGE_FIELDS),
        "not an object": _json([1, TWO]),  # type: ignore[arg-type]
        "not UTF-8": {"data": b'{"a": "\xff\xfe"}', "content_type": "application/json"},
    }
    if url.body is not None:
        for shift in range(len(WRONG_TYPES)):  # every field gets every wrong type in turn
            bodies[f"wrong types {shift}"] = _json(_mistyped(url.body(world), shift))
    return bodies


@pytest.mark.parametrize("pattern", [_case(p) for p in CASES])
def test_garbage_query_parameters_never_fail(world, pattern):
    url = CLASSIFICATION[pattern.name]
    path = f"{_url(world, pattern)}?{GARBAGE_QUERY}"
    response = Asker(world, url.acting())("get", path, headers={"Range": f"bytes={TWO}-,9-2"})
    if "GET" in url.methods:
        assert response.status_code < 500
    else:  # the REST framework reads ``?format=`` first: no such format
        assert response.status_code == (404 if url.audience is Audience.API else 405)


#: URLs with a number in the path (the REST framework's ``pk`` takes any text; an id there).
INT_CASES = [p for p in CASES if "<int:" in p.route or "(?P<pk>" in p.route]


@pytest.mark.parametrize("pattern", [_case(p) for p in INT_CASES])
def test_out_of_range_ids_in_the_path_are_not_found(world, pattern):
    url = CLASSIFICATION[pattern.name]
    huge = {name: 2**64 for name, value in url.kwargs(world).items() if type(value) is int}
    response = _matrix_request(Asker(world, url.acting()), world, url, _url(world, pattern, **huge))
    assert response.status_code == 404


@pytest.mark.parametrize("pattern", [_case(p) for p in CASES])
def test_bad_posts_never_fail_and_a_refused_one_writes_nothing(world, pattern):
    url = CLASSIFICATION[pattern.name]
    ask = Asker(world, url.acting())
    path = _url(world, pattern)
    if "POST" not in url.methods:
        assert ask("post", path, data=GARBAGE_FIELDS).status_code == 405
        return
    statuses, wrote = {}, {}
    for name, body in _bad_bodies(world, url).items():
        with CaptureQueriesContext(connection) as queries:
            statuses[name] = ask("post", path, **body).status_code
        if url.post is Post.REFUSED and _writes(queries):
            wrote[name] = _writes(queries)
    failed = {name: status for name, status in statuses.items() if status >= 500 or status == 405}
    assert failed == {}, f"{pattern.id}: a bad POST failed"
    assert wrote == {}, f"{pattern.id}: a refused POST wrote to the database"


#: A chunk's headers, wrong each in its own way (``CONTENT_LENGTH``: as a server passes it on).
BAD_CHUNKS: dict[str, dict[str, Any]] = {
    "offset that is no number": {"headers": {"Upload-Offset": TWO}},
    "offset past the file": {"headers": {"Upload-Offset": HUGE}},
    "negative offset": {"headers": {"Upload-Offset": "-1"}},
    "no offset": {},
    "length that is no number": {"headers": {"Upload-Offset": "0"}, "CONTENT_LENGTH": TWO},
    "garbage checksum": {"headers": {"Upload-Offset": "0", "Upload-Checksum": f"sha256 {TWO}"}},
    "unknown checksum": {"headers": {"Upload-Offset": "0", "Upload-Checksum": "md5 AAAA"}},
}


@pytest.mark.parametrize("chunk", BAD_CHUNKS.values(), ids=BAD_CHUNKS)
def test_a_bad_chunk_of_an_upload_is_refused_and_writes_nothing(world, chunk):
    path = reverse("uploads:upload", kwargs={"upload_id": world.upload.pk})
    with CaptureQueriesContext(connection) as queries:
        response = Asker(world, "candidate")(
            "patch", path, data=b"\x00" * 10, content_type="application/offset+octet-stream",
            **chunk,
        )  # fmt: skip
    assert 400 <= response.status_code < 500
    assert _writes(queries) == []
