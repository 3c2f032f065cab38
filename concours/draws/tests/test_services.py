"""Commit, inputs, perform, reveal, cancel: each refuses what would spoil the draw."""

import datetime as dt
import threading

import pytest
from django.db import connection

from concours import draw as core
from concours.applications.models import ApplicationStatus
from concours.competitions.tests.factories import RoundFactory
from concours.draws import services
from concours.draws.models import Draw, DrawState
from concours.draws.services import DrawError
from concours.draws.tests.conftest import COMMITTED, DRAWN, REVEALED

pytestmark = pytest.mark.django_db


def test_commit_fixes_the_admitted_candidates_and_keeps_the_seed_secret(festival):
    draw = festival.commit(method="chopin")
    assert (draw.state, draw.method, draw.round, draw.committed_by) == (
        DrawState.COMMITTED,
        "chopin",
        None,
        festival.office,
    )
    assert draw.commitment == core.commitment_of(draw.seed)
    assert draw.revealed_seed is None
    assert draw.candidates == [
        {
            "id": str(a.pk),
            "family_name": a.candidate.family_name,
            "given_name": a.candidate.given_name,
        }
        for a in festival.admitted
    ]
    assert (draw.record, draw.order, draw.letter) == ("", [], "")


def test_commit_takes_the_candidates_the_office_names(festival):
    chosen = festival.admitted[:2]
    draw = festival.commit(festival.round2, applications=[chosen[0], chosen[1].pk])
    assert [c["id"] for c in draw.candidates] == [str(a.pk) for a in chosen]


def test_commit_refuses_candidates_not_admitted_to_the_division(festival):
    with pytest.raises(DrawError, match="Only candidates admitted to this division can be drawn"):
        festival.commit(applications=[festival.admitted[0], festival.not_admitted])


def test_commit_refuses_a_round_of_another_division(festival):
    with pytest.raises(DrawError, match="This round belongs to another division"):
        festival.commit(RoundFactory())


def test_commit_refuses_a_division_without_candidates(festival):
    for application in festival.admitted:
        application.status = ApplicationStatus.WITHDRAWN
        application.save()
    with pytest.raises(DrawError, match="There is nobody to draw"):
        festival.commit()


def test_commit_refuses_a_name_that_cannot_be_sorted(festival):
    profile = festival.admitted[0].candidate
    profile.family_name = "--"
    profile.save()
    with pytest.raises(DrawError, match="cannot be used in a draw"):
        festival.commit()


def test_one_draw_per_round_and_one_for_every_round(festival):
    festival.commit()
    festival.commit(festival.round1)
    with pytest.raises(DrawError, match="This division already has one draw for every round"):
        festival.commit()
    with pytest.raises(DrawError, match="This round already has a draw"):
        festival.commit(festival.round1)
    assert Draw.objects.count() == 2


def test_inputs_are_normalised_and_kept_in_order(festival):
    draw = festival.commit()
    first = services.add_witness_input(draw=draw, witness=" Maria ", value="Mazurka\u3000", by=None)
    second = services.add_witness_input(draw=draw, witness="Li", value="e\u0301", by=None)
    assert [(i.position, i.witness, i.value) for i in (first, second)] == [
        (1, "Maria", "Mazurka"),
        (2, "Li", "é"),
    ]


@pytest.mark.parametrize(
    ("witness", "value"), [("", "x"), ("a", " "), ("a", "b\nc"), ("a", "x" * 201)]
)
def test_an_input_must_be_short_text(festival, witness, value):
    draw = festival.commit()
    with pytest.raises(DrawError, match="1 to 200 characters"):
        services.add_witness_input(draw=draw, witness=witness, value=value, by=None)


def test_inputs_close_when_the_order_is_drawn(festival):
    draw = festival.drawn()
    with pytest.raises(DrawError, match="no more inputs"):
        services.add_witness_input(draw=draw, witness="late", value="x", by=None)


def test_a_draw_takes_at_most_100_inputs(festival):
    draw = festival.commit()
    for i in range(100):
        services.add_witness_input(draw=draw, witness=f"w{i}", value="x", by=None)
    with pytest.raises(DrawError, match="at most 100 inputs"):
        services.add_witness_input(draw=draw, witness="one more", value="x", by=None)


def test_perform_refuses_a_draw_without_inputs(festival):
    draw = festival.commit()
    with pytest.raises(DrawError, match="at least one witness's input"):
        services.perform_draw(draw=draw, by=festival.office, now=DRAWN)
    draw.refresh_from_db()
    assert draw.state == DrawState.COMMITTED


