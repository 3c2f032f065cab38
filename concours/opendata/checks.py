"""Problems an interchange document has against this site's data (spec §8): disciplines the
federation does not know, country codes that do not exist, scoring rules the results engine
refuses, an edition that is run on this site. Same shape as the core's problems."""

from __future__ import annotations

from django_countries import countries

from concours import interchange as ix
from concours.competitions.models import Competition, Edition, ScoringPreset
from concours.federation.models import Discipline
from concours.interchange import Problem, pointer
from concours.scoring.presets import build_rule


def database_problems(document: ix.Document) -> list[Problem]:
    found: list[Problem] = []
    known = set(
        Discipline.objects.filter(code__in=document.competition.disciplines).values_list(
            "code", flat=True
        )
    )
    for index, code in enumerate(document.competition.disciplines):
        if code not in known:
            found.append(
                Problem(
                    "unknown_discipline_code",
                    pointer("competition", "disciplines", index),
                    {"value": code},
                )
            )
    found += _countries(document)
    for index, division in enumerate(document.divisions):
        for position, round_ in enumerate(division.rounds):
            found += _scoring(round_, ("divisions", index, "rounds", position, "scoring"))
    edition = (
        Edition.objects.filter(
            competition__slug=document.competition.slug, year=document.edition.year
        )
        .select_related("competition", "imported")
        .first()
    )
    if edition is not None and not hasattr(edition, "imported"):
        params = {"competition": edition.competition.name_en, "year": str(edition.year)}
        found.append(Problem("edition_managed_here", "/edition/year", params))
    return found


def _countries(document: ix.Document) -> list[Problem]:
    codes: list[tuple[str, tuple[str | int, ...]]] = [
        (document.competition.city.country, ("competition", "city", "country"))
    ]
    codes += [(juror.country, ("jury", i, "country")) for i, juror in enumerate(document.jury)]
    for i, result in enumerate(document.results):
        for j, candidate in enumerate(result.candidates):
            codes += [
                (code, ("results", i, "candidates", j, "countries", k))
                for k, code in enumerate(candidate.countries)
            ]
    return [
        Problem("unknown_country", pointer(*at), {"value": code})
        for code, at in codes
        if code not in countries
    ]


def _scoring(round_: ix.Round, at: tuple[str | int, ...]) -> list[Problem]:
    preset = round_.scoring.preset
    if preset not in ScoringPreset.values:
        choices = ", ".join(ScoringPreset.values)
        return [
            Problem("not_choice", pointer(*at, "preset"), {"value": preset, "choices": choices})
        ]
    parameters = dict(round_.scoring.parameters)
    stage = parameters.pop("stage", round_.number)
    try:
        if isinstance(stage, bool) or not isinstance(stage, int):
            raise ValueError("scoring parameter “stage” must be a whole number")
        build_rule(preset, parameters, stage=stage)
    except (ValueError, TypeError, KeyError) as error:
        return [Problem("scoring_parameters", pointer(*at, "parameters"), {"detail": str(error)})]
    return []


def competition_is_local(competition: Competition) -> bool:
    """A competition run on this site (any edition not imported): an import adds editions to
    it but never changes its details."""
    return competition.editions.filter(imported__isnull=True).exists()
