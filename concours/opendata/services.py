"""Writes of the open data: importing an interchange document (docs/open-data.md).

``import_document`` creates or replaces an imported edition — found by competition slug and
year — with its divisions, rounds, prizes, jury and published results, in one transaction:
everything or nothing. ``dry_run`` does the same work and rolls it back, so the preview shows
exactly what the import would do.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from concours import interchange as ix
from concours.accounts.models import User
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    FeePolicy,
    JuryMember,
    Prize,
    Round,
)
from concours.federation.models import City, Discipline, Federation
from concours.interchange import Problem, pointer
from concours.opendata import reading
from concours.opendata.checks import competition_is_local, database_problems
from concours.opendata.models import ImportedEdition, ImportedResult


class _Rejected(Exception):
    """A row the database refused: roll back and report it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.path)
        self.problem = problem


@dataclass
class ImportOutcome:
    """What an import did (or, in a dry run, would do)."""

    edition: Edition
    created_competition: bool
    created_edition: bool
    competition_updated: bool
    divisions: int = 0
    rounds: int = 0
    prizes: int = 0
    jurors: int = 0
    results: int = 0
    replaced: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False


def import_text(
    *, text: str | bytes, federation: Federation, actor: User | None, dry_run: bool = False
) -> ImportOutcome | list[Problem]:
    """Parse and import ``text``: the outcome, or every problem (and nothing changed)."""
    found = reading.parse(text)
    if isinstance(found, list):
        return found
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_document(
        document=found,
        federation=federation,
        actor=actor,
        dry_run=dry_run,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def import_document(
    *,
    document: ix.Document,
    federation: Federation,
    actor: User | None,
    dry_run: bool = False,
    sha256: str = "",
) -> ImportOutcome | list[Problem]:
    """Import a parsed document; problems against the site's data change nothing."""
    try:
        with transaction.atomic():
            problems = database_problems(document)
            if problems:
                return problems
            outcome = _write(document, federation, actor, sha256)
            outcome.dry_run = dry_run
            if dry_run:
                transaction.set_rollback(True)
            return outcome
    except _Rejected as rejected:
        return [rejected.problem]


def _save(row: Model, at: tuple[str | int, ...]) -> None:
    """Validate and save ``row``; a refusal becomes a problem at ``at``."""
    try:
        row.full_clean(validate_unique=False, validate_constraints=False)
        with transaction.atomic():
            row.save()
    except ValidationError as error:
        detail = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise _Rejected(Problem("rejected", pointer(*at), {"detail": detail})) from None
    except IntegrityError as error:
        raise _Rejected(Problem("rejected", pointer(*at), {"detail": str(error)})) from None


def _write(
    document: ix.Document, federation: Federation, actor: User | None, sha256: str
) -> ImportOutcome:
    data = document.competition
    city = City.objects.filter(slug=data.city.code).first()
    if city is None:
        city = City(
            slug=data.city.code,
            name_en=data.city.name.en,
            name_zh=data.city.name.zh,
            country=data.city.country,
            time_zone=data.city.time_zone,
        )
        _save(city, ("competition", "city"))
    competition = Competition.objects.filter(slug=data.slug).first()
    created_competition = competition is None
    updated = created_competition or not competition_is_local(competition)  # type: ignore[arg-type]
    if competition is None:
        competition = Competition(slug=data.slug, federation=federation)
    if updated:
        competition.name_en, competition.name_zh = data.name.en, data.name.zh
        competition.short_name_en, competition.short_name_zh = (
            data.short_name.en,
            data.short_name.zh,
        )
        competition.city = city
        competition.founded_year = data.founded_year
        competition.website = data.website
        if competition.federation_id is None:
            competition.federation = federation
        _save(competition, ("competition",))
        competition.disciplines.set(Discipline.objects.filter(code__in=data.disciplines))
    edition = Edition.objects.filter(competition=competition, year=document.edition.year).first()
    created_edition = edition is None
    outcome = ImportOutcome(
        edition=edition or Edition(competition=competition, year=document.edition.year),
        created_competition=created_competition,
        created_edition=created_edition,
        competition_updated=updated and not created_competition,
    )
    edition = outcome.edition
    if not created_edition:
        outcome.replaced = {
            "divisions": edition.divisions.count(),
            "prizes": edition.prizes.count(),
            "jurors": edition.jury.count(),
        }
        edition.prizes.all().delete()
        edition.jury.all().delete()
        edition.divisions.all().delete()  # rounds and imported results go with them
    _edition(edition, document.edition)
    _contents(document, edition, outcome)
    ImportedEdition.objects.update_or_create(
        edition=edition,
        defaults={
            "federation": federation,
            "imported_by": actor,
            "imported_at": timezone.now(),
            "version": "{}.{}".format(*document.version),
            "document_sha256": sha256,
        },
    )
    return outcome


def _edition(edition: Edition, data: ix.Edition) -> None:
    edition.number = data.number
    edition.title_en, edition.title_zh = data.title.en, data.title.zh
    edition.status = data.status
    edition.starts_on, edition.ends_on = data.starts_on, data.ends_on
    edition.time_zone = data.time_zone
    edition.venue_en, edition.venue_zh = data.venue.en, data.venue.zh
    edition.applications_open_at = data.applications_open_at
    edition.applications_close_at = data.applications_close_at
    _save(edition, ("edition",))


def _contents(document: ix.Document, edition: Edition, outcome: ImportOutcome) -> None:
    disciplines = {
        d.code: d for d in Discipline.objects.filter(code__in=document.competition.disciplines)
    }
    divisions: dict[str, Division] = {}
    rounds: dict[tuple[str, int], Round] = {}
    for index, data in enumerate(document.divisions):
        fee = data.fee
        division = Division(
            edition=edition,
            discipline=disciplines[data.discipline],
            slug=data.code,
            name_en=data.name.en,
            name_zh=data.name.zh,
            order=index + 1,
            born_on_or_after=data.birth_window.earliest,
            born_on_or_before=data.birth_window.latest,
            ages_counted_on=data.ages_counted_on,
            min_members=data.min_members,
            max_members=data.max_members,
            fee_policy=fee.due if fee else FeePolicy.NONE,
            fee_amount=fee.amount if fee else None,
            fee_currency=fee.currency if fee else "",
        )
        _save(division, ("divisions", index))
        divisions[data.code] = division
        for position, item in enumerate(data.rounds):
            round_ = Round(
                division=division,
                number=item.number,
                name_en=item.name.en,
                name_zh=item.name.zh,
                kind=item.kind,
                starts_on=item.starts_on,
                ends_on=item.ends_on,
                advancing=item.advancing,
                scoring_preset=item.scoring.preset,
                scoring_parameters=item.scoring.parameters,
            )
            _save(round_, ("divisions", index, "rounds", position))
            rounds[(data.code, item.number)] = round_
    outcome.divisions, outcome.rounds = len(divisions), len(rounds)
    for index, prize in enumerate(document.prizes):
        _save(
            Prize(
                edition=edition,
                division=divisions.get(prize.division or ""),
                kind=prize.kind,
                place=prize.place,
                name_en=prize.name.en,
                name_zh=prize.name.zh,
                amount=prize.amount,
                currency=prize.currency or "",
                medal=prize.medal or "",
                outcome=prize.outcome,
            ),
            ("prizes", index),
        )
    for index, juror in enumerate(document.jury):
        _save(
            JuryMember(
                edition=edition,
                division=divisions.get(juror.division or ""),
                name_en=juror.name.en,
                name_zh=juror.name.zh,
                country=juror.country,
                is_chair=juror.chair,
                order=index + 1,
            ),
            ("jury", index),
        )
    outcome.prizes, outcome.jurors = len(document.prizes), len(document.jury)
    for index, result in enumerate(document.results):
        _save(_result(rounds[(result.division, result.round)], result), ("results", index))
    outcome.results = len(document.results)


def _result(round_: Round, result: ix.Result) -> ImportedResult:
    return ImportedResult(
        round=round_,
        published_at=result.published_at,
        listing=result.listing,
        record_digest=result.record_digest or "",
        candidates=[
            {
                "code": c.code,
                "name": c.name,
                "native_name": c.native_name,
                "countries": list(c.countries),
            }
            for c in result.candidates
        ],
        advancers=list(result.advancers),
        awards=[
            {"place": a.place, "candidates": list(a.candidates), "withheld": a.withheld}
            for a in result.awards
        ],
        ranking=None
        if result.ranking is None
        else [
            {"candidate": r.candidate, "rank": r.rank, "score": r.score, "advanced": r.advanced}
            for r in result.ranking
        ],
    )
