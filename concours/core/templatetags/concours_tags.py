"""Small presentation helpers shared by the site's templates."""

import datetime as dt

from django import template

register = template.Library()


@register.filter
def minutes(value: dt.timedelta | None) -> str:
    """A duration as whole minutes (with seconds when there are any): ``25`` or ``24:30``."""
    if value is None:
        return ""
    total = int(value.total_seconds())
    whole, seconds = divmod(total, 60)
    return f"{whole}:{seconds:02d}" if seconds else str(whole)
