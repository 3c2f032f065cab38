"""The conflict check; sections refer to docs/algorithms/conflicts.md."""

import datetime as dt

import pytest

from concours.conflicts import (
    Assessment,
    Candidate,
    Clause,
    Declaration,
    Finding,
    Juror,
    Policy,
    Reason,
    ReasonCode,
    Relation,
    Source,
    TeacherEntry,
    find_conflicts,
)

D = dt.date
ON = D(2025, 9, 1)
KRUEGER = Juror(key="k", names=("Matthias Krüger", "马蒂亚斯·克吕格尔"))
ROSSI = Juror(key="r", names=("Giulia Rossi",))


def entry(teacher="Matthias Krüger", relation=Relation.REGULAR_STUDY, **kwargs):
    return TeacherEntry(teacher=teacher, relation=relation, **kwargs)


def check(*teachers, jurors=(KRUEGER,), policy=None, declarations=(), institutions=()):
    return find_conflicts(
        jurors=jurors,
        candidates=[Candidate(key="c", teachers=teachers, institutions=institutions)],
        on=ON,
        policy=policy,
        declarations=declarations,
    )


def codes(findings):
    return [(f.juror, f.candidate, [(r.code, r.source) for r in f.reasons]) for f in findings]


# --- input (§5) -----------------------------------------------------------------------------


def test_bad_input_raises():  # §5
    with pytest.raises(ValueError, match="two jurors have the key 'k'"):
        find_conflicts(jurors=[KRUEGER, KRUEGER], candidates=[], on=ON)
    with pytest.raises(ValueError, match="two candidates have the key 'c'"):
        find_conflicts(jurors=[], candidates=[Candidate(key="c"), Candidate(key="c")], on=ON)
    with pytest.raises(ValueError, match="declaration 0 names an unknown juror 'x'"):
        check(declarations=[Declaration(juror="x", candidate="c", relation="relative")])
    with pytest.raises(ValueError, match="declaration 0 names an unknown candidate 'x'"):
        check(declarations=[Declaration(juror="k", candidate="x", relation="relative")])


def test_entries_and_declarations_validate_themselves():  # §5.2, §5.3
    with pytest.raises(ValueError, match="a teacher history records teaching, not relative"):
        TeacherEntry(teacher="X", relation="relative")
    with pytest.raises(ValueError, match="ends on 2020-01-01, before it starts on 2021-01-01"):
        TeacherEntry(teacher="X", started_on=D(2021, 1, 1), ended_on=D(2020, 1, 1))
    with pytest.raises(ValueError, match="must not be negative"):
        Declaration(juror="k", candidate="c", relation="private_lessons", lessons=-1)
    assert TeacherEntry(teacher="X", relation="master_class").relation is Relation.MASTER_CLASS
    assert Juror(key="k", names=["A B"], institutions=["X"]).names == ("A B",)
    assert Candidate(key="c", teachers=[], institutions=["X"]).institutions == ("X",)
    assert Relation.PRIVATE_LESSONS.is_teaching
    assert not Relation.OTHER.is_teaching


def test_nothing_to_say_gives_an_empty_assessment():  # §6.1
    assessment = check(entry("Peter Schmidt"), entry("Julia Krüger"))
    assert assessment == Assessment(on=ON, policy=Policy(), conflicts=(), notes=())
    assert assessment.conflicted_pairs() == frozenset()
    # An incomplete name that would not count either way says nothing (§7.7).
    assert check(entry("Krüger", ended_on=D(2010, 1, 1))) == assessment


# --- regular study (§7.1) -------------------------------------------------------------------


def test_current_study_is_a_conflict():  # §7.1
    assessment = check(entry("Prof. M. Krueger", started_on=D(2021, 9, 1), institution="UdK"))
    (finding,) = assessment.conflicts
    assert finding == Finding(
        juror="k",
        candidate="c",
        reasons=(
            Reason(
                code=ReasonCode.STUDY_CURRENT,
                source=Source.HISTORY,
                clause=Clause.STUDY,
                params={
                    "teacher": "Prof. M. Krueger",
                    "juror_name": "Matthias Krüger",
                    "institution": "UdK",
                    "started_on": "2021-09-01",
                    "ended_on": None,
                    "lessons": None,
                    "note": None,
                    "years": 3,
                    "since": "2022-09-02",
                },
                message=(
                    "Regular study with Matthias Krüger (written “Prof. M. Krueger”) since "
                    "1 September 2021, still current (candidate's application)."
                ),
            ),
        ),
    )
    assert finding.source is Source.HISTORY
    assert assessment.conflicted_pairs() == {("k", "c")}


