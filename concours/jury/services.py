"""Writes for the jury: the juror's declaration, names and relationships; the conflict check
(the one adapter to the ``concours.conflicts`` core) and the office's decisions.

Every service is keyword-only and one transaction. Bad input raises ``ValidationError`` with
field messages; an action the state does not allow raises ``JuryError``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications.models import Application, TeachingKind
from concours.competitions.models import Division, Edition, JuryMember
from concours.conflicts import (
    Assessment,
    Candidate,
    Declaration,
    Juror,
    Policy,
    Relation,
    TeacherEntry,
    find_conflicts,
)
from concours.jury.declaration import DECLARATION_VERSION, declaration_text
from concours.jury.models import (
    PERIOD_IN_ORDER,
    Conflict,
    ConflictCheck,
    ConflictPolicy,
    ConflictStatus,
    JurorDeclaration,
    JurorProfile,
    Relationship,
    RelationshipKind,
)
from concours.jury.selectors import (
    OUT_OF_SCOPE,
    applications_in_scope,
    candidates_for_seat,
    has_accepted_declaration,
    seats_on_division,
)

DISMISS_NEEDS_REASON = gettext_lazy("Say why this is not a conflict of interest.")
OTHER_NEEDS_NOTE = gettext_lazy("Say what the relationship is.")

#: The candidate's teacher kinds in the core's vocabulary.
_TEACHING = {
    TeachingKind.REGULAR: Relation.REGULAR_STUDY,
    TeachingKind.PRIVATE: Relation.PRIVATE_LESSONS,
    TeachingKind.MASTERCLASS: Relation.MASTER_CLASS,
}


class JuryError(Exception):
    """An action the jury's state does not allow, with a message for the person."""


# --- the juror ------------------------------------------------------------------------------


def _require_own_seat(seat: JuryMember, by: User) -> None:
    if seat.user_id != by.pk:
        raise JuryError(_("Only the juror in this seat can do this."))


def accept_declaration(*, seat: JuryMember, by: User) -> JurorDeclaration:
    """Record that the juror accepts the current declaration, in the language they read it
    in. Accepting again returns the first acceptance."""
    _require_own_seat(seat, by)
    existing = seat.declarations.filter(text_version=DECLARATION_VERSION).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return JurorDeclaration.objects.create(
                seat=seat,
                text_version=DECLARATION_VERSION,
                language=get_language() or "en",
                text=declaration_text(),
                accepted_by=by,
            )
    except IntegrityError:  # a double click: the other request recorded it
        return seat.declarations.get(text_version=DECLARATION_VERSION)


def _require_declaration(seat: JuryMember) -> None:
    if not has_accepted_declaration(seat):
        raise JuryError(_("Please accept the juror's declaration first."))


@transaction.atomic
def save_juror_profile(
    *, seat: JuryMember, other_names: str, institutions: str, by: User
) -> JurorProfile:
    """The other forms of the juror's name and their institutions, one per line."""
    _require_own_seat(seat, by)
    _require_declaration(seat)
    profile, _created = JurorProfile.objects.update_or_create(
        seat=seat,
        defaults={"other_names": other_names.strip(), "institutions": institutions.strip()},
    )
    return profile


@transaction.atomic
def declare_relationship(
    *,
    seat: JuryMember,
    application: Application,
    kind: str,
    by: User,
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
    lessons: int | None = None,
    note: str = "",
) -> Relationship:
    """A relationship the juror declares with one of their division's candidates."""
    _require_own_seat(seat, by)
    _require_declaration(seat)
    if not candidates_for_seat(seat).filter(pk=application.pk).exists():
        raise JuryError(_("This candidate is not one you judge."))
    errors: dict[str, object] = {}
    if kind not in RelationshipKind.values:
        errors["kind"] = _("Choose a kind of relationship.")
    if started_on and ended_on and ended_on < started_on:
        errors["ended_on"] = PERIOD_IN_ORDER
    if lessons is not None and lessons < 0:
        errors["lessons"] = _("A number of lessons cannot be negative.")
    if kind == RelationshipKind.OTHER and not note.strip():
        errors["note"] = OTHER_NEEDS_NOTE
    if errors:
        raise ValidationError(errors)
    return Relationship.objects.create(
        seat=seat,
        application=application,
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
        lessons=lessons,
        note=note.strip(),
        declared_by=by,
    )


@transaction.atomic
def withdraw_relationship(*, relationship: Relationship, by: User) -> Relationship:
    """The juror takes back a declaration made in error; the row stays, marked withdrawn."""
    locked = (
        Relationship.objects.select_for_update(of=("self",))
        .select_related("seat")
        .get(pk=relationship.pk)
    )
    _require_own_seat(locked.seat, by)
    if locked.withdrawn_at is None:
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = by
        locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return locked


# --- the conflict check: the adapter to concours.conflicts ----------------------------------


def juror_of(seat: JuryMember) -> Juror:
    """The core's juror for a seat: every form of the name and the institutions."""
    profile = getattr(seat, "conflict_profile", None)
    names = [seat.name_en, seat.name_zh, seat.user.full_name if seat.user else ""]
    institutions: list[str] = []
    if profile is not None:
        names.extend(profile.other_name_list())
        institutions = profile.institution_list()
    unique = dict.fromkeys(name.strip() for name in names if name and name.strip())
    return Juror(key=str(seat.pk), names=tuple(unique), institutions=tuple(institutions))


