"""The candidate's PDFs: receipt, admission letter and visa invitation letter.

The text is read from WeasyPrint's laid-out document (what was set on the pages); the PDF
itself is checked for embedded CJK font subsets, the Unicode map of the name's characters
(so the name can be searched and read aloud), the tags and the metadata. Where Debian's
poppler-utils is installed, ``pdftotext`` and ``pdffonts`` check the written file as well.
"""

import datetime as dt
import re
import shutil
import subprocess
import zlib

import pytest
from django.core import mail
from weasyprint.formatting_structure.boxes import TextBox

from concours.applications import documents
from concours.applications.models import ApplicationStatus, ProgrammePiece
from concours.applications.tasks import send_status_email
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db

SUBMITTED_AT = dt.datetime(2025, 3, 1, 6, 5, tzinfo=dt.UTC)  # 14:05 in Harbin
CHINESE = {
    "given_name": "Xiaoming",
    "family_name": "Wang",
    "native_name": "王小明",
    "citizenship": "CN",
    "country_represented": "CN",
}
CYRILLIC = {
    "given_name": "Ivan",
    "family_name": "Petrov",
    "native_name": "Иван Петров",
    "citizenship": "RU",
    "country_represented": "RU",
}
poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)


def _application(person, status=ApplicationStatus.SUBMITTED, **extra):
    candidate = CandidateProfileFactory(**person, birth_date=dt.date(2007, 3, 9))
    extra.setdefault("submitted_at", SUBMITTED_AT)
    return ApplicationFactory(candidate=candidate, status=status, **extra)


def _text(document) -> str:
    """All text set on the pages, in order, whitespace collapsed."""
    parts = [
        box.text
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, TextBox)
    ]
    return " ".join(" ".join(parts).split())


def _streams(pdf: bytes) -> list[bytes]:
    """The PDF's raw bytes and every Flate-compressed stream, inflated (object streams,
    ToUnicode maps, content, XMP metadata)."""
    found = [pdf]
    for match in re.finditer(rb"<<(.{0,400}?)>>\s*stream\r?\n", pdf, re.S):
        header = match.group(1)
        length = re.search(rb"/Length (\d+)", header)
        if b"/FlateDecode" in header and length:
            found.append(zlib.decompress(pdf[match.end() : match.end() + int(length.group(1))]))
    return found


def _embedded_fonts(pdf: bytes) -> set[str]:
    """Base names of embedded font subsets, ``ABCDEF+Noto-Sans-CJK-SC`` and the like."""
    return {
        name.decode()
        for stream in _streams(pdf)
        for name in re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[\w-]+)", stream)
    }


def _mapped_characters(pdf: bytes) -> set[str]:
    """Characters the fonts' ToUnicode maps give text for: what can be copied and searched."""
    characters = set()
    for stream in _streams(pdf):
        if b"begincmap" in stream:
            for code in re.findall(rb"<[0-9a-fA-F]{4}>\s*<([0-9a-fA-F]+)>", stream):
                characters.add(bytes.fromhex(code.decode()).decode("utf-16-be"))
    return characters


def _check_pdf(pdf: bytes, family: str, name: str) -> None:
    assert pdf.startswith(b"%PDF-1.7")
    fonts = _embedded_fonts(pdf)
    assert fonts
    assert all(re.fullmatch(rf"[A-Z]{{6}}\+{family}(-Bold)?", font) for font in fonts)
    assert set(name.replace(" ", "")) <= _mapped_characters(pdf)
    everything = b"".join(_streams(pdf))
    assert b"/StructTreeRoot" in everything  # tagged
    assert b"/Lang (en)" in everything
    assert b'pdfuaid:part="1"' in everything
    assert b"/MediaBox [0 0 595.27" in everything  # A4 (210 mm × 297 mm in points)


