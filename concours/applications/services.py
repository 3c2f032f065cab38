"""Writes for applications: the candidate's draft and submission, the office's workflow.

Each service is one transaction; e-mails and documents are produced after commit by tasks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications.checks import (
    FACT_FIELDS,
    Facts,
    Finding,
    submission_findings,
    with_facts,
)
from concours.applications.models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    EligibilityException,
    Fee,
    FeeStatus,
    GuardianConsent,
    OfficeMessage,
    ProgrammePiece,
    ReferenceLetter,
    Reopening,
    StatusChange,
    Teacher,
)
from concours.applications.workflow import (
    CANDIDATE_EDITABLE,
    CANDIDATE_MAY_WITHDRAW,
    office_may_move,
)
from concours.competitions.models import Division, FeePolicy, RepertoireCategory, Round
from concours.core.tasks import enqueue_on_commit
from concours.eligibility import ProblemCode


class ApplicationError(Exception):
    """An action the application's state does not allow, with a message for the person."""


class IncompleteApplication(ApplicationError):
    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        super().__init__(_("The application is not complete yet."))


def start_application(
    *, candidate: CandidateProfile, division: Division, now: dt.datetime
) -> Application:
    """The candidate's draft for ``division``: the existing one, or a new one while applications
    are open."""
    existing = Application.objects.filter(candidate=candidate, division=division).first()
    if existing is not None:
        return existing
    if not division.edition.applications_open(now):
        raise ApplicationError(_("Applications to this edition are not open."))
    try:
        with transaction.atomic():
            return Application.objects.create(
                candidate=candidate, division=division, status=ApplicationStatus.DRAFT
            )
    except IntegrityError:  # a double click raced us: the other request made it
        return Application.objects.get(candidate=candidate, division=division)


def editable_items(application: Application) -> frozenset[str] | None:
    """``None`` when the whole draft is editable, else the items the office reopened."""
    if application.status in CANDIDATE_EDITABLE:
        return None
    return frozenset(
        application.reopenings.filter(closed_at__isnull=True).values_list("item", flat=True)
    )


def may_edit(application: Application, item: str) -> bool:
    items = editable_items(application)
    return items is None or item in items


@dataclass(frozen=True)
class PieceData:
    composer: str
    work: str
    movements: str
    duration_seconds: int
    categories: Sequence[RepertoireCategory]


def replace_programme(
    *, application: Application, round_: Round, pieces: Sequence[PieceData]
) -> None:
    """The round's programme becomes ``pieces``, in order (all or nothing)."""
    if round_.division_id != application.division_id:
        raise ApplicationError(_("This round belongs to another division."))
    if not may_edit(application, "programme"):
        raise ApplicationError(_("The repertoire cannot be changed any more."))
    with transaction.atomic():
        ProgrammePiece.objects.filter(application=application, round=round_).delete()
        for order, data in enumerate(pieces, start=1):
            piece = ProgrammePiece.objects.create(
                application=application, round=round_, order=order, composer=data.composer, work=data.work,
                movements=data.movements, duration_seconds=data.duration_seconds,
            )  # fmt: skip
            piece.categories.set(data.categories)
        application.save(update_fields=["updated_at"])


@dataclass(frozen=True)
class TeacherData:
    name: str
    institution: str
    kind: str
    lessons: int | None
    started_on: dt.date
    ended_on: dt.date | None


#: What a teacher's row holds, in the order the list's version is computed from.
TEACHER_FIELDS = tuple(field.name for field in fields(TeacherData))


class StaleTeachers(ApplicationError):
    """The list was changed since the page that sends it was loaded (another tab or device)."""


