"""``dump(document)``: the canonical text of a document (spec §9) — every member present,
keys sorted, two-space indentation, UTF-8 without escapes, one final newline. Reading a
canonical text and dumping it gives the same bytes."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from concours.interchange import model as m
from concours.interchange.model import Json


def _text(text: m.Text) -> Json:
    return {"en": text.en, "zh": text.zh}


def _date(value: dt.date | None) -> Json:
    return None if value is None else value.isoformat()


def _time(value: dt.datetime | None) -> Json:
    """UTC, to the second (or microsecond when given), written with ``Z``."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _decimal(value: Decimal | None) -> Json:
    return None if value is None else str(value)


def to_json(document: m.Document) -> dict[str, Json]:
    """The document as plain JSON values."""
    competition, edition = document.competition, document.edition
    return {
        "format": m.FORMAT,
        "version": f"{m.VERSION[0]}.{m.VERSION[1]}",
        "competition": {
            "slug": competition.slug,
            "name": _text(competition.name),
            "short_name": _text(competition.short_name),
            "city": {
                "code": competition.city.code,
                "name": _text(competition.city.name),
                "country": competition.city.country,
                "time_zone": competition.city.time_zone,
            },
            "founded_year": competition.founded_year,
            "website": competition.website,
            "disciplines": list(competition.disciplines),
        },
        "edition": {
            "year": edition.year,
            "number": edition.number,
            "title": _text(edition.title),
            "status": edition.status,
            "starts_on": _date(edition.starts_on),
            "ends_on": _date(edition.ends_on),
            "time_zone": edition.time_zone,
            "venue": _text(edition.venue),
            "applications_open_at": _time(edition.applications_open_at),
            "applications_close_at": _time(edition.applications_close_at),
        },
        "divisions": [_division(division) for division in document.divisions],
        "prizes": [_prize(prize) for prize in document.prizes],
        "jury": [
            {
                "name": _text(juror.name),
                "country": juror.country,
                "division": juror.division,
                "chair": juror.chair,
            }
            for juror in document.jury
        ],
        "results": [_result(result) for result in document.results],
    }


def _division(division: m.Division) -> Json:
    fee = division.fee
    return {
        "code": division.code,
        "name": _text(division.name),
        "discipline": division.discipline,
        "birth_window": {
            "earliest": _date(division.birth_window.earliest),
            "latest": _date(division.birth_window.latest),
        },
        "ages_counted_on": _date(division.ages_counted_on),
        "members": {"min": division.min_members, "max": division.max_members},
        "fee": None
        if fee is None
        else {"amount": _decimal(fee.amount), "currency": fee.currency, "due": fee.due},
        "rounds": [
            {
                "number": round_.number,
                "name": _text(round_.name),
                "kind": round_.kind,
                "starts_on": _date(round_.starts_on),
                "ends_on": _date(round_.ends_on),
                "advancing": round_.advancing,
                "scoring": {
                    "preset": round_.scoring.preset,
                    "parameters": round_.scoring.parameters,
                },
            }
            for round_ in division.rounds
        ],
    }


def _prize(prize: m.Prize) -> Json:
    return {
        "division": prize.division,
        "kind": prize.kind,
        "place": prize.place,
        "name": _text(prize.name),
        "amount": _decimal(prize.amount),
        "currency": prize.currency,
        "medal": prize.medal,
        "outcome": prize.outcome,
    }


def _result(result: m.Result) -> Json:
    return {
        "division": result.division,
        "round": result.round,
        "published_at": _time(result.published_at),
        "listing": result.listing,
        "record_digest": result.record_digest,
        "candidates": [
            {
                "code": candidate.code,
                "name": candidate.name,
                "native_name": candidate.native_name,
                "countries": list(candidate.countries),
            }
            for candidate in result.candidates
        ],
        "advancers": list(result.advancers),
        "awards": [
            {"place": award.place, "candidates": list(award.candidates), "withheld": award.withheld}
            for award in result.awards
        ],
        "ranking": None
        if result.ranking is None
        else [
            {
                "candidate": row.candidate,
                "rank": row.rank,
                "score": row.score,
                "advanced": row.advanced,
            }
            for row in result.ranking
        ],
    }


def dump(document: m.Document) -> str:
    """The canonical text of ``document``."""
    return json.dumps(to_json(document), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
