"""``enqueue_on_commit``: a task is queued with the change it reports (concours/core/tasks.py).

With the database backend its row is written in the change's own transaction; with any other
backend (the immediate one here) it is enqueued after the commit. Either way a rolled-back
change leaves no task and a committed one exactly one.
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from concours.accounts.models import User
from concours.accounts.services import sign_up
from concours.accounts.tasks import send_email_verification
from concours.core.tasks import enqueue_on_commit, stores_tasks_in

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Rollback(Exception):
    pass


def _sign_up() -> User:
    return sign_up(
        email="outbox@example.org", full_name="Ada Outbox", password="a-long-pass-phrase",
        language="en",
    )  # fmt: skip


def _sign_up_and_roll_back() -> None:
    with transaction.atomic():
        _sign_up()
        raise Rollback


def test_the_database_backend_stores_tasks_in_the_default_database(settings):
    settings.TASKS = DATABASE_QUEUE
    assert stores_tasks_in(send_email_verification, "default")
    assert not stores_tasks_in(send_email_verification, "other")


def test_the_immediate_backend_does_not():
    assert not stores_tasks_in(send_email_verification, "default")


def test_with_the_database_queue_the_task_is_written_in_the_changes_transaction(
    settings, task_inserts
):
    settings.TASKS = DATABASE_QUEUE
    user = _sign_up()
    assert task_inserts == [True]  # inside sign_up's transaction, not in one of its own
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []  # queued, not sent
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_with_the_database_queue_a_rolled_back_change_leaves_no_task(settings, task_inserts):
    settings.TASKS = DATABASE_QUEUE
    with pytest.raises(Rollback):
        _sign_up_and_roll_back()
    assert task_inserts == [True]  # written, and rolled back with the user
    assert not User.objects.exists()
    assert not DBTaskResult.objects.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert mail.outbox == []


def test_other_backends_get_the_task_once_the_change_has_committed():
    with transaction.atomic():
        _sign_up()
        assert mail.outbox == []  # the immediate backend would have sent it already
    assert len(mail.outbox) == 1


def test_other_backends_get_nothing_from_a_rolled_back_change():
    with pytest.raises(Rollback):
        _sign_up_and_roll_back()
    assert mail.outbox == []


def test_outside_a_transaction_the_task_is_enqueued_at_once(settings, task_inserts):
    settings.TASKS = DATABASE_QUEUE
    user = User.objects.create_user("plain@example.org", "a-long-pass-phrase", full_name="P")
    enqueue_on_commit(send_email_verification, user.pk)
    assert task_inserts == [False]
    assert DBTaskResult.objects.count() == 1
