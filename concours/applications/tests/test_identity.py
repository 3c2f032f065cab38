"""What public lists show of a candidate: the edition's rules choose the country (represented,
citizenship, residence, or none) and whether the place of study appears."""

import pytest
from django.template import Context, Template

from concours.applications.identity import public_countries, public_identity
from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.models import PublishedCountry

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    candidate = CandidateProfileFactory(
        given_name="Xiaoming", family_name="Wang", native_name="王小明", citizenship="CN",
        other_citizenships=["CA", "CN"], country_represented="TW", residence="DE",
        place_of_study="Kronberg Academy",
    )  # fmt: skip
    return ApplicationFactory(candidate=candidate, status=ApplicationStatus.IN_PRESELECTION)


def _publish(application, country, place_of_study=False):
    edition = application.division.edition
    edition.published_country = country
    edition.publish_place_of_study = place_of_study
    edition.save()


@pytest.mark.parametrize(
    ("rule", "codes"),
    [
        (PublishedCountry.REPRESENTED, ["TW"]),
        (PublishedCountry.CITIZENSHIP, ["CN", "CA"]),  # every citizenship, once each
        (PublishedCountry.RESIDENCE, ["DE"]),
        (PublishedCountry.NONE, []),
    ],
)
def test_the_rules_choose_the_country(application, rule, codes):
    _publish(application, rule)
    assert [country.code for country in public_countries(application)] == codes


def test_the_default_is_the_country_represented_without_the_place_of_study(application):
    identity = public_identity(application)
    assert (identity.name, identity.native_name, identity.country_codes) == (
        "Xiaoming Wang",
        "王小明",
        "TW",
    )
    assert (identity.country_names, identity.place_of_study) == ("Taiwan", "")


def test_the_place_of_study_when_published(application):
    _publish(application, PublishedCountry.CITIZENSHIP, place_of_study=True)
    identity = public_identity(application)
    assert (identity.country_names, identity.place_of_study) == (
        "China, Canada",
        "Kronberg Academy",
    )


def test_the_template_filter(application):
    _publish(application, PublishedCountry.RESIDENCE)
    template = Template(
        "{% load public_identity %}{% with who=application|public_identity %}"
        "{{ who.name }} · {{ who.country_names }}{% endwith %}"
    )
    assert template.render(Context({"application": application})) == "Xiaoming Wang · Germany"
