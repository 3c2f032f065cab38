"""The files: score sheets as CSV, JSON and PDF with S and A kept, the results record that
``python -m concours.scoring verify`` accepts, and the charts as well-formed SVG."""

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from concours.ledger.selectors import entries
from concours.publication.tests.setup import publish
from concours.publication.tests.urls import public_urls

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def test_the_csv_sheets_carry_s_and_a_marks(client, decided):
    publish(decided)
    response = client.get(public_urls(decided)["sheets_csv"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "juror", "juror_country", "position", "candidate", "candidate_country", "mark", "vote",
    ]  # fmt: skip
    assert rows[1:5] == [
        ["Juror 1", "DE", "1", "Ana Alpha", "PL", "20", ""],
        ["Juror 1", "DE", "2", "Ben Beta", "PL", "18", ""],
        ["Juror 1", "DE", "3", "Dora Delta", "PL", "12", ""],
        ["Juror 1", "DE", "4", "Cai Gamma", "CN", "15", ""],
    ]
    assert ["Juror 2", "DE", "2", "Ben Beta", "PL", "S", ""] in rows
    assert ["Juror 3", "DE", "4", "Cai Gamma", "CN", "A", ""] in rows
    assert len(rows) == 1 + 12


def test_the_json_sheets_carry_s_and_a_marks(client, decided):
    publication = publish(decided)
    data = json.loads(client.get(public_urls(decided)["sheets_json"]).content)
    assert data["format"] == "concours-score-sheets/1"
    assert data["record_digest"] == publication.record_digest
    assert [juror["name"] for juror in data["jurors"]] == ["Juror 1", "Juror 2", "Juror 3"]
    assert data["jurors"][0]["name_zh"] == "评委一"
    assert [mark["mark"] for mark in data["jurors"][1]["marks"]] == ["22", "S", "14", "16"]
    assert data["jurors"][2]["marks"][3] == {
        "position": 4, "candidate": "Cai Gamma", "country": "CN", "mark": "A", "vote": None,
    }  # fmt: skip


def test_the_pdf_is_a_pdf_with_every_juror(client, decided):
    publish(decided)
    response = client.get(public_urls(decided)["sheets_pdf"])
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for name in ("Juror 1", "Juror 2", "Juror 3", "评委一", "蔡伽玛", "Score sheets"):
        assert name in text
    pages = text.split("\f")[:-1]
    assert len(pages) == 3  # one juror to a page
    assert ["Juror 1" in page for page in pages] == [True, False, False]


def test_the_published_record_verifies(client, decided, tmp_path):
    publication = publish(decided)
    response = client.get(public_urls(decided)["record"])
    assert response["Content-Type"] == "application/json"
    path = tmp_path / "record.json"
    path.write_bytes(response.content)
    assert hashlib.sha256(response.content).hexdigest() == publication.file_sha256
    result = subprocess.run(
        [sys.executable, "-m", "concours.scoring", "verify", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("match: ")
    assert publication.record_digest in result.stdout
    logged = entries(f"edition:{decided.round.division.edition_id}").get(kind="publication")
    assert logged.payload["record_digest"] == json.loads(response.content)["digests"]["record"]


def test_the_final_record_carries_the_prize_decisions(client, final, tmp_path):
    publish(final)
    record = json.loads(client.get(public_urls(final)["record"]).content)
    assert [(d["type"], d.get("place"), d.get("candidates")) for d in record["decisions"]] == [
        ("award-place", 1, ["Ana Alpha"]),
        ("award-place", 2, ["Ben Beta", "Cai Gamma"]),
        ("withhold-prize", 3, None),
    ]
    path = tmp_path / "final.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "concours.scoring", "verify", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("name", ["distribution", "heatmap", "order"])
def test_the_charts_are_well_formed_accessible_svg(client, decided, name):
    publish(decided)
    response = client.get(public_urls(decided)[f"chart:{name}"])
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text
    assert desc is not None
    assert desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}style", f"{SVG}foreignObject")
        assert "style" not in element.attrib
        assert not any(key.startswith("on") for key in element.attrib)


def test_the_heatmap_writes_s_and_a_in_their_cells(client, decided):
    publish(decided)
    root = ET.fromstring(client.get(public_urls(decided)["chart:heatmap"]).content)
    tips = [element.text for element in root.iter(f"{SVG}title")][1:]
    assert "Juror 2 → Ben Beta: S" in tips
    assert "Juror 3 → Cai Gamma: A" in tips
    assert "Juror 1 → Ana Alpha: 20" in tips


def test_a_download_can_be_revalidated(client, decided):
    publish(decided)
    url = public_urls(decided)["sheets_csv"]
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