def test_study_ending_after_the_reference_day_is_current():  # §7.1
    (finding,) = check(entry(started_on=D(2021, 9, 1), ended_on=ON)).conflicts
    assert finding.reasons[0].code is ReasonCode.STUDY_CURRENT
    assert finding.reasons[0].message == (
        "Regular study with Matthias Krüger from 1 September 2021 to 1 September 2025, "
        "still current (candidate's application)."
    )


def test_study_window_ends_are_exact():  # §2.3, §7.1
    inside = check(entry(ended_on=D(2022, 9, 2)))
    assert codes(inside.conflicts) == [("k", "c", [(ReasonCode.STUDY_RECENT, Source.HISTORY)])]
    assert inside.conflicts[0].reasons[0].message == (
        "Regular study with Matthias Krüger until 2 September 2022: ended within the last "
        "3 years (on or after 2 September 2022) (candidate's application)."
    )
    outside = check(entry(ended_on=D(2022, 9, 1)))
    assert outside.conflicts == ()
    assert codes(outside.notes) == [("k", "c", [(ReasonCode.STUDY_BEFORE_WINDOW, Source.HISTORY)])]
    assert outside.notes[0].reasons[0].message == (
        "Regular study with Matthias Krüger until 1 September 2022: ended before "
        "2 September 2022, outside the last 3 years (candidate's application)."
    )


def test_zero_years_counts_only_what_still_runs():  # §2.3, §7.1
    policy = Policy(study_years=0)
    assert check(entry(ended_on=ON), policy=policy).conflicts != ()
    day_before = check(entry(ended_on=D(2025, 8, 31)), policy=policy)
    assert codes(day_before.notes) == [
        ("k", "c", [(ReasonCode.STUDY_BEFORE_WINDOW, Source.HISTORY)])
    ]
    assert (
        day_before.notes[0]
        .reasons[0]
        .message.endswith("outside the last 0 years (candidate's application).")
    )


def test_declared_study_without_dates_is_current():  # §5.3, §7.1
    declaration = Declaration(juror="k", candidate="c", relation="regular_study", note="my class")
    (finding,) = check(declarations=[declaration]).conflicts
    (reason,) = finding.reasons
    assert (reason.code, reason.source, finding.source) == (
        ReasonCode.STUDY_CURRENT,
        Source.DECLARATION,
        Source.DECLARATION,
    )
    assert reason.params["note"] == "my class"
    assert reason.params["teacher"] is None
    assert reason.message == "Regular study with the juror, still current (juror's declaration)."


def test_both_sources_give_their_own_reasons():  # §6.1
    declaration = Declaration(
        juror="k", candidate="c", relation="regular_study", ended_on=D(2023, 6, 30)
    )
    (finding,) = check(entry(ended_on=D(2023, 6, 30)), declarations=[declaration]).conflicts
    assert [(r.code, r.source) for r in finding.reasons] == [
        (ReasonCode.STUDY_RECENT, Source.HISTORY),
        (ReasonCode.STUDY_RECENT, Source.DECLARATION),
    ]
    assert finding.source is Source.BOTH


# --- private lessons (§7.2) -----------------------------------------------------------------

LEEDS = Policy(private_lessons_min=3, private_lessons_years=6)


def lessons(count, start, end=None, teacher="Giulia Rossi"):
    return entry(teacher, Relation.PRIVATE_LESSONS, lessons=count, started_on=start, ended_on=end)


def test_lessons_in_the_window_are_added_up():  # §7.2
    assessment = check(
        lessons(2, D(2019, 6, 1), D(2019, 9, 2)),  # overlaps the window by one day: counts whole
        lessons(1, D(2024, 1, 1)),
        jurors=(ROSSI,),
        policy=LEEDS,
    )
    (finding,) = assessment.conflicts
    (reason,) = finding.reasons
    assert reason.code is ReasonCode.PRIVATE_LESSONS
    assert reason.clause is Clause.PRIVATE_LESSONS
    assert dict(reason.params) == {
        "teacher": "Giulia Rossi",
        "juror_name": "Giulia Rossi",
        "note": None,
        "lessons": 3,
        "unknown_counts": 0,
        "periods": 2,
        "min_lessons": 3,
        "years": 6,
        "since": "2019-09-02",
        "started_on": "2019-06-01",
        "ended_on": None,
    }
    assert reason.message == (
        "3 private lessons with Giulia Rossi since 1 June 2019 within the last 6 years "
        "(on or after 2 September 2019); the policy counts 3 or more (candidate's application)."
    )