def teachers_version(candidate: CandidateProfile) -> str:
    """A fingerprint of the candidate's list of teachers as it is now (their content, in a
    fixed order): the page sends it back, so a page loaded before another change cannot
    replace that change unseen."""
    rows = Teacher.objects.filter(candidate=candidate).order_by(*TEACHER_FIELDS, "pk")
    text = repr([tuple(str(value) for value in row) for row in rows.values_list(*TEACHER_FIELDS)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def replace_teachers(
    *,
    candidate: CandidateProfile,
    teachers: Sequence[TeacherData],
    expected_version: str | None = None,
) -> str:
    """The candidate's teachers become ``teachers`` (all or nothing); returns the new version.

    The whole list is replaced, so the page may send it again and again as the candidate types
    (nothing is added twice). With ``expected_version`` (what the page was loaded with, or last
    saved), a list changed since then is not replaced: ``StaleTeachers``. Nothing points at a
    teacher row: the jury's conflict checks read the list as it is when they run."""
    with transaction.atomic():
        # Saves of the same list at once (the page's autosave, a click on Save, another tab)
        # run one after the other; each compares the version under the lock.
        list(CandidateProfile.objects.select_for_update().filter(pk=candidate.pk).values("pk"))
        if expected_version is not None and expected_version != teachers_version(candidate):
            raise StaleTeachers(
                _(
                    "Your list of teachers was changed elsewhere (in another tab or on another "
                    "device) since this page was loaded."
                )
            )
        Teacher.objects.filter(candidate=candidate).delete()
        Teacher.objects.bulk_create(
            Teacher(candidate=candidate, name=t.name, institution=t.institution, kind=t.kind,
                    lessons=t.lessons, started_on=t.started_on, ended_on=t.ended_on)
            for t in teachers
        )  # fmt: skip
        return teachers_version(candidate)


def submit_application(
    *, application: Application, key: uuid.UUID, by: User, now: dt.datetime
) -> Application:
    """Submit the draft, once: a retry with the same ``key`` returns the same submission.

    Raises ``IncompleteApplication`` with every finding when something is missing.
    """
    with transaction.atomic():
        # Lock the application's row and read again what a concurrent submit may have changed;
        # the rest (candidate, division, edition) is read with ``application`` already.
        # With it, what the checks need to know about its items (``checks.with_facts``).
        row = (
            with_facts(Application.objects.select_for_update().filter(pk=application.pk))
            .values("status", "submission_key", *FACT_FIELDS)
            .get()
        )
        if row["status"] != ApplicationStatus.DRAFT:
            if row["submission_key"] == key:
                application.refresh_from_db()
                return application
            raise ApplicationError(_("This application has been submitted already."))
        findings = submission_findings(application, now=now, facts=Facts.from_row(row))
        if findings:
            raise IncompleteApplication(findings)
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = now
        application.submission_key = key
        application.save(update_fields=["status", "submitted_at", "submission_key", "updated_at"])
        StatusChange.objects.create(
            application=application, old_status=ApplicationStatus.DRAFT, new_status=ApplicationStatus.SUBMITTED,
            changed_at=now, changed_by=by,
        )  # fmt: skip
        _fee_after_submission(application)
        _send_status_email(application_id=application.pk, status=application.status)
    return application


def _fee_after_submission(application: Application) -> None:
    division = application.division
    if division.fee_policy == FeePolicy.NONE:
        return
    due_now = division.fee_policy == FeePolicy.ON_SUBMISSION
    fee, created = Fee.objects.get_or_create(
        application=application,
        defaults={"amount": division.fee_amount, "currency": division.fee_currency},
    )
    if created and not due_now:
        fee.status = FeeStatus.NOT_DUE
        fee.save(update_fields=["status"])


def change_status(*, application: Application, to: str, by: User, note: str = "") -> StatusChange:
    """The office moves an application along the workflow (``workflow.OFFICE_TRANSITIONS``)."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not office_may_move(locked.status, to):
            raise ApplicationError(
                _("An application cannot go from “%(old)s” to “%(new)s”.")
                % {
                    "old": ApplicationStatus(locked.status).label,
                    "new": ApplicationStatus(to).label,
                }
            )
        change = StatusChange.objects.create(
            application=locked, old_status=locked.status, new_status=to, changed_by=by, note=note
        )
        locked.status = to
        locked.save(update_fields=["status", "updated_at"])
        if to == ApplicationStatus.ADMITTED:
            _fee_due_on_admission(locked)
        _send_status_email(application_id=locked.pk, status=to)
    application.refresh_from_db()
    return change


def _fee_due_on_admission(application: Application) -> None:
    Fee.objects.filter(application=application, status=FeeStatus.NOT_DUE).update(
        status=FeeStatus.DUE
    )


def withdraw(*, application: Application, by: User) -> None:
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in CANDIDATE_MAY_WITHDRAW:
            raise ApplicationError(_("This application cannot be withdrawn any more."))
        StatusChange.objects.create(
            application=locked,
            old_status=locked.status,
            new_status=ApplicationStatus.WITHDRAWN,
            changed_by=by,
        )
        locked.status = ApplicationStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        _send_status_email(application_id=locked.pk, status=locked.status)


def reopen_item(*, application: Application, item: str, reason: str, by: User) -> Reopening:
    """Ask the candidate to correct one item; nothing else becomes editable or is lost."""
    if application.status in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN):
        raise ApplicationError(_("Only a submitted application can be reopened."))
    if not reason.strip():
        raise ApplicationError(_("Say what the candidate should correct."))
    with transaction.atomic():
        try:
            reopening = Reopening.objects.create(
                application=application, item=item, reason=reason, opened_by=by
            )
        except IntegrityError:
            raise ApplicationError(_("This item is already open for correction.")) from None
        if application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.COMPLETE):
            change_status(
                application=application, to=ApplicationStatus.INCOMPLETE, by=by, note=reason
            )
    return reopening


def close_reopening(*, application: Application, item: str, now: dt.datetime) -> None:
    """The candidate has corrected the item."""
    Reopening.objects.filter(application=application, item=item, closed_at__isnull=True).update(
        closed_at=now
    )


def _send_status_email(*, application_id: int, status: str) -> None:
    """Queue the status e-mail with the current transaction (``core.tasks``)."""
    from concours.applications.tasks import send_status_email

    enqueue_on_commit(send_status_email, application_id, status)


def request_guardian_consent(*, application: Application, name: str, email: str) -> GuardianConsent:
    """Ask a parent or guardian to confirm their consent through a personal link."""
    if not may_edit(application, "profile"):
        raise ApplicationError(_("The application cannot be changed any more."))
    with transaction.atomic():
        consent = GuardianConsent.objects.create(
            application=application, guardian_name=name, guardian_email=email
        )
        _send_link(kind="consent", object_id=consent.pk)
    return consent


def confirm_guardian_consent(*, consent: GuardianConsent, now: dt.datetime) -> None:
    GuardianConsent.objects.filter(pk=consent.pk, confirmed_at__isnull=True).update(
        confirmed_at=now
    )


def request_reference_letter(*, application: Application, name: str, email: str) -> ReferenceLetter:
    if not may_edit(application, "letters"):
        raise ApplicationError(_("The application cannot be changed any more."))
    with transaction.atomic():
        letter = ReferenceLetter.objects.create(
            application=application, referee_name=name, referee_email=email
        )
        _send_link(kind="letter", object_id=letter.pk)
    return letter


def receive_reference_letter(*, letter: ReferenceLetter, upload: object, now: dt.datetime) -> None:
    """The referee's letter arrives; the link stops working (single use)."""
    with transaction.atomic():
        locked = ReferenceLetter.objects.select_for_update().get(pk=letter.pk)
        if locked.received_at is not None:
            raise ApplicationError(_("This letter has been received already."))
        locked.file = upload
        locked.received_at = now
        locked.save(update_fields=["file", "received_at"])


def record_fee_proof(
    *, application: Application, upload: object, content_type: str, size: int
) -> None:
    from concours.applications.models import Document, DocumentKind

    existing = Fee.objects.filter(application=application).first()
    fee_due = existing is not None and existing.status == FeeStatus.DUE
    if not may_edit(application, "fee") and not fee_due:
        raise ApplicationError(_("The fee cannot be changed any more."))
    with transaction.atomic():
        Document.objects.create(
            application=application,
            kind=DocumentKind.FEE_PROOF,
            file=upload,
            content_type=content_type,
            size=size,
        )
        fee, _created = Fee.objects.get_or_create(
            application=application,
            defaults={
                "amount": application.division.fee_amount,
                "currency": application.division.fee_currency,
            },
        )
        if fee.status in (FeeStatus.NOT_DUE, FeeStatus.DUE):
            fee.status = FeeStatus.PROOF_UPLOADED
            fee.save(update_fields=["status"])


def _send_link(*, kind: str, object_id: int) -> None:
    from concours.applications.tasks import send_personal_link

    enqueue_on_commit(send_personal_link, kind, object_id)


#: From these states the office may record a payment or a waiver.
FEE_OPEN = frozenset({FeeStatus.NOT_DUE, FeeStatus.DUE, FeeStatus.PROOF_UPLOADED})


def decide_fee(
    *, application: Application, decision: str, note: str, by: User, now: dt.datetime
) -> Fee:
    """The office confirms the payment (``paid``) or waives the fee (``waived``, with a note);
    who and when are recorded on the fee."""
    if decision not in (FeeStatus.PAID, FeeStatus.WAIVED):
        raise ApplicationError(_("Choose whether to confirm the payment or waive the fee."))
    note = note.strip()
    if decision == FeeStatus.WAIVED and not note:
        raise ApplicationError(_("Say why the fee is waived."))
    with transaction.atomic():
        fee = Fee.objects.select_for_update().filter(application=application).first()
        if fee is None:
            division = application.division
            if division.fee_policy == FeePolicy.NONE:
                raise ApplicationError(_("This division has no application fee."))
            fee = Fee.objects.create(
                application=application,
                status=FeeStatus.DUE,
                amount=division.fee_amount,
                currency=division.fee_currency,
            )
        if fee.status not in FEE_OPEN:
            raise ApplicationError(
                _("The fee is already “%(status)s”.") % {"status": fee.get_status_display()}
            )
        fee.status = decision
        fee.confirmed_by = by
        fee.confirmed_at = now
        if note:
            fee.note = note
        fee.save(update_fields=["status", "confirmed_by", "confirmed_at", "note"])
    return fee


def grant_exception(
    *, application: Application, waived: Sequence[str], reason: str, by: User, now: dt.datetime
) -> EligibilityException:
    """Waive eligibility rules (problem codes) for this application; ``by`` decided."""
    codes = list(dict.fromkeys(waived))
    if not codes:
        raise ApplicationError(_("Choose the rules to waive."))
    unknown = [code for code in codes if code not in {problem.value for problem in ProblemCode}]
    if unknown:
        raise ApplicationError(
            _("These rules are unknown: %(code)s.") % {"code": ", ".join(unknown)}
        )
    if not reason.strip():
        raise ApplicationError(_("Say why the exception is granted."))
    return EligibilityException.objects.create(
        application=application,
        waived=codes,
        reason=reason.strip(),
        decided_by=by,
        decided_at=now,
    )


def send_office_message(
    *, applications: Sequence[Application], subject: str, body: str, by: User
) -> int:
    """Write to each candidate: the message is kept on the application and e-mailed after commit."""
    if not subject.strip() or not body.strip():
        raise ApplicationError(_("A message needs a subject and a text."))
    with transaction.atomic():
        sent = [
            OfficeMessage.objects.create(
                application=application, subject=subject.strip(), body=body.strip(), sent_by=by
            )
            for application in applications
        ]
        for message in sent:
            _enqueue_office_message(message_id=message.pk)
    return len(sent)


def _enqueue_office_message(*, message_id: int) -> None:
    from concours.applications.tasks import send_office_message as task

    enqueue_on_commit(task, message_id)


def send_corrections(*, application: Application, by: User, now: dt.datetime) -> None:
    """The candidate has corrected the reopened items and sends them back to the office: the
    reopenings close and the application is submitted again (a new entry in its history)."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        open_items = Reopening.objects.filter(application=locked, closed_at__isnull=True)
        if not open_items.exists():
            raise ApplicationError(_("Nothing was reopened for correction."))
        open_items.update(closed_at=now)
        if locked.status == ApplicationStatus.INCOMPLETE:
            StatusChange.objects.create(
                application=locked, old_status=locked.status, new_status=ApplicationStatus.SUBMITTED,
                changed_at=now, changed_by=by, note=_("Corrections sent by the candidate."),
            )  # fmt: skip
            locked.status = ApplicationStatus.SUBMITTED
            locked.save(update_fields=["status", "updated_at"])
    application.refresh_from_db()