def test_perform_publishes_the_order_without_the_seed(festival):
    draw = festival.drawn(festival.round1, method="chopin")
    record = core.parse_record(draw.record)
    assert (draw.state, draw.drawn_at, draw.drawn_by) == (DrawState.DRAWN, DRAWN, festival.office)
    assert record["seed"] is None
    assert draw.seed not in draw.record
    assert (record["round"], record["method"], record["letter"]) == (1, "chopin", draw.letter)
    assert record["title"] == f"{festival.edition} – Violin – First round"
    assert record["committed_at"] == "2027-07-13T08:00:00Z"
    assert record["inputs"] == [{"witness": "Maria Nowak", "input": "Mazurka"}]
    assert draw.order == [int(i) for i in record["order"]]
    assert sorted(draw.order) == sorted(a.pk for a in festival.admitted)
    assert [str(p) for p in core.verify(record)] == [
        "seed: not revealed yet, so the order cannot be recomputed"
    ]
    assert (draw.draw_digest, draw.record_digest) == (
        record["digests"]["draw"],
        record["digests"]["record"],
    )


def test_the_order_is_drawn_once(festival):
    draw = festival.drawn()
    record = draw.record
    with pytest.raises(DrawError, match="This order is already drawn"):
        services.perform_draw(draw=draw, by=festival.office, now=DRAWN + dt.timedelta(minutes=1))
    draw.refresh_from_db()
    assert draw.record == record


def test_perform_cannot_be_earlier_than_the_commitment(festival):
    draw = festival.commit()
    services.add_witness_input(draw=draw, witness="a", value="b", by=None)
    with pytest.raises(DrawError, match="earlier than its commitment"):
        services.perform_draw(draw=draw, by=None, now=COMMITTED - dt.timedelta(seconds=1))


def test_reveal_publishes_the_seed_and_the_record_verifies(festival):
    drawn = festival.drawn()
    draw_digest = drawn.draw_digest
    draw = services.reveal_draw(draw=drawn, by=festival.office, now=REVEALED)
    record = core.parse_record(draw.record)
    assert (draw.state, draw.revealed_at, draw.revealed_seed) == (
        DrawState.REVEALED,
        REVEALED,
        draw.seed,
    )
    assert record["seed"] == draw.seed
    assert core.verify(record) == []
    assert draw.draw_digest == draw_digest
    assert draw.record_digest == record["digests"]["record"]


def test_reveal_follows_the_draw(festival):
    draw = festival.commit()
    with pytest.raises(DrawError, match="Draw the order before revealing the seed"):
        services.reveal_draw(draw=draw, by=None)
    draw = festival.drawn(festival.round1)
    with pytest.raises(DrawError, match="cannot be revealed before the draw"):
        services.reveal_draw(draw=draw, by=None, now=DRAWN - dt.timedelta(seconds=1))
    services.reveal_draw(draw=draw, by=None, now=REVEALED)
    with pytest.raises(DrawError, match="This seed is already revealed"):
        services.reveal_draw(draw=draw, by=None, now=REVEALED)


def test_a_commitment_without_inputs_can_be_withdrawn(festival):
    draw = festival.commit()
    services.cancel_draw(draw=draw)
    assert not Draw.objects.exists()
    festival.commit()  # the scope is free again


def test_a_draw_with_an_input_cannot_be_withdrawn(festival):
    draw = festival.commit()
    services.add_witness_input(draw=draw, witness="a", value="b", by=None)
    with pytest.raises(DrawError, match="this draw must go on"):
        services.cancel_draw(draw=draw)
    drawn = festival.drawn(festival.round1)
    with pytest.raises(DrawError, match="this draw must go on"):
        services.cancel_draw(draw=drawn)
    assert Draw.objects.count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises every write anyway",
)
@pytest.mark.django_db(transaction=True)
def test_two_offices_drawing_at_once_draw_once(festival):
    draw = festival.commit()
    services.add_witness_input(draw=draw, witness="a", value="b", by=None)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def perform() -> None:
        barrier.wait()
        try:
            services.perform_draw(draw=draw, by=festival.office, now=DRAWN)
            outcomes.append("drawn")
        except DrawError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=perform) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    draw.refresh_from_db()
    assert sorted(outcomes) == ["drawn", "refused"]
    assert core.parse_record(draw.record)["order"] == [str(pk) for pk in draw.order]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises every write anyway",
)
@pytest.mark.django_db(transaction=True)
def test_two_offices_committing_at_once_commit_once(festival):
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def commit() -> None:
        barrier.wait()
        try:
            festival.commit()
            outcomes.append("committed")
        except DrawError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=commit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["committed", "refused"]
    assert Draw.objects.count() == 1


def test_draws_and_inputs_name_themselves_without_the_seed(festival):
    draw = festival.drawn(festival.round1)
    assert str(draw) == f"{festival.division} – First round"
    assert str(draw.inputs.get()) == "1. Maria Nowak: Mazurka"
    assert draw.seed not in str(draw)


def test_every_step_of_a_draw_is_in_the_editions_integrity_log(festival):
    from concours.ledger.selectors import entries, verify
    from concours.ledger.services import edition_chain

    draw = services.reveal_draw(draw=festival.drawn(), by=festival.office, now=REVEALED)
    chain = edition_chain(draw.division.edition_id)
    kinds = [entry.kind for entry in entries(chain)]
    assert kinds == ["draw.committed", "draw.input", "draw.drawn", "draw.revealed"]
    assert entries(chain).last().payload["seed"] == draw.seed
    assert verify(chain) == []
