"""``export_edition``: a public edition as an interchange document (docs/open-data.md).

Only what the public pages show leaves the site: no draft edition, results only of rounds
whose embargo has passed (the full ranking only once the score sheets are public), candidates
with the name and countries the edition publishes, jurors by name, country and chair.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from concours import interchange as ix
from concours.competitions.models import (
    Division,
    Edition,
    EditionStatus,
    FeePolicy,
    JuryMember,
    Prize,
    Round,
)
from concours.opendata.models import ImportedResult
from concours.publication.models import Publication
from concours.publication.selectors import published_round


class NotPublic(Exception):
    """Drafts are never exported."""


def _text(en: str, zh: str) -> ix.Text:
    return ix.Text(en, zh)


def _parameters(value: Any) -> Any:
    """Scoring parameters without floats (the format has none: spec §1)."""
    if isinstance(value, dict):
        return {str(key): _parameters(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_parameters(item) for item in value]
    if isinstance(value, float):
        return repr(value)
    return value


def export_edition(edition: Edition, *, now: dt.datetime | None = None) -> ix.Document:
    """The public document of ``edition`` as of ``now``. Raises ``NotPublic`` for a draft."""
    if edition.status == EditionStatus.DRAFT:
        raise NotPublic(edition.pk)
    now = timezone.now() if now is None else now
    competition = edition.competition
    city = competition.city
    divisions = list(
        Division.objects.filter(edition=edition)
        .select_related("discipline")
        .prefetch_related("rounds")
        .order_by("order", "name_en", "pk")
    )
    return ix.Document(
        competition=ix.Competition(
            slug=competition.slug,
            name=_text(competition.name_en, competition.name_zh),
            short_name=_text(competition.short_name_en, competition.short_name_zh),
            city=ix.City(
                code=city.slug,
                name=_text(city.name_en, city.name_zh),
                country=city.country.code,
                time_zone=city.time_zone,
            ),
            founded_year=competition.founded_year,
            website=competition.website,
            disciplines=tuple(sorted(competition.disciplines.values_list("code", flat=True))),
        ),
        edition=ix.Edition(
            year=edition.year,
            number=edition.number,
            title=_text(edition.title_en, edition.title_zh),
            status=edition.status,
            starts_on=edition.starts_on,
            ends_on=edition.ends_on,
            time_zone=edition.time_zone,
            venue=_text(edition.venue_en, edition.venue_zh),
            applications_open_at=edition.applications_open_at,
            applications_close_at=edition.applications_close_at,
        ),
        divisions=tuple(_division(division) for division in divisions),
        prizes=tuple(_prize(prize) for prize in _prizes(edition, divisions)),
        jury=tuple(_juror(member) for member in _jury(edition, divisions)),
        results=_results(edition, divisions, now),
    )


def _division(division: Division) -> ix.Division:
    fee = None
    if division.fee_policy != FeePolicy.NONE and division.fee_amount is not None:
        fee = ix.Fee(division.fee_amount, division.fee_currency, division.fee_policy)
    return ix.Division(
        code=division.slug,
        name=_text(division.name_en, division.name_zh),
        discipline=division.discipline.code,
        birth_window=ix.BirthWindow(division.born_on_or_after, division.born_on_or_before),
        ages_counted_on=division.ages_counted_on,
        min_members=division.min_members,
        max_members=division.max_members,
        fee=fee,
        rounds=tuple(
            ix.Round(
                number=round_.number,
                name=_text(round_.name_en, round_.name_zh),
                kind=round_.kind,
                starts_on=round_.starts_on,
                ends_on=round_.ends_on,
                advancing=round_.advancing,
                scoring=ix.Scoring(round_.scoring_preset, _parameters(round_.scoring_parameters)),
            )
            for round_ in sorted(division.rounds.all(), key=lambda r: r.number)
        ),
    )


def _positions(divisions: list[Division]) -> dict[int | None, int]:
    return {division.pk: index for index, division in enumerate(divisions, start=1)}


def _prizes(edition: Edition, divisions: list[Division]) -> list[Prize]:
    """Division by division (prizes open to every division last), placed before special."""
    position = _positions(divisions)
    last = len(divisions) + 1
    return sorted(
        Prize.objects.filter(edition=edition).select_related("division"),
        key=lambda p: (position.get(p.division_id, last), p.kind, p.place or 0, p.name_en, p.pk),
    )


def _jury(edition: Edition, divisions: list[Division]) -> list[JuryMember]:
    """The edition-wide jury first, then division by division; chairs first, in order."""
    position = _positions(divisions)
    return sorted(
        JuryMember.objects.filter(edition=edition).select_related("division"),
        key=lambda m: (position.get(m.division_id, 0), not m.is_chair, m.order, m.name_en, m.pk),
    )


def _juror(member: JuryMember) -> ix.Juror:
    return ix.Juror(
        name=_text(member.name_en, member.name_zh),
        country=member.country.code,
        division=member.division.slug if member.division else None,
        chair=member.is_chair,
    )


def _prize(prize: Prize) -> ix.Prize:
    return ix.Prize(
        division=prize.division.slug if prize.division else None,
        kind=prize.kind,
        place=prize.place,
        name=_text(prize.name_en, prize.name_zh),
        amount=prize.amount,
        currency=prize.currency or None,
        medal=prize.medal or None,
        outcome=prize.outcome,
    )


def _results(
    edition: Edition, divisions: list[Division], now: dt.datetime
) -> tuple[ix.Result, ...]:
    """The published rounds: the site's own publications, or what an import brought."""
    order = {division.pk: index for index, division in enumerate(divisions)}

    def key(round_: Round) -> tuple[int, int]:
        return order[round_.division_id], round_.number

    imported = list(
        ImportedResult.objects.filter(
            round__division__edition=edition, published_at__lte=now
        ).select_related("round__division")
    )
    if imported:
        return tuple(_imported(item) for item in sorted(imported, key=lambda item: key(item.round)))
    publications = Publication.objects.filter(
        round__division__edition=edition, publish_at__lte=now
    ).select_related("round__division__edition")
    return tuple(
        _published(publication, now)
        for publication in sorted(publications, key=lambda p: key(p.round))
    )


