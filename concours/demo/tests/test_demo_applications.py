"""The demo's Schoenfeld 2027: open to applications whatever the day, with applications in every
status, each consistent with the workflow, the checks and its files."""

import datetime as dt
import hashlib
import io
import re
import time
import zoneinfo
from collections import Counter
from typing import Any

import pytest
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Model, Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from concours.accounts.models import User
from concours.applications import checks, services, workflow
from concours.applications.forms import DOCUMENT_TYPES, VIDEO_HOSTS
from concours.applications.models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Document,
    DocumentKind,
    EligibilityException,
    EnsembleMember,
    Fee,
    FeeStatus,
    GuardianConsent,
    ProgrammePiece,
    Recording,
    ReferenceLetter,
    Reopening,
    StatusChange,
    Teacher,
    TeachingKind,
)
from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    FeePolicy,
    JuryMember,
    Prize,
    RepertoireCategory,
    RepertoireRequirement,
    Round,
    RoundKind,
)
from concours.demo.files import PHOTO_SIZE
from concours.demo.people import generate_people, juror_teacher_names
from concours.demo.repertoire import PROGRAMMES
from concours.demo.scenarios import JUROR_TEACHERS, SCENARIOS
from concours.demo.schoenfeld import open_window
from concours.demo.services import load_demo
from concours.demo.tests.conftest import use_private_storage
from concours.eligibility import age_on
from concours.repertoire import Piece, validate_application
from concours.results.models import Mark

HARBIN = zoneinfo.ZoneInfo("Asia/Shanghai")
#: The moment of loading in most tests: 10:00 in Harbin on 29 November 2026.
NOW = dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC)
OPENS = dt.datetime(2026, 10, 30, 10, 0, tzinfo=HARBIN)
CLOSES = dt.datetime(2027, 1, 28, 23, 59, tzinfo=HARBIN)

S = ApplicationStatus
SUBMITTED_OR_LATER = [status for status in S if status != S.DRAFT]


@pytest.fixture
def edition(db) -> Edition:
    load_demo(now=NOW, live=False)
    return Edition.objects.get(competition__slug="schoenfeld", year=2027)


def _applications(**filters: Any):
    return Application.objects.filter(
        division__edition__competition__slug="schoenfeld", division__edition__year=2027, **filters
    ).select_related("division__edition", "candidate__user")


def _submitted():
    """Applications that were submitted (all but drafts and the draft withdrawn unsubmitted)."""
    return _applications(submitted_at__isnull=False)


def _office() -> User:
    return User.objects.get(email="office.schoenfeld@example.org")


# --- The window follows the clock ----------------------------------------------------------------


def test_open_window_is_around_the_day_of_loading_in_harbin():
    assert open_window(NOW) == (OPENS, CLOSES)
    # 01:00 in Harbin is already the next day there.
    assert open_window(dt.datetime(2026, 11, 29, 17, 0, tzinfo=dt.UTC)) == (
        OPENS + dt.timedelta(days=1),
        CLOSES + dt.timedelta(days=1),
    )


