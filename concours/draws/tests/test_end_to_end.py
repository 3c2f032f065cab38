"""From the office's first click to anyone's check: the published record verifies with the
command line, run as a separate process like a stranger would run it."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from concours.draws.models import Draw

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]


def verify_with_the_command_line(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "concours.draw", "verify", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_published_draw_verifies_with_the_command_line(client, festival, tmp_path):
    client.force_login(festival.office)
    client.post(
        reverse("draws:office_division", args=[festival.division.pk]),
        {"round": "", "method": "chopin", "applications": [a.pk for a in festival.admitted]},
    )
    draw = Draw.objects.get()
    for witness, value in (("Maria Nowak, notary", "Mazurka"), ("李明", "月光 7")):
        client.post(
            reverse("draws:office_add_input", args=[draw.pk]), {"witness": witness, "value": value}
        )
    client.post(reverse("draws:office_perform", args=[draw.pk]))
    draw.refresh_from_db()

    published = tmp_path / "drawn.json"
    published.write_bytes(client.get(draw.record_url).content)
    before = verify_with_the_command_line(published)
    assert (before.returncode, before.stdout) == (
        1,
        "problem: seed: not revealed yet, so the order cannot be recomputed\n"
        "1 problem: not verified\n",
    )

    client.post(reverse("draws:office_reveal", args=[draw.pk]))
    draw.refresh_from_db()
    revealed = tmp_path / "revealed.json"
    revealed.write_bytes(client.get(draw.record_url).content)
    after = verify_with_the_command_line(revealed)
    lines = after.stdout.splitlines()
    assert (after.returncode, after.stderr) == (0, "")
    assert lines[0] == (
        f"OK: {draw.division} – all rounds: chopin draw, letter {draw.letter}, 4 candidates; "
        f"record SHA-256 {draw.record_digest}"
    )
    by_id = {int(c["id"]): c for c in draw.candidates}
    first = by_id[draw.order[0]]
    assert lines[1] == f"1. {first['family_name']}, {first['given_name']} [{draw.order[0]}]"
    assert len(lines) == 5
