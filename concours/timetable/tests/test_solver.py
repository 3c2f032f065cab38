"""The solver (spec §5, §6) and the checker (spec §4)."""

import dataclasses
import datetime as dt

import pytest

from concours.timetable import (
    Fixed,
    InputError,
    Lesson,
    Participant,
    Rules,
    Slot,
    Status,
    Teacher,
    preference_weight,
    solve,
    validate,
)
from concours.timetable.tests.example import MON, NINE, TUE, example, slot


def lessons_of(problem, result, participant):
    slots = {s.id: s for s in problem.slots}
    return [slots[lesson.slot] for lesson in result.lessons if lesson.participant == participant]


def test_solve_feasible_gives_every_lesson_and_breaks_no_rule():
    problem = example()
    result = solve(problem)
    assert result.status == Status.OPTIMAL
    assert result.solved
    assert len(result.lessons) == 9
    assert validate(problem, result.lessons) == []


def test_solve_honours_first_choices_and_spreads_days():  # spec §6.2
    problem = example()
    result = solve(problem)
    for person, teacher in (("anna", "weber"), ("ben", "weber"), ("chen", "lin"), ("dora", "lin")):
        mine = lessons_of(problem, result, person)
        assert {s.teacher for s in mine} == {teacher}
        assert len({s.day for s in mine}) == len(mine)
    assert result.preference_score == 2 * 2 + 2 * 1 + 2 * 2


def test_solve_is_deterministic():
    problem = example()
    assert {solve(problem).lessons for _ in range(3)} == {solve(problem).lessons}


def test_solve_balances_load_when_preferences_do_not_decide():  # spec §6.2, third level
    people = tuple(Participant(f"p{i}", f"P{i}", 1) for i in range(4))
    problem = example(participants=people)
    result = solve(problem)
    teachers = [lessons_of(problem, result, p.id)[0].teacher for p in people]
    assert sorted(teachers) == ["lin", "lin", "weber", "weber"]


def test_solve_keeps_fixed_assignments():
    problem = example(fixed=(Fixed("anna", "lin-15-10"),))
    result = solve(problem)
    assert Lesson("anna", "lin-15-10") in result.lessons
    assert validate(problem, result.lessons) == []


def test_solve_allows_more_lessons_a_day_when_the_rule_says_so():
    problem = example(
        participants=(Participant("anna", "Anna", 4, assigned=("weber",)),),
        slots=tuple(s for s in example().slots if s.day != dt.date(2025, 7, 16)),
        rules=Rules(max_per_day=2),
    )
    result = solve(problem)
    assert len(result.lessons) == 4


def test_infeasible_when_a_teacher_has_too_few_slots():  # spec §5.1
    problem = example(
        participants=tuple(Participant(f"p{i}", f"P{i}", 2, assigned=("lin",)) for i in range(4))
    )
    result = solve(problem)
    assert result.status == Status.INFEASIBLE
    assert not result.solved
    assert [r.message for r in result.reasons] == [
        "Lin Wei has 6 slots but 8 lessons are needed (by P0, P1, P2, P3)."
    ]
    assert result.reasons[0].param("slots") == 6


def test_infeasible_when_there_are_too_few_slots_in_all():
    problem = example(participants=tuple(Participant(f"p{i}", f"P{i}", 3) for i in range(5)))
    assert [r.code for r in solve(problem).reasons] == ["too_few_slots"]
    assert solve(problem).reasons[0].message == "15 lessons are needed but there are only 12 slots."


def test_infeasible_when_a_participant_has_too_few_slots_or_days():
    problem = example(
        participants=(
            Participant("anna", "Anna", 7, assigned=("weber",)),
            Participant("ben", "Ben", 4),
        )
    )
    assert [r.message for r in solve(problem).reasons] == [
        "Anna needs 7 lessons but their teachers (Clara Weber) have only 6 slots.",
        "Ben needs 4 lessons but can have at most 1 a day on the 3 days their teachers teach.",
        "Clara Weber has 6 slots but 7 lessons are needed (by Anna).",
    ]


