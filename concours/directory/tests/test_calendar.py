"""The calendar page, its filters (bad values included), the iCal feed and the CSV export."""

import csv
import datetime as dt
import io

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from concours.competitions.models import EditionStatus
from concours.competitions.tests.factories import DivisionFactory
from concours.directory.tests.conftest import EARLY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def early(monkeypatch):
    """Pretend it is 1 June 2026: every 2027 window is still to open."""
    monkeypatch.setattr(timezone, "now", lambda: EARLY)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: EARLY.date())


def _rows(response):
    return [(entry.kind, entry.edition.competition.slug) for entry in response.context["entries"]]


def test_calendar_lists_deadlines_and_editions_soonest_first(cal, client):
    response = client.get(reverse("directory:calendar"))
    assert response.status_code == 200
    assert _rows(response) == [
        ("deadline", "schoenfeld"),
        ("deadline", "paganini"),
        ("edition", "schoenfeld"),
        ("edition", "chopin"),
        ("edition", "paganini"),
    ]
    # The deadline is shown in the edition's zone: 15:59 UTC is 23:59 in Harbin.
    assert "April 15, 2027, 11:59 p.m.</time> (Asia/Shanghai)" in response.text


def test_calendar_leaves_out_drafts_cancelled_past_and_non_members(cal, client):
    cal.chopin_2027.status = EditionStatus.DRAFT
    cal.chopin_2027.save()
    cal.paganini_2027.status = EditionStatus.CANCELLED
    cal.paganini_2027.save()
    cal.edition(cal.schoenfeld, dt.date(2025, 7, 1), dt.date(2025, 7, 9), cal.violin,
                tz="Asia/Shanghai", closes=None)  # fmt: skip
    response = client.get(reverse("directory:calendar"))
    assert _rows(response) == [("deadline", "schoenfeld"), ("edition", "schoenfeld")]


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ({"discipline": "piano"}, [("edition", "chopin")]),
        ({"country": "IT"}, [("deadline", "paganini"), ("edition", "paganini")]),
        ({"month": "2027-07"}, [("edition", "schoenfeld"), ("edition", "chopin")]),
        ({"month": "2027-05"}, [("deadline", "paganini")]),
        ({"month": "2027-07", "discipline": "violin"}, [("edition", "schoenfeld")]),
        ({"deadline": "upcoming"}, [("deadline", "schoenfeld"), ("deadline", "paganini"),
                                    ("edition", "schoenfeld"), ("edition", "paganini")]),
        ({"deadline": "open"}, []),
        # Windows: aged 16 to 30 on the first day (1 July, 5 July, 11 October 2027).
        ({"born": "2011-07-03"}, [("deadline", "paganini"), ("edition", "chopin"),
                                  ("edition", "paganini")]),
        ({"born": "1997-07-01"}, [("deadline", "schoenfeld"), ("edition", "schoenfeld")]),
        ({"born": "2011-10-12"}, []),
        ({"age": "30", "discipline": "violin"}, [("deadline", "schoenfeld"),
                                                 ("deadline", "paganini"),
                                                 ("edition", "schoenfeld"),
                                                 ("edition", "paganini")]),
        ({"age": "31"}, []),
        ({"age": "15"}, []),
    ],
)  # fmt: skip
def test_calendar_filters(cal, client, query, rows):
    response = client.get(reverse("directory:calendar"), query)
    assert response.context["form"].errors == {}
    assert _rows(response) == rows


def test_deadline_open_follows_the_clock(cal, client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2027, 3, 1, tzinfo=dt.UTC))
    response = client.get(reverse("directory:calendar"), {"deadline": "open"})
    assert _rows(response) == [("deadline", "schoenfeld"), ("edition", "schoenfeld")]


