"""Settings come from the environment; production refuses to start without a secret."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from concours.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[3]


def _run(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_helpers_read_typed_values():
    environ = {"FLAG": "yes", "OFF": "0", "N": "42", "HOSTS": "a.org, b.org,,", "NAME": "x"}
    assert env_bool("FLAG", False, environ=environ) is True
    assert env_bool("OFF", True, environ=environ) is False
    assert env_bool("MISSING", True, environ=environ) is True
    assert env_int("N", 1, environ=environ) == 42
    assert env_int("MISSING", 7, environ=environ) == 7
    assert env_list("HOSTS", [], environ=environ) == ["a.org", "b.org"]
    assert env_list("MISSING", ["z"], environ=environ) == ["z"]
    assert env_str("NAME", environ=environ) == "x"


def test_env_helpers_name_the_variable_in_errors():
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG", False, environ={"DEBUG": "maybe"})
    with pytest.raises(ImproperlyConfigured, match="PORT must be a whole number"):
        env_int("PORT", 1, environ={"PORT": "eighty"})
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        env_str("SECRET_KEY", environ={})


def test_production_without_secret_key_fails_with_a_clear_message():
    result = _run({"DEBUG": "0"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value when DEBUG is off" in result.stderr


def test_production_settings_pass_check_deploy(tmp_path):
    result = _run(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "concours.example.org",
            "CONCOURS_DATA_DIR": str(tmp_path),
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("redis_url", "engine", "backend"),
    [
        (
            "",
            "django.contrib.sessions.backends.db",
            "django.core.cache.backends.locmem.LocMemCache",
        ),
        (
            "redis://127.0.0.1:6379/0",
            "django.contrib.sessions.backends.cached_db",
            "concours.core.cache.RedisCache",
        ),
    ],
)
def test_sessions_are_read_through_the_shared_cache_when_there_is_one(redis_url, engine, backend):
    result = _run(
        {"REDIS_URL": redis_url},
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"{engine} {backend}"


def test_the_private_storage_is_a_local_directory_by_default(tmp_path):
    from concours.env import private_storage

    assert private_storage(default_root=tmp_path, environ={}) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path), "base_url": None},
    }
    moved = private_storage(default_root=tmp_path, environ={"PRIVATE_MEDIA_ROOT": "/srv/private"})
    assert moved["OPTIONS"]["location"] == "/srv/private"


def test_the_private_storage_on_s3_takes_its_bucket_from_the_environment(tmp_path):
    from concours.env import S3_STORAGE, private_storage

    environ = {"PRIVATE_STORAGE_BACKEND": S3_STORAGE, "PRIVATE_S3_BUCKET": "harbin-private",
               "PRIVATE_S3_ENDPOINT_URL": "https://minio.example.org"}  # fmt: skip
    storage = private_storage(default_root=tmp_path, environ=environ)
    assert storage["BACKEND"] == S3_STORAGE
    assert storage["OPTIONS"] == {
        "bucket_name": "harbin-private", "endpoint_url": "https://minio.example.org",
        "region_name": None, "location": "", "file_overwrite": False,
        "querystring_auth": True, "querystring_expire": 300, "max_memory_size": 8 * 1024 * 1024,
    }  # fmt: skip
    alias = {**environ, "PRIVATE_STORAGE_BACKEND": "storages.backends.s3boto3.S3Boto3Storage"}
    assert private_storage(default_root=tmp_path, environ=alias)["OPTIONS"] == storage["OPTIONS"]
    other = private_storage(default_root=tmp_path, environ={"PRIVATE_STORAGE_BACKEND": "x.Y"})
    assert other == {"BACKEND": "x.Y", "OPTIONS": {}}
