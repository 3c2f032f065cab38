"""The office's list of applications: scoped rows, columns, filters, search, counts per status,
and a number of queries that does not grow with the rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concours.applications.models import ApplicationStatus, FeeStatus, ItemKind, Reopening
from concours.applications.tests.test_office_world import (
    OfficeWorld,
    changelist_url,
    make_application,
)
from concours.competitions.tests.factories import DivisionFactory, EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return OfficeWorld()


def _names(response) -> list[str]:
    return [application.candidate.family_name for application in response.context["cl"].result_list]


def _counts(response) -> dict[str, int]:
    return {entry["status"]: entry["count"] for entry in response.context["status_counts"]}


def test_office_lists_only_its_own_competitions_applications(client, office):
    client.force_login(office.office_a)
    assert _names(client.get(changelist_url())) == ["Berg", "Dupont", "Kowalska", "Wang"]
    client.force_login(office.office_b)
    assert _names(client.get(changelist_url())) == ["Other"]
    client.force_login(office.secretariat)
    assert sorted(_names(client.get(changelist_url()))) == [
        "Berg",
        "Dupont",
        "Kowalska",
        "Other",
        "Wang",
    ]


def test_columns(client, office):
    Reopening.objects.create(
        application=office.wang, item=ItemKind.DOCUMENTS, reason="CV", opened_by=office.office_a
    )
    client.force_login(office.office_a)
    response = client.get(changelist_url())
    cl = response.context["cl"]
    model_admin = cl.model_admin
    assert list(cl.list_display) == [
        "action_checkbox",
        "candidate_name",
        "native_name",
        "division",
        "status",
        "country_represented",
        "age",
        "submitted_at",
        "fee_status",
        "items_to_correct",
    ]
    rows = [
        (
            model_admin.candidate_name(a),
            model_admin.native_name(a),
            str(a.division),
            a.get_status_display(),
            model_admin.country_represented(a),
            model_admin.age(a),
            model_admin.fee_status(a),
            model_admin.items_to_correct(a),
        )
        for a in cl.result_list
    ]
    edition = "Harbin International Violin Competition 2025"
    assert rows == [
        ("Jonas Berg", "", f"{edition} – Cello", "Eligible", "Germany", 26, "", "1: Repertoire"),
        ("Mia Dupont", "", f"{edition} – Violin", "Draft", "France", 33, "", "0"),
        ("Anna Kowalska", "", f"{edition} – Violin", "Complete", "Poland", 25, "Paid", "0"),
        ("Xiaoming Wang", "王小明", f"{edition} – Violin", "Submitted", "China", 16, "Due",
         "1: Documents"),
    ]  # fmt: skip
    assert "王小明" in response.text
    assert "Other" not in response.text


def test_counts_per_status_follow_the_filters_and_the_search(client, office):
    client.force_login(office.office_a)
    zero = {status.value: 0 for status in ApplicationStatus}
    response = client.get(changelist_url())
    assert _counts(response) == {**zero, "draft": 1, "submitted": 1, "complete": 1, "eligible": 1}
    response = client.get(changelist_url(), {"division__id__exact": office.violin.pk})
    assert _counts(response) == {**zero, "draft": 1, "submitted": 1, "complete": 1}
    response = client.get(changelist_url(), {"q": "王小明"})
    assert _counts(response) == {**zero, "submitted": 1}
    assert "Applications per status" in response.text


def test_counts_per_status_ignore_the_status_filter_itself(client, office):
    client.force_login(office.office_a)
    response = client.get(changelist_url(), {"status__exact": "submitted", "fee": "paid"})
    assert _names(response) == []
    counts = response.context["status_counts"]
    assert {entry["status"]: entry["count"] for entry in counts if entry["count"]} == {
        "complete": 1
    }
    assert [entry["status"] for entry in counts if entry["selected"]] == ["submitted"]
    complete = next(entry for entry in counts if entry["status"] == "complete")
    assert complete["url"] == "?fee=paid&status__exact=complete"


def test_another_competitions_applications_are_never_counted(client, office):
    client.force_login(office.office_a)
    response = client.get(changelist_url(), {"division__id__exact": office.division_b.pk})
    assert _names(response) == []
    assert sum(_counts(response).values()) == 0


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("under-18", ["Seventeen", "Wang"]),
        ("18-25", ["Eighteen", "Kowalska"]),
        ("26-32", ["Berg"]),
        ("over-32", ["Dupont"]),
    ],
)
def test_age_filter_counts_exact_ages_on_the_editions_first_day(client, office, band, expected):
    # 1 August 2025 is the first day: born 1 August 2007 is 18 that day, born the 2nd is 17.
    make_application(office.cello, given="Ella", family="Eighteen", born=dt.date(2007, 8, 1))
    make_application(office.cello, given="Sam", family="Seventeen", born=dt.date(2007, 8, 2))
    client.force_login(office.office_a)
    response = client.get(changelist_url(), {"age": band})
    assert sorted(_names(response)) == expected


def test_age_filter_uses_each_editions_own_first_day(client, office):
    later = EditionFactory(competition=office.competition_a, year=2026)  # from 1 August 2026
    division = DivisionFactory(edition=later, name_en="Violin 2026")
    # Born 2 August 2008: 16 on 1 August 2025, 17 on 1 August 2026; born 31 July 2008: 18.
    make_application(division, given="Lin", family="Later", born=dt.date(2008, 8, 2))
    make_application(division, given="Kai", family="Adult", born=dt.date(2008, 7, 31))
    client.force_login(office.office_a)
    assert sorted(_names(client.get(changelist_url(), {"age": "under-18"}))) == ["Later", "Wang"]
    assert sorted(_names(client.get(changelist_url(), {"age": "18-25"}))) == [
        "Adult",
        "Kowalska",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "submitted"}, ["Wang"]),
        ({"division__id__exact": "cello"}, ["Berg"]),
        ({"country": "CN"}, ["Wang"]),
        ({"fee": FeeStatus.DUE}, ["Wang"]),
        ({"fee": FeeStatus.PAID}, ["Kowalska"]),
        ({"fee": "none"}, ["Berg", "Dupont"]),
        ({"reopened": "yes"}, ["Berg"]),
        ({"reopened": "no"}, ["Dupont", "Kowalska", "Wang"]),
        ({"reopened": ItemKind.PROGRAMME}, ["Berg"]),
        ({"reopened": ItemKind.DOCUMENTS}, []),
        ({"q": "王小明"}, ["Wang"]),
        ({"q": "anna.kowalska@example.org"}, ["Kowalska"]),
        ({"q": "Jonas"}, ["Berg"]),
        ({"q": "Other"}, []),
    ],
)
def test_filters_and_search(client, office, params, expected):
    if params.get("division__id__exact") == "cello":
        params = {"division__id__exact": office.cello.pk}
    client.force_login(office.office_a)
    assert _names(client.get(changelist_url(), params)) == expected


def test_closed_reopenings_do_not_count(client, office):
    Reopening.objects.update(closed_at=dt.datetime(2025, 3, 10, tzinfo=dt.UTC))
    client.force_login(office.office_a)
    assert _names(client.get(changelist_url(), {"reopened": "yes"})) == []


def test_filter_choices_are_the_offices_own(client, office):
    client.force_login(office.office_a)
    response = client.get(changelist_url())
    specs = {spec.title: spec for spec in response.context["cl"].filter_specs}
    assert specs["country represented"].lookup_choices == [
        ("CN", "China"),
        ("FR", "France"),
        ("DE", "Germany"),
        ("PL", "Poland"),
    ]
    divisions = {label for _pk, label in specs["division"].lookup_choices}
    assert divisions == {str(office.violin), str(office.cello)}
    assert "Warsaw" not in response.text
    assert "United States" not in response.text


def test_export_links_carry_the_current_filters_and_search(client, office):
    client.force_login(office.office_a)
    response = client.get(changelist_url(), {"status__exact": "submitted", "q": "Wang", "p": "1"})
    links = dict(response.context["export_links"])
    base = "/office/applications/application/export"
    assert links == {
        "Export CSV": f"{base}/csv/?status__exact=submitted&q=Wang",
        "Export XLSX": f"{base}/xlsx/?status__exact=submitted&q=Wang",
    }
    assert f'href="{base}/csv/?status__exact=submitted&amp;q=Wang"' in response.text


def _more(office: OfficeWorld, count: int, start: int = 0) -> None:
    """Rows with a Chinese name, a fee (every other one) and an open reopening; aged 24."""
    for n in range(start, start + count):
        application = make_application(
            office.violin if n % 2 else office.cello,
            given=f"Extra{n}", family=f"Extra{n}", native=f"额外{n}", born=dt.date(2001, 1, n + 1),
            fee=FeeStatus.DUE if n % 2 else None,
        )  # fmt: skip
        Reopening.objects.create(
            application=application, item=ItemKind.DOCUMENTS, reason="x", opened_by=office.office_a
        )


@pytest.mark.parametrize("params", [{}, {"age": "18-25", "fee": "due", "reopened": "yes"}])
def test_the_list_does_not_grow_queries_with_rows(client, office, params):
    _more(office, 2)  # at least one row for every filter, so each query runs in both cases
    client.force_login(office.office_a)
    client.get(changelist_url(), params)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        response = client.get(changelist_url(), params)
    shown = response.context["cl"].result_count
    _more(office, 12, start=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(changelist_url(), params)
    assert response.context["cl"].result_count >= shown + 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_filters_counts_can_be_shown(client, office):
    client.force_login(office.office_a)
    response = client.get(changelist_url(), {"_facets": "True", "age": "under-18"})
    assert response.status_code == 200
    assert _names(response) == ["Wang"]
    specs = {spec.title: spec for spec in response.context["cl"].filter_specs}
    facets = specs["age on the first day"].get_facet_queryset(response.context["cl"])
    assert facets == {"0__c": 1, "1__c": 1, "2__c": 1, "3__c": 1}