def test_lessons_below_the_threshold_and_before_the_window_are_notes():  # §7.2
    assessment = check(
        lessons(1, D(2024, 1, 1), D(2024, 1, 1)),
        lessons(10, D(2010, 1, 1), D(2019, 9, 1)),
        jurors=(ROSSI,),
        policy=LEEDS,
    )
    assert assessment.conflicts == ()
    (note,) = assessment.notes
    below, before = note.reasons
    assert below.code is ReasonCode.LESSONS_BELOW_THRESHOLD
    assert below.message == (
        "1 private lesson with Giulia Rossi from 1 January 2024 to 1 January 2024 within the "
        "last 6 years (on or after 2 September 2019): fewer than the 3 the policy counts "
        "(candidate's application)."
    )
    assert before.code is ReasonCode.LESSONS_BEFORE_WINDOW
    assert (before.params["lessons"], before.params["ended_on"]) == (10, "2019-09-01")
    assert before.message == (
        "10 private lessons with Giulia Rossi from 1 January 2010 to 1 September 2019: ended "
        "before 2 September 2019, outside the last 6 years (candidate's application)."
    )


def test_an_unknown_number_of_lessons_reaches_the_threshold():  # §7.2
    (finding,) = check(
        lessons(1, D(2024, 1, 1)), lessons(None, None), jurors=(ROSSI,), policy=LEEDS
    ).conflicts
    (reason,) = finding.reasons
    assert (reason.params["lessons"], reason.params["unknown_counts"]) == (1, 1)
    assert reason.message == (
        "Private lessons (1 lesson counted, 1 period without a number) with Giulia Rossi since "
        "1 January 2024 within the last 6 years (on or after 2 September 2019); the policy "
        "counts 3 or more, and an unknown number counts as reaching it (candidate's "
        "application)."
    )


def test_sources_are_not_added_together():  # §7.2
    declared = Declaration(
        juror="r", candidate="c", relation="private_lessons", lessons=2, note="two lessons"
    )
    assessment = check(
        lessons(2, D(2024, 1, 1)), jurors=(ROSSI,), policy=LEEDS, declarations=[declared]
    )
    assert assessment.conflicts == ()
    (note,) = assessment.notes
    assert [(r.code, r.source) for r in note.reasons] == [
        (ReasonCode.LESSONS_BELOW_THRESHOLD, Source.HISTORY),
        (ReasonCode.LESSONS_BELOW_THRESHOLD, Source.DECLARATION),
    ]
    assert note.reasons[1].params["note"] == "two lessons"
    assert note.reasons[1].message.startswith("2 private lessons with the juror within")


def test_grieg_any_private_lesson_is_a_conflict():  # §2.1, §7.2
    assessment = check(lessons(1, D(2023, 3, 1), D(2023, 3, 1)), jurors=(ROSSI,))
    assert codes(assessment.conflicts) == [
        ("r", "c", [(ReasonCode.PRIVATE_LESSONS, Source.HISTORY)])
    ]


# --- master classes (§7.3) ------------------------------------------------------------------


def master_class(end):
    return entry("Giulia Rossi", Relation.MASTER_CLASS, started_on=end, ended_on=end)


def test_master_classes_exempt_or_counted():  # §7.3
    exempt = check(master_class(D(2025, 7, 1)), jurors=(ROSSI,))
    assert codes(exempt.notes) == [("r", "c", [(ReasonCode.MASTER_CLASS_EXEMPT, Source.HISTORY)])]
    reason = exempt.notes[0].reasons[0]
    assert "years" not in reason.params
    assert reason.message == (
        "Master class with Giulia Rossi from 1 July 2025 to 1 July 2025: master classes are "
        "exempt under the policy (candidate's application)."
    )
    counted = Policy(master_classes_counted=True)
    inside = check(master_class(D(2023, 9, 2)), jurors=(ROSSI,), policy=counted)
    assert codes(inside.conflicts) == [("r", "c", [(ReasonCode.MASTER_CLASS, Source.HISTORY)])]
    assert inside.conflicts[0].reasons[0].message == (
        "Master class with Giulia Rossi from 2 September 2023 to 2 September 2023 within the "
        "last 2 years (on or after 2 September 2023); the policy counts master classes "
        "(candidate's application)."
    )
    before = check(master_class(D(2023, 9, 1)), jurors=(ROSSI,), policy=counted)
    assert codes(before.notes) == [
        ("r", "c", [(ReasonCode.MASTER_CLASS_BEFORE_WINDOW, Source.HISTORY)])
    ]


# --- declarations only: relatives, other, same institution (§7.4–§7.6) ----------------------


