"""A live round's services: lifecycle, idempotent marks, locks, conflicts, overrides, absences."""

from decimal import Decimal

import pytest

from concours.results import live
from concours.results.models import (
    JurorSubmission,
    Mark,
    MarkOverride,
    MarkStatus,
    RoundStage,
    RoundStep,
)
from concours.results.tests.live_setup import make_live_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return make_live_round()


def _open(setup):
    live.step_round(round_=setup.round, to=RoundStage.LIVE, by=setup.office)


def _mark(setup, juror=0, candidate=0, value="20", version=1, status="scored", **extra):
    seat = setup.jurors[juror]
    return live.record_live_mark(
        round_=setup.round, seat=seat, application=setup.candidates[candidate], status=status,
        value=None if value is None else Decimal(value), vote=extra.get("vote"),
        notes=extra.get("notes", ""), feedback=extra.get("feedback", ""), version=version,
        by=seat.user,
    )  # fmt: skip


def test_lifecycle_steps_in_order_each_by_a_named_person(setup):
    with pytest.raises(live.LiveError, match="cannot become"):
        live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    _open(setup)
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    with pytest.raises(live.LiveError, match="why"):
        live.step_round(round_=setup.round, to=RoundStage.LIVE, by=setup.office)
    live.step_round(
        round_=setup.round, to=RoundStage.LIVE, by=setup.office, note="a juror was late"
    )
    steps = list(RoundStep.objects.filter(round=setup.round).values_list("stage", "by"))
    assert steps == [
        ("live", setup.office.pk),
        ("closed", setup.office.pk),
        ("live", setup.office.pk),
    ]


def test_no_mark_before_the_round_is_live(setup):
    with pytest.raises(live.LiveError, match="not open"):
        _mark(setup)
    assert not Mark.objects.exists()


def test_a_resent_mark_is_applied_once_and_answers_with_what_is_stored(setup):
    _open(setup)
    first = _mark(setup, value="20", version=1)
    again = _mark(setup, value="20", version=1)
    assert first.applied
    assert not again.applied
    assert again.mark.pk == first.mark.pk
    assert Mark.objects.count() == 1


def test_a_late_older_change_does_not_overwrite_a_newer_one(setup):
    _open(setup)
    _mark(setup, value="22", version=2)
    late = _mark(setup, value="18", version=1)
    assert not late.applied
    assert Mark.objects.get().value == Decimal("22")


def test_marks_must_be_on_the_scale(setup):
    _open(setup)
    for bad in ("0", "26", "20.5"):
        with pytest.raises(live.LiveError, match="scale"):
            _mark(setup, value=bad)
    assert not Mark.objects.exists()


def test_a_submitted_juror_can_no_longer_change_a_mark(setup):
    _open(setup)
    with pytest.raises(live.LiveError, match="every performance"):
        live.submit_marks(round_=setup.round, seat=setup.jurors[0], by=setup.jurors[0].user)
    for candidate in range(3):
        _mark(setup, candidate=candidate, value="19")
    live.submit_marks(round_=setup.round, seat=setup.jurors[0], by=setup.jurors[0].user)
    assert JurorSubmission.objects.count() == 1
    with pytest.raises(live.LiveError, match="submitted"):
        _mark(setup, value="21", version=2)
    assert Mark.objects.get(juror=setup.jurors[0], application=setup.candidates[0]).value == 19


def test_no_mark_after_marking_closed(setup):
    _open(setup)
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    with pytest.raises(live.LiveError, match="not open"):
        _mark(setup)


def test_office_override_needs_a_reason_and_keeps_what_was_before(setup):
    _open(setup)
    _mark(setup, value="20")
    seat, candidate = setup.jurors[0], setup.candidates[0]
    with pytest.raises(live.LiveError, match="why"):
        live.override_mark(
            round_=setup.round, seat=seat, application=candidate, status="scored",
            value=Decimal(21), vote=None, reason=" ", by=setup.office,
        )  # fmt: skip
    mark = live.override_mark(
        round_=setup.round, seat=seat, application=candidate, status="scored", value=Decimal(21),
        vote=None, reason="typing error confirmed by the juror", by=setup.office,
    )  # fmt: skip
    assert mark.value == 21
    assert mark.version == 2
    override = MarkOverride.objects.get()
    assert override.before["value"] == "20"
    assert override.after["value"] == "21"


def test_absence_marks_the_missed_performances_absent(setup):
    _open(setup)
    _mark(setup, juror=1, candidate=0, value="20")
    live.record_absence(
        round_=setup.round, seat=setup.jurors[1], applications=setup.candidates[:2],
        reason="ill for an hour", voids_round=False, by=setup.office,
    )  # fmt: skip
    statuses = dict(
        Mark.objects.filter(juror=setup.jurors[1]).values_list("application_id", "status")
    )
    assert statuses == {setup.candidates[0].pk: "A", setup.candidates[1].pk: "A"}
    assert MarkOverride.objects.count() == 1  # the mark already given is kept in the override
    with pytest.raises(live.LiveError, match="absent"):
        _mark(setup, juror=1, candidate=1, value="20", version=5)


