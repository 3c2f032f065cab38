"""Writes of cooperation projects: each a keyword-only function in one transaction."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from concours.competitions.models import Competition
from concours.cooperation.models import Project, ProjectNews
from concours.federation.models import City

TOO_FEW_PARTNERS = _("A project needs at least two partners (member competitions or cities).")


def validate_partners(*, competitions: Iterable[Competition], cities: Iterable[City]) -> None:
    """At least two partners, counting competitions and cities together."""
    if len(set(competitions)) + len(set(cities)) < 2:
        raise ValidationError({"competitions": TOO_FEW_PARTNERS})


@transaction.atomic
def create_project(
    *,
    slug: str,
    kind: str,
    title_en: str,
    competitions: Iterable[Competition] = (),
    cities: Iterable[City] = (),
    **fields: Any,
) -> Project:
    """A new project with its partners; rejects fewer than two partners and changes nothing."""
    competitions, cities = list(competitions), list(cities)
    validate_partners(competitions=competitions, cities=cities)
    project = Project(slug=slug, kind=kind, title_en=title_en, **fields)
    project.full_clean()
    project.save()
    project.competitions.set(competitions)
    project.cities.set(cities)
    return project


@transaction.atomic
def set_partners(
    *, project: Project, competitions: Iterable[Competition], cities: Iterable[City]
) -> None:
    competitions, cities = list(competitions), list(cities)
    validate_partners(competitions=competitions, cities=cities)
    project.competitions.set(competitions)
    project.cities.set(cities)


@transaction.atomic
def add_news(
    *,
    project: Project,
    date: dt.date,
    title_en: str,
    title_zh: str = "",
    text_en: str = "",
    text_zh: str = "",
) -> ProjectNews:
    news = ProjectNews(
        project=project,
        date=date,
        title_en=title_en,
        title_zh=title_zh,
        text_en=text_en,
        text_zh=text_zh,
    )
    news.full_clean()
    news.save()
    return news
