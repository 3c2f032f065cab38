"""Filters for the jury's templates: the conflict core's stored reasons as sentences."""

from collections.abc import Mapping
from typing import Any

from django import template

from concours.jury.reasons import reason_text, source_label

register = template.Library()


@register.filter
def reason(value: Mapping[str, Any]) -> str:
    """A stored reason in the reader's language."""
    return reason_text(value)


@register.filter
def source(value: Mapping[str, Any]) -> str:
    """Where a stored reason comes from, in the reader's language."""
    return source_label(str(value.get("source", "")))
