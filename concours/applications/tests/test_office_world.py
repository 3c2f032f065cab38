"""The office's world for the application screens' tests: two competitions, A and B, with
known candidates (a Chinese name among them), statuses, fees and reopenings; and helpers.

Test modules build it through their own ``office`` fixture (``OfficeWorld()``)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Fee,
    FeeStatus,
    ItemKind,
    Reopening,
)
from concours.competitions.models import FeePolicy
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    OfficeStaffFactory,
)
from concours.federation.tests.factories import SecretariatMemberFactory

UTC = dt.UTC
CHANGELIST = "admin:applications_application_changelist"


def changelist_url() -> str:
    return reverse(CHANGELIST)


def change_url(application: Application) -> str:
    return reverse("admin:applications_application_change", args=[application.pk])


def review_url(name: str, application: Application) -> str:
    return reverse(f"admin:applications_application_{name}", args=[application.pk])


def export_url(file_format: str) -> str:
    return reverse("admin:applications_application_export", args=[file_format])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def make_application(
    division,
    *,
    given: str,
    family: str,
    born: dt.date,
    country: str = "PL",
    native: str = "",
    status: str = ApplicationStatus.SUBMITTED,
    submitted: dt.datetime | None = None,
    fee: str | None = None,
    email: str | None = None,
) -> Application:
    user = UserFactory(
        email=email or f"{given.lower()}.{family.lower()}@example.org",
        email_verified_at=dt.datetime(2025, 1, 2, tzinfo=UTC),
    )
    candidate = CandidateProfile.objects.create(
        user=user, given_name=given, family_name=family, native_name=native, birth_date=born,
        citizenship=country, country_represented=country, residence=country,
    )  # fmt: skip
    application = Application.objects.create(
        candidate=candidate, division=division, status=status, submitted_at=submitted
    )
    if fee is not None:
        Fee.objects.create(
            application=application,
            status=fee,
            amount=division.fee_amount,
            currency=division.fee_currency,
        )
    return application


class OfficeWorld:
    """Competition A (edition 2025 from 1 August, violin with a fee on submission, cello
    without) and competition B; one office member each and the secretariat."""

    def __init__(self) -> None:
        self.competition_a = CompetitionFactory(
            name_en="Harbin International Violin Competition",
            name_zh="哈尔滨国际小提琴比赛",
            short_name_en="Harbin",
        )
        self.edition_a = EditionFactory(
            competition=self.competition_a,
            year=2025,
            applications_open_at=dt.datetime(2025, 1, 1, tzinfo=UTC),
            applications_close_at=dt.datetime(2025, 4, 1, tzinfo=UTC),
        )
        self.violin = DivisionFactory(
            edition=self.edition_a,
            name_en="Violin",
            fee_policy=FeePolicy.ON_SUBMISSION,
            fee_amount=Decimal("100.00"),
            fee_currency="EUR",
        )
        self.cello = DivisionFactory(edition=self.edition_a, name_en="Cello", name_zh="大提琴")
        self.competition_b = CompetitionFactory(
            name_en="Warsaw Cello Competition", short_name_en="Warsaw"
        )
        self.edition_b = EditionFactory(competition=self.competition_b, year=2025)
        self.division_b = DivisionFactory(edition=self.edition_b, name_en="Cello B")

        submitted = dt.datetime(2025, 3, 1, 2, 0, tzinfo=UTC)
        self.wang = make_application(
            self.violin, given="Xiaoming", family="Wang", native="王小明",
            born=dt.date(2008, 8, 2), country="CN", submitted=submitted, fee=FeeStatus.DUE,
        )  # fmt: skip
        self.kowalska = make_application(
            self.violin, given="Anna", family="Kowalska", born=dt.date(2000, 8, 1),
            status=ApplicationStatus.COMPLETE, submitted=submitted + dt.timedelta(days=1),
            fee=FeeStatus.PAID,
        )  # fmt: skip
        self.berg = make_application(
            self.cello, given="Jonas", family="Berg", born=dt.date(1999, 8, 1), country="DE",
            status=ApplicationStatus.ELIGIBLE, submitted=submitted + dt.timedelta(days=2),
        )  # fmt: skip
        self.draft = make_application(
            self.violin, given="Mia", family="Dupont", born=dt.date(1992, 8, 1), country="FR",
            status=ApplicationStatus.DRAFT,
        )  # fmt: skip
        self.other = make_application(
            self.division_b, given="Bob", family="Other", native="鲍勃",
            born=dt.date(2001, 1, 1), country="US", submitted=submitted,
        )  # fmt: skip

        self.office_a = OfficeStaffFactory(competition=self.competition_a).user
        self.office_b = OfficeStaffFactory(competition=self.competition_b).user
        self.secretariat = SecretariatMemberFactory(federation=self.competition_a.federation).user
        Reopening.objects.create(
            application=self.berg,
            item=ItemKind.PROGRAMME,
            reason="Round 1 needs a Paganini caprice.",
            opened_by=self.office_a,
        )

    @property
    def of_a(self) -> list[Application]:
        return [self.wang, self.kowalska, self.berg, self.draft]


@pytest.fixture
def office(db):
    return OfficeWorld()


def test_the_world_is_as_described(office):
    assert Application.objects.count() == 5
    assert list(Reopening.objects.values_list("application__candidate__family_name", "item")) == [
        ("Berg", "programme")
    ]
