"""The order of appearance the live rounds read: drawn, filtered, else alphabetical."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.draws import services
from concours.draws.selectors import (
    draw_for_round,
    order_for_round,
    position_of,
    positions_for_round,
)

pytestmark = pytest.mark.django_db


def names(applications):
    return [a.candidate.family_name for a in applications]


def test_without_a_draw_the_order_is_alphabetical_as_in_the_draw(festival):
    # Ł sorts as L and Ø as O (spec §4), not after Z as their code points would.
    assert names(order_for_round(festival.round1)) == [
        "Kowalski",
        "Łukasiewicz",
        "Ødegaard",
        "Strauß",
    ]
    assert draw_for_round(festival.round1) is None


def test_a_commitment_alone_does_not_set_the_order(festival):
    festival.commit()
    assert draw_for_round(festival.round1) is None
    assert names(order_for_round(festival.round1))[0] == "Kowalski"


def test_the_division_draw_sets_the_order_of_every_round(festival):
    draw = festival.drawn()
    for round_ in (festival.round1, festival.round2):
        assert draw_for_round(round_) == draw
        assert [a.pk for a in order_for_round(round_)] == draw.order


def test_the_round_draw_comes_before_the_division_draw(festival):
    every = festival.drawn()
    second = festival.drawn(festival.round2, applications=festival.admitted[1:3])
    assert draw_for_round(festival.round1) == every
    assert draw_for_round(festival.round2) == second
    assert [a.pk for a in order_for_round(festival.round2)] == second.order
    assert len(second.order) == 2


def test_candidates_who_left_drop_out_and_the_rest_keep_their_order(festival):
    draw = festival.revealed()
    gone = festival.admitted[0]
    gone.status = ApplicationStatus.WITHDRAWN
    gone.save()
    assert [a.pk for a in order_for_round(festival.round1)] == [
        pk for pk in draw.order if pk != gone.pk
    ]


def test_the_caller_can_name_the_round_candidates(festival):
    draw = festival.drawn()
    advanced = festival.admitted[2:]
    assert [a.pk for a in order_for_round(festival.round2, advanced)] == [
        pk for pk in draw.order if pk in {a.pk for a in advanced}
    ]


def test_candidates_the_draw_does_not_include_come_last_alphabetically(festival):
    draw = festival.drawn()
    late = [
        ApplicationFactory(
            division=festival.division,
            status=ApplicationStatus.ADMITTED,
            candidate=CandidateProfileFactory(given_name=given, family_name=family),
        )
        for given, family in (("Zoe", "Young"), ("Ada", "Ábel"))
    ]
    ordered = order_for_round(festival.round1)
    assert [a.pk for a in ordered] == [*draw.order, late[1].pk, late[0].pk]


def test_positions(festival):
    draw = festival.drawn()
    first, last = draw.order[0], draw.order[-1]
    positions = positions_for_round(festival.round1)
    assert (positions[first], positions[last], len(positions)) == (1, 4, 4)
    application = next(a for a in festival.admitted if a.pk == last)
    assert position_of(festival.round1, application) == 4
    assert position_of(festival.round1, festival.not_admitted) is None


def test_the_order_reads_a_constant_number_of_queries(festival):
    festival.drawn()
    with CaptureQueriesContext(connection) as few:
        order_for_round(festival.round1)
    for _ in range(10):
        ApplicationFactory(division=festival.division, status=ApplicationStatus.ADMITTED)
    with CaptureQueriesContext(connection) as many:
        assert len(order_for_round(festival.round1)) == 14
    assert len(many) == len(few) == 2


def test_only_admitted_candidates_are_in_a_division_order(festival):
    services.commit_draw(division=festival.division, method="random", by=None)
    assert festival.not_admitted not in order_for_round(festival.round1)
