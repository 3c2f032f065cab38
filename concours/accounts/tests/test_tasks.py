"""The real queue: a task stored in the database and run by the worker process's command."""

import pytest
from django.core import mail
from django.core.management import call_command

from concours.accounts.services import request_email_verification
from concours.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_database_queue_and_worker_deliver_the_verification_email(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = UserFactory(email="worker@example.org")
    request_email_verification(user=user)
    assert mail.outbox == []  # queued, not sent
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.to for message in mail.outbox] == [["worker@example.org"]]


def test_a_verified_address_gets_no_late_email(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = UserFactory()
    request_email_verification(user=user)
    user.email_verified_at = user.date_joined
    user.save()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert mail.outbox == []
