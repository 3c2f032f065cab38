from typing import Any

from django import template

from concours.assembly.explanation import explain

register = template.Library()


@register.simple_tag
def explain_result(result: dict[str, Any]) -> list[str]:
    """``{% explain_result result as lines %}``: the count in the reader's language."""
    return explain(result)
