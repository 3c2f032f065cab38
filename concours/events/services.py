"""Registration for events: register, cancel, confirm an offered place, expire offers, move the
waiting list up, record fees. Keyword-only functions, one transaction each (docs/events.md).

Locking (never oversell, never deadlock): every write that changes who holds a place locks the
rows of the quotas concerned with ``SELECT … FOR UPDATE`` in ascending id order *before* it
touches a registration. ``register`` locks the quotas that apply to the new registration;
``cancel_registration``, ``expire_offers`` and ``offer_free_places`` lock all the event's
quotas and then the registrations; ``confirm_offer`` changes no count and locks only its
registration. With one order for everybody, no two transactions wait on each other in a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.core.tasks import enqueue_on_commit
from concours.events import tasks
from concours.events.models import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    Event,
    FeeStatus,
    Question,
    QuestionKind,
    Quota,
    Registration,
    RegistrationCategory,
    RegistrationSession,
    RegistrationStatus,
    Session,
)

MAX_ANSWER_LENGTH = 2000


class RegistrationError(Exception):
    """A registration that cannot be made or changed; the message is for the registrant."""


class AnswersInvalid(RegistrationError):
    """Answers that do not fit the event's questions: one message per question id."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__(_("Please correct the answers marked below."))
        self.errors = errors


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    #: False when the same person already had an active registration (a repeated submit).
    created: bool


def clean_answers(questions: Sequence[Question], raw: Mapping[str, Any]) -> dict[str, Any]:
    """The answers keyed by question id (as text), checked against the questions. Unknown keys
    are dropped; a missing required answer or a choice not offered raises ``AnswersInvalid``."""
    answers: dict[str, Any] = {}
    errors: dict[int, str] = {}
    for question in questions:
        value = raw.get(str(question.pk))
        if question.kind == QuestionKind.YES_NO:
            if value in (None, ""):
                if question.required:
                    errors[question.pk] = _("Please answer yes or no.")
                continue
            if not isinstance(value, bool):
                errors[question.pk] = _("Please answer yes or no.")
                continue
            answers[str(question.pk)] = value
            continue
        text = value.strip() if isinstance(value, str) else ""
        if value is not None and not isinstance(value, str):
            errors[question.pk] = _("Please answer with text.")
        elif not text:
            if question.required:
                errors[question.pk] = _("This question needs an answer.")
        elif len(text) > MAX_ANSWER_LENGTH:
            errors[question.pk] = _("Please answer in at most %(n)d characters.") % {
                "n": MAX_ANSWER_LENGTH
            }
        elif question.kind == QuestionKind.CHOICE and text not in question.choice_list:
            errors[question.pk] = _("Please choose one of the answers offered.")
        else:
            answers[str(question.pk)] = text
    if errors:
        raise AnswersInvalid(errors)
    return answers


def _quota_applies(quota: Quota, *, event: Event, category_id: int, session_ids: set[int]) -> bool:
    if quota.category_id is not None and quota.category_id != category_id:
        return False
    # An event without a choice of sessions: every registration covers every session.
    return quota.session_id is None or not event.choose_sessions or quota.session_id in session_ids


def places_taken(event: Event, quotas: Sequence[Quota]) -> dict[int, int]:
    """Places held (confirmed or offered) in each quota: one query for all of them."""
    if not quotas:
        return {}
    aggregates: dict[str, Count] = {}
    for quota in quotas:
        condition = Q()
        if quota.category_id is not None:
            condition &= Q(category_id=quota.category_id)
        if quota.session_id is not None and event.choose_sessions:
            condition &= Q(chosen__session_id=quota.session_id)
        aggregates[f"q{quota.pk}"] = Count("id", filter=condition or None, distinct=True)
    counts = Registration.objects.filter(event=event, status__in=HOLDING_STATUSES).aggregate(
        **aggregates
    )
    return {quota.pk: counts[f"q{quota.pk}"] for quota in quotas}


def _lock_quotas(queryset: Any) -> list[Quota]:
    return list(queryset.select_for_update().order_by("id"))


def register(
    *,
    event: Event,
    user: User,
    category: RegistrationCategory,
    sessions: Iterable[Session] = (),
    answers: Mapping[str, Any] | None = None,
    questions: Sequence[Question] | None = None,
    by_office: bool = False,
    now: dt.datetime | None = None,
) -> Outcome:
    """Register ``user`` for ``event``: confirmed when every quota that applies has a free place,
    otherwise on the waiting list. A person with an active registration gets it back
    (``created=False``), so a form sent twice never registers anybody twice."""
    now = now or timezone.now()
    existing = _active_registration(event, user)
    if existing is not None:
        return Outcome(existing, created=False)
    if not by_office and not event.registration_open(now):
        raise RegistrationError(_("Registration for this event is closed."))
    if category.event_id != event.pk or not (category.is_public or by_office):
        raise RegistrationError(_("Please choose one of the categories offered."))
    sessions = list(sessions)
    session_ids = {session.pk for session in sessions} if event.choose_sessions else set()
    if event.choose_sessions:
        if not session_ids:
            raise RegistrationError(_("Please choose at least one session."))
        if any(session.event_id != event.pk for session in sessions):
            raise RegistrationError(_("Please choose among this event's sessions."))
    if questions is None:
        questions = list(event.questions.all())
    clean = clean_answers(questions, answers or {})
    try:
        with transaction.atomic():
            candidates = Quota.objects.filter(event=event).filter(
                Q(category__isnull=True) | Q(category=category)
            )
            if event.choose_sessions:
                candidates = candidates.filter(Q(session__isnull=True) | Q(session__in=session_ids))
            quotas = _lock_quotas(candidates)
            taken = places_taken(event, quotas)
            free = all(taken[quota.pk] < quota.size for quota in quotas)
            registration = Registration.objects.create(
                event=event, user=user, category=category, answers=clean,
                status=RegistrationStatus.CONFIRMED if free else RegistrationStatus.WAITLISTED,
                fee_status=FeeStatus.NONE if category.is_free else FeeStatus.DUE,
                changed_at=now,
            )  # fmt: skip
            if session_ids:
                RegistrationSession.objects.bulk_create(
                    RegistrationSession(registration=registration, session_id=session_id)
                    for session_id in sorted(session_ids)
                )
            enqueue_on_commit(tasks.send_registration_email, registration.pk, registration.status)
    except IntegrityError:
        # The same person's other request won the race: theirs is the registration.
        existing = _active_registration(event, user)
        if existing is None:
            raise
        return Outcome(existing, created=False)
    return Outcome(registration, created=True)


