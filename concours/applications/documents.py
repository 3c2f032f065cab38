"""The candidate's PDFs: the receipt of a submitted application, the admission letter and the
visa invitation letter.

Each is bilingual (English, then Simplified Chinese), A4 and tagged for accessibility (PDF/UA-1:
structure tags, the document's language, title and author in the metadata). WeasyPrint builds
them from the templates under ``applications/pdf/``. The print stylesheet asks for the system's
Noto CJK families by name ("Noto Sans CJK SC", "Noto Serif CJK SC", Debian's fonts-noto-cjk),
which WeasyPrint embeds as subsets, so a Chinese or Cyrillic name renders on any reader.
Nothing is fetched over the network: :class:`LocalOnlyFetcher` refuses every URL that is not
``data:`` or a file inside this app.

The texts are written in both languages in the templates themselves (a bilingual document shows
both whatever the reader's interface language), so they need no message catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_countries import countries
from weasyprint import HTML
from weasyprint.document import Document as RenderedDocument
from weasyprint.urls import URLFetcher

from concours.applications.models import Application, ApplicationStatus
from concours.core.bilingual import pick

APP_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = APP_DIR / "templates" / "applications" / "pdf"

#: Tagged PDF (structure tree, /Lang, title shown) with PDF/UA-1 identification.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

#: The visa letter's period of stay starts this long before the edition's first day and ends
#: this long after its last day: a day to arrive (often after a long-haul flight and a change of
#: time zone) and a day's margin for a delayed flight before the first round, the same after the
#: final and the prize-winners' concert for departure. Consulates refuse entries outside the
#: stated period, so the margin is deliberately on the generous side of "arrive the day before".
VISA_MARGIN = dt.timedelta(days=2)

EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher restricted to ``data:`` URLs and files inside this app: a PDF
    never reaches the network, nor reads a file elsewhere on the server."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=1)

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = urlsplit(url)
        if parts.scheme == "file":
            if parts.netloc not in ("", "localhost"):
                raise ValueError(f"refusing a remote file URL: {url}")
            path = Path(url2pathname(parts.path)).resolve()
            if not path.is_relative_to(APP_DIR):
                raise ValueError(f"refusing a file outside the application's directory: {url}")
        elif parts.scheme != "data":
            raise ValueError(f"refusing a non-local URL: {url}")
        return super().fetch(url, headers)


@dataclass(frozen=True)
class Both:
    """A text in English and in Simplified Chinese (each falls back to the other)."""

    en: str
    zh: str

    @property
    def other(self) -> str:
        """The Chinese text when it differs from the English one (so it is not shown twice)."""
        return self.zh if self.zh != self.en else ""

    @classmethod
    def of(cls, obj: object, field: str) -> Both:
        values = {"en": getattr(obj, f"{field}_en"), "zh": getattr(obj, f"{field}_zh")}
        return cls(pick(values, "en"), pick(values, "zh"))


def _country(code: object) -> Both:
    code = str(getattr(code, "code", code) or "")
    with translation.override("en"):
        en = str(countries.name(code)) if code else ""
    with translation.override("zh-hans"):
        zh = str(countries.name(code)) if code else ""
    return Both(en or code, zh or en or code)


def _is_chinese(text: str) -> bool:
    """Whether a name is written in Chinese characters (the Chinese letter then greets the
    candidate by it; a Cyrillic or Latin name is greeted in Latin letters instead)."""
    return any(
        "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f" for char in text
    )


def _date(day: dt.date) -> Both:
    return Both(
        f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}", f"{day.year}年{day.month}月{day.day}日"
    )


def _period(first: dt.date, last: dt.date) -> Both:
    a, b = _date(first), _date(last)
    return Both(f"{a.en} – {b.en}", f"{a.zh}至{b.zh}")


def _moment(when: dt.datetime, zone: dt.tzinfo, zone_name: str) -> Both:
    local = when.astimezone(zone)
    day = _date(local.date())
    offset = local.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}"
    return Both(
        f"{day.en}, {local:%H:%M} ({zone_name}, {offset})",
        f"{day.zh} {local:%H:%M}（{zone_name}，{offset}）",
    )


def duration(seconds: int) -> str:
    """``m:ss``, minutes not wrapped into hours: 754 → ``12:34``."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _common_context(application: Application) -> dict[str, Any]:
    division = application.division
    edition = division.edition
    competition = edition.competition
    city = competition.city
    candidate = application.candidate
    competition_name = Both.of(competition, "name")
    edition_title = Both(
        edition.title_en or f"{competition_name.en} {edition.year}",
        edition.title_zh or f"{edition.year}年{competition_name.zh}",
    )
    citizenships = [_country(candidate.citizenship)] + [
        _country(code) for code in candidate.other_citizenships or [] if code
    ]
    return {
        "reference": str(application.reference),
        "competition": competition_name,
        "edition": edition_title,
        "division": Both.of(division, "name"),
        "venue": Both.of(edition, "venue"),
        "city": Both.of(city, "name"),
        "host_country": _country(city.country),
        "website": competition.website,
        "dates": _period(edition.starts_on, edition.ends_on),
        "starts_on": _date(edition.starts_on),
        "ends_on": _date(edition.ends_on),
        "candidate": {
            "given_name": candidate.given_name,
            "family_name": candidate.family_name,
            "full_name": candidate.display_name,
            "native_name": candidate.native_name,
            "native_name_is_chinese": _is_chinese(candidate.native_name),
            "birth_date": _date(candidate.birth_date),
            "citizenship": Both(
                ", ".join(c.en for c in citizenships), "、".join(c.zh for c in citizenships)
            ),
            "represented": _country(candidate.country_represented),
        },
    }


