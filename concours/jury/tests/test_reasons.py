"""The core's reasons, as stored, in the reader's words (docs/algorithms/conflicts.md §6.2)."""

import datetime as dt

import pytest
from django.utils import translation

from concours.conflicts import Candidate, Declaration, Juror, Policy, TeacherEntry, find_conflicts
from concours.jury.reasons import reason_text, source_label
from concours.jury.templatetags.jury_tags import reason, source

D = dt.date
ON = D(2025, 9, 1)
JUROR = Juror(key="j", names=("Giulia Rossi",), institutions=("Royal College of Music",))


def stored(*teachers, policy=None, declarations=(), institutions=()):
    assessment = find_conflicts(
        jurors=[JUROR],
        candidates=[Candidate(key="c", teachers=teachers, institutions=institutions)],
        on=ON,
        policy=policy,
        declarations=declarations,
    )
    return [r.to_json() for f in (*assessment.conflicts, *assessment.notes) for r in f.reasons]


def texts(*args, **kwargs):
    return [reason_text(item) for item in stored(*args, **kwargs)]


def test_study_reasons():
    assert texts(TeacherEntry(teacher="ROSSI Giulia", started_on=D(2021, 9, 1))) == [
        "Studies with Giulia Rossi (written “ROSSI Giulia”) since Sept. 1, 2021, still now."
    ]
    assert texts(TeacherEntry(teacher="Giulia Rossi", ended_on=D(2023, 6, 30))) == [
        "Studied with Giulia Rossi until June 30, 2023: ended inside the 3-year window "
        "(since Sept. 2, 2022)."
    ]
    assert texts(
        TeacherEntry(teacher="Giulia Rossi", started_on=D(2015, 9, 1), ended_on=D(2019, 6, 30))
    ) == [
        "Studied with Giulia Rossi from Sept. 1, 2015 to June 30, 2019: ended before "
        "Sept. 2, 2022, outside the 3-year window."
    ]


def lessons(count, end):
    return TeacherEntry(
        teacher="Giulia Rossi", relation="private_lessons", lessons=count, ended_on=end
    )


def test_private_lesson_reasons():
    leeds = Policy(private_lessons_min=3, private_lessons_years=6)
    assert texts(lessons(4, D(2024, 1, 1)), policy=leeds) == [
        "4 private lessons with Giulia Rossi until Jan. 1, 2024 since Sept. 2, 2019; the policy "
        "counts 3 or more."
    ]
    assert texts(lessons(1, D(2024, 1, 1)), lessons(2, D(2010, 1, 1)), policy=leeds) == [
        "1 private lesson with Giulia Rossi until Jan. 1, 2024 since Sept. 2, 2019: fewer than "
        "the 3 that count.",
        "2 private lessons with Giulia Rossi until Jan. 1, 2010, all before Sept. 2, 2019.",
    ]
    assert texts(lessons(None, None), policy=leeds) == [
        "0 private lessons (and 1 period without a number) with Giulia Rossi since "
        "Sept. 2, 2019; the policy counts 3 or more."
    ]


def test_master_class_reasons():
    mc = TeacherEntry(teacher="Giulia Rossi", relation="master_class", ended_on=D(2024, 7, 5))
    assert texts(mc) == [
        "Master class with Giulia Rossi until July 5, 2024: master classes are exempt."
    ]
    counted = Policy(master_classes_counted=True)
    assert texts(mc, policy=counted) == [
        "Master class with Giulia Rossi until July 5, 2024: master classes count."
    ]
    assert texts(mc, policy=Policy(master_classes_counted=True, master_class_years=1)) == [
        "Master class with Giulia Rossi until July 5, 2024, before Sept. 2, 2024."
    ]


def declared(relation, note=""):
    return [Declaration(juror="j", candidate="c", relation=relation, note=note)]


def test_declared_reasons():
    assert texts(declarations=declared("relative")) == ["Relative."]
    assert texts(declarations=declared("relative", "My niece.")) == ["Relative. My niece."]
    assert texts(declarations=declared("other", "Quartet partner")) == [
        "Another relationship: Quartet partner"
    ]
    assert texts(declarations=declared("regular_study")) == ["Studies with the juror, still now."]
    assert texts(declarations=declared("same_institution")) == [
        "Same institution, as the juror declares. The policy does not count it."
    ]


def test_same_institution_and_incomplete_names():
    assert texts(institutions=("The Royal College of Music",)) == [
        "Same institution: Royal College of Music (the candidate wrote “The Royal College of "
        "Music”). The policy does not count it."
    ]
    assert texts(
        institutions=("Royal College of Music",), policy=Policy(same_institution=True)
    ) == [
        "Same institution: Royal College of Music (the candidate wrote “Royal College of Music”)."
    ]
    assert texts(TeacherEntry(teacher="Prof. Rossi", started_on=D(2024, 9, 1))) == [
        "The teacher list names “Prof. Rossi” (Current or former student (regular study) since "
        "Sept. 1, 2024): is it Giulia Rossi?"
    ]
    assert texts(TeacherEntry(teacher="Rossi", relation="private_lessons")) == [
        "The teacher list names “Rossi” (Private lessons): is it Giulia Rossi?"
    ]


def test_unknown_codes_fall_back_to_the_message():
    assert reason_text({"code": "new_code", "message": "As the core says."}) == "As the core says."
    assert reason({"code": "relative", "params": {"note": None}}) == "Relative."


def test_sources_and_chinese():
    assert source({"source": "history"}) == "candidate's application"
    assert source_label("declaration") == "juror's declaration"
    assert source_label("both") == "both"
    assert source_label("elsewhere") == "elsewhere"
    with translation.override("zh-hans"):
        assert texts(declarations=declared("relative"))[0]


@pytest.mark.parametrize("code", ["study_current", "private_lessons", "name_incomplete"])
def test_missing_params_do_not_break_a_sentence(code):
    params = {"relation": "regular_study"} if code == "name_incomplete" else {}
    assert reason_text({"code": code, "params": params})
