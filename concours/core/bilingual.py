"""Content that organisers write, held in English and Simplified Chinese side by side.

A model declares the two stored fields and a ``Bilingual`` descriptor that reads them::

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()

``obj.name`` is the text in the active language, falling back to the other language when the
active one is empty, so a page never shows a blank where the organiser wrote only one version.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

#: Stored suffix for each UI language code.
SUFFIX_FOR_LANGUAGE = {"en": "en", "zh-hans": "zh"}
SUFFIXES = ("en", "zh")


def active_suffix() -> str:
    language = (translation.get_language() or "en").lower()
    if language.startswith("zh"):
        return "zh"
    return "en"


def pick(values: dict[str, str], suffix: str | None = None) -> str:
    """The value for ``suffix`` (the active language by default), else the first non-empty one."""
    suffix = suffix or active_suffix()
    preferred = values.get(suffix) or ""
    if preferred.strip():
        return preferred
    for other in SUFFIXES:
        if (values.get(other) or "").strip():
            return values[other]
    return ""


def pick_stored(*values: str) -> str:
    """``pick`` for a row's stored values, given in ``SUFFIXES`` order (a query's
    ``values_list(*Model.name.field_names())``)."""
    return pick(dict(zip(SUFFIXES, values, strict=True)))


class Bilingual:
    """Descriptor returning ``<name>_<suffix>`` for the active language, with fallback."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return pick({suffix: getattr(instance, f"{self.name}_{suffix}") for suffix in SUFFIXES})

    def field_names(self) -> list[str]:
        return [f"{self.name}_{suffix}" for suffix in SUFFIXES]
