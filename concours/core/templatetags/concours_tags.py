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


@register.filter
def join_names(values: object) -> str:
    """Join display names with the active language's list separator (", " or "、")."""
    from django.utils.translation import pgettext

    separator = pgettext("list separator", ", ")
    return separator.join(str(getattr(value, "name", value)) for value in values)  # type: ignore[attr-defined]


@register.simple_tag
def place(city: object) -> str:
    """“Harbin, China” in English, “中国哈尔滨” in Chinese."""
    from django.utils.translation import gettext

    return gettext("%(city)s, %(country)s") % {
        "city": city.name,  # type: ignore[attr-defined]
        "country": city.country.name,  # type: ignore[attr-defined]
    }


@register.filter
def mmss(seconds: int | None) -> str:
    """A duration in seconds as ``m:ss`` (``1:05:00`` from an hour on)."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes_, secs = divmod(rest, 60)
    return f"{hours}:{minutes_:02d}:{secs:02d}" if hours else f"{minutes_}:{secs:02d}"
