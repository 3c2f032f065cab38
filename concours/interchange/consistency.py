"""Checks across the document (spec §8): unique codes, references, results that agree with
the prizes. Placeholders of values that could not be read ("" and 0) are skipped: their
problem is already reported."""

from __future__ import annotations

from collections.abc import Iterable

from concours.interchange import model as m
from concours.interchange.problems import Problem, pointer


def check_consistency(
    document: m.Document, *, unread: frozenset[tuple[str | int, ...]] | set[tuple[str | int, ...]]
) -> list[Problem]:
    """Problems across the document; references into lists in ``unread`` (lists that could
    not be read, already reported) are not checked."""
    found: list[Problem] = []
    found += _twice(document.competition.disciplines, ("competition", "disciplines"))
    disciplines = set(document.competition.disciplines)
    rounds: dict[str, set[int]] = {}
    for index, division in enumerate(document.divisions):
        at = ("divisions", index)
        numbers: set[int] = set()
        if division.code in rounds:
            found.append(Problem("duplicate_code", pointer(*at, "code"), {"value": division.code}))
        elif division.code:
            rounds[division.code] = numbers
        if (
            division.discipline
            and division.discipline not in disciplines
            and ("competition", "disciplines") not in unread
        ):
            params = {"value": division.discipline}
            found.append(Problem("unknown_discipline", pointer(*at, "discipline"), params))
        for position, round_ in enumerate(division.rounds):
            if round_.number in numbers:
                where = pointer(*at, "rounds", position, "number")
                found.append(Problem("duplicate_round", where, {"value": str(round_.number)}))
            numbers.add(round_.number)
    if ("divisions",) in unread:
        return found  # every reference below names a division
    found += _prizes(document.prizes, rounds)
    for index, juror in enumerate(document.jury):
        found += _division_ref(juror.division, rounds, ("jury", index, "division"))
    places = {(prize.division, prize.place) for prize in document.prizes if prize.kind == "place"}
    seen: set[tuple[str, int]] = set()
    for index, result in enumerate(document.results):
        at = ("results", index)
        found += _division_ref(result.division, rounds, (*at, "division"))
        if result.division in rounds and result.round:
            if result.round not in rounds[result.division]:
                params = {"division": result.division, "value": str(result.round)}
                found.append(Problem("unknown_round", pointer(*at, "round"), params))
            elif (result.division, result.round) in seen:
                found.append(Problem("duplicate_result", pointer(*at)))
            seen.add((result.division, result.round))
        found += _result(result, at, None if ("prizes",) in unread else places)
    return found


def _twice(values: Iterable[str], at: tuple[str | int, ...]) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value and value in seen:
            found.append(Problem("listed_twice", pointer(*at, index), {"value": value}))
        seen.add(value)
    return found


def _division_ref(
    code: str | None, rounds: dict[str, set[int]], at: tuple[str | int, ...]
) -> list[Problem]:
    if code and code not in rounds:
        return [Problem("unknown_division", pointer(*at), {"value": code})]
    return []


def _prizes(prizes: tuple[m.Prize, ...], rounds: dict[str, set[int]]) -> list[Problem]:
    found: list[Problem] = []
    places: set[tuple[str, int]] = set()
    for index, prize in enumerate(prizes):
        at = ("prizes", index)
        found += _division_ref(prize.division, rounds, (*at, "division"))
        if prize.kind == "place":
            if prize.place is None or prize.division is None:
                found.append(Problem("place_needs_division", pointer(*at)))
            elif (prize.division, prize.place) in places:
                params = {"value": str(prize.place)}
                found.append(Problem("duplicate_place", pointer(*at, "place"), params))
            else:
                places.add((prize.division, prize.place))
        elif prize.kind == "special" and prize.place is not None:
            found.append(Problem("special_without_place", pointer(*at, "place")))
    return found


def _result(
    result: m.Result, at: tuple[str | int, ...], places: set[tuple[str | None, int | None]] | None
) -> list[Problem]:
    codes = [candidate.code for candidate in result.candidates]
    found = [
        Problem("duplicate_code", pointer(*at, "candidates", index, "code"), {"value": code})
        for index, code in enumerate(codes)
        if code and code in codes[:index]
    ]
    known = set(codes)
    found += _refs(result.advancers, known, (*at, "advancers"))
    awarded: set[int] = set()
    for index, award in enumerate(result.awards):
        where = (*at, "awards", index)
        if (
            places is not None
            and award.place
            and result.division
            and (result.division, award.place) not in places
        ):
            params = {"division": result.division, "value": str(award.place)}
            found.append(Problem("award_without_prize", pointer(*where, "place"), params))
        if award.place in awarded:
            found.append(
                Problem("listed_twice", pointer(*where, "place"), {"value": str(award.place)})
            )
        awarded.add(award.place)
        if award.withheld and award.candidates:
            found.append(Problem("withheld_with_candidates", pointer(*where, "candidates")))
        elif not award.withheld and not award.candidates:
            found.append(Problem("empty", pointer(*where, "candidates")))
        found += _refs(award.candidates, known, (*where, "candidates"))
    if result.ranking is not None:
        found += _refs(
            [row.candidate for row in result.ranking], known, (*at, "ranking"), "candidate"
        )
        found += _ranks(result.ranking, (*at, "ranking"))
    return found


def _refs(
    codes: Iterable[str], known: set[str], at: tuple[str | int, ...], member: str | None = None
) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    for index, code in enumerate(codes):
        where = (*at, index) if member is None else (*at, index, member)
        if not code:
            continue
        if code not in known:
            found.append(Problem("unknown_candidate", pointer(*where), {"value": code}))
        elif code in seen:
            found.append(Problem("listed_twice", pointer(*where), {"value": code}))
        seen.add(code)
    return found


def _ranks(ranking: tuple[m.Ranked, ...], at: tuple[str | int, ...]) -> list[Problem]:
    """Ranks from 1, ties sharing a rank and skipping the places they take: 1, 2, 2, 4."""
    found: list[Problem] = []
    previous = 0
    for index, row in enumerate(ranking):
        if not row.rank:
            return found  # unreadable: the sequence cannot be checked further
        where = pointer(*at, index, "rank")
        if index == 0 and row.rank != 1:
            found.append(Problem("first_rank", where))
        elif index > 0 and row.rank not in (previous, index + 1):
            params = {"value": str(row.rank), "previous": str(previous), "row": str(index + 1)}
            found.append(Problem("rank_sequence", where, params))
        previous = row.rank
    return found
