"""The candidate applies: details, a draft, repertoire checked live, documents, a recording,
a submission that counts once, and nobody else's application in reach."""

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from concours.accounts.tests.factories import UserFactory
from concours.applications import services
from concours.applications.models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Document,
    EligibilityException,
    StatusChange,
)
from concours.applications.tests.conftest import PDF, PNG
from concours.competitions.tests.factories import (
    RepertoireCategoryFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def _url(name, application, **kwargs):
    return reverse(f"candidate:{name}", kwargs={"reference": application.reference, **kwargs})


def _programme_data(*pieces, prefix="form"):
    data = {f"{prefix}-TOTAL_FORMS": str(len(pieces)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "30"}  # fmt: skip
    for index, piece in enumerate(pieces):
        data.update({f"{prefix}-{index}-{key}": value for key, value in piece.items()})
    return data


def _complete(client, draft, open_edition):
    category = open_edition.repertoire_categories.get()
    client.post(
        _url("programme", draft, round_number=2),
        _programme_data(
            {
                "composer": "Paganini",
                "work": "Caprice No. 24",
                "duration": "5:00",
                "categories": [category.pk],
            },
            {
                "composer": "Bach",
                "work": "Partita No. 2",
                "movements": "Chaconne",
                "duration": "16:00",
            },
        ),
    )
    for kind, content, name in (
        ("photo", PNG, "me.png"),
        ("cv", PDF, "cv.pdf"),
        ("birth_proof", PDF, "id.pdf"),
    ):
        client.post(
            _url("documents", draft), {"kind": kind, "file": SimpleUploadedFile(name, content)}
        )
    client.post(
        _url("recordings", draft),
        {"title": "Caprice 24", "url": "https://www.youtube.com/watch?v=abc", "recorded_on": "2025-01-10",
         "unedited": "on"},
    )  # fmt: skip


def test_new_candidate_enters_details_then_applies(client, open_edition):
    user = UserFactory()
    client.force_login(user)
    apply_url = reverse("candidate:apply", kwargs={"slug": "schoenfeld", "year": open_edition.year})
    response = client.get(apply_url)
    assert response["Location"] == f"{reverse('candidate:profile')}?next={apply_url}"
    response = client.post(
        reverse("candidate:profile"),
        {"given_name": "Li", "family_name": "Wei", "native_name": "李伟", "birth_date": "2001-02-03",
         "citizenship": "CN", "country_represented": "CN", "residence": "DE", "next": apply_url},
    )  # fmt: skip
    assert response["Location"] == apply_url
    division = open_edition.divisions.get()
    response = client.post(apply_url, {"division": division.pk})
    application = Application.objects.get(candidate__user=user)
    assert response["Location"] == _url("application", application)
    assert application.status == ApplicationStatus.DRAFT
    client.post(apply_url, {"division": division.pk})  # a second click opens the same draft
    assert Application.objects.count() == 1


def test_details_save_themselves_as_the_candidate_types(client, candidate):
    client.force_login(candidate.user)
    url = reverse("candidate:profile")
    assert '"autosave": "1"' in client.get(url).content.decode()
    data = {
        "given_name": "Ana", "family_name": "Alpha-Berg", "native_name": "安娜",
        "birth_date": "2000-05-01", "citizenship": "CN", "country_represented": "CN",
        "residence": "CN",
    }  # fmt: skip
    response = client.post(url, {**data, "autosave": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Your details are saved" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.family_name == "Alpha-Berg"
    # An incomplete form is not saved: the details keep what was complete.
    response = client.post(
        url, {**data, "family_name": "", "autosave": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Not saved yet" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.family_name == "Alpha-Berg"


def test_profile_errors_name_the_field(client, candidate):
    client.force_login(candidate.user)
    response = client.post(
        reverse("candidate:profile"), {"given_name": "Ana", "birth_date": "2999-01-01"}
    )
    errors = response.context["form"].errors
    assert errors["birth_date"] == ["A date of birth must be in the past."]
    assert errors["family_name"] == ["This field is required."]
    candidate.refresh_from_db()
    assert candidate.birth_date == dt.date(2000, 5, 1)


def test_checklist_says_what_is_missing(client, draft):
    client.force_login(draft.candidate.user)
    response = client.get(_url("application", draft))
    assert [f.message for f in response.context["findings"]] == [
        "Round 1 has no pieces yet.",
        "Add the recording for the pre-selection.",
        "Missing document: Photo.",
        "Missing document: Curriculum vitae.",
        "Missing document: Proof of date of birth.",
    ]


def test_programme_is_checked_live_and_saved(client, draft, open_edition):
    client.force_login(draft.candidate.user)
    url = _url("programme", draft, round_number=2)
    data = _programme_data({"composer": "Bach", "work": "Partita No. 2", "duration": "27:40"})
    preview = client.post(url, {**data, "preview": "1"}, HTTP_HX_REQUEST="true")
    assert preview.context["problems"] == [
        "Round 1 needs at least 1 piece in “Paganini caprice”; the programme has 0.",
        "Round 1 lasts 27:40; the maximum is 25:00 (2:40 too long).",
    ]
    assert draft.pieces.count() == 0  # a preview saves nothing
    response = client.post(url, data)
    assert response["Location"] == _url("application", draft)
    assert list(draft.pieces.values_list("composer", "duration_seconds")) == [("Bach", 1660)]


def test_the_programme_saves_itself_as_the_candidate_types(client, draft, open_edition):
    client.force_login(draft.candidate.user)
    url = _url("programme", draft, round_number=2)
    page = client.get(url).content.decode()
    assert '"autosave": "1"' in page
    data = _programme_data({"composer": "Ysaÿe", "work": "Sonata No. 3", "duration": "7:10"})
    response = client.post(url, {**data, "preview": "1", "autosave": "1"}, HTTP_HX_REQUEST="true")
    assert "Draft saved at" in response.content.decode()
    assert list(draft.pieces.values_list("composer", "duration_seconds")) == [("Ysaÿe", 430)]
    # An incomplete form is checked but not saved: the draft keeps what was complete.
    half = _programme_data({"composer": "Bach", "work": "", "duration": "3:00"})
    response = client.post(url, {**half, "preview": "1", "autosave": "1"}, HTTP_HX_REQUEST="true")
    assert "Draft saved at" not in response.content.decode()
    assert list(draft.pieces.values_list("composer", flat=True)) == ["Ysaÿe"]


def test_a_submitted_programme_is_not_saved_by_the_page(client, draft, open_edition):
    from concours.applications.models import ApplicationStatus

    draft.status = ApplicationStatus.SUBMITTED
    draft.save()
    client.force_login(draft.candidate.user)
    url = _url("programme", draft, round_number=2)
    assert '"autosave"' not in client.get(url).content.decode()
    data = _programme_data({"composer": "Ysaÿe", "work": "Sonata No. 3", "duration": "7:10"})
    client.post(url, {**data, "preview": "1", "autosave": "1"}, HTTP_HX_REQUEST="true")
    assert draft.pieces.count() == 0


def test_programme_duration_errors(client, draft):
    client.force_login(draft.candidate.user)
    data = _programme_data({"composer": "Bach", "work": "Partita", "duration": "25"})
    response = client.post(_url("programme", draft, round_number=2), data)
    assert response.context["formset"].forms[0].errors["duration"] == [
        "Write the duration as minutes:seconds, such as 4:30 or 25:00 (or h:mm:ss)."
    ]
    assert draft.pieces.count() == 0


def test_documents_are_checked_by_content_not_by_name(client, draft):
    client.force_login(draft.candidate.user)
    fake = SimpleUploadedFile("photo.png", b"GIF89a not a png")
    response = client.post(_url("documents", draft), {"kind": "photo", "file": fake})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "This kind of file is not accepted here; use JPEG, PNG."
    ]
    assert Document.objects.count() == 0


def test_a_document_larger_than_a_read_and_than_memory_arrives_byte_for_byte(client, draft):
    """Read in several 1 MiB chunks into a temporary file (over FILE_UPLOAD_MAX_MEMORY_SIZE),
    then moved into the storage: the stored bytes are the sent ones."""
    import random

    from django.conf import settings

    from concours.core.uploadhandlers import CHUNK_BYTES

    size = max(3 * CHUNK_BYTES, settings.FILE_UPLOAD_MAX_MEMORY_SIZE) + 4099
    content = PDF + random.Random(4).randbytes(size - len(PDF))
    client.force_login(draft.candidate.user)
    response = client.post(
        _url("documents", draft), {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", content)}
    )
    assert response.status_code == 302
    document = draft.documents.get()
    assert document.size == size
    with document.file.open("rb") as stored:
        assert stored.read() == content


def test_oversized_document_is_refused(client, draft, settings):
    from concours.applications import forms

    client.force_login(draft.candidate.user)
    big = SimpleUploadedFile("cv.pdf", PDF + b"\x00" * (20 * 1024 * 1024))
    response = client.post(_url("documents", draft), {"kind": "cv", "file": big})
    assert response.context["form"].errors["file"] == ["The file is larger than 20 MB."]
    assert forms.DOCUMENT_TYPES["cv"][1] == 20 * 1024 * 1024


def test_recording_link_must_be_youtube_or_vimeo(client, draft):
    client.force_login(draft.candidate.user)
    response = client.post(
        _url("recordings", draft),
        {"title": "x", "url": "https://example.com/video", "recorded_on": "2025-01-10"},
    )
    errors = response.context["form"].errors
    assert errors["url"] == ["Give a YouTube or Vimeo link starting with https://."]
    assert errors["unedited"] == ["The recording must be declared unedited."]


def test_submit_is_refused_with_the_findings_then_accepted_once(
    client, draft, open_edition, django_capture_on_commit_callbacks
):
    client.force_login(draft.candidate.user)
    key = str(uuid.uuid4())
    response = client.post(_url("submit", draft), {"submission_key": key})
    assert response.status_code == 400
    assert response.context["findings"][0].message == "Round 1 has no pieces yet."
    _complete(client, draft, open_edition)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("submit", draft), {"submission_key": key})
    assert response["Location"] == _url("application", draft)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    # The same submit again (a retry after a dropped connection) is the same submission.
    response = client.post(_url("submit", draft), {"submission_key": key})
    assert response["Location"] == _url("application", draft)
    assert StatusChange.objects.filter(application=draft).count() == 1
    assert [m.subject for m in mail.outbox][-1].endswith("your application is now “Submitted”")


def test_submitting_costs_a_bounded_number_of_queries(
    client, draft, open_edition, django_assert_max_num_queries
):
    """At a deadline every submit counts: the checks read the division's rules, the programme
    and what the draft holds in a fixed number of queries, whatever the programme's size."""
    client.force_login(draft.candidate.user)
    _complete(client, draft, open_edition)
    # session, user, application; the row locked with what it holds; instruments, rounds with
    # their requirements, categories, programme; the update and the status change; two
    # savepoints.
    with django_assert_max_num_queries(12):
        response = client.post(_url("submit", draft), {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_a_submit_queues_its_email_in_its_own_transaction(
    client, draft, open_edition, settings, task_inserts
):
    """With the database queue (production's) the status e-mail's task is written in the
    submit's transaction: the submission and its e-mail commit together, in one commit."""
    from django_tasks_db.models import DBTaskResult

    client.force_login(draft.candidate.user)
    _complete(client, draft, open_edition)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.post(_url("submit", draft), {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    assert task_inserts == [True]
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path.endswith("send_status_email")
    assert queued.args_kwargs["args"] == [draft.pk, ApplicationStatus.SUBMITTED]


def test_an_upload_and_a_submit_read_only_the_related_rows_they_use(client, draft, open_edition):
    """At a deadline the upload reads the application alone and the submit its candidate,
    division and edition, not the competition and city the pages show around it; each related
    row costs CPU to compile and read. A refused upload shows the documents page again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def application_reads(queries):
        return [
            q["sql"]
            for q in queries
            if q["sql"].startswith('SELECT "applications_application"."id"')
        ]

    client.force_login(draft.candidate.user)
    _complete(client, draft, open_edition)
    draft.documents.filter(kind="cv").delete()
    with CaptureQueriesContext(connection) as upload:
        response = client.post(
            _url("documents", draft), {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", PDF)}
        )
    assert response.status_code == 302
    [read] = application_reads(upload.captured_queries)
    selected = read.split(" FROM ")[0]
    assert '"applications_candidateprofile".' not in selected
    assert '"competitions_division".' not in selected

    refused = client.post(
        _url("documents", draft), {"kind": "photo", "file": SimpleUploadedFile("x.png", PDF)}
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["file"]
    assert _url("application", draft) in refused.text  # the breadcrumbs

    with CaptureQueriesContext(connection) as submit:
        response = client.post(_url("submit", draft), {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    [read] = application_reads(submit.captured_queries)
    selected = read.split(" FROM ")[0]
    assert '"applications_candidateprofile".' in selected
    assert '"competitions_edition".' in selected
    assert '"competitions_competition".' not in selected
    assert '"federation_city".' not in selected


def test_the_checks_read_the_rounds_as_the_pages_show_them(open_edition, django_assert_num_queries):
    """``round_outlines`` (one query, for the checks) gives what ``outline_of`` makes of the
    rounds the pages read with their requirements, in order, in the reader's language."""
    from django.utils import translation

    from concours.applications import checks

    division = open_edition.divisions.get()
    first = division.rounds.get(number=2)
    first.name_zh = "第一轮"
    first.repertoire_may_repeat = True
    first.save()
    final = RoundFactory(division=division, number=3, name_en="Final", min_duration=None)
    for code in ("bach", "commissioned"):
        RepertoireRequirementFactory(
            round=final,
            category=RepertoireCategoryFactory(edition=open_edition, code=code),
            min_count=1, max_count=2,
        )  # fmt: skip
    application = Application(division=division)
    for language in ("en", "zh-hans"):
        with translation.override(language):
            expected = [checks.outline_of(r) for r in checks.division_rounds(application)]
            with django_assert_num_queries(1):
                outlines = checks.round_outlines(application)
            assert outlines == expected
    assert [o.number for o in outlines] == [1, 2, 3]
    assert [o.needs_repertoire for o in outlines] == [False, True, True]
    assert [r.category for r in outlines[2].rules.requirements] == ["bach", "commissioned"]
    assert outlines[1].rules.name == "第一轮"
    assert outlines[2].rules.min_duration is None


def test_a_retried_submit_answers_with_the_submission_as_stored(client, draft, open_edition):
    client.force_login(draft.candidate.user)
    _complete(client, draft, open_edition)
    key = uuid.uuid4()
    user = draft.candidate.user
    first = services.submit_application(
        application=Application.objects.get(pk=draft.pk), key=key, by=user, now=timezone.now()
    )
    stale = Application.objects.get(pk=draft.pk)
    stale.status = ApplicationStatus.DRAFT  # as a view read it just before the first submit
    again = services.submit_application(application=stale, key=key, by=user, now=timezone.now())
    assert (again.status, again.submitted_at) == (ApplicationStatus.SUBMITTED, first.submitted_at)
    assert StatusChange.objects.filter(application=draft).count() == 1


def test_an_exception_granted_by_the_office_lets_the_draft_be_submitted(
    client, open_edition, candidate
):
    candidate.birth_date = dt.date(1985, 3, 1)  # too old for the violin division
    candidate.save()
    older = Application.objects.create(
        candidate=candidate, division=open_edition.divisions.get(), status=ApplicationStatus.DRAFT
    )
    client.force_login(candidate.user)
    _complete(client, older, open_edition)
    response = client.post(_url("submit", older), {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 400
    assert [f.code for f in response.context["findings"]] == ["born_too_early"]
    EligibilityException.objects.create(
        application=older, waived=["born_too_early"], reason="Exceptional talent.",
        decided_by=UserFactory(),
    )  # fmt: skip
    response = client.post(_url("submit", older), {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    older.refresh_from_db()
    assert older.status == ApplicationStatus.SUBMITTED


def test_a_new_submit_of_a_submitted_application_is_refused(client, draft, open_edition):
    client.force_login(draft.candidate.user)
    _complete(client, draft, open_edition)
    client.post(_url("submit", draft), {"submission_key": str(uuid.uuid4())})
    response = client.post(
        _url("submit", draft), {"submission_key": str(uuid.uuid4())}, follow=True
    )
    assert [str(m) for m in response.context["messages"]][
        -1
    ] == "This application has been submitted already."


def test_after_submitting_the_application_is_read_only(client, draft, open_edition):
    client.force_login(draft.candidate.user)
    _complete(client, draft, open_edition)
    client.post(_url("submit", draft), {"submission_key": str(uuid.uuid4())})
    response = client.post(
        _url("documents", draft), {"kind": "other", "file": SimpleUploadedFile("x.pdf", PDF)}
    )
    assert response.context["editable"] is False
    assert draft.documents.filter(kind="other").count() == 0


def test_withdraw(client, draft):
    client.force_login(draft.candidate.user)
    client.post(_url("withdraw", draft))
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.WITHDRAWN


@pytest.mark.parametrize(
    ("name", "kwargs", "method"),
    [("application", {}, "get"), ("programme", {"round_number": 2}, "get"), ("documents", {}, "get"),
     ("recordings", {}, "get"), ("submit", {}, "post"), ("withdraw", {}, "post")],
)  # fmt: skip
def test_nobody_else_reaches_the_application(client, draft, name, kwargs, method):
    stranger = UserFactory()
    CandidateProfile.objects.create(user=stranger, given_name="Eve", family_name="Else", birth_date=dt.date(2000, 1, 1),
                                    citizenship="FR", country_represented="FR", residence="FR")  # fmt: skip
    client.force_login(stranger)
    response = getattr(client, method)(_url(name, draft, **kwargs))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_documents_download_only_for_the_owner(client, draft):
    client.force_login(draft.candidate.user)
    client.post(_url("documents", draft), {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", PDF)})
    document = draft.documents.get()
    url = _url("document_file", draft, document_id=document.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_applying_is_refused_once_the_window_closes(client, candidate, open_edition):
    open_edition.applications_close_at = open_edition.applications_open_at + dt.timedelta(days=1)
    open_edition.save()
    client.force_login(candidate.user)
    url = reverse("candidate:apply", kwargs={"slug": "schoenfeld", "year": open_edition.year})
    response = client.post(url, {"division": open_edition.divisions.get().pk}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Applications to this edition are not open."
    ]
    assert Application.objects.count() == 0


def test_a_reopened_item_is_corrected_and_sent_back(client, draft, open_edition):
    from concours.accounts.tests.factories import UserFactory as Staff

    client.force_login(draft.candidate.user)
    _complete(client, draft, open_edition)
    client.post(_url("submit", draft), {"submission_key": str(uuid.uuid4())})
    draft.refresh_from_db()
    services.reopen_item(
        application=draft, item="documents", reason="The photo is a group photo.", by=Staff()
    )
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.INCOMPLETE
    # Only the reopened item can change: documents yes, repertoire no.
    response = client.post(
        _url("documents", draft), {"kind": "photo", "file": SimpleUploadedFile("me.png", PNG)}
    )
    assert response.status_code == 302
    assert client.get(_url("programme", draft, round_number=2)).context["editable"] is False
    response = client.post(_url("send_corrections", draft), follow=True)
    assert [str(m) for m in response.context["messages"]][
        -1
    ] == "Thank you: the office will look at your corrections."
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert list(draft.status_changes.values_list("new_status", flat=True)) == [
        "submitted",
        "incomplete",
        "submitted",
    ]
    response = client.post(_url("send_corrections", draft), follow=True)
    assert [str(m) for m in response.context["messages"]][
        -1
    ] == "Nothing was reopened for correction."


def test_recording_must_be_recent_when_the_rules_say_so(client, draft):
    division = draft.division
    division.recordings_made_after = dt.date(2025, 6, 1)
    division.save()
    client.force_login(draft.candidate.user)
    data = {"title": "Caprice 24", "url": "https://www.youtube.com/watch?v=abc", "unedited": "on"}
    response = client.post(_url("recordings", draft), {**data, "recorded_on": "2025-05-31"})
    assert response.context["form"].errors["recorded_on"] == [
        "The rules ask for a recording made on or after June 1, 2025."
    ]
    response = client.post(_url("recordings", draft), {**data, "recorded_on": "2025-06-01"})
    assert response.status_code == 302
