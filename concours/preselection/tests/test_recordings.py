"""The panel plays uploaded recordings in the page: in parts (HTTP Range), with the recording's
own type, to the panel's jurors only, and without a file name that could give a blind review
away."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import ApplicationStatus, Recording, RecordingKind
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.models import RoundKind
from concours.competitions.tests.factories import (
    DivisionFactory,
    JuryMemberFactory,
    OfficeStaffFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db

DATA = bytes(range(256)) * 100  # 25,600 bytes
SHA = "ab" * 32


@pytest.fixture
def panel():
    division = DivisionFactory()
    round_ = RoundFactory(
        division=division, number=1, kind=RoundKind.PRESELECTION, scoring_preset="mean",
        scoring_parameters={}, blind_review=True, min_duration=None, max_duration=None,
    )  # fmt: skip
    juror = JuryMemberFactory(edition=division.edition, division=division, user=UserFactory())
    application = ApplicationFactory(
        division=division, status=ApplicationStatus.IN_PRESELECTION,
        candidate=CandidateProfileFactory(given_name="Ana", family_name="Alpha"),
    )  # fmt: skip
    recording = Recording(
        application=application, kind=RecordingKind.UPLOAD, size=len(DATA), sha256=SHA,
        content_type="video/quicktime", title="Bach, Chaconne", recorded_on=dt.date(2025, 1, 5),
        unedited_declared_at=timezone.now(),
    )  # fmt: skip
    recording.file.save("Ana-Alpha-chaconne.mov", ContentFile(DATA), save=True)
    return {"round": round_, "juror": juror, "application": application, "recording": recording}


def _url(panel, recording=None):
    return reverse(
        "preselection:recording",
        kwargs={
            "round_id": panel["round"].pk,
            "reference": panel["application"].reference,
            "recording_id": (recording or panel["recording"]).pk,
        },
    )


def test_the_juror_gets_the_whole_recording_with_its_type(client, panel):
    client.force_login(panel["juror"].user)
    response = client.get(_url(panel))
    assert response.status_code == 200
    assert {name: response[name] for name in (
        "Content-Type", "Content-Length", "Accept-Ranges", "Content-Disposition", "Cache-Control", "ETag",
    )} == {
        "Content-Type": "video/quicktime", "Content-Length": str(len(DATA)), "Accept-Ranges": "bytes",
        "Content-Disposition": "inline", "Cache-Control": "private, no-store", "ETag": f'"{SHA}"',
    }  # fmt: skip
    assert b"".join(response.streaming_content) == DATA


def test_the_player_seeks_with_a_range(client, panel):
    client.force_login(panel["juror"].user)
    response = client.get(_url(panel), headers={"Range": "bytes=25000-"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 25000-{len(DATA) - 1}/{len(DATA)}"
    assert response["Content-Length"] == "600"
    assert b"".join(response.streaming_content) == DATA[25000:]
    response = client.get(_url(panel), headers={"Range": "bytes=-100"})
    assert (response.status_code, b"".join(response.streaming_content)) == (206, DATA[-100:])


def test_a_range_past_the_end_is_416(client, panel):
    client.force_login(panel["juror"].user)
    response = client.get(_url(panel), headers={"Range": f"bytes={len(DATA)}-"})
    assert (response.status_code, response["Content-Range"]) == (416, f"bytes */{len(DATA)}")


def test_a_malformed_range_gets_the_whole_file(client, panel):
    client.force_login(panel["juror"].user)
    response = client.get(_url(panel), headers={"Range": "bytes=100-50"})
    assert (response.status_code, b"".join(response.streaming_content)) == (200, DATA)


def test_nobody_outside_the_panel_gets_the_recording(client, panel):
    other_division = DivisionFactory(edition=panel["round"].division.edition)
    outsiders = [
        UserFactory(),
        OfficeStaffFactory(competition=panel["round"].division.edition.competition).user,
        JuryMemberFactory(edition=other_division.edition, division=other_division,
                          user=UserFactory()).user,  # another division's juror
        panel["application"].candidate.user,  # the candidate: through their own page only
    ]  # fmt: skip
    for user in outsiders:
        client.force_login(user)
        assert client.get(_url(panel), headers={"Range": "bytes=0-"}).status_code == 404


def test_not_in_review_or_a_link_is_404(client, panel):
    link = Recording.objects.create(
        application=panel["application"], kind=RecordingKind.LINK, url="https://youtu.be/x",
        title="Link", recorded_on=dt.date(2025, 1, 5), unedited_declared_at=timezone.now(),
    )  # fmt: skip
    client.force_login(panel["juror"].user)
    assert client.get(_url(panel, link)).status_code == 404
    panel["application"].status = ApplicationStatus.ADMITTED
    panel["application"].save()
    assert client.get(_url(panel)).status_code == 404


def test_the_review_page_plays_it_in_the_page(client, panel):
    client.force_login(panel["juror"].user)
    response = client.get(
        reverse(
            "preselection:review",
            kwargs={"round_id": panel["round"].pk, "reference": panel["application"].reference},
        )
    )
    assert f'<video controls controlslist="nodownload" preload="metadata" src="{_url(panel)}">' in (
        response.text
    )
    assert "Ana" not in response.text
