"""The upload form on the candidate's recordings page (rendered by ``{% recording_upload_form %}``)."""

import json
import re

import pytest

from concours.uploads.tests.media import mp4_bytes
from concours.uploads.tests.protocol import patch, send, start

pytestmark = pytest.mark.django_db


def _page(client, application):
    return client.get(f"/me/applications/{application.reference}/recordings/")


def test_recordings_page_offers_the_upload_form_and_its_script(signed_in, draft):
    html = _page(signed_in, draft).content.decode()
    form = re.search(r"<form[^>]*data-upload-form[^>]*>", html).group(0)
    assert f'data-application="{draft.reference}"' in form
    assert 'data-chunk-bytes="8388608"' in form
    assert 'action="/uploads/"' in form
    assert re.findall(r'<input type="file"[^>]*>', html) == [
        '<input type="file" name="file" accept="video/mp4,video/quicktime,video/webm,'
        'video/x-matroska,.mp4,.mov,.webm,.mkv" required '
        'aria-describedby="upload-file_helptext" id="upload-file">'
    ]
    scripts = re.findall(r"<script[^>]*>", html)
    assert '<script src="/static/concours/js/uploads.js" defer>' in scripts
    inline = [s for s in scripts if "src=" not in s and 'type="application/json"' not in s]
    assert inline == []
    messages = json.loads(re.search(r'id="upload-messages"[^>]*>(.*?)</script>', html).group(1))
    assert messages["verifying"] == "The whole file has arrived. Checking it…"


def test_recordings_page_lists_unfinished_and_uploaded_recordings(
    signed_in, draft, django_capture_on_commit_callbacks
):
    data = mp4_bytes(50_000)
    unfinished = start(signed_in, draft, data, title="Ysaÿe")["Location"]
    send(signed_in, unfinished, data, stop_at=20_000, chunk=20_000)
    done = start(signed_in, draft, data, title="Paganini <Caprice 24>")["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, done, data, chunk=25_000)
    html = _page(signed_in, draft).content.decode()
    assert "chaconne.mp4 —" in html
    assert "19.5\xa0KB of 48.8\xa0KB received; choose the same file again below to go on." in html
    assert f'data-upload-discard="{unfinished}"' in html
    assert "Paganini &lt;Caprice 24&gt; — uploaded file, 48.8\xa0KB (" in html


def test_no_upload_form_once_recordings_cannot_change(signed_in, draft):
    draft.status = "submitted"
    draft.save()
    assert "data-upload-form" not in _page(signed_in, draft).content.decode()


def test_a_rejected_upload_is_listed_with_its_reason(signed_in, draft):
    data = b"GIF89a" + bytes(10_000)
    url = start(signed_in, draft, data)["Location"]
    patch(signed_in, url, 0, data[:5_000])
    html = _page(signed_in, draft).content.decode()
    assert "This file is not a video we accept. Upload an MP4, MOV, WebM or MKV file." in html
