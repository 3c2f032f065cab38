"""Background tasks enqueued with the change they report: a transactional outbox where the task
backend allows one.

A service that changes something and tells someone about it (a submitted application's e-mail, a
registration's ticket, a reminder recorded as sent) must send the message if and only if the
change commits. ``enqueue_on_commit`` gives that:

- With the database backend (``django_tasks_db``, the production setting) the task's row is
  written inside the current transaction, beside the change itself. It commits with the change
  or rolls back with it, and the worker cannot see it before the commit. Nothing is lost if the
  process dies between the commit and the enqueue, because there is no such moment; and the
  change costs one commit, not two (a submit at the deadline waits for one flush of
  PostgreSQL's log fewer).
- Any other backend (the immediate one the tests use, a message broker) keeps its tasks
  elsewhere, so the task is enqueued once the transaction has committed
  (``transaction.on_commit``), as Django's documentation advises: a task that ran or was
  delivered before the commit could act on a change that is then rolled back.

Outside a transaction both amount to enqueueing at once.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, router, transaction
from django.tasks import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def enqueue_on_commit(task: Task[Any, Any], /, *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task(*args, **kwargs)`` so that it runs if, and only if, the current transaction
    on the default database commits (see the module's docstring)."""
    if stores_tasks_in(task, DEFAULT_DB_ALIAS):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, *args, **kwargs))


def stores_tasks_in(task: Task[Any, Any], using: str) -> bool:
    """Whether ``task``'s backend writes its queue to the database ``using``, in the same
    transaction as the caller's changes."""
    backend = task.get_backend()
    return isinstance(backend, DatabaseBackend) and router.db_for_write(DBTaskResult) == using
