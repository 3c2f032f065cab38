"""Reads for the published results: a publication shaped for its pages (advancers, prizes, the
full results, every juror's sheet), the edition's results index, and a candidate's feedback.

Everything shown is drawn from the publication's snapshot (the record as published, the order
of appearance, which candidate and juror each name stands for); the rows behind it are read in
a fixed number of queries whatever the number of candidates and jurors.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications.identity import public_identity
from concours.applications.models import Application
from concours.competitions.access import competitions_for_office
from concours.competitions.models import Edition, JuryMember, Prize, PrizeKind, Round
from concours.publication.models import Listing, Publication
from concours.results.models import Mark


@dataclass(frozen=True)
class Person:
    """A candidate as the public pages show them."""

    label: str  # the name as written in the results record
    name: str
    native_name: str = ""
    countries: str = ""  # the published countries' names, in the active language
    country_codes: str = ""
    place_of_study: str = ""
    sort_key: tuple[str, ...] = ()


@dataclass(frozen=True)
class Juror:
    label: str  # the name as written in the results record
    name: str  # in the active language
    name_en: str
    name_zh: str
    country: str = ""
    country_code: str = ""
    sort_key: tuple[object, ...] = ()


@dataclass(frozen=True)
class ResultRow:
    candidate: Person
    score: str
    rank: int
    advanced: bool | None
    position: int | None


@dataclass(frozen=True)
class PrizeRow:
    place: int
    name: str
    withheld: bool
    candidates: tuple[Person, ...]
    note: str

    @property
    def ex_aequo(self) -> bool:
        return len(self.candidates) > 1


@dataclass(frozen=True)
class SheetRow:
    position: int | None
    candidate: Person
    score: str  # "21", "21.5", "S" or "A"
    vote: str | None  # "yes", "no" or None

    @property
    def is_mark(self) -> bool:
        return self.score not in ("S", "A")


@dataclass(frozen=True)
class Sheet:
    juror: Juror
    rows: tuple[SheetRow, ...]


@dataclass
class PublishedRound:
    """One publication with everything its pages show, read once."""

    publication: Publication
    record: dict[str, Any]
    candidates: dict[str, Person]
    jurors: dict[str, Juror]
    positions: dict[str, int]
    prize_names: dict[int, str] = field(default_factory=dict)

    @property
    def round(self) -> Round:
        return self.publication.round

    @property
    def edition(self) -> Edition:
        return self.publication.round.division.edition

    @property
    def results(self) -> list[ResultRow]:
        return [
            ResultRow(
                candidate=self.person(str(row["candidate"])), score=str(row["score"]),
                rank=int(row["rank"]), advanced=row["advanced"],
                position=self.positions.get(str(row["candidate"])),
            )
            for row in self.record["results"]
        ]  # fmt: skip

    @property
    def decisions(self) -> list[dict[str, Any]]:
        return list(self.record["decisions"])

    @property
    def uses_votes(self) -> bool:
        return any(mark["vote"] is not None for mark in self.record["marks"])

    @property
    def rule(self) -> dict[str, Any]:
        return cast(dict[str, Any], self.record["rule"])

    def person(self, label: str) -> Person:
        return self.candidates.get(label) or Person(
            label=label, name=label, sort_key=(label.casefold(),)
        )

    def juror(self, label: str) -> Juror:
        return self.jurors.get(label) or Juror(
            label=label, name=label, name_en=label, name_zh="", sort_key=(1, 0, label.casefold())
        )

    def advancers(self) -> list[ResultRow]:
        """Who goes on: the candidates the jury confirmed, else those the rule advanced; ranked
        or alphabetical as the publication says. Empty for a round without a cut (a final)."""
        rows = self.results
        confirmed = next((d for d in self.decisions if d["type"] == "confirm-advancers"), None)
        if confirmed is not None:
            named = set(confirmed["candidates"])
            chosen = [row for row in rows if row.candidate.label in named]
        else:
            chosen = [row for row in rows if row.advanced]
        if self.publication.listing == Listing.RANKED:
            return sorted(chosen, key=lambda row: (row.rank, row.candidate.sort_key))
        return sorted(chosen, key=lambda row: row.candidate.sort_key)

    @property
    def has_cut(self) -> bool:
        return any(row["advanced"] is not None for row in self.record["results"]) or any(
            d["type"] == "confirm-advancers" for d in self.decisions
        )

    def prizes(self) -> list[PrizeRow]:
        """Places the jury awarded (several candidates ex aequo) and prizes it withheld."""
        found = []
        for decision in self.decisions:
            if decision["type"] not in ("award-place", "withhold-prize"):
                continue
            place = int(decision["place"])
            withheld = decision["type"] == "withhold-prize"
            found.append(
                PrizeRow(
                    place=place,
                    name=self.prize_names.get(place)
                    or str(decision.get("prize_name") or "")
                    or _("Prize for place %(place)s") % {"place": place},
                    withheld=withheld,
                    candidates=()
                    if withheld
                    else tuple(
                        sorted(
                            (self.person(name) for name in decision["candidates"]),
                            key=lambda person: person.sort_key,
                        )
                    ),
                    note=str(decision.get("note") or ""),
                )
            )
        return sorted(found, key=lambda row: (row.place, row.withheld))

    def sheets(self) -> list[Sheet]:
        """Every juror's marks, ``S`` and ``A`` kept, candidates in order of appearance."""
        by_juror: dict[str, list[SheetRow]] = {}
        for mark in self.record["marks"]:
            label = str(mark["candidate"])
            by_juror.setdefault(str(mark["juror"]), []).append(
                SheetRow(
                    position=self.positions.get(label), candidate=self.person(label),
                    score=str(mark["score"]), vote=mark["vote"],
                )
            )  # fmt: skip
        last = len(self.positions) + 1
        return [
            Sheet(
                juror=self.juror(label),
                rows=tuple(
                    sorted(
                        rows,
                        key=lambda row: (row.position or last, row.candidate.sort_key),
                    )
                ),
            )
            for label, rows in sorted(
                by_juror.items(), key=lambda item: self.juror(item[0]).sort_key
            )
        ]


