"""An open (not blind) review shows the candidate as the edition's rules publish them
(``applications.identity``): the name, and only the country the rules choose."""

import pytest
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.models import PublishedCountry, RoundKind
from concours.competitions.tests.factories import JuryMemberFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    candidate = CandidateProfileFactory(
        given_name="Xiaoming", family_name="Wang", native_name="王小明", citizenship="CN",
        country_represented="TW", residence="DE", place_of_study="Kronberg Academy",
    )  # fmt: skip
    return ApplicationFactory(candidate=candidate, status=ApplicationStatus.IN_PRESELECTION)


def _publish(application, country, place_of_study=False):
    edition = application.division.edition
    edition.published_country = country
    edition.publish_place_of_study = place_of_study
    edition.save()


@pytest.mark.parametrize(
    ("rule", "shown", "hidden"),
    [
        (PublishedCountry.REPRESENTED, "Taiwan", "Germany"),
        (PublishedCountry.RESIDENCE, "Germany", "Taiwan"),
        (PublishedCountry.NONE, "Xiaoming Wang (王小明)</h1>", "Taiwan"),
    ],
)
def test_an_open_review_shows_what_the_rules_publish(client, application, rule, shown, hidden):
    _publish(application, rule)
    round_ = RoundFactory(division=application.division, number=1, kind=RoundKind.PRESELECTION,
                          scoring_preset="mean", scoring_parameters={}, blind_review=False)  # fmt: skip
    juror = JuryMemberFactory(
        edition=application.division.edition, division=application.division, user=UserFactory()
    )
    client.force_login(juror.user)
    page = client.get(
        reverse(
            "preselection:review",
            kwargs={"round_id": round_.pk, "reference": application.reference},
        )
    ).text
    assert shown in page
    assert hidden not in page


def test_the_place_of_study_when_published(client, application):
    _publish(application, PublishedCountry.REPRESENTED, place_of_study=True)
    round_ = RoundFactory(division=application.division, number=1, kind=RoundKind.PRESELECTION,
                          scoring_preset="mean", scoring_parameters={}, blind_review=False)  # fmt: skip
    juror = JuryMemberFactory(
        edition=application.division.edition, division=application.division, user=UserFactory()
    )
    client.force_login(juror.user)
    page = client.get(
        reverse(
            "preselection:review",
            kwargs={"round_id": round_.pk, "reference": application.reference},
        )
    ).text
    assert "<h1>Xiaoming Wang (王小明) · Taiwan · Kronberg Academy</h1>" in page