def _imported(item: ImportedResult) -> ix.Result:
    return ix.Result(
        division=item.round.division.slug,
        round=item.round.number,
        published_at=item.published_at,
        listing=item.listing,
        record_digest=item.record_digest or None,
        candidates=tuple(
            ix.Candidate(c["code"], c["name"], c["native_name"], tuple(c["countries"]))
            for c in item.candidates
        ),
        advancers=tuple(item.advancers),
        awards=tuple(
            ix.Award(a["place"], tuple(a["candidates"]), a["withheld"]) for a in item.awards
        ),
        ranking=None
        if item.ranking is None
        else tuple(
            ix.Ranked(r["candidate"], r["rank"], r["score"], r["advanced"]) for r in item.ranking
        ),
    )


def _published(publication: Publication, now: dt.datetime) -> ix.Result:
    published = published_round(publication)
    people = sorted(
        {row.candidate.label: row.candidate for row in published.results}.values(),
        key=lambda person: person.sort_key,
    )
    code = {person.label: f"c{index}" for index, person in enumerate(people, start=1)}
    ranking = None
    if publication.sheets_public(now):
        ranking = tuple(
            ix.Ranked(code[row.candidate.label], row.rank, row.score, row.advanced)
            for row in published.results
        )
    return ix.Result(
        division=publication.round.division.slug,
        round=publication.round.number,
        published_at=publication.publish_at,
        listing=publication.listing,
        record_digest=publication.record_digest or None,
        candidates=tuple(
            ix.Candidate(
                code=code[person.label],
                name=person.name,
                native_name=person.native_name,
                countries=tuple(c for c in person.country_codes.split(", ") if c),
            )
            for person in people
        ),
        advancers=tuple(code[row.candidate.label] for row in published.advancers()),
        awards=tuple(
            ix.Award(
                place=row.place,
                candidates=tuple(code[person.label] for person in row.candidates),
                withheld=row.withheld,
            )
            for row in published.prizes()
        ),
        ranking=ranking,
    )
