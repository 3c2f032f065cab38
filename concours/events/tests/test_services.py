"""Registration services: quotas, the waiting list, offers, idempotency, cancellation."""

import datetime as dt

import pytest
from django.utils import timezone

from concours.events import services
from concours.events.models import (
    FeeStatus,
    QuestionKind,
    Registration,
    RegistrationStatus,
)
from concours.events.tests.factories import CategoryFactory, QuestionFactory, QuotaFactory

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
OFFERED = RegistrationStatus.OFFERED


def _statuses(seminar):
    return [
        Registration.objects.get(event=seminar.event, user=person, status__in=["confirmed", "waitlisted", "offered"]).status
        if Registration.objects.filter(event=seminar.event, user=person, status__in=["confirmed", "waitlisted", "offered"]).exists()
        else None
        for person in seminar.people
    ]  # fmt: skip


def test_register_confirms_until_the_quota_is_full_then_waitlists(seminar, mailoutbox, django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        for person in seminar.people[:4]:
            seminar.register(person)
    assert _statuses(seminar) == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED, None]
    assert len(mailoutbox) == 4
    assert "confirmed" in mailoutbox[0].subject
    assert "waiting list" in mailoutbox[2].subject


def test_register_twice_returns_the_same_registration(seminar):
    first = services.register(
        event=seminar.event, user=seminar.people[0], category=seminar.category
    )
    again = services.register(
        event=seminar.event, user=seminar.people[0], category=seminar.category
    )
    assert first.created is True
    assert again.created is False
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(user=seminar.people[0]).count() == 1


def test_register_refused_when_registration_is_closed(seminar):
    seminar.event.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    seminar.event.save()
    with pytest.raises(services.RegistrationError, match="closed"):
        seminar.register(seminar.people[0])
    assert Registration.objects.count() == 0


def test_register_refuses_a_category_of_another_event_or_not_public(seminar):
    with pytest.raises(services.RegistrationError):
        seminar.register(seminar.people[0], category=CategoryFactory())
    with pytest.raises(services.RegistrationError):
        seminar.register(seminar.people[0], category=CategoryFactory(event=seminar.event, is_public=False))  # fmt: skip
    assert Registration.objects.count() == 0


def test_fee_is_due_for_a_paying_category(seminar):
    paying = CategoryFactory(event=seminar.event, fee_amount=50, fee_currency="EUR")
    registration = seminar.register(seminar.people[0], category=paying)
    assert registration.fee_status == FeeStatus.DUE
    assert seminar.register(seminar.people[1]).fee_status == FeeStatus.NONE
    services.record_fee(registration=registration, fee_status=FeeStatus.PAID)
    registration.refresh_from_db()
    assert registration.fee_status == FeeStatus.PAID


def test_category_quota_applies_only_to_its_category(seminar):
    press = CategoryFactory(event=seminar.event, name_en="Press")
    QuotaFactory(event=seminar.event, category=press, size=1, name="Press")
    seminar.quota.size = 10
    seminar.quota.save()
    assert seminar.register(seminar.people[0], category=press).status == CONFIRMED
    assert seminar.register(seminar.people[1], category=press).status == WAITLISTED
    assert seminar.register(seminar.people[2]).status == CONFIRMED


def test_session_quota_when_sessions_are_chosen(seminar):
    seminar.event.choose_sessions = True
    seminar.event.save()
    seminar.quota.delete()
    QuotaFactory(event=seminar.event, session=seminar.evening, size=1)
    first = seminar.register(seminar.people[0], sessions=[seminar.evening])
    morning_only = seminar.register(seminar.people[1], sessions=[seminar.morning])
    second = seminar.register(seminar.people[2], sessions=[seminar.morning, seminar.evening])
    assert [first.status, morning_only.status, second.status] == [CONFIRMED, CONFIRMED, WAITLISTED]
    with pytest.raises(services.RegistrationError, match="at least one session"):
        seminar.register(seminar.people[3], sessions=[])


def test_answers_are_checked_against_the_questions(seminar):
    institution = QuestionFactory(event=seminar.event, required=True)
    diet = QuestionFactory(event=seminar.event, kind=QuestionKind.CHOICE, choices="Vegetarian\nAny")
    visa = QuestionFactory(event=seminar.event, kind=QuestionKind.YES_NO)
    with pytest.raises(services.AnswersInvalid) as invalid:
        seminar.register(seminar.people[0], answers={str(diet.pk): "Fish", str(visa.pk): "maybe"})
    assert set(invalid.value.errors) == {institution.pk, diet.pk, visa.pk}
    registration = seminar.register(
        seminar.people[0],
        answers={str(institution.pk): " Harbin Conservatory ", str(diet.pk): "Any", str(visa.pk): True, "999": "x"},
    )  # fmt: skip
    assert registration.answers == {str(institution.pk): "Harbin Conservatory", str(diet.pk): "Any", str(visa.pk): True}  # fmt: skip


def test_cancelling_offers_the_place_to_the_first_waiting(seminar, mailoutbox, django_capture_on_commit_callbacks):  # fmt: skip
    first, _second, third, fourth = (seminar.register(p) for p in seminar.people[:4])
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first, now=now)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == OFFERED
    assert third.offer_expires_at == now + dt.timedelta(hours=seminar.event.offer_hours)
    assert fourth.status == WAITLISTED
    assert [m.to for m in mailoutbox] == [[third.user.email]]
    assert "confirm" in mailoutbox[0].subject
    services.confirm_offer(registration=third, now=now + dt.timedelta(hours=1))
    third.refresh_from_db()
    assert third.status == CONFIRMED
    assert third.offer_expires_at is None


def test_cancelling_a_waitlisted_registration_offers_nothing(seminar):
    registrations = [seminar.register(p) for p in seminar.people[:4]]
    services.cancel_registration(registration=registrations[2])
    assert _statuses(seminar) == [CONFIRMED, CONFIRMED, None, WAITLISTED, None]
    with pytest.raises(services.RegistrationError):
        services.cancel_registration(registration=registrations[2])


def test_an_offer_not_confirmed_in_time_expires_and_goes_to_the_next(seminar):
    first, _, third, fourth = (seminar.register(p) for p in seminar.people[:4])
    now = timezone.now()
    services.cancel_registration(registration=first, now=now)
    later = now + dt.timedelta(hours=seminar.event.offer_hours, seconds=1)
    with pytest.raises(services.RegistrationError, match="expired"):
        services.confirm_offer(registration=third, now=later)
    assert services.expire_offers(now=later) == 1
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.EXPIRED
    assert fourth.status == OFFERED
    assert services.expire_offers(now=later) == 0


def test_a_cancelled_person_may_register_again(seminar):
    registration = seminar.register(seminar.people[0])
    services.cancel_registration(registration=registration)
    again = seminar.register(seminar.people[0])
    assert again.pk != registration.pk
    assert again.status == CONFIRMED


def test_larger_quota_offers_places_to_the_waiting_list(seminar):
    registrations = [seminar.register(p) for p in seminar.people[:4]]
    seminar.quota.size = 3
    seminar.quota.save()
    offered = services.offer_free_places(event=seminar.event)
    assert [r.pk for r in offered] == [registrations[2].pk]


def test_confirming_twice_is_harmless_and_confirming_without_offer_is_refused(seminar):
    registration = seminar.register(seminar.people[0])
    assert services.confirm_offer(registration=registration).status == CONFIRMED
    waiting = [seminar.register(p) for p in seminar.people[1:3]][-1]
    with pytest.raises(services.RegistrationError):
        services.confirm_offer(registration=waiting)
