"""Exports of the office's list: exactly the rows shown (filters and search), as CSV with a BOM
and as XLSX, never another competition's applications."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from concours.applications.tests.test_office_world import (
    OfficeWorld,
    changelist_url,
    export_url,
    make_application,
)

pytestmark = pytest.mark.django_db

HEADER = [
    "Given name",
    "Family name",
    "Name in own script",
    "E-mail address",
    "Date of birth",
    "Age on the first day",
    "Country represented",
    "Country code",
    "Edition",
    "Division",
    "Status",
    "Submitted",
    "Fee",
    "Items to correct",
    "Reference",
]
EDITION = "Harbin International Violin Competition 2025"


@pytest.fixture
def office(db):
    return OfficeWorld()


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[list[object]]:
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _expected_csv(office: OfficeWorld) -> list[list[str]]:
    return [
        HEADER,
        ["Jonas", "Berg", "", "jonas.berg@example.org", "1999-08-01", "26", "Germany", "DE",
         EDITION, "Cello", "Eligible", "2025-03-03T10:00:00+08:00", "", "Repertoire",
         str(office.berg.reference)],
        ["Mia", "Dupont", "", "mia.dupont@example.org", "1992-08-01", "33", "France", "FR",
         EDITION, "Violin", "Draft", "", "", "", str(office.draft.reference)],
        ["Anna", "Kowalska", "", "anna.kowalska@example.org", "2000-08-01", "25", "Poland", "PL",
         EDITION, "Violin", "Complete", "2025-03-02T10:00:00+08:00", "Paid", "",
         str(office.kowalska.reference)],
        ["Xiaoming", "Wang", "王小明", "xiaoming.wang@example.org", "2008-08-02", "16", "China",
         "CN", EDITION, "Violin", "Submitted", "2025-03-01T10:00:00+08:00", "Due", "",
         str(office.wang.reference)],
    ]  # fmt: skip


def test_csv_export_of_the_whole_list(client, office):
    client.force_login(office.office_a)
    response = client.get(export_url("csv"))
    assert response["Content-Disposition"].startswith('attachment; filename="applications-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert _csv_rows(response) == _expected_csv(office)


def test_xlsx_export_of_the_whole_list(client, office):
    client.force_login(office.office_a)
    response = client.get(export_url("xlsx"))
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = _xlsx_rows(response)
    assert rows[0] == HEADER
    assert rows[1:] == [
        ["Jonas", "Berg", None, "jonas.berg@example.org", dt.datetime(1999, 8, 1), 26, "Germany",
         "DE", EDITION, "Cello", "Eligible", "2025-03-03T10:00:00+08:00", None, "Repertoire",
         str(office.berg.reference)],
        ["Mia", "Dupont", None, "mia.dupont@example.org", dt.datetime(1992, 8, 1), 33, "France",
         "FR", EDITION, "Violin", "Draft", None, None, None, str(office.draft.reference)],
        ["Anna", "Kowalska", None, "anna.kowalska@example.org", dt.datetime(2000, 8, 1), 25,
         "Poland", "PL", EDITION, "Violin", "Complete", "2025-03-02T10:00:00+08:00", "Paid", None,
         str(office.kowalska.reference)],
        ["Xiaoming", "Wang", "王小明", "xiaoming.wang@example.org", dt.datetime(2008, 8, 2), 16,
         "China", "CN", EDITION, "Violin", "Submitted", "2025-03-01T10:00:00+08:00", "Due", None,
         str(office.wang.reference)],
    ]  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["E2"].number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_follows_the_filters_and_the_search(client, office, file_format):
    client.force_login(office.office_a)
    parse = _csv_rows if file_format == "csv" else _xlsx_rows
    rows = parse(client.get(export_url(file_format), {"division__id__exact": office.violin.pk}))
    assert [row[1] for row in rows[1:]] == ["Dupont", "Kowalska", "Wang"]
    rows = parse(client.get(export_url(file_format), {"q": "王小明"}))
    assert [row[1] for row in rows[1:]] == ["Wang"]
    rows = parse(client.get(export_url(file_format), {"age": "26-32", "reopened": "yes"}))
    assert [row[1] for row in rows[1:]] == ["Berg"]
    rows = parse(client.get(export_url(file_format), {"status__exact": "withdrawn"}))
    assert rows == [HEADER]


def test_export_takes_every_page_not_only_the_first(client, office):
    for n in range(55):  # the list shows 50 a page
        make_application(office.cello, given=f"Page{n}", family=f"Page{n:02d}",
                         born=dt.date(2000, 1, 1))  # fmt: skip
    client.force_login(office.office_a)
    assert client.get(changelist_url(), {"p": "2"}).context["cl"].result_count == 59
    rows = _csv_rows(client.get(export_url("csv"), {"p": "2"}))
    assert len(rows) == 1 + 59


def test_only_csv_and_xlsx(client, office):
    client.force_login(office.office_a)
    assert client.get(export_url("pdf")).status_code == 404


def test_export_with_bad_parameters_goes_back_to_the_list(client, office):
    client.force_login(office.office_a)
    response = client.get(export_url("csv"), {"nonsense__field": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{changelist_url()}?e=1"


def test_office_never_exports_another_competitions_applications(client, office):
    client.force_login(office.office_a)
    rows = _csv_rows(client.get(export_url("csv")))
    assert "Other" not in {row[1] for row in rows}
    rows = _csv_rows(client.get(export_url("csv"), {"division__id__exact": office.division_b.pk}))
    assert rows == [HEADER]
    response = client.post(
        changelist_url(),
        {"action": "export_csv", "index": "0", "_selected_action": [office.other.pk]},
    )
    assert "Other" not in response.content.decode("utf-8-sig")
    assert "鲍勃" not in response.content.decode("utf-8-sig")
    client.force_login(office.office_b)
    rows = _csv_rows(client.get(export_url("csv")))
    assert [row[1] for row in rows[1:]] == ["Other"]


def test_people_without_an_office_role_cannot_export(client, office):
    response = client.get(export_url("csv"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(office.wang.candidate.user)
    assert client.get(export_url("csv")).status_code == 302


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_actions_take_the_selected_rows(client, office, file_format):
    client.force_login(office.office_a)
    response = client.post(
        changelist_url(),
        {
            "action": f"export_{file_format}",
            "index": "0",
            "_selected_action": [office.wang.pk, office.berg.pk],
        },
    )
    rows = _csv_rows(response) if file_format == "csv" else _xlsx_rows(response)
    assert rows[0] == HEADER
    assert [(row[1], row[2]) for row in rows[1:]] == [("Berg", None if file_format == "xlsx" else ""),
                                                      ("Wang", "王小明")]  # fmt: skip


def test_export_action_across_the_filtered_list(client, office):
    client.force_login(office.office_a)
    response = client.post(
        f"{changelist_url()}?division__id__exact={office.violin.pk}",
        {
            "action": "export_csv",
            "index": "0",
            "select_across": "1",
            "_selected_action": [office.wang.pk],
        },
    )
    assert [row[1] for row in _csv_rows(response)[1:]] == ["Dupont", "Kowalska", "Wang"]


def test_text_that_looks_like_a_formula_stays_text(client, office):
    application = make_application(
        office.cello, given='=HYPERLINK("http://evil.example")', family="Formula",
        born=dt.date(2000, 1, 1), email="formula@example.org",
    )  # fmt: skip
    client.force_login(office.office_a)
    rows = _csv_rows(client.get(export_url("csv"), {"q": "Formula"}))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    response = client.get(export_url("xlsx"), {"q": "Formula"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == application.candidate.given_name
    assert sheet["A2"].data_type == "s"