def test_absence_that_voids_the_round_voids_every_mark(setup):
    _open(setup)
    live.record_absence(
        round_=setup.round, seat=setup.jurors[2], applications=[], reason="left the hall",
        voids_round=True, by=setup.office,
    )  # fmt: skip
    assert Mark.objects.filter(juror=setup.jurors[2], status=MarkStatus.ABSENT).count() == 3


def test_computing_steps_the_round_and_logs_the_digest(setup):
    _open(setup)
    for juror in range(3):
        for candidate in range(3):
            _mark(setup, juror=juror, candidate=candidate, value=str(10 + juror + 3 * candidate))
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    progress = live.step_round(round_=setup.round, to=RoundStage.COMPUTED, by=setup.office)
    assert progress.stage == RoundStage.COMPUTED
    assert setup.round.computations.count() == 1


def test_the_drawn_order_is_the_order_of_appearance_else_alphabetical(setup):
    names = [a.candidate.family_name for a in live.order_of_appearance(setup.round)]
    assert names == ["Alpha", "Beta", "Gamma"]


def test_later_rounds_take_those_who_advanced(setup):
    _open(setup)
    values = {0: "20", 1: "15", 2: "10"}
    for juror in range(3):
        for candidate, value in values.items():
            _mark(setup, juror=juror, candidate=candidate, value=value)
    live.step_round(round_=setup.round, to=RoundStage.CLOSED, by=setup.office)
    live.step_round(round_=setup.round, to=RoundStage.COMPUTED, by=setup.office)
    from concours.competitions.tests.factories import RoundFactory

    second = RoundFactory(division=setup.round.division, number=2, advancing=1)
    assert [a.pk for a in live.order_of_appearance(second)] == [
        setup.candidates[0].pk,
        setup.candidates[1].pk,
    ]


def _conflict(setup, juror=0, candidate=0, status="flagged"):
    from concours.jury.models import Conflict

    return Conflict.objects.create(
        seat=setup.jurors[juror], application=setup.candidates[candidate], status=status
    )


def test_a_conflicted_pair_is_marked_s_when_the_round_goes_live_and_refuses_a_number(setup):
    _conflict(setup)
    _open(setup)
    mark = Mark.objects.get(juror=setup.jurors[0], application=setup.candidates[0])
    assert (mark.status, mark.value, mark.recorded_by) == ("S", None, setup.office)
    with pytest.raises(live.LiveError, match="conflict of interest"):
        _mark(setup, value="25", version=99)
    mark.refresh_from_db()
    assert mark.status == "S"
    with pytest.raises(live.LiveError, match="conflict of interest"):
        live.override_mark(
            round_=setup.round, seat=setup.jurors[0], application=setup.candidates[0],
            status="scored", value=Decimal(20), vote=None, reason="asked", by=setup.office,
        )  # fmt: skip


def test_a_conflict_found_during_the_round_turns_a_mark_into_s(setup):
    _open(setup)
    _mark(setup, juror=1, candidate=2, value="24")
    _conflict(setup, juror=1, candidate=2)
    assert live.apply_conflicts(round_=setup.round, by=setup.office) == 1
    assert Mark.objects.get(juror=setup.jurors[1], application=setup.candidates[2]).status == "S"


def test_a_dismissed_conflict_does_not_stop_a_mark(setup):
    _conflict(setup, status="dismissed")
    _open(setup)
    assert _mark(setup, value="20").applied


def test_every_change_is_in_the_editions_integrity_log(setup):
    from concours.ledger.selectors import entries, verify
    from concours.ledger.services import edition_chain

    _open(setup)
    _mark(setup, value="20")
    _mark(setup, value="20")  # a resend: not logged twice
    live.override_mark(
        round_=setup.round, seat=setup.jurors[0], application=setup.candidates[0],
        status="scored", value=Decimal(21), vote=None, reason="typo", by=setup.office,
    )  # fmt: skip
    chain = edition_chain(setup.round.division.edition_id)
    assert [e.kind for e in entries(chain)] == ["round.step", "mark", "mark.override"]
    assert entries(chain)[1].payload["value"] == "20"
    assert entries(chain)[1].actor == f"user:{setup.jurors[0].user.pk}"
    assert verify(chain) == []


def test_an_import_refuses_a_number_for_a_conflicted_pair_and_logs_what_it_imports(setup):
    from concours.ledger.selectors import entries
    from concours.ledger.services import edition_chain
    from concours.results.services import import_marks
    from concours.scoring.csvio import InputError

    _conflict(setup, juror=0, candidate=1)
    csv = "candidate,juror,score\nAna Alpha,Juror 1,20\nBen Beta,Juror 1,19\nBen Beta,Juror 2,18\n"
    with pytest.raises(InputError, match="conflict of interest"):
        import_marks(round_=setup.round, content=csv, filename="marks.csv", by=setup.office)
    assert not Mark.objects.exists()
    csv = "candidate,juror,score\nAna Alpha,Juror 1,20\nBen Beta,Juror 1,S\nBen Beta,Juror 2,18\n"
    import_marks(round_=setup.round, content=csv, filename="marks.csv", by=setup.office)
    chain = edition_chain(setup.round.division.edition_id)
    assert [e.kind for e in entries(chain)] == ["mark.imported"] * 3
