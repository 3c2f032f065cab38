"""An application's page in the office: read-only content, eligibility at a glance, reopening
one item, the fee decision and eligibility exceptions; all scoped to the office's competitions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from concours.applications.models import (
    ApplicationStatus,
    Document,
    DocumentKind,
    EligibilityException,
    Fee,
    FeeStatus,
    ItemKind,
    ProgrammePiece,
    Recording,
    RecordingKind,
    Reopening,
    StatusChange,
)
from concours.applications.tests.test_office_world import (
    OfficeWorld,
    change_url,
    make_application,
    messages_of,
    review_url,
)
from concours.competitions.tests.factories import RepertoireCategoryFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return OfficeWorld()


def _reopen(client, application, item="documents", reason="The CV is unreadable."):
    return client.post(
        review_url("reopen", application), {"reopen-item": item, "reopen-reason": reason}
    )


# --- the page ---------------------------------------------------------------------------------


def test_the_page_shows_but_never_edits_the_candidates_content(client, office):
    Document.objects.create(
        application=office.wang, kind=DocumentKind.CV, file="applications/x/document/cv.pdf",
        content_type="application/pdf", size=2048,
    )  # fmt: skip
    round_ = RoundFactory(division=office.violin, number=1)
    piece = ProgrammePiece.objects.create(
        application=office.wang, round=round_, composer="Paganini", work="Caprice No. 24",
        duration_seconds=270,
    )  # fmt: skip
    piece.categories.set([RepertoireCategoryFactory(edition=office.edition_a, name_en="Caprice")])
    Recording.objects.create(
        application=office.wang, kind=RecordingKind.UPLOAD, file="applications/x/rec/take1.mp4",
        recorded_on=dt.date(2025, 2, 1), unedited_declared_at=timezone.now(), title="Caprice",
    )  # fmt: skip
    client.force_login(office.office_a)
    response = client.get(change_url(office.wang))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert set(response.context["adminform"].readonly_fields) >= {
        "candidate", "division", "status", "submitted_at", "native_name", "email", "birth_date",
    }  # fmt: skip
    inlines = {
        formset.opts.model._meta.model_name: formset
        for formset in response.context["inline_admin_formsets"]
    }
    assert sorted(inlines) == [
        "document",
        "eligibilityexception",
        "ensemblemember",
        "fee",
        "guardianconsent",
        "programmepiece",
        "recording",
        "referenceletter",
        "reopening",
        "statuschange",
    ]
    for formset in inlines.values():
        assert (
            formset.has_add_permission,
            formset.has_change_permission,
            formset.has_delete_permission,
        ) == (False, False, False)
    # The file's name is shown, never a link into the private storage.
    assert "cv.pdf" in response.text
    assert "take1.mp4" in response.text
    assert "applications/x/" not in response.text
    pieces = inlines["programmepiece"]
    assert [
        (
            f.instance.composer,
            pieces.opts.duration(f.instance),
            pieces.opts.category_names(f.instance),
        )
        for f in pieces.formset.forms
    ] == [("Paganini", "4:30", "Caprice")]
    assert "王小明" in response.text


def test_posting_the_application_form_is_refused(client, office):
    client.force_login(office.office_a)
    response = client.post(change_url(office.wang), {"status": "admitted", "_save": "Save"})
    assert response.status_code == 403
    office.wang.refresh_from_db()
    assert office.wang.status == ApplicationStatus.SUBMITTED


def test_no_adding_or_deleting_applications_in_the_office(client, office):
    client.force_login(office.secretariat)
    assert client.get(reverse("admin:applications_application_add")).status_code == 403
    url = reverse("admin:applications_application_delete", args=[office.wang.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403


def test_eligibility_at_a_glance(client, office):
    client.force_login(office.office_a)
    review = client.get(change_url(office.wang)).context["review"]
    assert review["eligibility"] == {
        "checked": True,
        "on": dt.date(2025, 3, 1),  # the submission day in the edition's time zone
        "eligible": True,
        "problems": [],
        "waived": [],
        "needs_consent": True,  # 16 years old
        "consent_confirmed": False,
    }
    assert [(f["item"], f["code"]) for f in review["findings"]] == [
        ("Personal details", "guardian_consent"),
        ("Documents", "missing_photo"),
        ("Documents", "missing_cv"),
        ("Documents", "missing_birth_proof"),
        ("Application fee", "fee_unpaid"),
    ]


def test_an_ineligible_candidate_and_the_exception_granted(client, office):
    young = make_application(office.violin, given="Tiny", family="Young", born=dt.date(2010, 3, 1),
                             submitted=dt.datetime(2025, 3, 5, tzinfo=dt.UTC))  # fmt: skip
    client.force_login(office.office_a)
    review = client.get(change_url(young)).context["review"]
    assert review["eligibility"]["eligible"] is False
    assert [p["code"] for p in review["eligibility"]["problems"]] == ["born_too_late"]
    assert review["eligibility"]["problems"][0]["message"] == (
        "Born on March 1, 2010: this division accepts birth dates until Dec. 31, 2009."
    )
    assert review["exception_form"].initial == {"waived": ["born_too_late"]}

    response = client.post(
        review_url("exception", young),
        {"exception-waived": ["born_too_late"], "exception-reason": "Exceptional talent."},
    )
    assert response.status_code == 302
    assert response["Location"] == change_url(young)
    assert messages_of(response) == ["Exception granted."]
    exception = EligibilityException.objects.get(application=young)
    assert (exception.waived, exception.reason, exception.decided_by) == (
        ["born_too_late"],
        "Exceptional talent.",
        office.office_a,
    )
    review = client.get(change_url(young)).context["review"]
    assert review["eligibility"]["eligible"] is True
    assert review["eligibility"]["waived"] == [
        "Born on March 1, 2010: this division accepts birth dates until Dec. 31, 2009."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"exception-reason": "Talent."}, "Rules to waive: This field is required."),
        ({"exception-waived": ["born_too_late"]}, "Reason: This field is required."),
        (
            {"exception-waived": ["born_too_late"], "exception-reason": "   "},
            "Reason: This field is required.",
        ),
        (
            {"exception-waived": ["no_such_rule"], "exception-reason": "Talent."},
            "Rules to waive: Select a valid choice. no_such_rule is not one of the available "
            "choices.",
        ),
    ],
)
def test_an_exception_needs_rules_and_a_reason(client, office, data, message):
    client.force_login(office.office_a)
    response = client.post(review_url("exception", office.wang), data)
    assert messages_of(response) == [message]
    assert EligibilityException.objects.count() == 0


# --- reopening one item -----------------------------------------------------------------------


def test_reopening_an_item_of_a_submitted_application(client, office):
    client.force_login(office.office_a)
    response = _reopen(client, office.wang)
    assert response.status_code == 302
    assert response["Location"] == change_url(office.wang)
    assert messages_of(response) == [
        "“Documents” is open for correction; the candidate can change it."
    ]
    reopening = Reopening.objects.get(application=office.wang)
    assert (reopening.item, reopening.reason, reopening.opened_by, reopening.closed_at) == (
        ItemKind.DOCUMENTS,
        "The CV is unreadable.",
        office.office_a,
        None,
    )
    office.wang.refresh_from_db()
    assert office.wang.status == ApplicationStatus.INCOMPLETE
    assert list(
        StatusChange.objects.filter(application=office.wang).values_list(
            "old_status", "new_status", "changed_by", "note"
        )
    ) == [("submitted", "incomplete", office.office_a.pk, "The CV is unreadable.")]
    review = client.get(change_url(office.wang)).context["review"]
    assert review["open_reopenings"] == [reopening]


def test_reopening_an_eligible_application_keeps_its_status(client, office):
    client.force_login(office.office_a)
    _reopen(client, office.berg, item="recordings", reason="The sound is missing.")
    office.berg.refresh_from_db()
    assert office.berg.status == ApplicationStatus.ELIGIBLE
    assert StatusChange.objects.filter(application=office.berg).count() == 0
    assert sorted(
        Reopening.objects.filter(application=office.berg).values_list("item", flat=True)
    ) == ["programme", "recordings"]


@pytest.mark.parametrize(
    ("application", "item", "reason", "message"),
    [
        ("berg", "programme", "Again.", "This item is already open for correction."),
        ("wang", "documents", "  ", "Say what the candidate should correct."),
        ("draft", "documents", "CV.", "Only a submitted application can be reopened."),
        (
            "wang",
            "bogus",
            "CV.",
            "Item: Select a valid choice. bogus is not one of the available choices.",
        ),
    ],
)
def test_refused_reopenings_are_reported(client, office, application, item, reason, message):
    target = getattr(office, application)
    before = Reopening.objects.count()
    client.force_login(office.office_a)
    response = _reopen(client, target, item=item, reason=reason)
    assert response.status_code == 302
    assert messages_of(response) == [message]
    assert Reopening.objects.count() == before
    target.refresh_from_db()
    assert StatusChange.objects.count() == 0


def test_the_reopen_form_is_not_offered_for_a_draft(client, office):
    client.force_login(office.office_a)
    assert client.get(change_url(office.draft)).context["review"]["reopen_form"] is None
    assert client.get(change_url(office.wang)).context["review"]["reopen_form"] is not None


def test_review_urls_only_take_posts(client, office):
    client.force_login(office.office_a)
    for name in ("reopen", "fee", "exception"):
        assert client.get(review_url(name, office.wang)).status_code == 405


# --- the fee ------------------------------------------------------------------------------------


def test_confirming_the_payment(client, office):
    client.force_login(office.office_a)
    response = client.post(review_url("fee", office.wang), {"fee-decision": "paid"})
    assert messages_of(response) == ["The fee is now “Paid”."]
    fee = Fee.objects.get(application=office.wang)
    assert (fee.status, fee.confirmed_by, fee.note) == (FeeStatus.PAID, office.office_a, "")
    assert abs((timezone.now() - fee.confirmed_at).total_seconds()) < 60
    review = client.get(change_url(office.wang)).context["review"]
    assert review["fee_form"] is None  # nothing left to decide


def test_waiving_the_fee_needs_a_note_and_creates_the_fee_if_needed(client, office):
    client.force_login(office.office_a)
    response = client.post(review_url("fee", office.draft), {"fee-decision": "waived"})
    assert messages_of(response) == ["Say why the fee is waived."]
    assert not Fee.objects.filter(application=office.draft).exists()
    client.get(change_url(office.draft))  # the page shows (and so consumes) the message
    response = client.post(
        review_url("fee", office.draft),
        {"fee-decision": "waived", "fee-note": "Scholarship of the foundation."},
    )
    assert messages_of(response) == ["The fee is now “Waived”."]
    fee = Fee.objects.get(application=office.draft)
    assert (fee.status, fee.amount, fee.currency, fee.note, fee.confirmed_by) == (
        FeeStatus.WAIVED,
        Decimal("100.00"),
        "EUR",
        "Scholarship of the foundation.",
        office.office_a,
    )


@pytest.mark.parametrize(
    ("application", "data", "message"),
    [
        ("kowalska", {"fee-decision": "paid"}, "The fee is already “Paid”."),
        ("berg", {"fee-decision": "paid"}, "This division has no application fee."),
        (
            "wang",
            {"fee-decision": "refunded"},
            "Decision: Select a valid choice. refunded is not one of the available choices.",
        ),
    ],
)
def test_refused_fee_decisions(client, office, application, data, message):
    client.force_login(office.office_a)
    response = client.post(review_url("fee", getattr(office, application)), data)
    assert messages_of(response) == [message]


# --- scoping ------------------------------------------------------------------------------------


def test_office_cannot_open_another_competitions_application(client, office):
    client.force_login(office.office_a)
    response = client.get(change_url(office.other))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("reopen", {"reopen-item": "documents", "reopen-reason": "Hijack."}),
        ("fee", {"fee-decision": "waived", "fee-note": "Hijack."}),
        ("exception", {"exception-waived": ["born_too_late"], "exception-reason": "Hijack."}),
    ],
)
def test_office_cannot_act_on_another_competitions_application(client, office, name, data):
    fee = Fee.objects.create(application=office.other, status=FeeStatus.DUE)
    client.force_login(office.office_a)
    response = client.post(review_url(name, office.other), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert not Reopening.objects.filter(application=office.other).exists()
    assert not EligibilityException.objects.filter(application=office.other).exists()
    fee.refresh_from_db()
    assert (fee.status, fee.confirmed_by) == (FeeStatus.DUE, None)
    office.other.refresh_from_db()
    assert office.other.status == ApplicationStatus.SUBMITTED


def test_people_without_an_office_role_cannot_act(client, office):
    client.force_login(office.wang.candidate.user)
    response = _reopen(client, office.wang)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Reopening.objects.filter(application=office.wang).exists()


def test_secretariat_reopens_any_competitions_application(client, office):
    client.force_login(office.secretariat)
    _reopen(client, office.other)
    assert Reopening.objects.get(application=office.other).opened_by == office.secretariat


def test_the_candidates_own_details_are_read_only_in_the_office(client, office):
    client.force_login(office.office_a)
    url = reverse("admin:applications_candidateprofile_change", args=[office.wang.candidate.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    response = client.post(url, {"given_name": "Changed"})
    assert response.status_code == 403
    office.wang.candidate.refresh_from_db()
    assert office.wang.candidate.given_name == "Xiaoming"
