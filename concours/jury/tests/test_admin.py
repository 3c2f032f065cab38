"""The office's jury screens in the admin: scoped to the competition, policy checked by the core."""

import pytest
from django.urls import reverse

from concours.conflicts import PolicyCode, PolicyProblem
from concours.jury import services
from concours.jury.models import ConflictPolicy, policy_problem_message
from concours.jury.tests.factories import (
    ConflictFactory,
    ConflictPolicyFactory,
    JurorDeclarationFactory,
    RelationshipFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    return {
        "conflictpolicy": (
            ConflictPolicyFactory(competition=world.competition),
            ConflictPolicyFactory(competition=world.other_competition),
        ),
        "conflict": (
            ConflictFactory(seat=world.krueger, application=world.ana),
            ConflictFactory(seat=world.other_seat, application=world.other_application),
        ),
        "relationship": (
            RelationshipFactory(seat=world.krueger, application=world.ana),
            RelationshipFactory(seat=world.other_seat, application=world.other_application),
        ),
        "jurordeclaration": (
            JurorDeclarationFactory(seat=world.krueger),
            JurorDeclarationFactory(seat=world.other_seat),
        ),
    }


@pytest.mark.parametrize(
    "model", ["conflictpolicy", "conflict", "relationship", "jurordeclaration"]
)
def test_office_sees_only_its_competition(client, world, records, model):
    ours, theirs = records[model]
    client.force_login(world.office)
    listing = client.get(reverse(f"admin:jury_{model}_changelist"))
    assert listing.status_code == 200
    assert list(listing.context["cl"].queryset) == [ours]
    assert client.get(reverse(f"admin:jury_{model}_change", args=[ours.pk])).status_code == 200
    response = client.get(reverse(f"admin:jury_{model}_change", args=[theirs.pk]))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    client.force_login(world.secretariat)
    listing = client.get(reverse(f"admin:jury_{model}_changelist"))
    assert set(listing.context["cl"].queryset) == {ours, theirs}


def test_candidates_and_jurors_stay_out(client, world, records):
    for user in (world.candidate, world.krueger.user):
        client.force_login(user)
        response = client.get(reverse("admin:jury_conflict_changelist"))
        assert response.status_code == 302


def test_conflict_list_links_to_the_matrices_and_decisions(client, world, records):
    ours, _theirs = records["conflict"]
    client.force_login(world.office)
    text = client.get(reverse("admin:jury_conflict_changelist")).text
    assert reverse("jury:matrix", args=[world.edition.pk]) in text
    assert reverse("jury:matrix", args=[world.other_edition.pk]) not in text
    assert reverse("jury:conflict", args=[ours.pk]) in text


def test_records_are_read_only_but_the_policy_is_not(client, world, records):
    client.force_login(world.office)
    assert client.get(reverse("admin:jury_conflict_add")).status_code == 403
    assert client.get(reverse("admin:jury_relationship_add")).status_code == 403
    assert client.get(reverse("admin:jury_conflictpolicy_add")).status_code == 200


def test_policy_form_is_checked_by_the_core(client, world, records):
    ours, _theirs = records["conflictpolicy"]
    client.force_login(world.office)
    response = client.post(
        reverse("admin:jury_conflictpolicy_change", args=[ours.pk]),
        {"competition": world.competition.pk, "study_years": "60", "private_lessons_min": "0",
         "private_lessons_years": "6", "master_class_years": "2"},
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {
        "study_years": ["Enter a number from 0 to 50."],
        "private_lessons_min": ["Enter a number from 1 to 1000."],
    }
    response = client.post(
        reverse("admin:jury_conflictpolicy_change", args=[ours.pk]),
        {"competition": world.competition.pk, "study_years": "3", "private_lessons_min": "3",
         "private_lessons_years": "6", "master_class_years": "2", "master_classes_counted": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.rules().to_json() == {
        "study_years": 3,
        "private_lessons_min": 3,
        "private_lessons_years": 6,
        "master_classes_counted": True,
        "master_class_years": 2,
        "same_institution": False,
    }
    check = services.refresh_conflicts(edition=world.edition, by=world.office)
    assert check.policy["private_lessons_min"] == 3


def test_policy_defaults_without_a_row(world):
    assert ConflictPolicy.for_competition(world.competition).to_json()["study_years"] == 3


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (PolicyCode.NOT_A_SWITCH, "Choose yes or no."),
        (PolicyCode.NOT_A_WHOLE_NUMBER, "Enter a whole number."),
        (PolicyCode.UNKNOWN_FIELD, "This is not part of a conflict-of-interest policy."),
    ],
)
def test_policy_problem_messages(code, message):
    problem = PolicyProblem(field="x", code=code, params={}, message="")
    assert policy_problem_message(problem) == message


def test_model_strings_and_clean(world):
    from django.core.exceptions import ValidationError

    from concours.jury.models import ConflictCheck, JurorProfile, Relationship

    profile = JurorProfile(seat=world.krueger)
    assert str(profile) == "Matthias Krüger"
    relationship = Relationship(
        seat=world.krueger, application=world.ana, kind="relative",
        started_on=world.edition.ends_on, ended_on=world.edition.starts_on,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        relationship.clean()
    assert caught.value.message_dict == {"ended_on": ["The end cannot be before the start."]}
    check = services.refresh_conflicts(edition=world.edition, by=world.office)
    assert str(check).startswith(f"{world.edition} (")
    assert isinstance(check, ConflictCheck)
