"""The worked example of docs/algorithms/conflicts.md §8, checked as written there."""

import datetime as dt

from concours.conflicts import (
    Candidate,
    Declaration,
    Juror,
    Policy,
    ReasonCode,
    Relation,
    Source,
    TeacherEntry,
    find_conflicts,
)

D = dt.date
STUDY, PRIVATE, MASTER = Relation.REGULAR_STUDY, Relation.PRIVATE_LESSONS, Relation.MASTER_CLASS


def example():
    jurors = [
        Juror(
            key="krueger",
            names=("Matthias Krüger", "马蒂亚斯·克吕格尔"),
            institutions=("Hochschule für Musik Hanns Eisler Berlin",),
        ),
        Juror(key="rossi", names=("Giulia Rossi",)),
        Juror(
            key="wang",
            names=("Wang Jian", "王健"),
            institutions=("Central Conservatory of Music", "中央音乐学院"),
        ),
    ]
    candidates = [
        Candidate(
            key="ana",
            teachers=(
                TeacherEntry(teacher="Prof. M. Krueger", relation=STUDY, started_on=D(2019, 9, 1),
                             ended_on=D(2022, 9, 1), institution="HfM Hanns Eisler"),
                TeacherEntry(teacher="ROSSI Giulia", relation=PRIVATE, lessons=4,
                             started_on=D(2021, 3, 1), ended_on=D(2021, 6, 30)),
            ),
        ),
        Candidate(
            key="ben",
            teachers=(
                TeacherEntry(teacher="Julia Krüger", relation=STUDY, started_on=D(2022, 9, 1)),
                TeacherEntry(teacher="王老师", relation=PRIVATE, lessons=5,
                             started_on=D(2024, 1, 1), ended_on=D(2024, 12, 31)),
            ),
            institutions=("Central Conservatory of Music",),
        ),
        Candidate(
            key="cai",
            teachers=(
                TeacherEntry(teacher="Giulia Rossi", relation=MASTER, started_on=D(2024, 7, 1),
                             ended_on=D(2024, 7, 5)),
            ),
        ),
        Candidate(
            key="dan",
            teachers=(
                TeacherEntry(teacher="Wang Jian", relation=STUDY, started_on=D(2020, 9, 1),
                             ended_on=D(2023, 6, 30), institution="中央音乐学院"),
                TeacherEntry(teacher="Matthias Kruger", relation=PRIVATE, lessons=2,
                             started_on=D(2020, 1, 1), ended_on=D(2020, 3, 31)),
            ),
        ),
    ]  # fmt: skip
    declarations = [
        Declaration(juror="krueger", candidate="cai", relation="relative", note="my niece"),
        Declaration(juror="wang", candidate="dan", relation="regular_study",
                    started_on=D(2020, 9, 1), ended_on=D(2023, 6, 30)),
    ]  # fmt: skip
    policy = Policy.from_json(
        {"study_years": 3, "private_lessons_min": 3, "private_lessons_years": 6}
    )
    return find_conflicts(
        jurors=jurors, candidates=candidates, on=D(2025, 9, 1), policy=policy,
        declarations=declarations,
    )  # fmt: skip


def summary(findings):
    return [
        (f.juror, f.candidate, f.source, [(r.code, r.source) for r in f.reasons]) for f in findings
    ]


def test_worked_example_conflicts():  # §8
    assessment = example()
    assert summary(assessment.conflicts) == [
        ("krueger", "cai", Source.DECLARATION, [(ReasonCode.RELATIVE, Source.DECLARATION)]),
        ("rossi", "ana", Source.HISTORY, [(ReasonCode.PRIVATE_LESSONS, Source.HISTORY)]),
        (
            "wang",
            "dan",
            Source.BOTH,
            [
                (ReasonCode.STUDY_RECENT, Source.HISTORY),
                (ReasonCode.STUDY_RECENT, Source.DECLARATION),
            ],
        ),
    ]
    relative, lessons, study = (f.reasons[0] for f in assessment.conflicts)
    assert relative.params["note"] == "my niece"
    assert lessons.params["lessons"] == 4
    assert lessons.message == (
        "4 private lessons with Giulia Rossi (written “ROSSI Giulia”) from 1 March 2021 to "
        "30 June 2021 within the last 6 years (on or after 2 September 2019); the policy counts "
        "3 or more (candidate's application)."
    )
    assert (study.params["teacher"], study.params["ended_on"], study.params["since"]) == (
        "Wang Jian",
        "2023-06-30",
        "2022-09-02",
    )


def test_worked_example_notes():  # §8
    assessment = example()
    assert summary(assessment.notes) == [
        ("krueger", "ana", Source.HISTORY, [(ReasonCode.STUDY_BEFORE_WINDOW, Source.HISTORY)]),
        ("krueger", "dan", Source.HISTORY, [(ReasonCode.LESSONS_BELOW_THRESHOLD, Source.HISTORY)]),
        ("rossi", "cai", Source.HISTORY, [(ReasonCode.MASTER_CLASS_EXEMPT, Source.HISTORY)]),
        (
            "wang",
            "ben",
            Source.HISTORY,
            [
                (ReasonCode.SAME_INSTITUTION_NOT_COUNTED, Source.HISTORY),
                (ReasonCode.NAME_INCOMPLETE, Source.HISTORY),
            ],
        ),
    ]
    before = assessment.notes[0].reasons[0]
    assert before.params["juror_name"] == "Matthias Krüger"
    assert "ended before 2 September 2022, outside the last 3 years" in before.message
    assert assessment.notes[1].reasons[0].params["lessons"] == 2
    incomplete = assessment.notes[3].reasons[1]
    assert (incomplete.params["teacher"], incomplete.params["juror_name"]) == ("王老师", "王健")


def test_worked_example_leaves_out_julia_krueger():  # §8
    pairs = {(f.juror, f.candidate) for f in (*example().conflicts, *example().notes)}
    assert ("krueger", "ben") not in pairs
    assert ("wang", "ana") not in pairs