def test_infeasible_fixed_assignments_are_explained():
    problem = example(fixed=(Fixed("dora", "weber-14-9"), Fixed("anna", "lin-14-9"), Fixed("ben", "lin-14-9")))  # fmt: skip
    assert [r.code for r in solve(problem).reasons] == ["teacher_not_allowed", "slot_taken_twice"]


def test_infeasible_found_by_the_solver_names_the_participants():  # spec §5.2
    teachers = (Teacher("a", "A"), Teacher("b", "B"))
    slots = (slot("a1", "a", MON, NINE), slot("b1", "b", MON, NINE), slot("b2", "b", TUE, NINE, "Hall"))  # fmt: skip
    people = (Participant("x", "Xu", 1, assigned=("a",)), Participant("y", "Yan", 2, assigned=("b",)))  # fmt: skip
    problem = example(teachers=teachers, slots=slots, participants=people)
    result = solve(problem)
    assert result.status == Status.INFEASIBLE
    assert [r.code for r in result.reasons] == ["conflicting_demands"]
    assert "Xu" in result.reasons[0].message or "Yan" in result.reasons[0].message


def test_solve_reports_when_the_limit_runs_out():
    problem = example(participants=tuple(Participant(f"p{i}", f"P{i}", 3) for i in range(4)))
    result = solve(problem, effort=0.0)
    assert result.status == Status.UNKNOWN
    assert [r.code for r in result.reasons] == ["time_limit"]


def test_solve_rejects_malformed_problems_listing_every_problem():  # spec §3
    bad = example(
        teachers=(Teacher("weber", "W"), Teacher("weber", "W2")),
        slots=(Slot("s", "nobody", MON, NINE, NINE, "Hall"),),
        participants=(Participant("p", "P", -1, preferences=("lin", "lin")),),
        fixed=(Fixed("q", "s"),),
        rules=Rules(max_per_day=0),
    )
    with pytest.raises(InputError) as caught:
        solve(bad)
    assert [r.code for r in caught.value.reasons] == [
        "duplicate_id", "bad_rule", "unknown_teacher", "slot_times", "bad_lessons",
        "unknown_teacher", "unknown_teacher", "duplicate_preference", "unknown_fixed",
    ]  # fmt: skip
    assert str(caught.value).startswith("The teacher id “weber” is used twice.")


def test_validate_lists_every_broken_rule():  # spec §4
    problem = example(
        slots=(*example().slots, slot("weber-14-9b", "weber", MON, NINE, "Room 2")),
        fixed=(Fixed("chen", "lin-16-9"), Fixed("ghost", "lin-16-9")),
    )
    lessons = [
        Lesson("anna", "weber-14-9"), Lesson("ben", "weber-14-9"),
        Lesson("anna", "weber-14-9b"), Lesson("dora", "weber-15-9"),
        Lesson("dora", "lin-14-9"), Lesson("ghost", "weber-14-9"),
    ]  # fmt: skip
    assert [r.code for r in validate(problem, lessons)] == [
        "unknown_lesson", "teacher_not_allowed", "slot_taken_twice", "room_overlap",
        "teacher_overlap", "participant_overlap", "too_many_a_day", "lesson_count",
        "lesson_count", "lesson_count", "fixed_missing",
    ]  # fmt: skip


def test_validate_partial_timetable_counts_only_extra_lessons():
    problem = example()
    assert validate(problem, [Lesson("anna", "weber-14-9")], complete=False) == []
    three = [Lesson("anna", s) for s in ("weber-14-9", "weber-15-9", "weber-16-9")]
    assert [r.code for r in validate(problem, three, complete=False)] == ["lesson_count"]


def test_preference_weight_first_choice_is_worth_most():
    anna = example().participants[0]
    assert [preference_weight(anna, t) for t in ("weber", "lin", "nobody")] == [2, 1, 0]
    assert dataclasses.replace(anna, preferences=()).rank("weber") is None
