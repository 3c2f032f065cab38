"""``parse(text)``: a document, or every problem in it (spec §2–§7)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Final, cast

from concours.interchange import model as m
from concours.interchange.consistency import check_consistency
from concours.interchange.fields import CODE, COUNTRY, At, Reader
from concours.interchange.jsontext import Float, load
from concours.interchange.model import Json
from concours.interchange.problems import Problem

VERSION_TEXT = re.compile(r"(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})")

#: Most items a list may hold (spec §1).
LIMITS: Final = {
    "disciplines": 50,
    "divisions": 50,
    "rounds": 20,
    "prizes": 500,
    "jury": 500,
    "results": 500,
    "candidates": 5000,
    "countries": 10,
    "awards": 100,
}

TOP: Final = (
    "format",
    "version",
    "competition",
    "edition",
    "divisions",
    "prizes",
    "jury",
    "results",
)
COMPETITION: Final = (
    "slug",
    "name",
    "short_name",
    "city",
    "founded_year",
    "website",
    "disciplines",
)
CITY: Final = ("code", "name", "country", "time_zone")
EDITION: Final = (
    "year",
    "number",
    "title",
    "status",
    "starts_on",
    "ends_on",
    "time_zone",
    "venue",
    "applications_open_at",
    "applications_close_at",
)
DIVISION: Final = (
    "code",
    "name",
    "discipline",
    "birth_window",
    "ages_counted_on",
    "members",
    "fee",
    "rounds",
)
ROUND: Final = ("number", "name", "kind", "starts_on", "ends_on", "advancing", "scoring")
PRIZE: Final = ("division", "kind", "place", "name", "amount", "currency", "medal", "outcome")
JUROR: Final = ("name", "country", "division", "chair")
RESULT: Final = (
    "division",
    "round",
    "published_at",
    "listing",
    "record_digest",
    "candidates",
    "advancers",
    "awards",
    "ranking",
)
CANDIDATE: Final = ("code", "name", "native_name", "countries")
AWARD: Final = ("place", "candidates", "withheld")
RANKED: Final = ("candidate", "rank", "score", "advanced")


def parse(text: str | bytes) -> m.Document | list[Problem]:
    """The document in ``text``, or every problem found in it, in document order."""
    value, problems = load(text)
    if value is None:
        return problems
    header = _header(value)
    if isinstance(header, Problem):
        return [header]
    reader = Reader(lenient=header[1] > m.VERSION[1])
    try:
        document = _document(reader, value, header)
    except RecursionError:
        # The decoder nests up to Python's recursion limit; reading free-form values (scoring
        # parameters) nested almost that deep goes past it.
        return [Problem("too_deep", "")]
    # Cross-references are checked on what could be read; placeholders ("", 0) name nothing.
    found = problems + reader.problems + check_consistency(document, unread=reader.unread)
    return found or document


def _header(value: object) -> tuple[int, int] | Problem:
    """The version, once the document is known to be a concours-edition of a readable one."""
    if not isinstance(value, dict):
        return Problem("not_object", "")
    found = value.get("format")
    if found != m.FORMAT:
        return Problem("wrong_format", "/format", {"found": str(found)})
    version = value.get("version")
    match = None
    if isinstance(version, str) and not isinstance(version, Float):
        match = VERSION_TEXT.fullmatch(version)
    if match is None:
        return Problem("bad_version", "/version", {"found": str(version)})
    major, minor = int(match[1]), int(match[2])
    if major != m.VERSION[0]:
        params = {"found": str(version), "major": str(m.VERSION[0])}
        return Problem("unsupported_version", "/version", params)
    return major, minor


def _document(r: Reader, value: object, version: tuple[int, int]) -> m.Document:
    top = r.members(value, (), TOP)
    return m.Document(
        competition=_competition(r, _section(r, top, "competition", (), COMPETITION)),
        edition=_edition(r, _section(r, top, "edition", (), EDITION)),
        divisions=tuple(
            _division(r, r.members(item, at, DIVISION), at)
            for item, at in r.items(top, "divisions", (), limit=LIMITS["divisions"])
        ),
        prizes=tuple(
            _prize(r, r.members(item, at, PRIZE), at)
            for item, at in r.items(top, "prizes", (), limit=LIMITS["prizes"])
        ),
        jury=tuple(
            _juror(r, r.members(item, at, JUROR), at)
            for item, at in r.items(top, "jury", (), limit=LIMITS["jury"])
        ),
        results=tuple(
            _result(r, r.members(item, at, RESULT), at)
            for item, at in r.items(top, "results", (), limit=LIMITS["results"])
        ),
        version=version,
    )


def _section(
    r: Reader, obj: dict[str, object] | None, key: str, at: At, known: tuple[str, ...]
) -> dict[str, object] | None:
    """A member that must be an object (reported when missing or null)."""
    if obj is None:
        return None
    value = obj.get(key)
    if value is None:
        r.add("required", (*at, key))
        return None
    return r.members(value, (*at, key), known)


def _strings(
    r: Reader,
    obj: dict[str, object] | None,
    key: str,
    at: At,
    *,
    limit: int,
    pattern: re.Pattern[str],
    problem: str,
) -> tuple[str, ...]:
    """A list of codes (or country codes); a bad item is reported and left out."""
    found: list[str] = []
    for item, where in r.items(obj, key, at, limit=limit):
        if isinstance(item, Float):
            continue  # reported by the scan
        if not isinstance(item, str):
            r.add("not_string", where)
        elif not pattern.fullmatch(item):
            r.add(problem, where, value=item)
        else:
            found.append(item)
    return tuple(found)


def _competition(r: Reader, obj: dict[str, object] | None) -> m.Competition:
    at: At = ("competition",)
    city = _section(r, obj, "city", at, CITY)
    where = (*at, "city")
    website = r.opt_string(obj, "website", at) or ""
    if website and not website.startswith(("https://", "http://")):
        r.add("not_url", (*at, "website"), value=website)
    return m.Competition(
        slug=r.code(obj, "slug", at),
        name=r.text(obj, "name", at),
        short_name=r.text(obj, "short_name", at, limit=60),
        city=m.City(
            code=r.code(city, "code", where),
            name=r.text(city, "name", where),
            country=r.country(city, "country", where),
            time_zone=r.time_zone(city, "time_zone", where),
        ),
        founded_year=r.integer(obj, "founded_year", at, minimum=1800, maximum=2200),
        website=website,
        disciplines=_strings(
            r, obj, "disciplines", at, limit=LIMITS["disciplines"], pattern=CODE, problem="not_code"
        ),
    )


def _edition(r: Reader, obj: dict[str, object] | None) -> m.Edition:
    at: At = ("edition",)
    year = r.integer(obj, "year", at, minimum=1800, maximum=2200)
    starts_on = r.date(obj, "starts_on", at, required=True)
    ends_on = r.date(obj, "ends_on", at, required=True)
    r.in_order(starts_on, ends_on, (*at, "ends_on"), "starts_on")
    if starts_on and ends_on and year and year not in (starts_on.year, ends_on.year):
        r.add("year_mismatch", (*at, "year"), year=str(year))
    opens = r.datetime(obj, "applications_open_at", at)
    closes = r.datetime(obj, "applications_close_at", at)
    if opens is not None and closes is not None and closes <= opens:
        r.add("not_in_order", (*at, "applications_close_at"), other="applications_open_at")
    return m.Edition(
        year=year,
        number=r.opt_integer(obj, "number", at),
        title=r.text(obj, "title", at, required=False),
        status=r.choice(obj, "status", at, m.EDITION_STATUSES) or "",
        starts_on=starts_on or _NO_DATE,
        ends_on=ends_on or _NO_DATE,
        time_zone=r.time_zone(obj, "time_zone", at),
        venue=r.text(obj, "venue", at, required=False),
        applications_open_at=opens,
        applications_close_at=closes,
    )


#: Placeholders for values that could not be read (the document is then refused).
_NO_DATE: Final = dt.date.min
_NO_TIME: Final = dt.datetime.min.replace(tzinfo=dt.UTC)
_NO_AMOUNT: Final = Decimal(0)


def _division(r: Reader, obj: dict[str, object] | None, at: At) -> m.Division:
    window = _section(r, obj, "birth_window", at, ("earliest", "latest"))
    earliest = r.date(window, "earliest", (*at, "birth_window"))
    latest = r.date(window, "latest", (*at, "birth_window"))
    r.in_order(earliest, latest, (*at, "birth_window", "latest"), "earliest")
    members = _section(r, obj, "members", at, ("min", "max"))
    smallest = r.integer(members, "min", (*at, "members"))
    largest = r.integer(members, "max", (*at, "members"))
    if smallest and largest and largest < smallest:
        r.add("members_in_order", (*at, "members", "max"))
    return m.Division(
        code=r.code(obj, "code", at),
        name=r.text(obj, "name", at),
        discipline=r.code(obj, "discipline", at),
        birth_window=m.BirthWindow(earliest, latest),
        ages_counted_on=r.date(obj, "ages_counted_on", at),
        min_members=smallest,
        max_members=largest,
        fee=_fee(r, obj, at),
        rounds=tuple(
            _round(r, r.members(item, where, ROUND), where)
            for item, where in r.items(obj, "rounds", at, limit=LIMITS["rounds"])
        ),
    )


def _fee(r: Reader, obj: dict[str, object] | None, at: At) -> m.Fee | None:
    if obj is None or obj.get("fee") is None:
        return None
    fee = r.members(obj["fee"], (*at, "fee"), ("amount", "currency", "due"))
    where = (*at, "fee")
    amount = r.decimal(fee, "amount", where, places=2, digits=10, required=True)
    return m.Fee(
        amount=amount or _NO_AMOUNT,
        currency=r.currency(fee, "currency", where, required=True),
        due=r.choice(fee, "due", where, m.FEE_DUE) or "",
    )


def _round(r: Reader, obj: dict[str, object] | None, at: At) -> m.Round:
    starts_on = r.date(obj, "starts_on", at)
    ends_on = r.date(obj, "ends_on", at)
    r.in_order(starts_on, ends_on, (*at, "ends_on"), "starts_on")
    scoring = _section(r, obj, "scoring", at, ("preset", "parameters"))
    parameters = scoring.get("parameters") if scoring is not None else {}
    if isinstance(parameters, Float):
        parameters = {}  # reported by the scan
    elif parameters is None or not isinstance(parameters, dict):
        r.add(
            "not_object" if parameters is not None else "required", (*at, "scoring", "parameters")
        )
        parameters = {}
    return m.Round(
        number=r.integer(obj, "number", at),
        name=r.text(obj, "name", at),
        kind=r.choice(obj, "kind", at, m.ROUND_KINDS) or "",
        starts_on=starts_on,
        ends_on=ends_on,
        advancing=r.opt_integer(obj, "advancing", at),
        scoring=m.Scoring(
            preset=r.string(scoring, "preset", (*at, "scoring"), limit=40),
            parameters=_plain_object(parameters),
        ),
    )


def _plain_object(value: dict[str, object]) -> dict[str, Json]:
    return {key: _plain(item) for key, item in value.items()}


def _plain(value: object) -> Json:
    """Parsed JSON as plain values (floats never get here: the document is then refused)."""
    if isinstance(value, dict):
        return _plain_object(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return cast(Json, value)  # None, a boolean, a whole number or a string (or a Float)


def _prize(r: Reader, obj: dict[str, object] | None, at: At) -> m.Prize:
    amount = r.decimal(obj, "amount", at, places=2, digits=12)
    currency = r.currency(obj, "currency", at, required=False) or None
    if amount is not None and obj is not None and obj.get("currency") is None:
        r.add("amount_needs_currency", (*at, "currency"))
    return m.Prize(
        division=r.opt_code(obj, "division", at),
        kind=r.choice(obj, "kind", at, m.PRIZE_KINDS) or "",
        place=r.opt_integer(obj, "place", at),
        name=r.text(obj, "name", at),
        amount=amount,
        currency=currency,
        medal=r.choice(obj, "medal", at, m.MEDALS, required=False),
        outcome=r.choice(obj, "outcome", at, m.PRIZE_OUTCOMES) or "",
    )


def _juror(r: Reader, obj: dict[str, object] | None, at: At) -> m.Juror:
    return m.Juror(
        name=r.text(obj, "name", at),
        country=r.country(obj, "country", at),
        division=r.opt_code(obj, "division", at),
        chair=bool(r.opt_boolean(obj, "chair", at, required=True)),
    )


def _result(r: Reader, obj: dict[str, object] | None, at: At) -> m.Result:
    ranking = None
    if obj is not None and obj.get("ranking") is not None:
        ranking = tuple(
            _ranked(r, r.members(item, where, RANKED), where)
            for item, where in r.items(obj, "ranking", at, limit=LIMITS["candidates"])
        )
    return m.Result(
        division=r.code(obj, "division", at),
        round=r.integer(obj, "round", at),
        published_at=r.datetime(obj, "published_at", at, required=True) or _NO_TIME,
        listing=r.choice(obj, "listing", at, m.LISTINGS) or "",
        record_digest=r.digest(obj, "record_digest", at),
        candidates=tuple(
            _candidate(r, r.members(item, where, CANDIDATE), where)
            for item, where in r.items(obj, "candidates", at, limit=LIMITS["candidates"])
        ),
        advancers=_strings(
            r, obj, "advancers", at, limit=LIMITS["candidates"], pattern=CODE, problem="not_code"
        ),
        awards=tuple(
            _award(r, r.members(item, where, AWARD), where)
            for item, where in r.items(obj, "awards", at, limit=LIMITS["awards"])
        ),
        ranking=ranking,
    )


def _candidate(r: Reader, obj: dict[str, object] | None, at: At) -> m.Candidate:
    return m.Candidate(
        code=r.code(obj, "code", at),
        name=r.string(obj, "name", at),
        native_name=r.opt_string(obj, "native_name", at) or "",
        countries=_strings(
            r,
            obj,
            "countries",
            at,
            limit=LIMITS["countries"],
            pattern=COUNTRY,
            problem="not_country",
        ),
    )


def _award(r: Reader, obj: dict[str, object] | None, at: At) -> m.Award:
    return m.Award(
        place=r.integer(obj, "place", at),
        candidates=_strings(
            r, obj, "candidates", at, limit=LIMITS["candidates"], pattern=CODE, problem="not_code"
        ),
        withheld=bool(r.opt_boolean(obj, "withheld", at, required=True)),
    )


def _ranked(r: Reader, obj: dict[str, object] | None, at: At) -> m.Ranked:
    score = r.decimal(obj, "score", at, places=None, digits=30, required=True, positive=False)
    return m.Ranked(
        candidate=r.code(obj, "candidate", at),
        rank=r.integer(obj, "rank", at, maximum=1_000_000),
        score="" if score is None or obj is None else str(obj["score"]),
        advanced=r.opt_boolean(obj, "advanced", at),
    )
