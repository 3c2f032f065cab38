"""A candidate plays and downloads their own uploaded recording from the application page;
nobody else's."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import Recording, RecordingKind
from concours.applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

DATA = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 20


@pytest.fixture
def recording(draft):
    item = Recording(
        application=draft, kind=RecordingKind.UPLOAD, size=len(DATA), content_type="video/mp4",
        title="Paganini, Caprice No. 24", recorded_on=dt.date(2025, 1, 5),
        unedited_declared_at=timezone.now(),
    )  # fmt: skip
    item.file.save("caprice.mp4", ContentFile(DATA), save=True)
    return item


def _url(recording, application=None):
    return reverse(
        "candidate:recording_file",
        kwargs={
            "reference": (application or recording.application).reference,
            "recording_id": recording.pk,
        },
    )


def test_the_application_page_plays_the_recording(client, recording):
    client.force_login(recording.application.candidate.user)
    page = client.get(
        reverse("candidate:application", kwargs={"reference": recording.application.reference})
    ).text
    assert f'<video controls preload="metadata" src="{_url(recording)}"></video>' in page
    assert f'<a href="{_url(recording)}?download=1" download>Download</a>' in page


def test_the_candidate_plays_it_in_parts(client, recording):
    client.force_login(recording.application.candidate.user)
    response = client.get(_url(recording), headers={"Range": "bytes=12-"})
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        206,
        "video/mp4",
        "inline",
    )
    assert b"".join(response.streaming_content) == DATA[12:]


def test_the_candidate_downloads_it(client, recording):
    client.force_login(recording.application.candidate.user)
    response = client.get(_url(recording) + "?download=1")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{recording.file_name}"'
    assert recording.file_name.endswith(".mp4")
    assert b"".join(response.streaming_content) == DATA


def test_nobody_else_gets_it(client, recording):
    client.force_login(UserFactory())
    assert client.get(_url(recording)).status_code == 404
    # Another candidate, through their own application's address.
    other = ApplicationFactory(candidate__user=UserFactory())
    client.force_login(other.candidate.user)
    assert client.get(_url(recording)).status_code == 404
    assert client.get(_url(recording, application=other)).status_code == 404
    client.logout()
    assert client.get(_url(recording)).status_code == 302  # to the log-in page


def test_a_link_has_no_file(client, draft):
    link = Recording.objects.create(
        application=draft, kind=RecordingKind.LINK, url="https://youtu.be/x", title="Link",
        recorded_on=dt.date(2025, 1, 5), unedited_declared_at=timezone.now(),
    )  # fmt: skip
    client.force_login(draft.candidate.user)
    assert client.get(_url(link)).status_code == 404


def test_uploads_from_before_the_type_was_kept_get_it_from_their_extension(draft):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("concours.applications.migrations.0004_recording_type_and_laureates")
    made = {}
    for extension in ("mp4", "mov", "webm", "mkv"):
        made[extension] = Recording.objects.create(
            application=draft, kind=RecordingKind.UPLOAD, file=f"applications/x/rec/a.{extension}",
            title=extension, recorded_on=dt.date(2025, 1, 5), unedited_declared_at=timezone.now(),
        )  # fmt: skip
    migration.fill_content_types(apps, None)
    assert {
        extension: Recording.objects.get(pk=recording.pk).content_type
        for extension, recording in made.items()
    } == {
        "mp4": "video/mp4",
        "mov": "video/quicktime",
        "webm": "video/webm",
        "mkv": "video/x-matroska",
    }
