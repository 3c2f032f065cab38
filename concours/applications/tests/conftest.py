import datetime as dt

import pytest
from django.utils import timezone

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import Application, ApplicationStatus, CandidateProfile
from concours.competitions.models import RoundKind
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    RepertoireCategoryFactory,
    RepertoireRequirementFactory,
    RoundFactory,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64


@pytest.fixture
def open_edition(db):
    """An edition taking applications now: one violin division, a pre-selection from recordings
    and a first round that wants a Paganini caprice in 20 to 25 minutes."""
    now = timezone.now()
    edition = EditionFactory(
        competition=CompetitionFactory(
            slug="schoenfeld", name_en="Schoenfeld International String Competition"
        ),
        year=now.year + 1,
        starts_on=(now + dt.timedelta(days=200)).date(),
        ends_on=(now + dt.timedelta(days=214)).date(),
        applications_open_at=now - dt.timedelta(days=10),
        applications_close_at=now + dt.timedelta(days=30),
    )
    division = DivisionFactory(
        edition=edition,
        slug="violin",
        born_on_or_after=dt.date(1990, 1, 1),
        born_on_or_before=dt.date(2008, 1, 1),
    )
    RoundFactory(division=division, number=1, kind=RoundKind.PRESELECTION, name_en="Pre-selection",
                 min_duration=None, max_duration=None)  # fmt: skip
    first = RoundFactory(division=division, number=2, name_en="Round 1")
    RepertoireRequirementFactory(
        round=first,
        category=RepertoireCategoryFactory(
            edition=edition, code="paganini", name_en="Paganini caprice"
        ),
    )
    return edition


@pytest.fixture
def candidate(db):
    user = UserFactory(email="ana@example.org", email_verified_at=timezone.now())
    return CandidateProfile.objects.create(
        user=user, given_name="Ana", family_name="Alpha", native_name="安娜", birth_date=dt.date(2000, 5, 1),
        citizenship="CN", country_represented="CN", residence="CN",
    )  # fmt: skip


@pytest.fixture
def draft(open_edition, candidate):
    return Application.objects.create(
        candidate=candidate, division=open_edition.divisions.get(), status=ApplicationStatus.DRAFT
    )