def parse_record(publication: Publication) -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(publication.record))


def published_round(publication: Publication) -> PublishedRound:
    """A publication with its people read in three queries (candidates, jurors, prizes)."""
    record = parse_record(publication)
    people = publication.people or {}
    candidate_ids = cast(dict[str, int], people.get("candidates", {}))
    juror_ids = cast(dict[str, int], people.get("jurors", {}))
    applications = Application.objects.select_related("candidate", "division__edition").in_bulk(
        candidate_ids.values()
    )
    jurors = JuryMember.objects.in_bulk(juror_ids.values())
    candidates: dict[str, Person] = {}
    for label, pk in candidate_ids.items():
        application = applications.get(pk)
        if application is not None:
            candidates[label] = _person(label, application)
    juror_rows: dict[str, Juror] = {}
    for label, pk in juror_ids.items():
        member = jurors.get(pk)
        if member is not None:
            juror_rows[label] = Juror(
                label=label, name=str(member.name), name_en=member.name_en, name_zh=member.name_zh,
                country=str(member.country.name) if member.country else "",
                country_code=member.country.code if member.country else "",
                sort_key=(0 if member.is_chair else 1, member.order, member.name_en.casefold()),
            )  # fmt: skip
    label_of = {pk: label for label, pk in candidate_ids.items()}
    positions = {
        label_of[pk]: index
        for index, pk in enumerate(publication.order or [], start=1)
        if pk in label_of
    }
    prizes = Prize.objects.filter(
        division_id=publication.round.division_id, kind=PrizeKind.PLACE
    ).only("place", "name_en", "name_zh")
    return PublishedRound(
        publication=publication, record=record, candidates=candidates, jurors=juror_rows,
        positions=positions,
        prize_names={prize.place: str(prize.name) for prize in prizes if prize.place is not None},
    )  # fmt: skip


def _person(label: str, application: Application) -> Person:
    identity = public_identity(application)
    candidate = application.candidate
    return Person(
        label=label, name=identity.name, native_name=identity.native_name,
        countries=identity.country_names, country_codes=identity.country_codes,
        place_of_study=identity.place_of_study,
        sort_key=(candidate.family_name.casefold(), candidate.given_name.casefold(), label),
    )  # fmt: skip


# --- Finding publications -----------------------------------------------------------------------


def _publications() -> QuerySet[Publication]:
    return Publication.objects.select_related(
        "round__division__edition__competition", "published_by"
    )


def round_publication(*, slug: str, year: int, round_id: int) -> Publication | None:
    """The publication of a round of the edition named in the URL (public or not)."""
    return (
        _publications()
        .filter(
            round_id=round_id,
            round__division__edition__competition__slug=slug,
            round__division__edition__year=year,
        )
        .first()
    )


def edition_for_results(*, slug: str, year: int) -> Edition | None:
    return (
        Edition.objects.select_related("competition")
        .filter(competition__slug=slug, year=year)
        .first()
    )


def publications_in(edition: Edition) -> list[Publication]:
    """The edition's publications, divisions and rounds in order, in one query."""
    return list(
        Publication.objects.filter(round__division__edition=edition)
        .select_related("round__division")
        .defer("record", "people", "order")
        .order_by("round__division__order", "round__division__name_en", "round__number")
    )


def may_preview(user: Any, edition: Edition) -> bool:
    """Whether ``user`` runs the edition's competition in the office (previews before the
    embargo; nobody else sees anything before it, jurors and candidates included)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return competitions_for_office(user).filter(pk=edition.competition_id).exists()


def next_change(publications: list[Publication], now: dt.datetime) -> dt.datetime | None:
    """When the pages of these publications change next by themselves (an embargo or the
    score sheets' time passes); None when nothing is left to happen."""
    upcoming = [
        moment
        for publication in publications
        for moment in (publication.publish_at, publication.sheets_at)
        if moment > now
    ]
    return min(upcoming, default=None)


# --- The candidate's feedback -------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackRound:
    round: Round
    application: Application
    texts: tuple[str, ...]


def released_feedback(user: User, now: dt.datetime) -> list[FeedbackRound]:
    """The jurors' written feedback on ``user``'s own performances, for rounds whose results
    are public and whose publication releases feedback. No juror is named, and the texts are
    in alphabetical order, not the jurors' (see docs/publication.md)."""
    marks = (
        Mark.objects.filter(
            application__candidate__user=user,
            round__publication__release_feedback=True,
            round__publication__publish_at__lte=now,
        )
        .exclude(feedback="")
        .select_related("round__division__edition__competition", "application")
        .order_by("-round__division__edition__starts_on", "round__division_id", "round__number")
    )
    grouped: dict[tuple[int, int], FeedbackRound] = {}
    for mark in marks:
        key = (mark.round_id, mark.application_id)
        found = grouped.get(key)
        texts = (*found.texts, mark.feedback.strip()) if found else (mark.feedback.strip(),)
        grouped[key] = FeedbackRound(mark.round, mark.application, texts)
    return [
        FeedbackRound(item.round, item.application, tuple(sorted(item.texts, key=str.casefold)))
        for item in grouped.values()
    ]