def test_receipt_of_a_chinese_candidate():
    application = _application(CHINESE)
    first, second = (
        RoundFactory(division=application.division, number=n, name_en=en, name_zh=zh)
        for n, en, zh in [(1, "Pre-selection", "预选"), (2, "First round", "第一轮")]
    )
    for order, (round_, composer, work, movements, seconds) in enumerate(
        [
            (first, "J. S. Bach", "Partita No. 2, BWV 1004", "Chaconne", 840),
            (first, "N. Paganini", "Caprice No. 24", "", 305),
            (second, "Chen Gang, He Zhanhao", "The Butterfly Lovers (梁祝)", "", 1625),
        ]
    ):
        ProgrammePiece.objects.create(
            application=application,
            round=round_,
            order=order,
            composer=composer,
            work=work,
            movements=movements,
            duration_seconds=seconds,
        )

    document = documents.receipt_document(application)
    text = _text(document)
    for expected in [
        "Application receipt",
        "报名回执",
        "王小明",
        "Xiaoming",
        "Wang",
        "9 March 2007",
        "2007年3月9日",
        "China",
        "中国",
        "Violin",
        "小提琴",
        "1 March 2025, 14:05 (Asia/Shanghai, UTC+08:00)",
        "1 March 2025, 06:05 UTC",
        str(application.reference),
        "Repertoire 曲目",
        "Pre-selection 预选",
        "Chaconne",
        "14:00",
        "5:05",
        "19:05",  # the round's total
        "27:05",  # m:ss, minutes not wrapped into hours
        "梁祝",
        "This is a receipt, not an admission.",
        "本回执仅为报名回执，并非录取通知。",
    ]:
        assert expected in text
    assert document.metadata.title.startswith("Application receipt · 报名回执")
    assert document.metadata.authors == [application.division.edition.competition.name_en]
    assert document.metadata.lang == "en"
    _check_pdf(documents.write_pdf(document), "Noto-Sans-CJK-SC", "王小明")


def test_receipt_without_repertoire_of_a_cyrillic_candidate_with_two_citizenships():
    document = documents.receipt_document(_application({**CYRILLIC, "other_citizenships": ["KZ"]}))
    text = _text(document)
    assert "Иван Петров" in text
    assert "Russia, Kazakhstan" in text  # every citizenship
    assert "俄罗斯、哈萨克斯坦" in text
    assert "Repertoire" not in text
    _check_pdf(documents.write_pdf(document), "Noto-Sans-CJK-SC", "Иван Петров")


def test_a_draft_has_no_receipt():
    application = _application(CHINESE, status=ApplicationStatus.DRAFT, submitted_at=None)
    with pytest.raises(ValueError, match="draft"):
        documents.receipt_pdf(application)


@pytest.mark.parametrize("build", [documents.admission_letter_pdf, documents.visa_invitation_pdf])
@pytest.mark.parametrize("status", [ApplicationStatus.SUBMITTED, ApplicationStatus.RESERVE])
def test_letters_only_for_admitted_candidates(build, status):
    with pytest.raises(ValueError, match="admitted"):
        build(_application(CHINESE, status=status))


@pytest.mark.parametrize(
    ("person", "greeting"), [(CHINESE, "尊敬的王小明："), (CYRILLIC, "尊敬的Ivan Petrov：")]
)
def test_admission_letter(person, greeting):
    application = _application(person, status=ApplicationStatus.ADMITTED)
    document = documents.admission_letter_document(application, issued_on=dt.date(2025, 6, 2))
    text = _text(document)
    for expected in [
        "Letter of admission",
        "录取通知书",
        person["native_name"],
        f"Dear {person['given_name']} {person['family_name']},",
        greeting,
        "from 1 August 2025 to 14 August 2025 at Harbin Concert Hall, Harbin, China",
        "2025年8月1日至2025年8月14日",
        "Harbin, 2 June 2025",
        "2025年6月2日",
    ]:
        assert expected in text
    assert len(document.pages) == 2  # English, then Chinese, each on its own page
    _check_pdf(documents.write_pdf(document), "Noto-Serif-CJK-SC", person["native_name"])


