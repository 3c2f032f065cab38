"""How a candidate appears on public lists (results, order of appearance): the name, and of
their citizenship(s), country represented, country of residence and place of study only what the
edition's rules publish (``Edition.published_country``, ``Edition.publish_place_of_study``).

Every page that shows candidates to people other than the office and the candidate calls
``public_identity``; pass applications with ``select_related("candidate", "division__edition")``
so a list costs no query per row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django_countries.fields import Country

from concours.applications.models import Application
from concours.competitions.models import PublishedCountry


@dataclass(frozen=True, slots=True)
class PublicIdentity:
    name: str
    #: The name in the candidate's own script, or "".
    native_name: str
    #: The published countries: none, one, or for citizenship every one the candidate holds.
    countries: tuple[Country, ...]
    #: "" unless the edition publishes it.
    place_of_study: str

    @property
    def country_names(self) -> str:
        return ", ".join(str(country.name) for country in self.countries)

    @property
    def country_codes(self) -> str:
        return ", ".join(country.code for country in self.countries)


def public_countries(application: Application) -> tuple[Country, ...]:
    """The candidate's countries that the edition's rules publish, without repeats."""
    candidate = application.candidate
    rule = application.division.edition.published_country
    if rule == PublishedCountry.REPRESENTED:
        found = [candidate.country_represented]
    elif rule == PublishedCountry.CITIZENSHIP:
        found = [candidate.citizenship, *candidate.other_citizenships]
    elif rule == PublishedCountry.RESIDENCE:
        found = [candidate.residence]
    else:
        found = []
    countries: list[Country] = []
    for country in found:
        if country and country.code not in {c.code for c in countries}:
            countries.append(country)
    return tuple(countries)


def public_identity(application: Application) -> PublicIdentity:
    """The candidate of ``application`` as public lists show them."""
    candidate = application.candidate
    edition = application.division.edition
    return PublicIdentity(
        name=candidate.display_name,
        native_name=candidate.native_name,
        countries=public_countries(application),
        place_of_study=candidate.place_of_study if edition.publish_place_of_study else "",
    )
