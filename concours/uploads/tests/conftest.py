import pytest

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.uploads.tests.storage import private_storage_at


@pytest.fixture(autouse=True)
def private_storage(tmp_path, settings):
    settings.CONCOURS_UPLOAD_DISK_RESERVE_BYTES = 0
    settings.CONCOURS_UPLOAD_STAGING_DIR = ""
    with private_storage_at(tmp_path / "private") as storage:
        yield storage


@pytest.fixture
def candidate(db):
    return CandidateProfileFactory(user=UserFactory(email="ana@example.org"))


@pytest.fixture
def draft(candidate):
    return ApplicationFactory(candidate=candidate, status=ApplicationStatus.DRAFT)


@pytest.fixture
def signed_in(client, candidate):
    client.force_login(candidate.user)
    return client