def test_relatives_and_other_are_always_flagged():  # §7.4, §7.6
    declarations = [
        Declaration(juror="k", candidate="c", relation="other", note="we play in a quartet"),
        Declaration(juror="k", candidate="c", relation="relative"),
    ]
    (finding,) = check(declarations=declarations).conflicts
    relative, other = finding.reasons
    assert (relative.code, relative.clause, dict(relative.params)) == (
        ReasonCode.RELATIVE,
        Clause.RELATIVES,
        {"note": None},
    )
    assert relative.message == "The juror declares a family relationship with the candidate."
    assert (other.code, other.clause) == (ReasonCode.OTHER, Clause.OTHER)
    assert other.message == (
        "The juror declares another relationship, for the office to decide: “we play in a quartet”."
    )
    # Even the most lenient policy flags them.
    lenient = Policy(study_years=0, private_lessons_min=1000, private_lessons_years=0)
    assert check(declarations=declarations, policy=lenient).conflicted_pairs() == {("k", "c")}


def test_declared_same_institution_follows_the_policy():  # §7.5
    declared = [Declaration(juror="k", candidate="c", relation="same_institution", note="UdK")]
    off = check(declarations=declared)
    assert codes(off.notes) == [
        ("k", "c", [(ReasonCode.SAME_INSTITUTION_NOT_COUNTED, Source.DECLARATION)])
    ]
    assert off.notes[0].reasons[0].message == (
        "The juror declares working at the candidate's institution: “UdK”; the policy does not "
        "count the same institution (juror's declaration)."
    )
    on = check(declarations=declared, policy=Policy(same_institution=True))
    (reason,) = on.conflicts[0].reasons
    assert (reason.code, dict(reason.params)) == (
        ReasonCode.SAME_INSTITUTION,
        {"institution": None, "candidate_institution": None, "note": "UdK"},
    )
    assert reason.message == (
        "The juror declares working at the candidate's institution: “UdK” (juror's declaration)."
    )


WANG = Juror(
    key="w",
    names=("Wang Jian", "王健"),
    institutions=("Central Conservatory of Music", "中央音乐学院", "—"),
)


def test_same_institution_from_the_candidates_places_of_study():  # §4, §7.5
    assessment = check(
        entry("Someone Else", ended_on=D(2023, 6, 30), institution="中央 音乐学院"),
        entry("Someone Older", ended_on=D(2020, 6, 30), institution="Central Conservatory"),
        jurors=(WANG,),
        institutions=("The Central Conservatory of Music", "Central Conservatory of Music"),
    )
    (note,) = assessment.notes
    first, second = note.reasons
    assert dict(first.params) == {
        "institution": "Central Conservatory of Music",
        "candidate_institution": "The Central Conservatory of Music",
        "note": None,
    }
    assert first.message == (
        "The juror's institution “Central Conservatory of Music” is the candidate's “The Central "
        "Conservatory of Music”; the policy does not count the same institution (candidate's "
        "application)."
    )
    assert (second.params["institution"], second.params["candidate_institution"]) == (
        "中央音乐学院",
        "中央 音乐学院",
    )
    counted = check(
        jurors=(WANG,), institutions=("中央音乐学院",), policy=Policy(same_institution=True)
    )
    assert codes(counted.conflicts) == [("w", "c", [(ReasonCode.SAME_INSTITUTION, Source.HISTORY)])]
    assert counted.conflicts[0].reasons[0].message == (
        "The juror's institution “中央音乐学院” is the candidate's “中央音乐学院” "
        "(candidate's application)."
    )


def test_study_before_the_window_does_not_share_an_institution():  # §7.5
    assessment = check(
        entry("Someone Else", ended_on=D(2020, 6, 30), institution="中央音乐学院"),
        entry("Someone New", relation=Relation.PRIVATE_LESSONS, institution="中央音乐学院"),
        jurors=(WANG,),
        institutions=("—",),
    )
    assert assessment == Assessment(on=ON, policy=Policy(), conflicts=(), notes=())


# --- incomplete names (§7.7) ----------------------------------------------------------------