@pytest.mark.parametrize("person", [CHINESE, CYRILLIC])
def test_visa_invitation_letter(person):
    application = _application(person, status=ApplicationStatus.ADMITTED)
    document = documents.visa_invitation_document(application, issued_on=dt.date(2025, 6, 2))
    text = _text(document)
    for expected in [
        "Letter of invitation for a visa application",
        "签证邀请函",
        person["native_name"],
        "To the visa section of the Embassy or Consulate of China",
        "中国驻外使领馆签证处",
        "Period of stay",
        "30 July 2025 – 16 August 2025",  # the edition (1–14 August) and 2 days either side
        "2025年7月30日至2025年8月16日",
        "Purpose of the visit",
        "Competitor in",
    ]:
        assert expected in text
    _check_pdf(documents.write_pdf(document), "Noto-Serif-CJK-SC", person["native_name"])


def test_visa_stay_is_the_edition_with_two_days_either_side():
    application = _application(CHINESE, status=ApplicationStatus.ADMITTED)
    assert documents.visa_stay(application) == (dt.date(2025, 7, 30), dt.date(2025, 8, 16))


def test_durations_are_minutes_and_seconds():
    assert [documents.duration(s) for s in (5, 60, 754, 3725)] == ["0:05", "1:00", "12:34", "62:05"]


def test_fetcher_refuses_the_network_and_files_elsewhere():
    fetcher = documents.LocalOnlyFetcher()
    for url in [
        "https://example.org/font.woff2",
        "http://127.0.0.1/style.css",
        "ftp://example.org/x",
        "file://example.org/etc/passwd",
        "file:///etc/passwd",
    ]:
        with pytest.raises(ValueError, match="refusing"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    css = documents.TEMPLATE_DIR / "print.css"
    assert fetcher.fetch(css.as_uri()).read().startswith(b"/*")


@pytest.mark.parametrize(
    ("status", "name", "builder"),
    [
        (ApplicationStatus.SUBMITTED, "receipt", "receipt_pdf"),
        (ApplicationStatus.ADMITTED, "admission-letter", "admission_letter_pdf"),
    ],
)
def test_status_email_carries_the_pdf(monkeypatch, status, name, builder):
    # The PDFs themselves are tested above; here only that the right one is attached.
    monkeypatch.setattr(documents, builder, lambda application: b"%PDF-" + name.encode())
    application = _application(CHINESE, status=status)
    send_status_email.enqueue(application.pk, status)
    [message] = mail.outbox
    assert message.attachments == [
        (f"{name}-{application.reference}.pdf", b"%PDF-" + name.encode(), "application/pdf")
    ]


def test_the_real_receipt_goes_with_the_submitted_email():
    application = _application(CHINESE)
    send_status_email.enqueue(application.pk, ApplicationStatus.SUBMITTED)
    [(_, content, _)] = mail.outbox[0].attachments
    assert content.startswith(b"%PDF-")
    assert len(content) > 10_000


def test_other_status_emails_have_no_attachment():
    application = _application(CHINESE, status=ApplicationStatus.RESERVE)
    send_status_email.enqueue(application.pk, ApplicationStatus.RESERVE)
    [message] = mail.outbox
    assert message.attachments == []


def test_a_pdf_that_fails_does_not_stop_the_email(monkeypatch, caplog):
    def broken(application):
        raise OSError("no fonts")

    monkeypatch.setattr(documents, "receipt_pdf", broken)
    application = _application(CHINESE)
    send_status_email.enqueue(application.pk, ApplicationStatus.SUBMITTED)
    [message] = mail.outbox
    assert message.attachments == []
    assert "Could not build the receipt PDF" in caplog.text


@poppler
def test_poppler_reads_the_chinese_name_and_the_embedded_subsets(tmp_path):
    path = tmp_path / "visa.pdf"
    path.write_bytes(
        documents.visa_invitation_pdf(_application(CHINESE, status=ApplicationStatus.ADMITTED))
    )
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ["王小明", "签证邀请函", "Letter of invitation"]:
        assert expected in text
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows
    assert all(re.match(r"[A-Z]{6}\+Noto-Serif-CJK-SC", row[0]) for row in rows)
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # embedded, subset, Unicode
