"""Test-wide fixtures. App-specific factories live in each app's ``tests/factories.py``."""

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests check behaviour, not speed: Hypothesis's per-example deadline (200 ms) fails
# at random on a busy two-core machine. Speed is measured by the benchmarks under benchmarks/.
hypothesis_settings.register_profile("concours", deadline=None)
hypothesis_settings.load_profile("concours")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run at once in tests; tests of the worker itself switch to the database backend.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture
def task_inserts():
    """Whether each task written to the database queue (``django_tasks_db``) was written inside a
    transaction, in order: ``concours.core.tasks.enqueue_on_commit`` writes it in the change's."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    insert = f'INSERT INTO "{DBTaskResult._meta.db_table}"'
    seen: list[bool] = []

    def spy(execute, sql, params, many, context):
        if sql.startswith(insert):
            seen.append(context["connection"].in_atomic_block)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        yield seen