def candidate_of(application: Application) -> Candidate:
    """The core's candidate for an application: the teacher history and place of study."""
    profile = application.candidate
    return Candidate(
        key=str(application.pk),
        teachers=tuple(
            TeacherEntry(
                teacher=teacher.name,
                relation=_TEACHING[TeachingKind(teacher.kind)],
                started_on=teacher.started_on,
                ended_on=teacher.ended_on,
                lessons=teacher.lessons,
                institution=teacher.institution,
            )
            for teacher in profile.teachers.all()
        ),
        institutions=(profile.place_of_study,) if profile.place_of_study.strip() else (),
    )


def declaration_of(relationship: Relationship) -> Declaration:
    return Declaration(
        juror=str(relationship.seat_id),
        candidate=str(relationship.application_id),
        relation=Relation(relationship.kind),
        started_on=relationship.started_on,
        ended_on=relationship.ended_on,
        lessons=relationship.lessons,
        note=relationship.note,
    )


def assess_division(*, division: Division, on: dt.date, policy: Policy) -> Assessment:
    """Run the core on one division: its seats, its candidates, its jurors' declarations."""
    seats = list(
        seats_on_division(division)
        .select_related("user", "conflict_profile")
        .order_by("-is_chair", "order", "name_en", "pk")
    )
    applications = list(applications_in_scope(division).prefetch_related("candidate__teachers"))
    declared = Relationship.objects.filter(
        seat__in=[seat.pk for seat in seats],
        application__division_id=division.pk,
        withdrawn_at__isnull=True,
    ).exclude(application__status__in=OUT_OF_SCOPE)
    return find_conflicts(
        jurors=[juror_of(seat) for seat in seats],
        candidates=[candidate_of(application) for application in applications],
        on=on,
        policy=policy,
        declarations=[declaration_of(relationship) for relationship in declared],
    )


@transaction.atomic
def refresh_conflicts(*, edition: Edition, by: User, on: dt.date | None = None) -> ConflictCheck:
    """Check every division of ``edition`` against the competition's policy, counting back
    from ``on`` (the edition's first day unless given). New pairs are flagged; pairs flagged
    before keep the office's decision and get the new reasons; pairs no longer flagged are
    marked stale. The run is recorded with its near misses."""
    # One check of an edition at a time: a second waits here, then sees the first's rows.
    list(Edition.objects.select_for_update(of=("self",)).filter(pk=edition.pk).values_list("pk"))
    on = on or edition.starts_on
    found: dict[tuple[int, int], list[dict[str, object]]] = {}
    notes: list[dict[str, object]] = []
    policy = ConflictPolicy.for_competition(edition.competition)
    for division in edition.divisions.order_by("order", "pk"):
        assessment = assess_division(division=division, on=on, policy=policy)
        for finding in assessment.conflicts:
            key = (int(finding.juror), int(finding.candidate))
            found[key] = [reason.to_json() for reason in finding.reasons]
        notes.extend(
            {
                "seat": int(finding.juror),
                "application": int(finding.candidate),
                "reasons": [reason.to_json() for reason in finding.reasons],
            }
            for finding in assessment.notes
        )
    now = timezone.now()
    existing = {
        (conflict.seat_id, conflict.application_id): conflict
        for conflict in Conflict.objects.select_for_update(of=("self",)).filter(
            seat__edition_id=edition.pk
        )
    }
    created = [
        Conflict(
            seat_id=seat_id,
            application_id=application_id,
            reasons=reasons,
            flagged_at=now,
            checked_at=now,
        )
        for (seat_id, application_id), reasons in found.items()
        if (seat_id, application_id) not in existing
    ]
    newly_stale = 0
    for key, conflict in existing.items():
        if key in found:
            conflict.reasons, conflict.stale = found[key], False
        elif not conflict.stale:
            conflict.stale = True
            newly_stale += 1
        conflict.checked_at = now
    Conflict.objects.bulk_create(created)
    Conflict.objects.bulk_update(existing.values(), ["reasons", "stale", "checked_at"])
    return ConflictCheck.objects.create(
        edition=edition,
        checked_at=now,
        checked_by=by,
        reference_date=on,
        policy=policy.to_json(),
        flagged=len(found),
        added=len(created),
        newly_stale=newly_stale,
        notes=notes,
    )


# --- the office's decisions -----------------------------------------------------------------


def _decide(*, conflict: Conflict, status: str, reason: str, by: User) -> Conflict:
    with transaction.atomic():
        locked = Conflict.objects.select_for_update(of=("self",)).get(pk=conflict.pk)
        locked.status = status
        locked.decision_reason = reason.strip()
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.reasons_at_decision = locked.reasons
        locked.save(
            update_fields=[
                "status",
                "decision_reason",
                "decided_by",
                "decided_at",
                "reasons_at_decision",
            ]
        )
    return locked


def confirm_conflict(*, conflict: Conflict, by: User, reason: str = "") -> Conflict:
    """The office agrees: the juror does not mark this candidate (``S``)."""
    return _decide(conflict=conflict, status=ConflictStatus.CONFIRMED, reason=reason, by=by)


def dismiss_conflict(*, conflict: Conflict, by: User, reason: str) -> Conflict:
    """The office finds no conflict (a namesake, lessons long ago): the juror marks the
    candidate. A reason is required."""
    if not reason.strip():
        raise ValidationError({"reason": DISMISS_NEEDS_REASON})
    return _decide(conflict=conflict, status=ConflictStatus.DISMISSED, reason=reason, by=by)