def _active_registration(event: Event, user: User) -> Registration | None:
    return (
        Registration.objects.select_related("category")
        .filter(event=event, user=user, status__in=ACTIVE_STATUSES)
        .first()
    )


def _offer_places(event: Event, now: dt.datetime) -> list[Registration]:
    """Offer free places to the waiting list in order (the first that fits each time). Runs
    inside the caller's transaction, after it locked the event's quotas."""
    quotas = _lock_quotas(Quota.objects.filter(event=event))
    waiting = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("id")
    )
    if not waiting:
        return []
    chosen: dict[int, set[int]] = {}
    if event.choose_sessions:
        for registration_id, session_id in RegistrationSession.objects.filter(
            registration__in=waiting
        ).values_list("registration_id", "session_id"):
            chosen.setdefault(registration_id, set()).add(session_id)
    taken = places_taken(event, quotas)
    offered: list[Registration] = []
    deadline = now + dt.timedelta(hours=event.offer_hours)
    for registration in waiting:
        applying = [
            quota
            for quota in quotas
            if _quota_applies(
                quota,
                event=event,
                category_id=registration.category_id,
                session_ids=chosen.get(registration.pk, set()),
            )
        ]
        if all(taken[quota.pk] < quota.size for quota in applying):
            for quota in applying:
                taken[quota.pk] += 1
            registration.status = RegistrationStatus.OFFERED
            registration.offer_expires_at = deadline
            registration.changed_at = now
            registration.save(update_fields=["status", "offer_expires_at", "changed_at"])
            offered.append(registration)
            enqueue_on_commit(tasks.send_registration_email, registration.pk, "offered")
    return offered


def offer_free_places(*, event: Event, now: dt.datetime | None = None) -> list[Registration]:
    """Offer places freed otherwise (a larger quota) to the waiting list."""
    with transaction.atomic():
        return _offer_places(event, now or timezone.now())


def cancel_registration(
    *, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    """The registrant (or the office) cancels; a freed place goes to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_quotas(Quota.objects.filter(event_id=registration.event_id))
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status not in ACTIVE_STATUSES:
            raise RegistrationError(_("This registration is already cancelled."))
        held = locked.status in HOLDING_STATUSES
        locked.status = RegistrationStatus.CANCELLED
        locked.offer_expires_at = None
        locked.changed_at = now
        locked.save(update_fields=["status", "offer_expires_at", "changed_at"])
        if held:
            _offer_places(registration.event, now)
    return locked


def confirm_offer(*, registration: Registration, now: dt.datetime | None = None) -> Registration:
    """The registrant takes the place offered from the waiting list, before the deadline."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == RegistrationStatus.CONFIRMED:
            return locked  # confirmed twice: nothing more to do
        if locked.status != RegistrationStatus.OFFERED:
            raise RegistrationError(_("No place is offered to this registration."))
        if locked.offer_expires_at is not None and locked.offer_expires_at <= now:
            raise RegistrationError(_("The offer has expired; the place went to the next person."))
        locked.status = RegistrationStatus.CONFIRMED
        locked.offer_expires_at = None
        locked.changed_at = now
        locked.save(update_fields=["status", "offer_expires_at", "changed_at"])
        enqueue_on_commit(tasks.send_registration_email, locked.pk, locked.status)
    return locked


def expire_offers(*, now: dt.datetime | None = None, event: Event | None = None) -> int:
    """Offers not confirmed by their deadline expire and their places go to the next people.
    Returns the number of offers expired. Run by ``manage.py expire_offers``, the task worker,
    and lazily when a registrant's pages are viewed."""
    now = now or timezone.now()
    due = Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
    if event is not None:
        due = due.filter(event=event)
    expired = 0
    for event_id in sorted(set(due.values_list("event_id", flat=True))):
        with transaction.atomic():
            _lock_quotas(Quota.objects.filter(event_id=event_id))
            rows = list(due.filter(event_id=event_id).select_for_update())
            for registration in rows:
                registration.status = RegistrationStatus.EXPIRED
                registration.changed_at = now
                registration.save(update_fields=["status", "changed_at"])
            expired += len(rows)
            _offer_places(Event.objects.get(pk=event_id), now)
    return expired


def record_fee(*, registration: Registration, fee_status: str) -> Registration:
    """The office records a fee as paid or waived (or due again)."""
    if fee_status not in FeeStatus.values:
        raise RegistrationError(_("Unknown fee status."))
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(fee_status=fee_status)
    registration.fee_status = fee_status
    return registration
