"""A recording uploads in chunks, survives a dropped connection and resumes where it stopped."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from concours.applications.models import ApplicationStatus, Recording
from concours.applications.tests.factories import ApplicationFactory
from concours.uploads.tests.media import mp4_bytes
from concours.uploads.tests.storage import private_storage_at
from tests.browser.pages import page_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHUNK = 32 * 1024
SIZE = 20 * CHUNK + 1234  # 21 chunks, the last one short


AXE = Path(__file__).with_name("vendor") / "axe-4.14.1.min.js"


def _serious_accessibility_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, so the page's strict CSP stays on for the test.
    page.evaluate(f"() => {{ {AXE.read_text(encoding='utf-8')}\n }}")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v["id"] for v in result["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.fixture
def private_storage(tmp_path, settings):
    settings.CONCOURS_UPLOAD_DISK_RESERVE_BYTES = 0
    with private_storage_at(tmp_path / "private") as storage:
        yield storage


def test_upload_resumes_after_the_connection_drops(
    browser, live_server, private_storage, tmp_path, artifacts
):
    application = ApplicationFactory(status=ApplicationStatus.DRAFT)
    data = mp4_bytes(SIZE, seed=7)
    video = tmp_path / "chaconne.mp4"
    video.write_bytes(data)

    context, page, page_errors = page_for(browser, live_server, application.candidate.user)
    offsets_sent: list[int] = []

    def cut_the_network_at_the_fifth_chunk(route):
        request = route.request
        if request.method == "PATCH":
            if len(offsets_sent) == 4:
                offsets_sent.append(-1)  # this one never arrives
                context.set_offline(True)
                route.abort("internetdisconnected")
                return
            offsets_sent.append(int(request.headers["upload-offset"]))
        route.continue_()

    page.route("**/uploads/*/", cut_the_network_at_the_fifth_chunk)
    page.goto(f"{live_server.url}/me/applications/{application.reference}/recordings/")
    form = page.locator("form[data-upload-form]")
    expect(form).to_be_visible()  # shown by the script: progressive enhancement
    assert _serious_accessibility_violations(page) == []
    form.evaluate(f"form => {{ form.dataset.chunkBytes = '{CHUNK}'; }}")
    form.get_by_label("Video file").set_input_files(str(video))
    form.get_by_label("What is played").fill("Bach, Chaconne")
    recorded_on = timezone.localdate() - dt.timedelta(days=12)
    form.get_by_label("Recorded on").fill(recorded_on.isoformat())
    form.get_by_label("I declare that this recording is recent and unedited").check()
    form.get_by_role("button", name="Upload the recording").click()

    status = form.get_by_role("status")
    expect(status).to_contain_text("The connection was lost.", timeout=10_000)
    page.wait_for_timeout(1_500)  # a retry or two fails while offline
    progress = form.locator("progress")
    assert 0 < int(progress.get_attribute("value") or 0) < 100
    context.set_offline(False)

    expect(status).to_contain_text("Your recording is ready: Bach, Chaconne", timeout=20_000)
    expect(page.locator("[data-recording-list] li")).to_have_text(
        [f"Bach, Chaconne — uploaded file, 641.2\xa0KB ({date_format(recorded_on, 'DATE_FORMAT')})"]
    )
    page.screenshot(path=str(artifacts / "upload-resumed.png"), full_page=True)
    context.close()

    recording = Recording.objects.get(application=application)
    assert (recording.size, recording.sha256) == (SIZE, hashlib.sha256(data).hexdigest())
    with recording.file.open("rb") as stored:
        assert stored.read() == data
    # Resumed, not restarted: the first four chunks went once, the lost fifth was sent again.
    assert offsets_sent[:6] == [0, CHUNK, 2 * CHUNK, 3 * CHUNK, -1, 4 * CHUNK]
    assert offsets_sent.count(0) == 1
    assert page_errors == []
