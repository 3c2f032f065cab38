"""Many people register at once for the last places: never more confirmed than the quota, every
request answered, nobody registered twice (PostgreSQL, real threads and row locks)."""

import threading

import pytest
from django.db import connection, connections

from concours.accounts.tests.factories import UserFactory
from concours.events import services
from concours.events.models import Registration, RegistrationStatus
from concours.events.tests.factories import CategoryFactory, QuotaFactory, SessionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 24


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL (make test runs it)")


def _race(event, people, category, *, repeats=1):
    outcomes: list[services.Outcome] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(len(people) * repeats)

    def attempt(user):
        try:
            start.wait()
            outcome = services.register(event=event, user=user, category=category)
            with lock:
                outcomes.append(outcome)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(person,))
        for person in people
        for _ in range(repeats)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes, errors


def test_many_registering_at_once_for_the_last_places_never_oversell():
    session = SessionFactory()
    event = session.event
    category = CategoryFactory(event=event)
    QuotaFactory(event=event, size=5)
    early = [UserFactory() for _ in range(2)]
    for person in early:
        services.register(event=event, user=person, category=category)
    people = [UserFactory() for _ in range(THREADS)]
    outcomes, errors = _race(event, people, category)
    assert errors == []
    assert len(outcomes) == THREADS  # every request got an answer
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
    assert confirmed.count() == 5
    assert waiting.count() == THREADS - 3
    assert sum(o.registration.status == RegistrationStatus.CONFIRMED for o in outcomes) == 3


def test_the_same_person_submitting_many_times_at_once_is_registered_once():
    session = SessionFactory()
    category = CategoryFactory(event=session.event)
    QuotaFactory(event=session.event, size=3)
    people = [UserFactory() for _ in range(6)]
    outcomes, errors = _race(session.event, people, category, repeats=3)
    assert errors == []
    assert len(outcomes) == 18
    assert Registration.objects.filter(event=session.event).count() == 6
    assert {o.registration.user_id for o in outcomes if o.created} == {p.pk for p in people}
    assert Registration.objects.filter(event=session.event, status="confirmed").count() == 3


def test_cancellations_and_registrations_at_once_keep_the_quota():
    session = SessionFactory()
    event = session.event
    category = CategoryFactory(event=event)
    QuotaFactory(event=event, size=4)
    holders = [services.register(event=event, user=UserFactory(), category=category).registration for _ in range(4)]  # fmt: skip
    people = [UserFactory() for _ in range(12)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(people) + len(holders))

    def cancel(registration):
        try:
            start.wait()
            services.cancel_registration(registration=registration)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    def register(user):
        try:
            start.wait()
            services.register(event=event, user=user, category=category)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in holders]
    threads += [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    holding = Registration.objects.filter(event=event, status__in=["confirmed", "offered"])
    assert holding.count() == 4
    assert Registration.objects.filter(event=event, user__in=people).count() == 12
