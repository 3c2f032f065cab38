"""The adapter between the database and the engine: import, compute, snapshots, decisions."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import JuryMemberFactory, RoundFactory
from concours.results.models import CandidateScore, Computation, Mark
from concours.results.services import ResultsError, compute_round_results, import_marks
from concours.scoring.csvio import InputError
from concours.scoring.record import verify_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    round_ = RoundFactory(
        number=1, scoring_preset="chopin-2025", scoring_parameters={}, advancing=2
    )
    for given, family in (("Ana", "Alpha"), ("Ben", "Beta"), ("Cai", "Gamma")):
        ApplicationFactory(
            division=round_.division,
            candidate=CandidateProfileFactory(given_name=given, family_name=family),
        )
    for name in ("Juror One", "Juror Two", "Juror Three"):
        JuryMemberFactory(edition=round_.division.edition, division=round_.division, name_en=name)
    JuryMemberFactory(edition=round_.division.edition, division=None, name_en="Juror Four")
    return round_


CSV = """candidate,juror,score
Ana Alpha,Juror One,20
Ana Alpha,Juror Two,25
Ana Alpha,Juror Three,S
Ana Alpha,Juror Four,19
Ben Beta,Juror One,18
Ben Beta,Juror Two,18
Ben Beta,Juror Three,18
Ben Beta,Juror Four,17
Cai Gamma,Juror One,10
Cai Gamma,Juror Two,21
Cai Gamma,Juror Three,12
Cai Gamma,Juror Four,
"""


def test_import_creates_every_mark_and_is_idempotent(round_):
    summary = import_marks(round_=round_, content=CSV, filename="marks.csv", by=None)
    assert (summary.created, summary.unchanged) == (12, 0)
    assert Mark.objects.filter(round=round_, status="S").count() == 1
    assert Mark.objects.filter(round=round_, status="A").count() == 1
    again = import_marks(round_=round_, content=CSV, filename="marks.csv", by=None)
    assert (again.created, again.unchanged) == (0, 12)
    assert Mark.objects.count() == 12


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("Ben Beta,Juror One,26", "marks.csv:6: mark 26 is outside the scale 1–25 in steps of 1"),
        ("Nobody Here,Juror One,20", "marks.csv:6: no candidate “Nobody Here” in this round"),
        ("Ben Beta,Juror Nine,20", "marks.csv:6: no juror “Juror Nine” on this round's jury"),
        ("Ben Beta,Juror One,seventeen", "marks.csv:6: score “seventeen” is not a number, S or A"),
    ],
)
def test_import_rejects_the_whole_file_naming_the_line(round_, bad_line, message):
    lines = CSV.splitlines()
    lines[5] = bad_line
    with pytest.raises(InputError) as caught:
        import_marks(round_=round_, content="\n".join(lines), filename="marks.csv", by=None)
    assert str(caught.value) == message
    assert Mark.objects.count() == 0


def test_import_never_overwrites_a_stored_mark(round_):
    import_marks(round_=round_, content=CSV, filename="marks.csv", by=None)
    changed = CSV.replace("Ben Beta,Juror One,18", "Ben Beta,Juror One,19")
    with pytest.raises(InputError) as caught:
        import_marks(round_=round_, content=changed, filename="again.csv", by=None)
    assert str(caught.value) == (
        "again.csv:6: “Juror One” already has a different mark for “Ben Beta”; marks are never overwritten by an import"
    )
    assert (
        Mark.objects.get(
            application__candidate__family_name="Beta", juror__name_en="Juror One"
        ).value
        == 18
    )


def test_compute_stores_a_verifiable_snapshot(round_):
    import_marks(round_=round_, content=CSV, filename="marks.csv", by=None)
    computation = compute_round_results(round_=round_, by=None)
    rows = list(
        computation.scores.order_by("rank").values_list(
            "application__candidate__family_name", "score", "rank", "advanced"
        )
    )
    assert [row[0] for row in rows] == ["Alpha", "Beta", "Gamma"]
    assert [row[2] for row in rows] == [1, 2, 3]
    assert [row[3] for row in rows] == [True, True, False]
    assert rows[1][1] == Decimal("17.750")
    assert verify_record(computation.record) == []
    assert computation.digest == computation.record["digests"]["record"]


def test_recomputing_adds_a_snapshot_and_keeps_the_old_one(round_):
    import_marks(round_=round_, content=CSV, filename="marks.csv", by=None)
    first = compute_round_results(round_=round_, by=None)
    second = compute_round_results(round_=round_, by=None)
    assert Computation.objects.filter(round=round_).count() == 2
    assert first.digest == second.digest
    assert CandidateScore.objects.count() == 6


def test_compute_without_marks_is_refused(round_):
    with pytest.raises(ResultsError, match=r"This round has no marks yet\."):
        compute_round_results(round_=round_, by=None)


def test_round_rejects_scoring_parameters_the_engine_does_not_know(round_):
    round_.scoring_parameters = {"deviaton": 3}
    with pytest.raises(ValidationError) as caught:
        round_.full_clean()
    assert caught.value.message_dict["scoring_parameters"] == [
        "These parameters do not fit the scoring rule: unknown scoring parameter “deviaton”; known: abstention, "
        "deviation, lower_quorum_by_abstentions, min_marks_per_juror, outlier_limit, places, round_first_average, "
        "rounding, scale, step, ties_at_cut, trim, trim_min_marks, yes_quorum"
    ]
    round_.scoring_parameters = {"stage": "two"}
    with pytest.raises(ValidationError) as caught:
        round_.full_clean()
    assert caught.value.message_dict["scoring_parameters"] == [
        "These parameters do not fit the scoring rule: scoring parameter “stage” must be a whole number"
    ]


def test_stage_parameter_picks_the_chopin_deviation(round_):
    assert round_.rule().deviation == Decimal(3)
    round_.scoring_parameters = {"stage": 2}
    assert round_.rule().deviation == Decimal(2)
