import datetime as dt

import factory
from django.utils import timezone

from concours.applications.models import Teacher, TeachingKind
from concours.jury.declaration import DECLARATION_VERSION
from concours.jury.models import (
    Conflict,
    ConflictPolicy,
    JurorDeclaration,
    Relationship,
    RelationshipKind,
)


class TeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Teacher

    candidate = factory.SubFactory("concours.applications.tests.factories.CandidateProfileFactory")
    name = "Matthias Krüger"
    kind = TeachingKind.REGULAR
    started_on = dt.date(2021, 9, 1)


class JurorDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JurorDeclaration

    seat = factory.SubFactory("concours.competitions.tests.factories.JuryMemberFactory")
    text_version = DECLARATION_VERSION
    language = "en"
    text = "I declare."
    accepted_at = factory.LazyFunction(timezone.now)
    accepted_by = factory.LazyAttribute(lambda o: o.seat.user)


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    seat = factory.SubFactory("concours.competitions.tests.factories.JuryMemberFactory")
    application = factory.SubFactory("concours.applications.tests.factories.ApplicationFactory")
    kind = RelationshipKind.RELATIVE
    declared_by = factory.LazyAttribute(lambda o: o.seat.user)


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict

    seat = factory.SubFactory("concours.competitions.tests.factories.JuryMemberFactory")
    application = factory.SubFactory("concours.applications.tests.factories.ApplicationFactory")
    reasons = factory.LazyFunction(
        lambda: [
            {
                "code": "relative",
                "source": "declaration",
                "clause": "relatives",
                "params": {"note": None},
                "message": "The juror declares a family relationship with the candidate.",
            }
        ]
    )


class ConflictPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictPolicy

    competition = factory.SubFactory("concours.competitions.tests.factories.CompetitionFactory")
