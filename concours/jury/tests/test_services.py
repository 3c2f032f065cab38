"""The jury's services: declaration, relationships, the conflict check and decisions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from concours.applications.models import ApplicationStatus, TeachingKind
from concours.conflicts import Relation
from concours.jury import services
from concours.jury.declaration import DECLARATION_VERSION, declaration_text
from concours.jury.models import (
    Conflict,
    ConflictCheck,
    ConflictStatus,
    JurorDeclaration,
    JurorProfile,
    Relationship,
)
from concours.jury.services import JuryError
from concours.jury.tests.factories import (
    ConflictPolicyFactory,
    RelationshipFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date


# --- the declaration ------------------------------------------------------------------------


def test_accept_declaration_records_version_language_and_text(world):
    with translation.override("zh-hans"):
        declaration = services.accept_declaration(seat=world.krueger, by=world.krueger.user)
        expected_text = declaration_text()
    assert (declaration.text_version, declaration.language) == (DECLARATION_VERSION, "zh-hans")
    assert declaration.text == expected_text
    assert declaration.accepted_by == world.krueger.user
    assert declaration.accepted_at is not None


def test_accept_declaration_twice_keeps_the_first(world):
    first = services.accept_declaration(seat=world.krueger, by=world.krueger.user)
    again = services.accept_declaration(seat=world.krueger, by=world.krueger.user)
    assert again == first
    assert JurorDeclaration.objects.count() == 1


def test_only_the_seats_juror_accepts(world):
    with pytest.raises(JuryError, match=r"Only the juror in this seat can do this\."):
        services.accept_declaration(seat=world.krueger, by=world.rossi.user)
    assert JurorDeclaration.objects.count() == 0


# --- names and relationships ----------------------------------------------------------------


def test_profile_needs_the_declaration_then_saves(world):
    with pytest.raises(JuryError, match=r"Please accept the juror's declaration first\."):
        services.save_juror_profile(
            seat=world.krueger, other_names="M. Krueger", institutions="", by=world.krueger.user
        )
    world.accept(world.krueger)
    profile = services.save_juror_profile(
        seat=world.krueger,
        other_names="  Matthias Krueger\n\nM. Krüger \n",
        institutions="UdK Berlin\n",
        by=world.krueger.user,
    )
    assert profile.other_name_list() == ["Matthias Krueger", "M. Krüger"]
    assert profile.institution_list() == ["UdK Berlin"]
    services.save_juror_profile(
        seat=world.krueger, other_names="", institutions="", by=world.krueger.user
    )
    assert JurorProfile.objects.get().other_names == ""


def test_declare_relationship(world):
    world.accept(world.rossi)
    relationship = services.declare_relationship(
        seat=world.rossi, application=world.ana, kind="private_lessons", lessons=4,
        started_on=D(2021, 3, 1), ended_on=D(2021, 6, 30), note=" summer ", by=world.rossi.user,
    )  # fmt: skip
    assert (relationship.kind, relationship.lessons, relationship.note) == (
        "private_lessons",
        4,
        "summer",
    )
    assert relationship.declared_by == world.rossi.user
    assert relationship.withdrawn_at is None


def test_declare_relationship_needs_the_declaration(world):
    with pytest.raises(JuryError, match=r"Please accept the juror's declaration first\."):
        services.declare_relationship(
            seat=world.rossi, application=world.ana, kind="relative", by=world.rossi.user
        )
    assert Relationship.objects.count() == 0


@pytest.mark.parametrize("candidate", ["cai", "draft", "other_application"])
def test_declare_relationship_only_with_own_candidates(world, candidate):
    world.accept(world.rossi)
    with pytest.raises(JuryError, match=r"This candidate is not one you judge\."):
        services.declare_relationship(
            seat=world.rossi,
            application=getattr(world, candidate),
            kind="relative",
            by=world.rossi.user,
        )
    assert Relationship.objects.count() == 0


def test_edition_wide_juror_declares_in_every_division(world):
    world.accept(world.wang)
    for application in (world.ana, world.cai):
        services.declare_relationship(
            seat=world.wang, application=application, kind="relative", by=world.wang.user
        )
    assert Relationship.objects.filter(seat=world.wang).count() == 2


def test_declare_relationship_rejects_bad_fields_at_once(world):
    world.accept(world.rossi)
    with pytest.raises(ValidationError) as caught:
        services.declare_relationship(
            seat=world.rossi, application=world.ana, kind="other", started_on=D(2022, 1, 1),
            ended_on=D(2021, 1, 1), lessons=-1, note="  ", by=world.rossi.user,
        )  # fmt: skip
    assert caught.value.message_dict == {
        "ended_on": ["The end cannot be before the start."],
        "lessons": ["A number of lessons cannot be negative."],
        "note": ["Say what the relationship is."],
    }
    with pytest.raises(ValidationError) as caught:
        services.declare_relationship(
            seat=world.rossi, application=world.ana, kind="friend", by=world.rossi.user
        )
    assert caught.value.message_dict == {"kind": ["Choose a kind of relationship."]}
    assert Relationship.objects.count() == 0


def test_withdraw_relationship_keeps_the_row(world):
    relationship = RelationshipFactory(seat=world.rossi, application=world.ana)
    withdrawn = services.withdraw_relationship(relationship=relationship, by=world.rossi.user)
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawn_by == world.rossi.user
    again = services.withdraw_relationship(relationship=relationship, by=world.rossi.user)
    assert again.withdrawn_at == withdrawn.withdrawn_at
    with pytest.raises(JuryError):
        services.withdraw_relationship(relationship=relationship, by=world.krueger.user)


# --- the adapter ----------------------------------------------------------------------------


def test_juror_of_collects_every_name_once(world):
    JurorProfile.objects.create(
        seat=world.krueger,
        other_names="Matthias Krueger\nMatthias Krüger",
        institutions="UdK Berlin\nUniversität der Künste",
    )
    world.krueger.refresh_from_db()
    juror = services.juror_of(world.krueger)
    assert juror.key == str(world.krueger.pk)
    assert juror.names == ("Matthias Krüger", "马蒂亚斯·克吕格尔", "Matthias Krueger")
    assert juror.institutions == ("UdK Berlin", "Universität der Künste")
    world.rossi.user = None
    assert services.juror_of(world.rossi).names == ("Giulia Rossi",)


def test_candidate_of_maps_teachers_and_place_of_study(world):
    profile = world.ben.candidate
    profile.place_of_study = "Royal College of Music"
    profile.save()
    TeacherFactory(
        candidate=profile, name="Anna Lee", kind=TeachingKind.PRIVATE, lessons=5,
        started_on=D(2023, 1, 1), ended_on=D(2023, 2, 1), institution="RCM",
    )  # fmt: skip
    candidate = services.candidate_of(world.ben)
    assert candidate.key == str(world.ben.pk)
    assert candidate.institutions == ("Royal College of Music",)
    assert [(t.teacher, t.relation, t.lessons, t.institution) for t in candidate.teachers] == [
        ("Giulia Rossi", Relation.MASTER_CLASS, None, ""),
        ("Anna Lee", Relation.PRIVATE_LESSONS, 5, "RCM"),
    ]
    assert services.candidate_of(world.ana).institutions == ()


# --- the conflict check ---------------------------------------------------------------------


def pairs():
    return {
        (c.seat_id, c.application_id): (c.status, c.stale, [r["code"] for r in c.reasons])
        for c in Conflict.objects.all()
    }


def test_refresh_flags_history_and_declarations_and_records_the_check(world):
    RelationshipFactory(seat=world.rossi, application=world.ana, kind="relative", note="niece")
    check = services.refresh_conflicts(edition=world.edition, by=world.office)
    assert pairs() == {
        (world.krueger.pk, world.ana.pk): ("flagged", False, ["study_current"]),
        (world.rossi.pk, world.ana.pk): ("flagged", False, ["relative"]),
        # Wang Jian sits on every division: his former student in cello.
        (world.wang.pk, world.cai.pk): ("flagged", False, ["study_recent"]),
    }
    assert (check.flagged, check.added, check.newly_stale) == (3, 3, 0)
    assert check.reference_date == D(2025, 9, 1)
    assert check.policy["study_years"] == 3
    assert check.checked_by == world.office
    # Ben's master class with Rossi is exempt: a near miss, kept with the check.
    assert check.notes == [
        {
            "seat": world.rossi.pk,
            "application": world.ben.pk,
            "reasons": [
                {
                    "code": "master_class_exempt",
                    "source": "history",
                    "clause": "master_classes",
                    "params": {
                        "teacher": "Giulia Rossi",
                        "juror_name": "Giulia Rossi",
                        "institution": None,
                        "started_on": "2024-07-01",
                        "ended_on": "2024-07-05",
                        "lessons": None,
                        "note": None,
                    },
                    "message": (
                        "Master class with Giulia Rossi from 1 July 2024 to 5 July 2024: master "
                        "classes are exempt under the policy (candidate's application)."
                    ),
                }
            ],
        }
    ]
    reason = Conflict.objects.get(seat=world.krueger).reasons[0]
    assert reason["params"]["teacher"] == "Prof. M. Krueger"
    assert reason["params"]["juror_name"] == "Matthias Krüger"


def test_refresh_leaves_drafts_withdrawn_and_other_editions_alone(world):
    world.ana.status = ApplicationStatus.WITHDRAWN
    world.ana.save()
    RelationshipFactory(seat=world.krueger, application=world.ana)
    services.refresh_conflicts(edition=world.edition, by=world.office)
    assert set(pairs()) == {(world.wang.pk, world.cai.pk)}


def test_refresh_follows_the_competitions_policy(world):
    ConflictPolicyFactory(competition=world.competition, master_classes_counted=True, study_years=2)
    check = services.refresh_conflicts(edition=world.edition, by=world.office)
    assert pairs() == {
        (world.krueger.pk, world.ana.pk): ("flagged", False, ["study_current"]),
        (world.rossi.pk, world.ben.pk): ("flagged", False, ["master_class"]),
    }
    assert check.policy["master_classes_counted"] is True
    assert check.notes[0]["reasons"][0]["code"] == "study_before_window"


def test_refresh_counts_back_from_the_day_given(world):
    services.refresh_conflicts(edition=world.edition, by=world.office, on=D(2027, 1, 1))
    assert (world.wang.pk, world.cai.pk) not in pairs()


def test_refresh_keeps_decisions_and_marks_stale(world):
    declared = RelationshipFactory(seat=world.rossi, application=world.ana, kind="relative")
    services.refresh_conflicts(edition=world.edition, by=world.office)
    dismissed = Conflict.objects.get(seat=world.krueger)
    services.dismiss_conflict(conflict=dismissed, reason="A namesake.", by=world.office)
    services.withdraw_relationship(relationship=declared, by=world.rossi.user)
    RelationshipFactory(seat=world.krueger, application=world.ana, kind="other", note="Quartet")

    check = services.refresh_conflicts(edition=world.edition, by=world.office)

    assert pairs() == {
        (world.krueger.pk, world.ana.pk): ("dismissed", False, ["study_current", "other"]),
        (world.rossi.pk, world.ana.pk): ("flagged", True, ["relative"]),
        (world.wang.pk, world.cai.pk): ("flagged", False, ["study_recent"]),
    }
    assert (check.flagged, check.added, check.newly_stale) == (2, 0, 1)
    dismissed.refresh_from_db()
    assert dismissed.decision_reason == "A namesake."
    assert dismissed.changed_since_decision is True
    assert dismissed.enforced is False
    assert Conflict.objects.get(seat=world.rossi).enforced is False

    again = services.refresh_conflicts(edition=world.edition, by=world.office)
    assert (again.added, again.newly_stale) == (0, 0)
    RelationshipFactory(seat=world.rossi, application=world.ana, kind="relative")
    services.refresh_conflicts(edition=world.edition, by=world.office)
    assert pairs()[(world.rossi.pk, world.ana.pk)] == ("flagged", False, ["relative"])
    assert Conflict.objects.count() == 3
    assert ConflictCheck.objects.count() == 4


# --- decisions ------------------------------------------------------------------------------


@pytest.fixture
def flagged(world):
    services.refresh_conflicts(edition=world.edition, by=world.office)
    return Conflict.objects.get(seat=world.krueger)


def test_dismiss_needs_a_reason_and_changes_nothing_without(world, flagged):
    with pytest.raises(ValidationError) as caught:
        services.dismiss_conflict(conflict=flagged, reason="   ", by=world.office)
    assert caught.value.message_dict == {"reason": ["Say why this is not a conflict of interest."]}
    flagged.refresh_from_db()
    assert (flagged.status, flagged.decided_by, flagged.decided_at) == ("flagged", None, None)


def test_dismiss_and_confirm_record_who_when_and_why(world, flagged):
    dismissed = services.dismiss_conflict(
        conflict=flagged, reason=" Another Krüger. ", by=world.office
    )
    assert (dismissed.status, dismissed.decision_reason, dismissed.decided_by) == (
        ConflictStatus.DISMISSED,
        "Another Krüger.",
        world.office,
    )
    assert dismissed.reasons_at_decision == dismissed.reasons
    assert dismissed.changed_since_decision is False
    confirmed = services.confirm_conflict(conflict=flagged, by=world.secretariat)
    assert (confirmed.status, confirmed.decision_reason, confirmed.decided_by) == (
        ConflictStatus.CONFIRMED,
        "",
        world.secretariat,
    )
    assert confirmed.decided_at >= dismissed.decided_at
    assert confirmed.enforced is True