def test_age_window_checks_the_chosen_disciplines_division(cal, client):
    # A piano division for the young in Schoenfeld 2027 does not make its violin one admit them.
    DivisionFactory(edition=cal.schoenfeld_2027, discipline=cal.piano, born_on_or_after=None,
                    born_on_or_before=None)  # fmt: skip
    response = client.get(reverse("directory:calendar"), {"age": "10", "discipline": "violin"})
    assert _rows(response) == []
    response = client.get(reverse("directory:calendar"), {"age": "10", "discipline": "piano"})
    assert _rows(response) == [("deadline", "schoenfeld"), ("edition", "schoenfeld")]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"discipline": "tuba"}, "discipline"),
        ({"country": "XX"}, "country"),
        ({"month": "2027-13"}, "month"),
        ({"month": "July"}, "month"),
        ({"deadline": "soon"}, "deadline"),
        ({"born": "yesterday"}, "born"),
        ({"age": "-3"}, "age"),
        ({"age": "ten"}, "age"),
        ({"born": "2000-01-01", "age": "20"}, "age"),
    ],
)
def test_bad_filter_values_are_reported_and_ignored(cal, client, query, field):
    response = client.get(reverse("directory:calendar"), query)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Some filters were not understood and were ignored: see the marked fields."]
    assert len(response.context["entries"]) >= 2
    for url in ("directory:calendar_ics", "directory:calendar_csv"):
        assert client.get(reverse(url), query).status_code == 200


def test_ical_feed_has_edition_dates_and_deadlines_in_utc(cal, client):
    response = client.get(reverse("directory:calendar_ics"), {"discipline": "violin"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    events = [(str(e["UID"]), str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND"))
              for e in parsed.walk("VEVENT")]  # fmt: skip
    host = "testserver"
    assert events == [
        (f"deadline-{cal.schoenfeld_2027.pk}@{host}",
         "Application deadline: Schoenfeld International String Competition 2027",
         dt.datetime(2027, 4, 15, 15, 59, tzinfo=dt.UTC),
         dt.datetime(2027, 4, 15, 15, 59, tzinfo=dt.UTC)),
        (f"deadline-{cal.paganini_2027.pk}@{host}",
         "Application deadline: Premio Paganini 2027",
         dt.datetime(2027, 5, 31, 21, 59, tzinfo=dt.UTC),
         dt.datetime(2027, 5, 31, 21, 59, tzinfo=dt.UTC)),
        (f"edition-{cal.schoenfeld_2027.pk}@{host}",
         "Schoenfeld International String Competition 2027",
         dt.date(2027, 7, 1), dt.date(2027, 7, 15)),
        (f"edition-{cal.paganini_2027.pk}@{host}", "Premio Paganini 2027",
         dt.date(2027, 10, 11), dt.date(2027, 10, 25)),
    ]  # fmt: skip
    deadline = parsed.walk("VEVENT")[0]
    assert str(deadline["DESCRIPTION"]) == (
        "Applications close at 2027-04-15 23:59 (Asia/Shanghai time)."
    )
    assert str(deadline["URL"]) == "http://testserver/competitions/schoenfeld/2027/"


def test_csv_export_matches_the_filtered_list(cal, client):
    response = client.get(reverse("directory:calendar_csv"), {"country": "CN"})
    assert response["Content-Disposition"] == 'attachment; filename="calendar.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["kind"], row["competition"]) for row in rows] == [
        ("deadline", "Schoenfeld International String Competition"),
        ("edition", "Schoenfeld International String Competition"),
    ]
    row = rows[0]
    assert row["starts_on"] == "2027-07-01"
    assert row["country"] == "CN"
    assert row["disciplines"] == "violin"
    assert row["applications_close_local"] == "2027-04-15T23:59:00+08:00"
    assert row["applications_close_utc"] == "2027-04-15T15:59:00+00:00"
    assert row["time_zone"] == "Asia/Shanghai"


def test_csv_neutralises_formulas(cal, client):
    cal.paganini.name_en = '=HYPERLINK("http://x")'
    cal.paganini.save()
    response = client.get(reverse("directory:calendar_csv"), {"country": "IT"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["competition"] == '\'=HYPERLINK("http://x")'


def test_calendar_in_chinese(cal, client):
    response = client.get(reverse("directory:calendar"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "申菲尔德国际弦乐比赛" in response.text


def test_calendar_queries_do_not_grow_with_editions(cal, client, django_assert_max_num_queries):
    for day in range(1, 8):
        cal.edition(cal.paganini, dt.date(2030 + day, 5, day), dt.date(2030 + day, 5, 20),
                    cal.violin, tz="Europe/Rome",
                    closes=dt.datetime(2030 + day, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    for name in ("directory:calendar", "directory:calendar_ics", "directory:calendar_csv"):
        with django_assert_max_num_queries(10):
            response = client.get(reverse(name), {"discipline": "violin", "age": "20"})
        assert response.status_code == 200