def test_load_demo_opens_schoenfeld_2027_today(db):
    before = timezone.now()
    load_demo(live=False)
    after = timezone.now()
    edition = Edition.objects.get(competition__slug="schoenfeld", year=2027)
    assert edition.applications_open(timezone.now())
    window = (edition.applications_open_at, edition.applications_close_at)
    assert window in (open_window(before), open_window(after))  # around midnight in Harbin
    # The other editions keep their fixed windows.
    assert Edition.objects.get(
        competition__slug="queen-elisabeth", year=2027
    ).applications_open_at == (
        dt.datetime(2026, 10, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    )


def test_schoenfeld_2027_has_the_same_divisions_rounds_and_requirements_as_2025(edition):
    def shape(year: int) -> dict[str, Any]:
        editions = Edition.objects.filter(competition__slug="schoenfeld", year=year)
        return {
            "categories": sorted(
                RepertoireCategory.objects.filter(edition__in=editions).values_list(
                    "code", "name_en"
                )
            ),
            "divisions": sorted(
                Division.objects.filter(edition__in=editions).values_list(
                    "slug",
                    "order",
                    "min_members",
                    "max_members",
                    "max_total_age",
                    "fee_policy",
                    "fee_amount",
                    "fee_currency",
                )
            ),
            "rounds": sorted(
                Round.objects.filter(division__edition__in=editions).values_list(
                    "division__slug",
                    "number",
                    "kind",
                    "advancing",
                    "scoring_preset",
                    "min_duration",
                    "max_duration",
                    "with_orchestra",
                )
            ),
            "requirements": sorted(
                RepertoireRequirement.objects.filter(
                    round__division__edition__in=editions
                ).values_list(
                    "round__division__slug",
                    "round__number",
                    "category__code",
                    "min_count",
                    "max_count",
                )
            ),
        }

    assert shape(2027) == shape(2025)
    assert shape(2027)["requirements"]


# --- Every status, consistently ----------------------------------------------------------------------


def test_every_status_has_applications_for_2027(edition):
    statuses = Counter(_applications().values_list("status", flat=True))
    assert set(statuses) == set(S)
    assert 40 <= sum(statuses.values()) <= 60
    assert Counter(_applications().values_list("division__slug", flat=True)) == Counter(
        scenario.division for scenario in SCENARIOS
    )


def test_status_history_follows_the_workflow(edition):
    office = _office()
    for application in _applications():
        changes = list(application.status_changes.order_by("changed_at", "id"))
        status = S.DRAFT
        for change in changes:
            assert change.old_status == status, application
            candidate_user = application.candidate.user
            if change.changed_by == candidate_user:
                assert (change.old_status, change.new_status) in {
                    (S.DRAFT, S.SUBMITTED),
                    *((old, S.WITHDRAWN) for old in workflow.CANDIDATE_MAY_WITHDRAW),
                }, change
            else:
                assert change.changed_by == office, change
                assert workflow.office_may_move(change.old_status, change.new_status), change
                assert change.note, change
            assert application.created_at <= change.changed_at <= NOW
            status = change.new_status
        assert status == application.status
        submissions = [c.changed_at for c in changes if c.new_status == S.SUBMITTED]
        assert submissions == ([application.submitted_at] if application.submitted_at else [])
        assert application.updated_at >= max(
            [application.created_at, *(c.changed_at for c in changes)]
        )
        assert (application.submission_key is None) == (application.submitted_at is None)


def test_submitted_applications_lack_nothing(edition):
    """Aim: zero findings. Two are deliberate: the candidate found to be too old (the office's
    reason to mark them ineligible) and the refunded fee of a withdrawn application."""
    found = {}
    for application in _submitted():
        assert OPENS <= application.submitted_at <= NOW
        codes = {f.code for f in checks.submission_findings(application, now=NOW)}
        if codes:
            found[application.status] = codes
    assert found == {S.INELIGIBLE: {"born_too_early"}, S.WITHDRAWN: {"fee_unpaid"}}
    assert Fee.objects.get(status=FeeStatus.REFUNDED).application.status == S.WITHDRAWN


def test_programmes_are_real_repertoire_that_meets_every_round(edition):
    for division, rounds in PROGRAMMES.items():
        for number, options in rounds.items():
            for option in options:
                assert option, (division, number)
    for application in _submitted():
        rounds = checks.rounds_needing_repertoire(application)
        pieces = application.pieces.all()
        assert {piece.round_id for piece in pieces} == {round_.pk for round_ in rounds}
        assert checks.repertoire_report(application).ok
    works = set(ProgrammePiece.objects.values_list("composer", flat=True))
    assert {"Niccolò Paganini", "Johann Sebastian Bach", "Eugène Ysaÿe", "David Popper",
            "Alfredo Piatti"} <= works  # fmt: skip
    commissions = ProgrammePiece.objects.filter(categories__code="chinese-commission")
    assert commissions.exists()
    assert all("new work" in work for work in commissions.values_list("work", flat=True))


def test_incomplete_applications_have_an_item_reopened_with_a_reason(edition):
    office = _office()
    incomplete = _applications(status=S.INCOMPLETE)
    assert incomplete.count() == 3
    for application in incomplete:
        (reopening,) = application.reopenings.filter(closed_at__isnull=True)
        last = application.status_changes.order_by("changed_at").last()
        assert (reopening.opened_by, reopening.reason, reopening.opened_at) == (
            office,
            last.note,
            last.changed_at,
        )
        assert last.new_status == S.INCOMPLETE
        assert len(reopening.reason) > 20
    assert sorted(r.item for r in Reopening.objects.filter(closed_at__isnull=True)) == [
        "documents",
        "fee",
        "recordings",
    ]
    corrected = Reopening.objects.get(closed_at__isnull=False)
    changes = corrected.application.status_changes
    assert (
        changes.get(new_status=S.INCOMPLETE).changed_at
        < corrected.closed_at
        < changes.get(old_status=S.INCOMPLETE, new_status=S.COMPLETE).changed_at
    )


def test_fees_follow_the_division_and_the_status(edition):
    office = _office()
    statuses = Counter()
    for application in _applications().select_related("fee"):
        fee = getattr(application, "fee", None)
        division = application.division
        if fee is None:
            assert application.submitted_at is None
            continue
        assert (fee.amount, fee.currency) == (division.fee_amount, division.fee_currency)
        statuses[fee.status] += 1
        if division.fee_policy == FeePolicy.ON_ADMISSION:
            assert fee.status == (
                FeeStatus.DUE if application.status == S.ADMITTED else FeeStatus.NOT_DUE
            )
        else:
            assert fee.status in (FeeStatus.PROOF_UPLOADED, FeeStatus.PAID, FeeStatus.WAIVED, FeeStatus.REFUNDED)  # fmt: skip
        confirmed = fee.status in (FeeStatus.PAID, FeeStatus.WAIVED, FeeStatus.REFUNDED)
        assert (fee.confirmed_by == office and fee.confirmed_at is not None) == confirmed
        if fee.status == FeeStatus.WAIVED:
            assert fee.note
            assert fee.confirmed_at < application.submitted_at
        proof = application.documents.filter(kind=DocumentKind.FEE_PROOF).exists()
        assert proof == (
            fee.status in (FeeStatus.PROOF_UPLOADED, FeeStatus.PAID, FeeStatus.REFUNDED)
        )
    for status in (FeeStatus.PROOF_UPLOADED, FeeStatus.PAID, FeeStatus.WAIVED, FeeStatus.DUE, FeeStatus.NOT_DUE):  # fmt: skip
        assert statuses[status] > 0, status


def test_recordings_are_demo_links_to_no_real_video(edition):
    recordings = Recording.objects.filter(application__division__edition=edition)
    assert recordings.count() >= _submitted().count()
    for recording in recordings.select_related("application", "round"):
        assert re.fullmatch(r"https://www\.youtube\.com/watch\?v=demo\d{4}", recording.url)
        assert "www.youtube.com" in VIDEO_HOSTS
        assert "demo link, no real video" in recording.title
        assert recording.round.kind == RoundKind.PRESELECTION
        application = recording.application
        if application.submitted_at is not None:
            submitted_on = application.submitted_at.astimezone(HARBIN).date()
            assert submitted_on - dt.timedelta(days=365) <= recording.recorded_on <= submitted_on
            assert recording.unedited_declared_at <= NOW
    assert len(set(recordings.values_list("url", flat=True))) == recordings.count()


def _check_pdf(data: bytes) -> None:
    """A PDF a reader opens: header, end marker, and a cross-reference table whose offsets
    point at the objects."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    xref = int(data.rsplit(b"startxref", 1)[1].split()[0])
    assert data[xref : xref + 4] == b"xref"
    table = data[xref:].split(b"\n")
    count = int(table[1].split()[1])
    for number in range(1, count):
        offset = int(table[2 + number][:10])
        assert data[offset:].startswith(b"%d 0 obj" % number)


def test_files_are_valid_pngs_and_pdfs_on_the_private_storage(edition, private_storage):
    documents = Document.objects.filter(application__division__edition=edition)
    letters = ReferenceLetter.objects.filter(application__division__edition=edition).exclude(
        file=""
    )
    assert documents.count() > 100
    assert letters.exists()
    for row in [*documents.select_related("application"), *letters.select_related("application")]:
        assert row.file.storage is private_storage
        assert row.file.name.startswith(f"applications/{row.application.reference}/")
        assert private_storage.exists(row.file.name)
        with row.file.open("rb") as handle:
            data = handle.read()
        content_type = getattr(row, "content_type", "application/pdf")
        if content_type == "image/png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
            Image.open(io.BytesIO(data)).verify()
            assert Image.open(io.BytesIO(data)).size == PHOTO_SIZE
        else:
            assert content_type == "application/pdf"
            _check_pdf(data)
        if isinstance(row, Document):
            assert row.size == len(data)
            allowed, limit = DOCUMENT_TYPES[row.kind]
            assert row.content_type in allowed
            assert row.size <= limit
    for application in _submitted():
        kinds = set(application.documents.values_list("kind", flat=True))
        assert {DocumentKind.PHOTO, DocumentKind.CV, DocumentKind.BIRTH_PROOF} <= kinds


def test_teachers_include_demo_jurors_for_the_conflict_of_interest_rules(edition):
    names = juror_teacher_names(generate_people().jurors)
    jurors = set(
        JuryMember.objects.filter(edition__competition__slug="schoenfeld").values_list(
            "name_en", flat=True
        )
    )
    for link in JUROR_TEACHERS:
        teacher = Teacher.objects.get(name=names[link.key])
        assert teacher.name in jurors
        assert (teacher.kind, teacher.started_on, teacher.ended_on, teacher.lessons) == (
            link.kind,
            link.started_on,
            link.ended_on,
            link.lessons,
        )
        assert teacher.candidate.applications.filter(division__edition=edition).exists()
    demo_juror = JuryMember.objects.filter(user__email="juror@example.org").first()
    student = Teacher.objects.get(name=demo_juror.name_en, ended_on__isnull=True).candidate
    assert list(student.applications.values_list("division__slug", "status")) == [
        ("violin", S.IN_PRESELECTION)
    ]
    kinds = Counter(Teacher.objects.values_list("kind", flat=True))
    assert set(kinds) == set(TeachingKind)
    assert not Teacher.objects.filter(kind=TeachingKind.PRIVATE, lessons__isnull=True).exists()
    assert not Teacher.objects.filter(kind=TeachingKind.REGULAR, lessons__isnull=False).exists()


def test_ensembles_list_their_members(edition):
    chamber = _applications(division__slug="chamber-music")
    assert chamber.count() >= 5
    for application in chamber:
        members = list(application.members.select_related("instrument"))
        instruments = [m.instrument.code for m in members]
        assert instruments in (["violin", "cello", "piano"], ["violin", "violin", "viola", "cello"])
        contact = application.candidate
        assert (members[0].given_name, members[0].family_name, members[0].birth_date) == (
            contact.given_name,
            contact.family_name,
            contact.birth_date,
        )
    assert not EnsembleMember.objects.exclude(application__division__slug="chamber-music").exists()


def test_minors_have_a_guardians_consent(edition):
    today = NOW.astimezone(HARBIN).date()
    minors = [a for a in _applications() if age_on(a.candidate.birth_date, today) < 18]
    assert len(minors) == 3
    for application in minors:
        (consent,) = application.consents.all()
        assert consent.guardian_email.endswith("@example.org")
        if application.submitted_at is None:
            assert consent.confirmed_at is None
            assert "guardian_consent" in {
                f.code for f in checks.submission_findings(application, now=NOW)
            }
        else:
            assert consent.requested_at < consent.confirmed_at < application.submitted_at
    assert GuardianConsent.objects.count() == len(minors)


def test_the_15_year_old_cellist_has_an_exception(edition):
    (exception,) = EligibilityException.objects.all()
    application = exception.application
    division = application.division
    assert division.slug == "cello"
    assert age_on(application.candidate.birth_date, division.ages_counted_on) == 15
    assert (exception.waived, exception.decided_by) == (["born_too_late"], _office())
    assert exception.reason
    assert exception.decided_at < application.submitted_at
    verdict = checks.eligibility_verdict(application, on=NOW.date())
    assert verdict.eligible
    assert [p.code for p in verdict.waived] == ["born_too_late"]
    assert application.status == S.ELIGIBLE


# --- The demo log-ins -----------------------------------------------------------------------------


def test_the_candidate_login_has_a_2027_draft_to_continue(edition, client):
    user = User.objects.get(email="candidate@example.org")
    assert user.email_verified
    profile = user.candidate_profile
    assert profile.place_of_study
    assert profile.phone
    draft = Application.objects.get(candidate__user=user, division__edition=edition)
    assert (draft.division.slug, draft.status, draft.submitted_at) == ("violin", S.DRAFT, None)
    assert not draft.documents.exists()
    assert not draft.recordings.exists()
    pieces = Counter(draft.pieces.values_list("round__number", flat=True))
    assert pieces == {2: 4, 3: 1}
    codes = {f.code for f in checks.submission_findings(draft, now=NOW)}
    assert {"missing_photo", "missing_recording", "fee_unpaid", "empty_programme"} <= codes
    assert not codes & {"closed", "email_unverified"}
    assert services.start_application(candidate=profile, division=draft.division, now=NOW) == draft

    client.force_login(user)
    page = client.get(reverse("dashboard")).content.decode()
    for application in profile.applications.all():
        assert reverse("candidate:application", args=[application.reference]) in page
    assert client.get(reverse("candidate:application", args=[draft.reference])).status_code == 200


def test_every_demo_account_has_a_confirmed_address(edition):
    assert not User.objects.filter(email_verified_at__isnull=True).exists()
    assert not User.objects.exclude(email__endswith="@example.org").exists()
    applicants = CandidateProfile.objects.filter(applications__division__edition=edition)
    assert applicants.filter(user__isnull=True).count() == 0
    for profile in applicants.select_related("user"):
        first = profile.applications.order_by("created_at").first()
        assert profile.user.email_verified_at <= first.created_at


# --- Deterministic, apart from the clock, and fast -------------------------------------------------

SNAPSHOT_MODELS: list[type[Model]] = [
    Competition, Edition, Division, Round, RepertoireCategory, RepertoireRequirement, Prize,
    JuryMember, User, CandidateProfile, Application, StatusChange, ProgrammePiece,
    EnsembleMember, Teacher, Recording, Document, ReferenceLetter, Fee, GuardianConsent,
    EligibilityException, Reopening, Mark,
]  # fmt: skip
#: Password hashes have a random salt; primary keys depend on the database's sequences.
NOT_COMPARED = {"password", "id"}


def _value(value: Any, storage: Storage) -> Any:
    if isinstance(value, FieldFile):
        if not value.name:
            return ""
        with storage.open(value.name) as handle:
            return (value.name, hashlib.sha256(handle.read()).hexdigest())
    return value


def _snapshot(storage: Storage) -> dict[str, list[dict[str, Any]]]:
    """Every row the demo made, without keys (rows in key order)."""
    snapshot = {}
    for model in SNAPSHOT_MODELS:
        names = [
            field.name
            for field in model._meta.concrete_fields
            if not field.is_relation and field.name not in NOT_COMPARED
        ]
        snapshot[model.__name__] = [
            {name: _value(getattr(row, name), storage) for name in names}
            for row in model.objects.order_by("pk")
        ]
    return snapshot


def _load(monkeypatch, location, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    storage = use_private_storage(monkeypatch, location)
    with transaction.atomic():
        load_demo(now=now, live=False)
        snapshot = _snapshot(storage)
        transaction.set_rollback(True)
    return snapshot


def _differences(first: dict, second: dict) -> list[tuple[str, str, Any, Any]]:
    assert first.keys() == second.keys()
    return [
        (model, name, a[name], b[name])
        for model in first
        for a, b in zip(first[model], second[model], strict=True)
        for name in a
        if a[name] != b[name]
    ]


def test_loading_twice_on_the_same_day_gives_the_same_data(db, monkeypatch, tmp_path):
    first = _load(monkeypatch, tmp_path / "first", NOW)
    second = _load(monkeypatch, tmp_path / "second", NOW + dt.timedelta(hours=5))
    assert _differences(first, second) == []
    assert len(first["Document"]) > 100


def test_only_the_open_edition_follows_the_clock(db, monkeypatch, tmp_path):
    """Ten days later, everything is the same but the times of Schoenfeld 2027, which all move
    by ten days."""
    shift = dt.timedelta(days=10)
    first = _load(monkeypatch, tmp_path / "first", NOW)
    later = _load(monkeypatch, tmp_path / "later", NOW + shift)
    differences = _differences(first, later)
    assert differences
    assert [(m, n, a, b) for m, n, a, b in differences if b - a != shift] == []
    assert {model for model, *_ in differences} >= {"Edition", "Application", "StatusChange"}
    moved_editions = {
        (a["year"], a["applications_open_at"])
        for a, b in zip(first["Edition"], later["Edition"], strict=True)
        if a != b
    }
    assert moved_editions == {(2027, OPENS)}


def test_loading_stays_fast(db):
    started = time.perf_counter()
    load_demo(now=NOW, live=False)
    assert time.perf_counter() - started < 5


def test_no_application_is_left_without_its_parts(edition):
    """Nothing the scenarios list is lost on the way into the database."""
    people = generate_people()
    assert _applications().count() == len(people.applicants) == len(SCENARIOS)
    assert ProgrammePiece.objects.filter(application__division__edition=edition).count() == sum(
        len(a.pieces) for a in people.applicants
    )
    assert not ProgrammePiece.objects.filter(
        Q(categories__isnull=True), application__division__edition=edition
    ).exists()
    for spec in people.applicants:
        pieces = [
            (number, Piece(composer=p.composer, work=p.work, movements=p.movements,
                           duration=p.duration, categories=frozenset(p.categories)))
            for number, p in spec.pieces
        ]  # fmt: skip
        if spec.submitted is not None:
            application = Application.objects.get(candidate__user__email=spec.profile.email, division__edition=edition)  # fmt: skip
            rounds = [checks.round_rules(r) for r in checks.rounds_needing_repertoire(application)]
            programmes: dict[int, list[Piece]] = {}
            for number, piece in pieces:
                programmes.setdefault(number, []).append(piece)
            assert validate_application(rounds=rounds, programmes=programmes).ok
