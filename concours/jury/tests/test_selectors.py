"""The jury's reads: the pairs marked S in a round, the conflict matrix, a juror's candidates."""

import pytest
from django.utils import timezone

from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory
from concours.competitions.tests.factories import JuryMemberFactory
from concours.jury import selectors, services
from concours.jury.models import ConflictStatus
from concours.jury.tests.factories import ConflictFactory, RelationshipFactory, TeacherFactory

pytestmark = pytest.mark.django_db


# --- conflicted_pairs -----------------------------------------------------------------------


def test_conflicted_pairs_is_everything_but_dismissed(world, django_assert_num_queries):
    flagged = ConflictFactory(seat=world.krueger, application=world.ana)
    confirmed = ConflictFactory(
        seat=world.rossi, application=world.ana, status=ConflictStatus.CONFIRMED
    )
    ConflictFactory(seat=world.krueger, application=world.ben, status=ConflictStatus.DISMISSED)
    ConflictFactory(seat=world.rossi, application=world.ben, stale=True)  # no longer flagged
    stale_confirmed = ConflictFactory(
        seat=world.wang, application=world.ben, status=ConflictStatus.CONFIRMED, stale=True
    )
    with django_assert_num_queries(1):
        pairs = selectors.conflicted_pairs(world.round)
    assert pairs == {
        (world.ana.pk, world.krueger.pk),
        (world.ana.pk, world.rossi.pk),
        (world.ben.pk, world.wang.pk),
    }
    assert {flagged.enforced, confirmed.enforced, stale_confirmed.enforced} == {True}


def test_conflicted_pairs_stay_in_the_rounds_division(world):
    ConflictFactory(seat=world.wang, application=world.cai)
    ConflictFactory(seat=world.other_seat, application=world.other_application)
    assert selectors.conflicted_pairs(world.round) == set()
    assert selectors.conflicted_pairs(world.cello_round) == {(world.cai.pk, world.wang.pk)}


def test_conflicted_pairs_after_a_check(world):
    services.refresh_conflicts(edition=world.edition, by=world.office)
    assert selectors.conflicted_pairs(world.round) == {(world.ana.pk, world.krueger.pk)}
    assert selectors.conflicted_pairs(world.cello_round) == {(world.cai.pk, world.wang.pk)}


# --- a juror's candidates and relationships -------------------------------------------------


def test_candidates_for_seat(world):
    assert list(selectors.candidates_for_seat(world.krueger)) == [world.ana, world.ben]
    assert list(selectors.candidates_for_seat(world.wang)) == [world.ana, world.ben, world.cai]


def test_seats_of_and_declarations(world):
    seat_in_cello = JuryMemberFactory(
        edition=world.edition, division=world.cello, user=world.krueger.user
    )
    assert list(selectors.seats_of(world.krueger.user)) == [world.krueger, seat_in_cello]
    assert selectors.has_accepted_declaration(world.krueger) is False
    world.accept(world.krueger)
    assert selectors.has_accepted_declaration(world.krueger) is True
    assert selectors.has_accepted_declaration(seat_in_cello) is False


def test_relationships_of_leaves_out_withdrawn_ones(world):
    kept = RelationshipFactory(seat=world.rossi, application=world.ana)
    RelationshipFactory(seat=world.rossi, application=world.ben, withdrawn_at=timezone.now())
    RelationshipFactory(seat=world.krueger, application=world.ben)
    assert list(selectors.relationships_of(world.rossi)) == [kept]


def test_changes_since_the_last_check(world):
    RelationshipFactory(seat=world.rossi, application=world.ana)
    assert selectors.changes_since(None, world.edition) == 1
    check = services.refresh_conflicts(edition=world.edition, by=world.office)
    assert selectors.latest_check(world.edition) == check
    assert selectors.changes_since(check, world.edition) == 0
    RelationshipFactory(seat=world.krueger, application=world.ben)
    assert selectors.changes_since(check, world.edition) == 1


# --- the conflict matrix --------------------------------------------------------------------


def test_conflict_matrix_by_edition(world):
    services.refresh_conflicts(edition=world.edition, by=world.office)
    services.dismiss_conflict(
        conflict=world.cai.conflicts.get(), reason="Long ago.", by=world.office
    )
    violin, cello = selectors.conflict_matrix(edition=world.edition)
    assert violin.division == world.violin
    assert violin.seats == (world.krueger, world.rossi, world.wang)  # chair first
    assert [row.application for row in violin.rows] == [world.ana, world.ben]
    assert [[cell.state for cell in row.cells] for row in violin.rows] == [
        ["flagged", "", ""],
        ["", "note", ""],
    ]
    assert violin.counts == {"flagged": 1, "note": 1}
    note = violin.rows[1].cells[1].notes[0]
    assert note["code"] == "master_class_exempt"
    assert cello.seats == (world.wang,)
    assert [[cell.state for cell in row.cells] for row in cello.rows] == [["dismissed"]]


def test_conflict_matrix_by_division_and_stale_cells(world):
    ConflictFactory(seat=world.rossi, application=world.ben, stale=True)
    ConflictFactory(seat=world.krueger, application=world.ana, status=ConflictStatus.CONFIRMED)
    (violin,) = selectors.conflict_matrix(division=world.violin)
    assert [[cell.state for cell in row.cells] for row in violin.rows] == [
        ["confirmed", "", ""],
        ["", "stale", ""],
    ]
    assert violin.counts == {"confirmed": 1, "stale": 1}


def test_conflict_matrix_needs_one_scope(world):
    with pytest.raises(ValueError, match="give either an edition or a division"):
        selectors.conflict_matrix()
    with pytest.raises(ValueError, match="give either an edition or a division"):
        selectors.conflict_matrix(edition=world.edition, division=world.violin)


def test_conflict_matrix_queries_do_not_grow_with_rows(world, django_assert_num_queries):
    services.refresh_conflicts(edition=world.edition, by=world.office)
    with django_assert_num_queries(5):
        selectors.conflict_matrix(edition=world.edition)
    for number in range(5):
        application = ApplicationFactory(division=world.violin, status=ApplicationStatus.ELIGIBLE)
        TeacherFactory(candidate=application.candidate, name=f"Giulia Rossi {number}")
        JuryMemberFactory(edition=world.edition, division=world.cello)
    services.refresh_conflicts(edition=world.edition, by=world.office)
    with django_assert_num_queries(5):
        selectors.conflict_matrix(edition=world.edition)
