"""The office's list of applications as a spreadsheet: the same rows as the admin list (its
filters and search), as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese names) or XLSX.

Headers are in the office member's language; dates are ISO 8601. Text that a spreadsheet would
run as a formula (a name starting with ``=``) is kept as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from concours.applications.models import Application, ItemKind, Reopening
from concours.core.spreadsheets import safe_cell
from concours.eligibility import age_on

#: The prefetched open reopenings of each row (``with_row_data``).
OPEN_REOPENINGS = "open_reopenings"

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

type Value = str | int | dt.date | None


def with_row_data[Q: QuerySet[Application]](queryset: Q) -> Q:
    """Everything a row needs, in a fixed number of queries whatever the number of rows."""
    open_count = (
        Reopening.objects.filter(application=OuterRef("pk"), closed_at__isnull=True)
        .order_by()
        .values("application")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        queryset.select_related("candidate__user", "division__edition__competition", "fee")
        .annotate(
            open_reopening_count=Coalesce(Subquery(open_count, output_field=IntegerField()), 0)
        )
        .prefetch_related(
            Prefetch(
                "reopenings",
                queryset=Reopening.objects.filter(closed_at__isnull=True).order_by("item"),
                to_attr=OPEN_REOPENINGS,
            )
        )
    )


# --- what a row shows --------------------------------------------------------------------


def age_on_first_day(application: Application) -> int | None:
    """The candidate's age in whole years on the edition's first day (``None`` if born later)."""
    try:
        return age_on(application.candidate.birth_date, application.division.edition.starts_on)
    except ValueError:
        return None


def open_items(application: Application) -> list[str]:
    """The labels of the items the office has reopened and the candidate not yet corrected."""
    reopenings = getattr(application, OPEN_REOPENINGS, None)
    if reopenings is None:
        reopenings = application.reopenings.filter(closed_at__isnull=True).order_by("item")
    return [str(ItemKind(reopening.item).label) for reopening in reopenings]


def fee_label(application: Application) -> str:
    fee = getattr(application, "fee", None)
    return str(fee.get_status_display()) if fee is not None else ""


def submitted_iso(application: Application) -> str:
    """When it was submitted, in the edition's time zone, with the offset (ISO 8601)."""
    if application.submitted_at is None:
        return ""
    zone = application.division.edition.zone
    return application.submitted_at.astimezone(zone).isoformat(timespec="seconds")


def _email(application: Application) -> str:
    user = application.candidate.user
    return user.email if user is not None else ""


@dataclass(frozen=True, slots=True)
class Column:
    header: str | Promise
    value: Callable[[Application], Value]
    width: int = 16


COLUMNS: tuple[Column, ...] = (
    Column(_("Given name"), lambda a: a.candidate.given_name, 18),
    Column(_("Family name"), lambda a: a.candidate.family_name, 18),
    Column(_("Name in own script"), lambda a: a.candidate.native_name, 18),
    Column(_("E-mail address"), _email, 28),
    Column(_("Date of birth"), lambda a: a.candidate.birth_date, 12),
    Column(_("Age on the first day"), age_on_first_day, 10),
    Column(_("Country represented"), lambda a: str(a.candidate.country_represented.name), 20),
    Column(_("Country code"), lambda a: str(a.candidate.country_represented.code), 8),
    Column(_("Edition"), lambda a: a.division.edition.title, 30),
    Column(_("Division"), lambda a: a.division.name, 20),
    Column(_("Status"), lambda a: str(a.get_status_display()), 16),
    Column(_("Submitted"), submitted_iso, 26),
    Column(_("Fee"), fee_label, 16),
    Column(_("Items to correct"), lambda a: "; ".join(open_items(a)), 24),
    Column(_("Reference"), lambda a: str(a.reference), 38),
)


def headers() -> list[str]:
    return [str(column.header) for column in COLUMNS]


def rows(applications: Iterable[Application]) -> Iterator[list[Value]]:
    for application in applications:
        yield [column.value(application) for column in COLUMNS]


def _each(applications: Iterable[Application]) -> Iterable[Application]:
    """Querysets are read in chunks (prefetching per chunk); other iterables as they are."""
    if isinstance(applications, QuerySet):
        return applications.iterator(chunk_size=500)
    return applications


# --- files -------------------------------------------------------------------------------


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_cell(value)


def as_csv(applications: Iterable[Application]) -> bytes:
    """UTF-8 with a byte-order mark: Excel then opens 王小明 as 王小明, not as mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    for row in rows(_each(applications)):
        writer.writerow([_csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(applications: Iterable[Application]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Applications"))[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(_each(applications)):
        sheet.append([_xlsx_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    for cell, column in zip(sheet[1], COLUMNS, strict=True):
        sheet.column_dimensions[cell.column_letter].width = column.width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Value) -> Value:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def response(applications: Iterable[Application], file_format: str) -> HttpResponse:
    """A download of ``applications`` as ``csv`` or ``xlsx``."""
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    if file_format == "xlsx":
        content, content_type = as_xlsx(applications), XLSX_TYPE
    else:
        file_format, content, content_type = "csv", as_csv(applications), CSV_TYPE
    result = HttpResponse(content, content_type=content_type)
    result["Content-Disposition"] = f'attachment; filename="applications-{stamp}.{file_format}"'
    return result
