import datetime as dt

import factory

from concours.applications.models import Application, ApplicationStatus, CandidateProfile
from concours.competitions.tests.factories import DivisionFactory


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile

    user = factory.SubFactory("concours.accounts.tests.factories.UserFactory")
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    birth_date = dt.date(2003, 5, 17)
    citizenship = "PL"
    country_represented = "PL"
    residence = "DE"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateProfileFactory)
    division = factory.SubFactory(DivisionFactory)
    status = ApplicationStatus.SUBMITTED
