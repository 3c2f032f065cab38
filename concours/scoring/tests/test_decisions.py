"""Jury decisions: votes, the three kinds of decision, JSON round trip and checks against a stage
(docs/algorithms/results-record.md §5)."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from fractions import Fraction

import pytest

from concours.scoring.cli import main
from concours.scoring.csvio import parse_marks, read_marks
from concours.scoring.decisions import (
    AwardPlace,
    ConfirmAdvancers,
    FieldError,
    Vote,
    WithholdPrize,
    decision_problems,
    decision_to_json,
    expect_bool,
    expect_int,
    expect_list,
    expect_object,
    expect_str,
    from_json,
    json_type,
    to_json,
    validate_decisions,
)
from concours.scoring.engine import score_stage
from concours.scoring.model import Mark, MarkStatus, Method, Rule, Scale
from concours.scoring.presets import chopin_2025
from concours.scoring.record import build_record, dump_record, parse_record, verify_record
from concours.scoring.tests import chopin_data
from concours.scoring.tests.chopin_data import needs_chopin_data

WHEN = "2025-10-20T23:45+02:00"
TWO_THIRDS = Fraction(2, 3)


def stage(advance: int | None = 2):
    """Four candidates; Ana 20, Bo 18, Cy 18, Di 15 (one juror each)."""
    rule = Rule(Method.MEAN, Scale(Decimal(1), Decimal(25)))
    marks = [
        Mark(name, "J", MarkStatus.SCORED, Decimal(value))
        for name, value in (("Ana", 20), ("Bo", 18), ("Cy", 18), ("Di", 15))
    ]
    return score_stage(marks, rule, advance=advance)


# --- Votes --------------------------------------------------------------------------------------


def test_two_thirds_of_the_votes_cast():
    assert Vote(12, 6, required=TWO_THIRDS).passed  # 12 ≥ 2/3 × 18 = 12
    assert not Vote(11, 6, required=TWO_THIRDS).passed  # 11 < 2/3 × 17 = 11 1/3
    assert Vote(12, 6, 5, required=TWO_THIRDS).passed  # abstentions not counted by default
    assert not Vote(12, 6, 5, required=TWO_THIRDS, count_abstentions=True).passed


def test_abstentions_can_count_in_the_base():
    vote = Vote(11, 5, 2, required=TWO_THIRDS, count_abstentions=True)
    assert vote.base == 18
    assert vote.needed == 12
    assert not vote.passed
    assert Vote(11, 5, 2, required=TWO_THIRDS).passed  # base 16, needed 10 2/3


def test_strict_majority():
    assert Vote(5, 5).passed  # at least half
    assert not Vote(5, 5, strict=True).passed  # more than half
    assert Vote(6, 5, strict=True).passed


def test_only_abstentions_do_not_pass():
    vote = Vote(0, 0, 3)
    assert vote.base == 0
    assert not vote.passed


def test_vote_describes_itself():
    assert Vote(11, 6, required=TWO_THIRDS).describe() == (
        "11 in favour, 6 against, 0 abstaining; at least 2/3 of 17 votes cast needed"
    )
    assert Vote(1, 0, 1, count_abstentions=True, strict=True).describe() == (
        "1 in favour, 0 against, 1 abstaining; more than 1/2 of 2 votes cast and abstentions needed"
    )


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"in_favour": -1, "against": 0}, "in_favour"),
        ({"in_favour": 1, "against": True}, "against"),
        ({"in_favour": 1, "against": 0, "abstaining": 1.5}, "abstaining"),
        ({"in_favour": 1, "against": 0, "required": Fraction(0)}, "required"),
        ({"in_favour": 1, "against": 0, "required": Fraction(3, 2)}, "required"),
        ({"in_favour": 1, "against": 0, "required": 0.5}, "required"),
        ({"in_favour": 0, "against": 0}, "in_favour"),
    ],
)
def test_bad_votes(arguments, field):
    with pytest.raises(FieldError) as raised:
        Vote(**arguments)
    assert raised.value.field == field
    assert str(raised.value).startswith(f"{field}: ")


def test_vote_json_round_trip_and_defaults():
    vote = Vote(12, 4, 1, TWO_THIRDS, count_abstentions=True, strict=True)
    assert Vote.from_json(vote.to_json(), "v") == vote
    assert vote.to_json()["required"] == "2/3"
    assert Vote.from_json({"in_favour": 3, "against": 1, "required": "0.5"}, "v") == Vote(
        3, 1, 0, Fraction(1, 2)
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"in_favour": 1, "against": 0}, "v.required: missing"),
        ({"in_favour": 1, "against": 0, "required": "2/3", "x": 1}, "v.x: unknown field"),
        (
            {"in_favour": 1, "against": 0, "required": "two thirds"},
            "v.required: must be a fraction",
        ),
        ({"in_favour": 1, "against": 0, "required": "1/0"}, "v.required: division by zero"),
        ({"in_favour": 1, "against": 0, "required": "3/2"}, "v.required: must be a fraction in"),
        ({"in_favour": -2, "against": 0, "required": "1/2"}, "v.in_favour: must be a whole"),
        ({"in_favour": "1", "against": 0, "required": "1/2"}, "v.in_favour: expected a whole"),
        (
            {"in_favour": 1, "against": 0, "required": "1/2", "strict": "no"},
            "v.strict: expected true or false, found a string",
        ),
        ([], "v: expected an object, found a list"),
    ],
)
def test_bad_vote_json(data, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Vote.from_json(data, "v")


# --- Decisions ----------------------------------------------------------------------------------


def test_the_three_kinds():
    shared = AwardPlace(4, ("Bo", "Cy"), "jury", WHEN, "Fourth Prize", Vote(12, 5, 0, TWO_THIRDS))
    assert shared.ex_aequo
    assert not AwardPlace(1, ("Ana",), "jury", WHEN).ex_aequo
    assert ConfirmAdvancers(("Ana", "Bo"), "chair", "2025-10-20").vote is None
    assert WithholdPrize(3, "jury", WHEN, "Third Prize", note="no third prize").place == 3


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: AwardPlace(0, ("Ana",), "jury", WHEN), "place"),
        (lambda: AwardPlace(True, ("Ana",), "jury", WHEN), "place"),
        (lambda: WithholdPrize(-1, "jury", WHEN), "place"),
        (lambda: AwardPlace(1, (), "jury", WHEN), "candidates"),
        (lambda: AwardPlace(1, ["Ana"], "jury", WHEN), "candidates"),
        (lambda: AwardPlace(1, ("Ana", " "), "jury", WHEN), "candidates[1]"),
        (lambda: AwardPlace(1, ("Ana", "Ana"), "jury", WHEN), "candidates[1]"),
        (lambda: ConfirmAdvancers(("Ana", 3), "jury", WHEN), "candidates[1]"),
        (lambda: AwardPlace(1, ("Ana",), " ", WHEN), "decided_by"),
        (lambda: AwardPlace(1, ("Ana",), None, WHEN), "decided_by"),
        (lambda: AwardPlace(1, ("Ana",), "jury", None), "decided_at"),
        (lambda: AwardPlace(1, ("Ana",), "jury", "yesterday"), "decided_at"),
        (lambda: AwardPlace(1, ("Ana",), "jury", ""), "decided_at"),
        (lambda: AwardPlace(1, ("Ana",), "jury", WHEN, None), "prize_name"),
        (lambda: WithholdPrize(1, "jury", WHEN, 3), "prize_name"),
        (lambda: AwardPlace(1, ("Ana",), "jury", WHEN, vote="12-5"), "vote"),
        (lambda: ConfirmAdvancers(("Ana",), "jury", WHEN, note=None), "note"),
    ],
)
def test_bad_decisions(make, field):
    with pytest.raises(FieldError) as raised:
        make()
    assert raised.value.field == field


DECISIONS = (
    ConfirmAdvancers(("Ana", "Bo", "Cy"), "jury", WHEN, Vote(17, 0, 0, TWO_THIRDS)),
    AwardPlace(1, ("Ana",), "jury", WHEN, "First Prize", Vote(12, 5, 0, TWO_THIRDS), "by vote"),
    AwardPlace(2, ("Bo", "Cy"), "chair", WHEN, "Second Prize"),
    WithholdPrize(3, "jury", "2025-10-21", "Third Prize", note="not awarded"),
)


def test_json_round_trip():
    data = to_json(DECISIONS)
    assert from_json(json.loads(json.dumps(data))) == DECISIONS
    assert data[0] == {
        "type": "confirm-advancers",
        "candidates": ["Ana", "Bo", "Cy"],
        "decided_by": "jury",
        "decided_at": WHEN,
        "vote": {
            "in_favour": 17,
            "against": 0,
            "abstaining": 0,
            "required": "2/3",
            "count_abstentions": False,
            "strict": False,
        },
        "note": "",
    }
    assert decision_to_json(DECISIONS[3]) == {
        "type": "withhold-prize",
        "place": 3,
        "prize_name": "Third Prize",
        "decided_by": "jury",
        "decided_at": "2025-10-21",
        "vote": None,
        "note": "not awarded",
    }


def test_optional_fields_may_be_left_out():
    data = [
        {"type": "award-place", "place": 2, "candidates": ["Bo"], "decided_by": "jury", "decided_at": WHEN},
        {"type": "withhold-prize", "place": 3, "decided_by": "jury", "decided_at": WHEN, "vote": None},
    ]  # fmt: skip
    assert from_json(data) == (
        AwardPlace(2, ("Bo",), "jury", WHEN),
        WithholdPrize(3, "jury", WHEN),
    )


def _award(**changes: object) -> dict[str, object]:
    data = decision_to_json(DECISIONS[1])
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "decisions: expected a list, found an object"),
        ([3], "decisions[0]: expected an object, found a number"),
        ([{"type": "award"}], "decisions[0].type: must be one of confirm-advancers, award-place, withhold-prize, found “award”"),
        ([{}], "decisions[0].type: must be one of confirm-advancers, award-place, withhold-prize, found null"),
        ([_award(), _award(place=0)], "decisions[1].place: must be a whole number ≥ 1, found 0"),
        ([_award(place="1")], "decisions[0].place: expected a whole number, found a string"),
        ([_award(candidates="Ana")], "decisions[0].candidates: expected a list, found a string"),
        ([_award(candidates=["Ana", False])], "decisions[0].candidates[1]: expected a string, found false"),
        ([_award(candidates=["Ana", "Ana"])], "decisions[0].candidates[1]: “Ana” is named twice"),
        ([_award(candidates=[])], "decisions[0].candidates: name at least one candidate"),
        ([_award(winner="Ana")], "decisions[0].winner: unknown field"),
        ([{**_award(), "decided_by": None}], "decisions[0].decided_by: expected a string, found null"),
        ([_award(decided_by="")], "decisions[0].decided_by: say who decided"),
        ([_award(decided_at="20 October")], "decisions[0].decided_at: “20 October” is not an ISO 8601"),
        ([_award(note=1)], "decisions[0].note: expected a string, found a number"),
        ([_award(prize_name=[])], "decisions[0].prize_name: expected a string, found a list"),
        ([_award(vote={"in_favour": 1, "against": 0, "required": "1"}), _award(vote={"in_favour": 1})], "decisions[1].vote.against: missing"),
        ([{"type": "confirm-advancers", "candidates": ["Ana"], "decided_by": "jury", "decided_at": WHEN, "place": 1}], "decisions[0].place: unknown field"),
        ([{"type": "withhold-prize", "place": 1, "candidates": ["Ana"], "decided_by": "jury", "decided_at": WHEN}], "decisions[0].candidates: unknown field"),
        ([{"type": "withhold-prize", "decided_by": "jury", "decided_at": WHEN}], "decisions[0].place: missing"),
    ],
)  # fmt: skip
def test_malformed_decisions_name_the_index_and_field(data, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        from_json(data)


def test_paths_can_be_prefixed():
    with pytest.raises(ValueError, match=r"^record\.decisions\[0\]: expected an object"):
        from_json([None], "record.decisions")


# --- Against a stage ----------------------------------------------------------------------------


def test_decisions_that_fit():
    result = stage(advance=2)  # Ana 1st; Bo and Cy tied 2nd: all three advance
    assert result.advancers == ("Ana", "Bo", "Cy")
    assert decision_problems(DECISIONS, result) == []
    validate_decisions(DECISIONS, result)


def test_places_are_not_forced_from_ranks():
    """Chopin 2025 gave a shared 5th place to two different scores: the jury decides."""
    decisions = [
        AwardPlace(1, ("Di",), "jury", WHEN),
        AwardPlace(2, ("Ana", "Cy"), "jury", WHEN),
        WithholdPrize(3, "jury", WHEN),
        AwardPlace(4, ("Bo",), "jury", WHEN),
    ]
    assert decision_problems(decisions, stage(advance=None)) == []


def test_every_problem_is_named():
    vote = Vote(11, 6, 0, TWO_THIRDS)
    decisions = [
        AwardPlace(1, ("Ana", "Eve"), "jury", WHEN, vote=vote),
        AwardPlace(2, ("Bo", "Ana"), "jury", WHEN),
        AwardPlace(2, ("Cy",), "jury", WHEN),
        WithholdPrize(1, "jury", WHEN),
        WithholdPrize(5, "jury", WHEN),
        WithholdPrize(5, "jury", WHEN),
    ]
    assert decision_problems(decisions, stage()) == [
        "decisions[0].vote: the vote did not pass "
        "(11 in favour, 6 against, 0 abstaining; at least 2/3 of 17 votes cast needed)",
        "decisions[0].candidates[1]: “Eve” is not a candidate in this stage",
        "decisions[1].candidates[1]: “Ana” is already awarded place 1 in decisions[0]",
        "decisions[2].place: place 2 is already awarded in decisions[1]",
        "decisions[3].place: place 1 is already awarded in decisions[0]",
        "decisions[5].place: place 5 is already withheld in decisions[4]",
    ]
    with pytest.raises(ValueError, match=r"^decisions\[0\]\.vote: .*; decisions\[0\]\.candidates"):
        validate_decisions(decisions, stage())


def test_confirmed_advancers_must_be_those_the_rule_advanced():
    result = stage(advance=1)  # only Ana
    decisions = [ConfirmAdvancers(("Ana", "Bo", "Zed"), "jury", WHEN)]
    assert decision_problems(decisions, result) == [
        "decisions[0].candidates[2]: “Zed” is not a candidate in this stage",
        "decisions[0].candidates: “Bo” did not advance under the rule",
    ]
    assert decision_problems([ConfirmAdvancers(("Di",), "jury", WHEN)], result) == [
        "decisions[0].candidates: “Di” did not advance under the rule",
        "decisions[0].candidates: “Ana” advanced under the rule but is not confirmed",
    ]


def test_advancers_confirmed_once_and_only_where_someone_advances():
    twice = [ConfirmAdvancers(("Ana",), "jury", WHEN)] * 2
    assert decision_problems(twice, stage(advance=1)) == [
        "decisions[1]: the advancers are already confirmed in decisions[0]"
    ]
    assert decision_problems([ConfirmAdvancers(("Ana",), "jury", WHEN)], stage(None)) == [
        "decisions[0]: this stage has no advancement (give the number advancing)"
    ]


# --- JSON helpers -------------------------------------------------------------------------------


def test_json_helpers():
    assert expect_object({"a": 1}, "", ("a",)) == {"a": 1}
    with pytest.raises(ValueError, match=r"^b: missing"):
        expect_object({"a": 1}, "", ("a", "b"))
    with pytest.raises(ValueError, match=r"^x\[0\]: expected a list, found a string"):
        expect_list("ab", "x[0]")
    with pytest.raises(ValueError, match=r"^x: must not be empty"):
        expect_str("  ", "x", empty=False)
    assert expect_int(3, "x", minimum=3) == 3
    with pytest.raises(ValueError, match=r"^x: must be at least 1, found 0"):
        expect_int(0, "x", minimum=1)
    with pytest.raises(ValueError, match=r"^x: expected a whole number, found true"):
        expect_int(True, "x")
    assert expect_bool(False, "x") is False
    assert [json_type(v) for v in (None, True, False, "s", 1, [], {}, 1.5)] == [
        "null", "true", "false", "a string", "a number", "a list", "an object", "float",
    ]  # fmt: skip


# --- Decisions in the results record ------------------------------------------------------------

RULE = Rule(Method.MEAN, Scale(Decimal(1), Decimal(25)))
MARKS_CSV = "candidate,juror,score\nAna,J,20\nBo,J,18\nCy,J,18\nDi,J,15\n"


def record(decisions, advance: int | None = 2) -> dict[str, object]:
    return build_record(
        marks=parse_marks(MARKS_CSV, RULE).marks,
        rule=RULE,
        preset="mean",
        stage=None,
        advance=advance,
        decisions=decisions,
    )


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_decisions_are_recorded_and_verified():
    data = record(DECISIONS)
    assert data["decisions"] == to_json(DECISIONS)
    assert verify_record(parse_record(dump_record(data))) == []


def test_decisions_that_do_not_fit_are_not_exported():
    with pytest.raises(ValueError, match=r"^decisions\[0\]\.candidates: “Cy” did not advance"):
        record([ConfirmAdvancers(("Ana", "Cy"), "jury", WHEN)], advance=1)


def test_a_vote_changed_in_a_record():
    data = record(DECISIONS)
    data["decisions"][1]["vote"]["in_favour"] = 11
    data["decisions"][1]["vote"]["against"] = 6
    mismatches = verify_record(data)
    assert mismatches[0] == (
        "decisions[1].vote: the vote did not pass "
        "(11 in favour, 6 against, 0 abstaining; at least 2/3 of 17 votes cast needed)"
    )
    assert [line.split(":")[0] for line in mismatches[1:]] == [
        "digests.decisions",
        "digests.record",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d[1].pop("note"), "decisions[1].note: missing"),
        (lambda d: d[1]["vote"].pop("strict"), "decisions[1].vote.strict: missing"),
        (lambda d: d[3].pop("vote"), "decisions[3].vote: missing"),
        (lambda d: d[1]["vote"].update(required="4/6"), 'decisions[1].vote.required: write "2/3", not "4/6"'),
    ],
)  # fmt: skip
def test_decisions_in_a_record_are_written_in_full(change, message):
    """A decisions file may leave optional members out; a record may not."""
    data = record(DECISIONS)
    change(data["decisions"])
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        verify_record(data)


def test_cli_bad_decisions_exit_2(tmp_path):
    marks, path = tmp_path / "marks.csv", tmp_path / "decisions.json"
    marks.write_text(MARKS_CSV, encoding="utf-8")

    def export() -> tuple[int, str, str]:
        return run(
            "export", str(marks), "--preset", "mean", "--advance", "1", "--decisions", str(path)
        )

    assert export() == (2, "", f"error: {path}: no such file\n")
    path.write_text('[{"type": "award-place"}]', encoding="utf-8")
    assert export()[2] == f"error: {path}: decisions[0].decided_by: missing\n"
    path.write_text(
        json.dumps(to_json([ConfirmAdvancers(("Bo",), "jury", WHEN)])), encoding="utf-8"
    )
    assert export()[2] == (
        f"error: {path}: decisions[0].candidates: “Bo” did not advance under the rule; "
        "decisions[0].candidates: “Ana” advanced under the rule but is not confirmed\n"
    )
    path.write_text(
        json.dumps(to_json([ConfirmAdvancers(("Ana",), "jury", WHEN)])), encoding="utf-8"
    )
    status, out, _err = export()
    assert status == 0
    assert verify_record(parse_record(out)) == []


# --- Chopin 2025: the final with the jury's prize decisions ------------------------------------


def chopin_prize_decisions() -> list[AwardPlace]:
    """The published prize places (shared 4th and 5th included), derived from the results file,
    each by a two-thirds vote of the 17 jurors (illustrative counts: only outcomes are
    published)."""
    places: dict[int, list[str]] = {}
    for row in chopin_data.rows(chopin_data.RESULT_FILES[4]):
        if row["final_place"]:
            places.setdefault(int(row["final_place"]), []).append(row["candidate"])
    return [
        AwardPlace(
            place,
            tuple(names),
            "jury",
            "2025-10-21",
            f"Prize {place}",
            Vote(12, 5, 0, TWO_THIRDS),
            "ex aequo" if len(names) > 1 else "",
        )
        for place, names in sorted(places.items())
    ]


@needs_chopin_data
def test_chopin_2025_final_with_its_prize_decisions(tmp_path):
    decisions = chopin_prize_decisions()
    published = chopin_data.published_results(4)
    shared = [d for d in decisions if d.ex_aequo]
    assert [d.place for d in shared] == [4, 5]
    assert len({published[name] for name in shared[0].candidates}) == 1  # 21.30 and 21.30
    assert len({published[name] for name in shared[1].candidates}) == 2  # 21.03 and 21.01

    prizes, record_path = tmp_path / "prizes.json", tmp_path / "final.json"
    prizes.write_text(json.dumps(to_json(decisions)), encoding="utf-8")
    status, _out, err = run(
        "export", str(chopin_data.path(4)), "--preset", "chopin-2025", "--stage", "4",
        "--decisions", str(prizes), "--title", "Chopin 2025, final", "-o", str(record_path),
    )  # fmt: skip
    assert (status, err) == (0, "")
    status, out, _err = run("verify", str(record_path))
    assert status == 0
    assert out.startswith("match: Chopin 2025, final: 11 candidates, 187 marks, 6 decisions; ")

    data = parse_record(record_path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert {r["candidate"]: Decimal(r["score"]) for r in data["results"]} == (
        chopin_data.published_stage_scores(4)
    )
    data["decisions"][4]["vote"]["in_favour"] = 11  # 11 < 2/3 × 17
    data["decisions"][4]["vote"]["against"] = 6
    assert verify_record(data)[0] == (
        "decisions[4].vote: the vote did not pass "
        "(11 in favour, 6 against, 0 abstaining; at least 2/3 of 17 votes cast needed)"
    )


@needs_chopin_data
def test_chopin_2025_stage_1_advancers_confirmed():
    """After stage 1 the ranking is the stage score itself, so the 40 published advancers are
    exactly those the rule advances; the jury's confirmation verifies."""
    rule = chopin_2025(1)
    advancers = sorted(chopin_data.published_advancers(1))
    data = build_record(
        marks=read_marks(chopin_data.path(1), rule).marks,
        rule=rule,
        preset="chopin-2025",
        stage=1,
        advance=40,
        decisions=[
            ConfirmAdvancers(tuple(advancers), "jury", "2025-10-07", Vote(17, 0))
        ],  # date illustrative
    )
    assert len(advancers) == 40
    assert verify_record(parse_record(dump_record(data))) == []