def test_incomplete_names_are_noted_where_they_would_count():  # §3.5, §7.7
    assessment = check(
        entry("Prof. Krüger", started_on=D(2024, 9, 1)),
        entry("Krüger", ended_on=D(2010, 1, 1)),  # would not count anyway
        entry("王老师", Relation.PRIVATE_LESSONS, lessons=1, ended_on=D(2024, 1, 1)),
        entry("Matthias", Relation.MASTER_CLASS, ended_on=D(2025, 7, 1)),  # exempt
        jurors=(KRUEGER, WANG),
    )
    assert assessment.conflicts == ()
    krueger, wang = assessment.notes
    assert codes([krueger]) == [("k", "c", [(ReasonCode.NAME_INCOMPLETE, Source.HISTORY)])]
    reason = krueger.reasons[0]
    assert reason.clause is Clause.STUDY
    assert dict(reason.params) == {
        "teacher": "Prof. Krüger",
        "juror_name": "Matthias Krüger",
        "institution": None,
        "started_on": "2024-09-01",
        "ended_on": None,
        "lessons": None,
        "note": None,
        "relation": "regular_study",
    }
    assert reason.message == (
        "The teacher list names “Prof. Krüger” (regular study since 1 September 2024), which may "
        "be Matthias Krüger: the name is incomplete."
    )
    assert wang.reasons[0].clause is Clause.PRIVATE_LESSONS
    assert wang.reasons[0].params["juror_name"] == "王健"
    counted = check(
        entry("Matthias", Relation.MASTER_CLASS, ended_on=D(2025, 7, 1)),
        policy=Policy(master_classes_counted=True),
    )
    assert counted.notes[0].reasons[0].clause is Clause.MASTER_CLASSES


def test_a_full_match_with_any_name_wins_over_a_partial_one():  # §3
    assert check(entry("Krüger")).conflicts == ()
    known_by_one_name = Juror(key="k", names=("Matthias Krüger", "Krüger"))
    (finding,) = check(entry("Krüger"), jurors=(known_by_one_name,)).conflicts
    assert finding.reasons[0].params["juror_name"] == "Krüger"


# --- output (§6) ----------------------------------------------------------------------------


def test_a_flagged_pair_keeps_only_its_flagging_reasons():  # §6.1
    assessment = check(
        entry("Giulia Rossi", Relation.MASTER_CLASS, ended_on=D(2025, 7, 1)),
        entry("Giulia Rossi", ended_on=D(2010, 6, 30)),
        entry("Giulia Rossi", started_on=D(2024, 9, 1)),
        jurors=(ROSSI,),
    )
    assert codes(assessment.conflicts) == [("r", "c", [(ReasonCode.STUDY_CURRENT, Source.HISTORY)])]
    assert assessment.notes == ()


def test_findings_follow_the_order_of_jurors_then_candidates():  # §6.1
    ana = Candidate(key="ana", teachers=(entry("Giulia Rossi"), entry("Matthias Krüger")))
    ben = Candidate(key="ben", teachers=(entry("Matthias Krüger"),))
    assessment = find_conflicts(jurors=[ROSSI, KRUEGER], candidates=[ben, ana], on=ON)
    assert [(f.juror, f.candidate) for f in assessment.conflicts] == [
        ("r", "ana"),
        ("k", "ben"),
        ("k", "ana"),
    ]


def test_reasons_order_by_code_then_source_then_line():  # §6.1
    declarations = [
        Declaration(juror="k", candidate="c", relation="relative"),
        Declaration(juror="k", candidate="c", relation="regular_study"),
    ]
    (finding,) = check(
        entry(ended_on=D(2024, 6, 30)), entry(started_on=D(2024, 9, 1)), declarations=declarations
    ).conflicts
    assert [(r.code, r.source, r.params.get("ended_on")) for r in finding.reasons] == [
        (ReasonCode.STUDY_CURRENT, Source.HISTORY, None),
        (ReasonCode.STUDY_CURRENT, Source.DECLARATION, None),
        (ReasonCode.STUDY_RECENT, Source.HISTORY, "2024-06-30"),
        (ReasonCode.RELATIVE, Source.DECLARATION, None),
    ]


def test_to_json_gives_plain_values():  # §6.1
    (finding,) = check(
        declarations=[Declaration(juror="k", candidate="c", relation="relative", note="son")]
    ).conflicts
    assert finding.to_json() == {
        "juror": "k",
        "candidate": "c",
        "source": "declaration",
        "reasons": [
            {
                "code": "relative",
                "source": "declaration",
                "clause": "relatives",
                "params": {"note": "son"},
                "message": "The juror declares a family relationship with the candidate: “son”.",
            }
        ],
    }


def test_reason_codes_split_into_flags_and_notes():  # §6.2
    assert [code for code in ReasonCode if code.is_conflict] == [
        ReasonCode.STUDY_CURRENT,
        ReasonCode.STUDY_RECENT,
        ReasonCode.PRIVATE_LESSONS,
        ReasonCode.MASTER_CLASS,
        ReasonCode.RELATIVE,
        ReasonCode.SAME_INSTITUTION,
        ReasonCode.OTHER,
    ]
