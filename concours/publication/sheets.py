"""Every juror's score sheet of a published round as files: CSV, JSON and PDF.

The numbers come from the published results record (``marks``), so a sheet and the record
never differ; ``S`` (the juror did not mark their own student or relative) and ``A`` (absent)
are kept as they are. Names are those of the record, so a sheet's rows can be matched with the
record's marks; the files are the same in every interface language (the PDF is bilingual).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from concours.applications.documents import PDF_OPTIONS, LocalOnlyFetcher, write_pdf
from concours.hashchain import time_text
from concours.publication.selectors import PublishedRound

SHEETS_FORMAT = "concours-score-sheets/1"
CSV_COLUMNS = (
    "juror",
    "juror_country",
    "position",
    "candidate",
    "candidate_country",
    "mark",
    "vote",
)


def _vote(value: str | None) -> str:
    return value or ""


def sheets_csv(published: PublishedRound) -> bytes:
    """One line per mark: juror, position in the order of appearance, candidate, mark, vote.
    UTF-8 with a byte-order mark, so spreadsheet programs read Chinese names correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    with translation.override("en"):
        for sheet in published.sheets():
            for row in sheet.rows:
                writer.writerow(
                    [
                        sheet.juror.label, sheet.juror.country_code,
                        row.position or "", row.candidate.label, row.candidate.country_codes,
                        row.score, _vote(row.vote),
                    ]
                )  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheets_data(published: PublishedRound) -> dict[str, Any]:
    publication = published.publication
    round_ = published.round
    division = round_.division
    edition = division.edition
    with translation.override("en"):
        return {
            "format": SHEETS_FORMAT,
            "competition": edition.competition.name_en,
            "edition": str(edition),
            "division": division.name_en,
            "round": round_.name_en,
            "round_number": round_.number,
            "results_public_from": time_text(publication.publish_at),
            "sheets_public_from": time_text(publication.sheets_at),
            "record_digest": publication.record_digest,
            "scale": published.rule["scale"],
            "jurors": [
                {
                    "name": sheet.juror.label,
                    "name_zh": sheet.juror.name_zh,
                    "country": sheet.juror.country_code,
                    "marks": [
                        {
                            "position": row.position, "candidate": row.candidate.label,
                            "country": row.candidate.country_codes, "mark": row.score,
                            "vote": row.vote,
                        }
                        for row in sheet.rows
                    ],
                }
                for sheet in published.sheets()
            ],
        }  # fmt: skip


def sheets_json(published: PublishedRound) -> bytes:
    text = json.dumps(sheets_data(published), indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8")


def sheets_pdf(published: PublishedRound) -> bytes:
    """A bilingual A4 PDF, one juror to a page, with the system's Noto CJK fonts (so Chinese
    names render) and nothing fetched from anywhere."""
    publication = published.publication
    round_ = published.round
    edition = round_.division.edition
    with translation.override("en"):
        context = {
            "published": published,
            "sheets": published.sheets(),
            "edition_en": str(edition),
            "edition_zh": edition.title_zh,
            "division": round_.division,
            "round": round_,
            "competition": edition.competition,
            "record_digest": publication.record_digest,
            "chain_head": publication.chain_head,
            "sheets_at": timezone.localtime(publication.sheets_at, edition.zone),
            "zone": edition.time_zone,
        }
        html = render_to_string("publication/pdf/sheets.html", context)
    document = HTML(string=html, url_fetcher=LocalOnlyFetcher()).render(**PDF_OPTIONS)
    return write_pdf(document)
