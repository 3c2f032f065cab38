"""Public pages of the federation: the member directory, the calendar (HTML, iCal, CSV), the
planners' date-clash check, and the member cities."""

import calendar as monthcal
import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concours.competitions.selectors import clash_window_days, editions_near
from concours.directory import calendar, selectors
from concours.directory.forms import CalendarFilterForm, ClashCheckForm, DirectoryFilterForm
from concours.federation.models import DEFAULT_CLASH_WINDOW_DAYS, City, Federation

IGNORED = _("Some filters were not understood and were ignored: see the marked fields.")


def _read_filters(request: HttpRequest, form_class: type, *, report: bool = True) -> tuple:  # type: ignore[type-arg]
    """The bound form and the values that passed; bad ones are reported (once) and ignored."""
    form = form_class(request.GET or None)
    if not form.is_bound:
        return form, {}
    if not form.is_valid() and report:
        messages.warning(request, str(IGNORED))
    return form, form.cleaned_data


@require_safe
def members(request: HttpRequest) -> HttpResponse:
    form, chosen = _read_filters(request, DirectoryFilterForm)
    found = selectors.members(
        discipline=chosen.get("discipline"),
        country=chosen.get("country") or "",
        city=chosen.get("city"),
        search=chosen.get("q") or "",
    )
    return render(request, "directory/members.html", {"form": form, "members": found})


def _calendar_entries(chosen: dict, *, now: dt.datetime) -> list[calendar.Entry]:  # type: ignore[type-arg]
    month: dt.date | None = chosen.get("month")
    if month is not None:
        since = month.replace(day=1)
        until = month.replace(day=monthcal.monthrange(month.year, month.month)[1])
    else:
        since, until = timezone.localdate(now), None
    filters = calendar.Filters(
        discipline=chosen.get("discipline"),
        since=since,
        until=until,
        deadline=chosen.get("deadline") or "",
        born=chosen.get("born"),
        age=chosen.get("age"),
    )
    editions = selectors.calendar_editions(
        discipline=filters.discipline,
        country=chosen.get("country") or "",
        since=since,
        until=until,
    )
    return calendar.entries(editions, filters, now=now)


@require_safe
def calendar_page(request: HttpRequest) -> HttpResponse:
    form, chosen = _read_filters(request, CalendarFilterForm)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "entries": _calendar_entries(chosen, now=timezone.now()),
        "query": f"?{query}" if query else "",
        "month": chosen.get("month"),
    }
    return render(request, "directory/calendar.html", context)


@require_safe
def calendar_ics(request: HttpRequest) -> HttpResponse:
    _form, chosen = _read_filters(request, CalendarFilterForm, report=False)
    now = timezone.now()
    body = calendar.to_ical(
        _calendar_entries(chosen, now=now),
        now=now,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


@require_safe
def calendar_csv(request: HttpRequest) -> HttpResponse:
    _form, chosen = _read_filters(request, CalendarFilterForm, report=False)
    body = calendar.to_csv(
        _calendar_entries(chosen, now=timezone.now()),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="calendar.csv"'
    return response


def _default_window() -> int:
    federation = Federation.objects.order_by("pk").first()
    return federation.clash_window_days if federation else DEFAULT_CLASH_WINDOW_DAYS


@require_safe
def clash_check(request: HttpRequest) -> HttpResponse:
    """“Would my dates clash?”: other members' public editions in the same disciplines within
    the window (drafts never show: they are their competition's own business)."""
    form = ClashCheckForm(request.GET or None)
    clashes = None
    days = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        competition = data["competition"]
        if data["days"] is not None:
            days = data["days"]
        elif competition is not None:
            days = clash_window_days(competition)
        else:
            days = _default_window()
        clashes = editions_near(
            discipline_ids=[discipline.pk for discipline in data["disciplines"]],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            days=days,
            exclude_competition_id=competition.pk if competition else None,
        )
    context = {"form": form, "clashes": clashes, "days": days}
    return render(request, "directory/clashes.html", context)


@require_safe
def city_list(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/cities.html", {"cities": selectors.cities_for_list()})


@require_safe
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        city = selectors.city_for_page(slug=slug, today=timezone.localdate())
    except City.DoesNotExist:
        raise Http404(_("No such city.")) from None
    context = {
        "city": city,
        "events": selectors.events_of_city(city)[:20],
        "projects": selectors.projects_for_city(city),
    }
    return render(request, "directory/city.html", context)