def _programme(application: Application) -> list[dict[str, Any]]:
    pieces = application.pieces.select_related("round").order_by("round__number", "order", "id")
    rounds = []
    for round_, group in groupby(pieces, key=lambda piece: piece.round):
        rows = list(group)
        rounds.append(
            {
                "name": Both.of(round_, "name"),
                "pieces": [
                    {
                        "composer": piece.composer,
                        "work": piece.work,
                        "movements": piece.movements,
                        "duration": duration(piece.duration_seconds),
                    }
                    for piece in rows
                ],
                "total": duration(sum(piece.duration_seconds for piece in rows)),
            }
        )
    return rounds


def _members(application: Application) -> list[dict[str, Any]]:
    return [
        {
            "name": f"{member.given_name} {member.family_name}",
            "native_name": member.native_name,
            "instrument": Both.of(member.instrument, "name"),
            "birth_date": _date(member.birth_date),
            "citizenship": _country(member.citizenship),
        }
        for member in application.members.select_related("instrument")
    ]


def _document(template: str, context: dict[str, Any], title: Both) -> RenderedDocument:
    context = {**context, "title": title, "author": context["competition"].en}
    html = render_to_string(f"applications/pdf/{template}", context)
    return HTML(
        string=html, base_url=TEMPLATE_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher()
    ).render(**PDF_OPTIONS)


def write_pdf(document: RenderedDocument) -> bytes:
    """The PDF of a laid-out document, with the accessibility options."""
    pdf = document.write_pdf(**PDF_OPTIONS)
    assert pdf is not None
    return pdf


# -- The receipt ---------------------------------------------------------------------------


def receipt_document(application: Application) -> RenderedDocument:
    """The laid-out receipt (its pages and text), before it is written as a PDF."""
    if application.status == ApplicationStatus.DRAFT or application.submitted_at is None:
        raise ValueError("A receipt exists only for a submitted application, not for a draft.")
    edition = application.division.edition
    context = _common_context(application)
    context |= {
        "submitted_local": _moment(application.submitted_at, edition.zone, edition.time_zone),
        "submitted_utc": _date(application.submitted_at.astimezone(dt.UTC).date()).en
        + f", {application.submitted_at.astimezone(dt.UTC):%H:%M} UTC",
        "rounds": _programme(application),
        "members": _members(application),
    }
    return _document("receipt.html", context, Both("Application receipt", "报名回执"))


def receipt_pdf(application: Application) -> bytes:
    """The receipt of a submitted application (raises ``ValueError`` for a draft)."""
    return write_pdf(receipt_document(application))


# -- Letters after admission ---------------------------------------------------------------


def _letter_context(application: Application, issued_on: dt.date | None) -> dict[str, Any]:
    if application.status != ApplicationStatus.ADMITTED:
        raise ValueError("Admission and visa letters exist only for admitted applications.")
    edition = application.division.edition
    issued_on = issued_on or timezone.localdate(timezone=edition.zone)
    return _common_context(application) | {"issued_on": _date(issued_on)}


def visa_stay(application: Application) -> tuple[dt.date, dt.date]:
    """The period of stay the visa letter asks for: the edition's dates widened by
    :data:`VISA_MARGIN` on each side."""
    edition = application.division.edition
    return edition.starts_on - VISA_MARGIN, edition.ends_on + VISA_MARGIN


def admission_letter_document(
    application: Application, *, issued_on: dt.date | None = None
) -> RenderedDocument:
    context = _letter_context(application, issued_on)
    return _document("admission_letter.html", context, Both("Letter of admission", "录取通知书"))


def admission_letter_pdf(application: Application, *, issued_on: dt.date | None = None) -> bytes:
    """The letter admitting the candidate (raises ``ValueError`` unless admitted)."""
    return write_pdf(admission_letter_document(application, issued_on=issued_on))


def visa_invitation_document(
    application: Application, *, issued_on: dt.date | None = None
) -> RenderedDocument:
    context = _letter_context(application, issued_on)
    arrival, departure = visa_stay(application)
    context |= {"stay": _period(arrival, departure), "margin_days": VISA_MARGIN.days}
    title = Both("Letter of invitation for a visa application", "签证邀请函")
    return _document("visa_invitation.html", context, title)


def visa_invitation_pdf(application: Application, *, issued_on: dt.date | None = None) -> bytes:
    """The invitation letter for the candidate's visa application (raises ``ValueError``
    unless admitted)."""
    return write_pdf(visa_invitation_document(application, issued_on=issued_on))


def filename(kind: str, application: Application) -> str:
    """``receipt-<reference>.pdf`` and the like, for attachments and downloads."""
    return f"{kind}-{application.reference}.pdf"
