"""Jury decisions beside the numbers, and the exported record anyone can verify."""

import io
import json
from fractions import Fraction

import pytest
from django.core.management import CommandError, call_command

from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import JuryMemberFactory, RoundFactory
from concours.results.models import JuryDecision
from concours.results.services import (
    ResultsError,
    compute_round_results,
    import_marks,
    record_decision,
)
from concours.scoring.cli import main as scoring_cli
from concours.scoring.decisions import AwardPlace, ConfirmAdvancers, Vote, WithholdPrize

pytestmark = pytest.mark.django_db

CSV = """candidate,juror,score
Ana Alpha,Juror One,20
Ana Alpha,Juror Two,22
Ben Beta,Juror One,20
Ben Beta,Juror Two,22
Cai Gamma,Juror One,15
Cai Gamma,Juror Two,16
"""
WHEN = "2025-08-15T20:00:00+08:00"
TWO_THIRDS = Vote(in_favour=9, against=2, abstaining=1, required=Fraction(2, 3))


@pytest.fixture
def computation():
    round_ = RoundFactory(number=3, scoring_preset="mean", scoring_parameters={}, advancing=None)
    for given, family in (("Ana", "Alpha"), ("Ben", "Beta"), ("Cai", "Gamma")):
        ApplicationFactory(
            division=round_.division,
            candidate=CandidateProfileFactory(given_name=given, family_name=family),
        )
    for name in ("Juror One", "Juror Two"):
        JuryMemberFactory(edition=round_.division.edition, division=round_.division, name_en=name)
    import_marks(round_=round_, content=CSV, filename="final.csv", by=None)
    return compute_round_results(round_=round_, by=None)


def test_shared_first_place_and_a_withheld_third(computation):
    record_decision(
        computation=computation,
        decision=AwardPlace(
            place=1,
            candidates=("Ana Alpha", "Ben Beta"),
            decided_by="jury",
            decided_at=WHEN,
            prize_name="First Prize",
            vote=TWO_THIRDS,
        ),
        by=None,
    )
    record_decision(
        computation=computation,
        decision=WithholdPrize(
            place=3, decided_by="jury", decided_at=WHEN, prize_name="Third Prize", vote=TWO_THIRDS
        ),
        by=None,
    )
    rows = list(
        JuryDecision.objects.values_list("kind", "in_favour", "against", "abstaining", "required")
    )
    assert rows == [("award-place", 9, 2, 1, "2/3"), ("withhold-prize", 9, 2, 1, "2/3")]


def test_a_decision_that_did_not_pass_is_refused(computation):
    failed = Vote(in_favour=7, against=5, required=Fraction(2, 3))
    with pytest.raises(ResultsError, match="The decision does not fit the results: "):
        record_decision(
            computation=computation,
            decision=AwardPlace(
                place=1, candidates=("Ana Alpha",), decided_by="jury", decided_at=WHEN, vote=failed
            ),
            by=None,
        )
    assert JuryDecision.objects.count() == 0


def test_a_place_cannot_be_given_twice(computation):
    first = AwardPlace(
        place=1, candidates=("Ana Alpha",), decided_by="jury", decided_at=WHEN, vote=TWO_THIRDS
    )
    record_decision(computation=computation, decision=first, by=None)
    again = AwardPlace(
        place=1, candidates=("Ben Beta",), decided_by="jury", decided_at=WHEN, vote=TWO_THIRDS
    )
    with pytest.raises(ResultsError):
        record_decision(computation=computation, decision=again, by=None)
    unknown = ConfirmAdvancers(candidates=("Nobody",), decided_by="jury", decided_at=WHEN)
    with pytest.raises(ResultsError):
        record_decision(computation=computation, decision=unknown, by=None)
    assert JuryDecision.objects.count() == 1


def test_exported_record_verifies_with_the_engine_alone(computation, tmp_path):
    record_decision(
        computation=computation,
        decision=AwardPlace(
            place=1,
            candidates=("Ana Alpha", "Ben Beta"),
            decided_by="jury",
            decided_at=WHEN,
            vote=TWO_THIRDS,
        ),
        by=None,
    )
    path = tmp_path / "record.json"
    call_command("export_results", computation.round_id, "-o", str(path))
    record = json.loads(path.read_text(encoding="utf-8"))
    assert [d["type"] for d in record["decisions"]] == ["award-place"]
    out, err = io.StringIO(), io.StringIO()
    assert scoring_cli(["verify", str(path)], out, err) == 0
    assert out.getvalue().startswith("match")
    # Change one mark in the published file: verification names the difference.
    record["marks"][0]["score"] = "21"
    path.write_text(json.dumps(record), encoding="utf-8")
    out = io.StringIO()
    assert scoring_cli(["verify", str(path)], out, err) == 1
    assert "mismatch" in out.getvalue()


def test_export_command_errors(computation):
    with pytest.raises(CommandError, match=r"No round with id 0\."):
        call_command("export_results", 0)
    other = RoundFactory(number=1)
    with pytest.raises(CommandError, match=r"no results computed yet"):
        call_command("export_results", other.pk)
    out = io.StringIO()
    call_command("export_results", computation.round_id, stdout=out)
    assert json.loads(out.getvalue())["digests"]["record"] == computation.digest
