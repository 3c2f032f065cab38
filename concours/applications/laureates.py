"""Former laureates, in the eligibility core's terms (spec §7–§8): which prizes of earlier
editions a division's rules exclude (``excluded_prizes``), and which of them each person of an
application won (``prizes_won``), both as prize identifiers (``prize_identifier``).

A division's rule (``Division.former_laureates``) covers placed prizes of earlier editions of the
same competition in the same discipline: only first prizes, or any placed prize. Who won them is
the office's record (``Laureate``): a laureate is the applicant when the record links their
profile, or when the name (Latin letters; accents, case, order and hyphens aside) and the date of
birth are the same.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from concours.applications.models import Laureate
from concours.competitions.models import Division, FormerLaureates, Prize, PrizeKind
from concours.core.validation import whole_number

_PREFIX = "prize-"


def prize_identifier(prize_id: int) -> str:
    """The core's identifier of a prize (``laureate`` in a ``former_laureate`` problem)."""
    return f"{_PREFIX}{prize_id}"


def excluded_prizes(division: Division) -> QuerySet[Prize]:
    """The prizes whose laureates may not enter ``division``."""
    rule = division.former_laureates
    if rule == FormerLaureates.ADMITTED:
        return Prize.objects.none()
    prizes = Prize.objects.filter(
        edition__competition_id=division.edition.competition_id,
        edition__year__lt=division.edition.year,
        kind=PrizeKind.PLACE,
        division__discipline_id=division.discipline_id,
    )
    if rule == FormerLaureates.FIRST_PRIZE_EXCLUDED:
        prizes = prizes.filter(place=1)
    return prizes


def excluded_prize_identifiers(division: Division) -> frozenset[str]:
    """The core's identifiers of ``excluded_prizes(division)``: one query, none (and no query
    built) when the division admits laureates, as most do."""
    if division.former_laureates == FormerLaureates.ADMITTED:
        return frozenset()
    return frozenset(
        prize_identifier(pk) for pk in excluded_prizes(division).values_list("pk", flat=True)
    )


def name_key(given: str, family: str) -> tuple[str, ...]:
    """A name as it is compared: Jiří Novák, NOVAK Jiri and novák-jiří are the same."""
    decomposed = unicodedata.normalize("NFKD", f"{given} {family}")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return tuple(sorted(plain.replace("-", " ").split()))


@dataclass(frozen=True, slots=True)
class Person:
    """One person of an application, as laureates are matched."""

    given_name: str
    family_name: str
    birth_date: dt.date
    #: The candidate's profile, for the person who applies as a soloist.
    profile_id: int | None = None


def prizes_won(division: Division, people: Sequence[Person]) -> list[frozenset[str]]:
    """For each of ``people``, in order: the identifiers of the prizes ``division`` excludes that
    the office's record says they won. One query, none when the division admits laureates."""
    if division.former_laureates == FormerLaureates.ADMITTED or not people:
        return [frozenset() for _person in people]
    profiles = [person.profile_id for person in people if person.profile_id is not None]
    records = list(
        Laureate.objects.filter(prize__in=excluded_prizes(division)).filter(
            Q(birth_date__in={person.birth_date for person in people})
            | Q(candidate_id__in=profiles)
        )
    )
    return [
        frozenset(
            prize_identifier(record.prize_id)
            for record in records
            if (person.profile_id is not None and record.candidate_id == person.profile_id)
            or (
                record.birth_date == person.birth_date
                and name_key(record.given_name, record.family_name)
                == name_key(person.given_name, person.family_name)
            )
        )
        for person in people
    ]


def describe_prize(identifier: str) -> dict[str, str]:
    """The prize, its division and its edition, in the reader's language, for a message."""
    prize = None
    number = whole_number(identifier.removeprefix(_PREFIX))
    if identifier.startswith(_PREFIX) and number is not None:
        prize = (
            Prize.objects.select_related("division", "edition__competition")
            .filter(pk=number)
            .first()
        )
    if prize is None:
        return {"prize": identifier, "division": "", "edition": ""}
    return {
        "prize": str(prize.name),
        "division": str(prize.division.name) if prize.division else "",
        "edition": prize.edition.title,
    }
