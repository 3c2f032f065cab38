"""Sections of a person's own page (``/me/``) contributed by the apps.

The page belongs to ``applications`` (the candidate's side), but events, master classes and the
General Assembly sit above it in the layers. Each of them registers a section here from its
``AppConfig.ready()``: a template and a function that returns the section's context for the
signed-in person, or ``None`` when the section has nothing for them. The page renders the
sections in order, so it lists every role without importing the apps above it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

SectionContext = Callable[[HttpRequest], dict[str, Any] | None]


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: SectionContext
    order: int


_SECTIONS: dict[str, Section] = {}


def register(*, key: str, template: str, context: SectionContext, order: int = 100) -> None:
    """Add (or replace, by ``key``) a section of ``/me/``."""
    _SECTIONS[key] = Section(key=key, template=template, context=context, order=order)


def sections_for(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    """The sections that have something for this person: ``(template, context)`` in order."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request)
        if context is not None:
            shown.append((section.template, context))
    return shown
