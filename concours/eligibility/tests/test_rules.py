"""Unit tests of division eligibility rules; sections refer to docs/algorithms/eligibility.md."""

import calendar
import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from concours.eligibility import (
    BirthDateWindow,
    DivisionRules,
    Member,
    Problem,
    ProblemCode,
    TotalAgeCap,
    Verdict,
    Waiver,
    age_on,
    check_eligibility,
    minor_members,
    needs_guardian_consent,
    window_for_ages,
    years_months_days,
)

D = dt.date
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))

#: Schoenfeld 2025, "aged 16 to 32" on 1 August 2025 (§4); violin and cello alike (§14).
SOLO_2025 = DivisionRules(
    window=BirthDateWindow(born_on_or_after=D(1992, 8, 2), born_on_or_before=D(2009, 8, 1))
)
#: A piano trio division (§14.3): members at least 16, at most 120 years together.
TRIO = DivisionRules(
    window=BirthDateWindow(born_on_or_after=None, born_on_or_before=D(2009, 8, 1)),
    min_members=3,
    max_members=3,
    required_instruments=frozenset({"piano", "violin", "cello"}),
    total_age_cap=TotalAgeCap(max_total_age=120, counted_on=D(2025, 8, 1)),
)
SUBMITTED = D(2025, 3, 15)


def solo(birth_date, **kwargs):
    return [Member(birth_date=birth_date, **kwargs)]


def test_birth_dates_on_the_window_ends_are_eligible():  # §3, §9, §13
    oldest = check_eligibility(rules=SOLO_2025, members=solo(D(1992, 8, 2)), on=SUBMITTED)
    assert oldest == Verdict(
        problems=(), waived=(), unused_exceptions=(), minors=(), total_age=None
    )
    assert oldest.eligible is True
    assert oldest.needs_guardian_consent is False
    # Eligible, yet 15 on the submission day (16 only on 1 August): a guardian must consent.
    youngest = check_eligibility(rules=SOLO_2025, members=solo(D(2009, 8, 1)), on=SUBMITTED)
    assert youngest.eligible is True
    assert youngest.minors == (0,)
    assert youngest.needs_guardian_consent is True


def test_schoenfeld_cello_fifteen_year_old_is_born_too_late():  # §14.2
    verdict = check_eligibility(rules=SOLO_2025, members=solo(D(2010, 3, 1)), on=SUBMITTED)
    assert verdict.problems == (
        Problem(
            code=ProblemCode.BORN_TOO_LATE,
            member=0,
            params={
                "birth_date": "2010-03-01",
                "born_on_or_after": "1992-08-02",
                "born_on_or_before": "2009-08-01",
                "years": 0,
                "months": 7,
                "days": 0,
            },
            message=(
                "Born 1 March 2010; the division accepts birth dates from 2 August 1992 "
                "to 1 August 2009 (7 months too young)."
            ),
        ),
    )
    assert verdict.eligible is False
    assert verdict.minors == (0,)
    assert verdict.needs_guardian_consent is True
    assert age_on(D(2010, 3, 1), D(2025, 8, 1)) == 15


def test_exception_for_the_member_waives_the_problem_and_keeps_it_visible():  # §12, §14.2
    members = solo(D(2010, 3, 1))
    unwaived = check_eligibility(rules=SOLO_2025, members=members, on=SUBMITTED)
    verdict = check_eligibility(
        rules=SOLO_2025,
        members=members,
        on=SUBMITTED,
        exceptions=[Waiver(code=ProblemCode.BORN_TOO_LATE, member=0)],
    )
    assert verdict.eligible is True
    assert verdict.problems == ()
    assert verdict.waived == unwaived.problems
    assert verdict.unused_exceptions == ()
    assert verdict.minors == (0,)


def test_bare_code_waives_it_for_the_whole_application():  # §12
    verdict = check_eligibility(
        rules=SOLO_2025, members=solo(D(2010, 3, 1)), on=SUBMITTED, exceptions={"born_too_late"}
    )
    assert verdict.eligible is True
    assert [problem.code for problem in verdict.waived] == [ProblemCode.BORN_TOO_LATE]


def test_born_too_early_says_by_how_much():  # §10, §11
    one_day = check_eligibility(rules=SOLO_2025, members=solo(D(1992, 8, 1)), on=SUBMITTED)
    assert one_day.problems[0].code == ProblemCode.BORN_TOO_EARLY
    assert one_day.problems[0].message == (
        "Born 1 August 1992; the division accepts birth dates from 2 August 1992 "
        "to 1 August 2009 (1 day too old)."
    )
    longer = check_eligibility(rules=SOLO_2025, members=solo(D(1990, 5, 20)), on=SUBMITTED)
    assert dict(longer.problems[0].params) == {
        "birth_date": "1990-05-20",
        "born_on_or_after": "1992-08-02",
        "born_on_or_before": "2009-08-01",
        "years": 2,
        "months": 2,
        "days": 13,
    }
    assert longer.problems[0].message.endswith("(2 years 2 months 13 days too old).")


def test_messages_for_windows_open_on_one_side():  # §10
    at_most_30 = DivisionRules(window=BirthDateWindow(D(1995, 1, 1), None))
    verdict = check_eligibility(rules=at_most_30, members=solo(D(1993, 12, 31)), on=SUBMITTED)
    assert verdict.problems[0].message == (
        "Born 31 December 1993; the division accepts birth dates on or after 1 January 1995 "
        "(1 year 1 day too old)."
    )
    assert verdict.problems[0].params["born_on_or_before"] is None
    at_least_16 = DivisionRules(window=BirthDateWindow(None, D(2009, 8, 1)))
    verdict = check_eligibility(rules=at_least_16, members=solo(D(2010, 9, 2)), on=SUBMITTED)
    assert verdict.problems[0].message == (
        "Born 2 September 2010; the division accepts birth dates on or before 1 August 2009 "
        "(1 year 1 month 1 day too young)."
    )
    assert verdict.problems[0].params["born_on_or_after"] is None


def test_ensemble_size():  # §10
    members = [Member(birth_date=D(2000, 1, 1))] * 2
    too_many = check_eligibility(rules=SOLO_2025, members=members, on=SUBMITTED)
    assert too_many.problems == (
        Problem(
            code=ProblemCode.TOO_MANY_MEMBERS,
            member=None,
            params={"members": 2, "min_members": 1, "max_members": 1},
            message=(
                "The application has 2 members; the division accepts exactly 1 member (1 too many)."
            ),
        ),
    )
    quintet_at_most = DivisionRules(min_members=3, max_members=5)
    too_few = check_eligibility(rules=quintet_at_most, members=members[:1], on=SUBMITTED)
    assert too_few.problems[0].code == ProblemCode.TOO_FEW_MEMBERS
    assert too_few.problems[0].message == (
        "The application has 1 member; the division accepts 3 to 5 members (2 too few)."
    )
    empty = check_eligibility(rules=TRIO, members=[], on=SUBMITTED)
    assert empty.problems[0].message == (
        "The application has 0 members; the division accepts exactly 3 members (3 too few)."
    )
    assert empty.total_age == 0


def test_missing_instruments_are_reported_in_code_order():  # §10, §14.3
    members = [
        Member(birth_date=D(1990, 1, 1), instrument="violin"),
        Member(birth_date=D(1991, 1, 1), instrument="violin"),
        Member(birth_date=D(1992, 1, 1)),
    ]
    verdict = check_eligibility(rules=TRIO, members=members, on=SUBMITTED)
    assert verdict.problems == (
        Problem(
            code=ProblemCode.MISSING_INSTRUMENT,
            member=None,
            params={"instrument": "cello"},
            message="No member plays cello, which the division requires.",
        ),
        Problem(
            code=ProblemCode.MISSING_INSTRUMENT,
            member=None,
            params={"instrument": "piano"},
            message="No member plays piano, which the division requires.",
        ),
    )


def test_former_laureates_excluded_by_the_rules():  # §10
    rules = DivisionRules(
        excluded_laureates=frozenset({"schoenfeld-2023-violin-1", "schoenfeld-2021-violin-1"})
    )
    member = Member(
        birth_date=D(2000, 1, 1),
        laureate_of=frozenset(
            {"schoenfeld-2023-violin-1", "schoenfeld-2021-violin-1", "schoenfeld-2023-violin-2"}
        ),
    )
    verdict = check_eligibility(rules=rules, members=[member], on=SUBMITTED)
    assert [(p.code, p.member, dict(p.params)) for p in verdict.problems] == [
        (ProblemCode.FORMER_LAUREATE, 0, {"laureate": "schoenfeld-2021-violin-1"}),
        (ProblemCode.FORMER_LAUREATE, 0, {"laureate": "schoenfeld-2023-violin-1"}),
    ]
    assert verdict.problems[0].message == (
        "Former laureate (schoenfeld-2021-violin-1); the division excludes laureates of that prize."
    )


def trio(piano, violin, cello):
    return [
        Member(birth_date=piano, instrument="piano"),
        Member(birth_date=violin, instrument="violin"),
        Member(birth_date=cello, instrument="cello"),
    ]


def test_piano_trio_at_the_total_age_cap_is_eligible():  # §6, §14.3
    members = trio(D(1980, 8, 1), D(1985, 3, 10), D(1990, 1, 15))
    verdict = check_eligibility(rules=TRIO, members=members, on=SUBMITTED)
    assert verdict.total_age == 45 + 40 + 35
    assert verdict.eligible is True


def test_piano_trio_over_the_total_age_cap():  # §14.3
    members = trio(D(1979, 6, 15), D(1985, 3, 10), D(1990, 1, 15))
    verdict = check_eligibility(rules=TRIO, members=members, on=SUBMITTED)
    assert verdict.total_age == 121
    assert verdict.problems == (
        Problem(
            code=ProblemCode.TOTAL_AGE_OVER_CAP,
            member=None,
            params={
                "total_age": 121,
                "max_total_age": 120,
                "counted_on": "2025-08-01",
                "over_by": 1,
            },
            message=(
                "The members' ages on 1 August 2025 add up to 121 years; "
                "the division allows at most 120 (1 year over)."
            ),
        ),
    )


def test_piano_trio_with_two_violins_and_a_minor():  # §14.3
    members = [
        Member(birth_date=D(1999, 4, 2), instrument="violin"),
        Member(birth_date=D(2001, 11, 30), instrument="violin"),
        Member(birth_date=D(2010, 3, 1), instrument="cello"),
    ]
    verdict = check_eligibility(rules=TRIO, members=members, on=SUBMITTED)
    assert [(p.code.value, p.member) for p in verdict.problems] == [
        ("missing_instrument", None),
        ("born_too_late", 2),
    ]
    assert verdict.problems[0].params["instrument"] == "piano"
    assert verdict.problems[1].message == (
        "Born 1 March 2010; the division accepts birth dates on or before 1 August 2009 "
        "(7 months too young)."
    )
    assert verdict.total_age == 64
    assert verdict.minors == (2,)


def test_leap_day_member_counts_by_the_28_february_rule():  # §2, §6
    rules = DivisionRules(total_age_cap=TotalAgeCap(max_total_age=17, counted_on=D(2025, 2, 28)))
    verdict = check_eligibility(rules=rules, members=solo(D(2008, 2, 29)), on=D(2025, 3, 1))
    assert verdict.total_age == 17
    assert verdict.eligible is True


def test_member_born_after_the_counting_day_counts_zero():  # §7
    rules = DivisionRules(
        max_members=2, total_age_cap=TotalAgeCap(max_total_age=30, counted_on=D(2025, 1, 1))
    )
    members = [Member(birth_date=D(2000, 1, 1)), Member(birth_date=D(2025, 2, 1))]
    verdict = check_eligibility(rules=rules, members=members, on=D(2025, 3, 1))
    assert verdict.total_age == 25


def test_problems_are_in_a_fixed_order():  # §9
    rules = DivisionRules(
        window=BirthDateWindow(D(1992, 8, 2), D(2009, 8, 1)),
        min_members=4,
        max_members=4,
        required_instruments=frozenset({"piano", "cello"}),
        total_age_cap=TotalAgeCap(max_total_age=40, counted_on=D(2025, 8, 1)),
        excluded_laureates=frozenset({"x-1"}),
    )
    members = [
        Member(birth_date=D(2010, 3, 1), instrument="violin", laureate_of=frozenset({"x-1"})),
        Member(birth_date=D(1980, 1, 1), instrument="violin"),
        Member(birth_date=D(2000, 1, 1), instrument="cello", laureate_of=frozenset({"x-1"})),
    ]
    verdict = check_eligibility(rules=rules, members=members, on=SUBMITTED)
    assert [(p.code.value, p.member) for p in verdict.problems] == [
        ("too_few_members", None),
        ("missing_instrument", None),
        ("born_too_late", 0),
        ("former_laureate", 0),
        ("born_too_early", 1),
        ("former_laureate", 2),
        ("total_age_over_cap", None),
    ]
    assert verdict.minors == (0,)


def test_waiver_for_one_member_leaves_the_others():  # §12
    rules = DivisionRules(window=BirthDateWindow(None, D(2009, 8, 1)), max_members=2)
    members = [Member(birth_date=D(2010, 3, 1)), Member(birth_date=D(2011, 1, 1))]
    verdict = check_eligibility(
        rules=rules,
        members=members,
        on=SUBMITTED,
        exceptions=[
            Waiver(code=ProblemCode.BORN_TOO_LATE, member=1),
            Waiver(code=ProblemCode.TOTAL_AGE_OVER_CAP),
            Waiver(code=ProblemCode.BORN_TOO_EARLY, member=0),
            "former_laureate",
        ],
    )
    assert [(p.code.value, p.member) for p in verdict.problems] == [("born_too_late", 0)]
    assert [(p.code.value, p.member) for p in verdict.waived] == [("born_too_late", 1)]
    assert verdict.unused_exceptions == (
        Waiver(code=ProblemCode.BORN_TOO_EARLY, member=0),
        Waiver(code=ProblemCode.FORMER_LAUREATE),
        Waiver(code=ProblemCode.TOTAL_AGE_OVER_CAP),
    )
    assert verdict.minors == (0, 1)


def test_waiver_validation():  # §12
    assert Waiver(code="born_too_late").code is ProblemCode.BORN_TOO_LATE
    with pytest.raises(ValueError, match="not a valid ProblemCode"):
        Waiver(code="too_young")
    with pytest.raises(ValueError, match="whole ensemble"):
        Waiver(code=ProblemCode.TOTAL_AGE_OVER_CAP, member=0)
    with pytest.raises(ValueError, match="negative"):
        Waiver(code=ProblemCode.BORN_TOO_LATE, member=-1)
    with pytest.raises(ValueError, match="not a valid ProblemCode"):
        check_eligibility(rules=SOLO_2025, members=[], on=SUBMITTED, exceptions=["too_young"])
    with pytest.raises(ValueError, match="names member 1 of 1"):
        check_eligibility(
            rules=SOLO_2025,
            members=solo(D(2000, 1, 1)),
            on=SUBMITTED,
            exceptions=[Waiver(code=ProblemCode.BORN_TOO_LATE, member=1)],
        )


def test_member_born_after_the_day_of_the_check_is_an_error():  # §9
    with pytest.raises(ValueError, match="member 0 is born on 2025-03-16, after the day"):
        check_eligibility(rules=SOLO_2025, members=solo(D(2025, 3, 16)), on=SUBMITTED)


def test_rules_validation():  # §7
    with pytest.raises(ValueError, match="min_members must be at least 1"):
        DivisionRules(min_members=0)
    with pytest.raises(ValueError, match="max_members must not be smaller"):
        DivisionRules(min_members=3, max_members=2)
    with pytest.raises(ValueError, match="age_of_majority must not be negative"):
        DivisionRules(age_of_majority=-1)
    with pytest.raises(ValueError, match="max_total_age must be at least 1"):
        TotalAgeCap(max_total_age=0, counted_on=D(2025, 8, 1))


def test_problem_params_are_read_only_and_left_out_of_the_hash():  # §10
    problem = Problem(code=ProblemCode.MISSING_INSTRUMENT, member=None, params={"a": 1}, message="")
    with pytest.raises(TypeError):
        problem.params["a"] = 2  # type: ignore[index]
    assert hash(problem) == hash(
        Problem(code=ProblemCode.MISSING_INSTRUMENT, member=None, params={"a": 2}, message="")
    )


def test_codes_that_concern_one_member():  # §10
    assert [code.value for code in ProblemCode if code.concerns_member] == [
        "born_too_early",
        "born_too_late",
        "former_laureate",
    ]


def test_guardian_consent_for_minors_on_the_submission_day():  # §13
    assert needs_guardian_consent(D(2007, 3, 15), on=D(2025, 3, 14)) is True
    assert needs_guardian_consent(D(2007, 3, 15), on=D(2025, 3, 15)) is False
    assert needs_guardian_consent(D(2008, 2, 29), on=D(2026, 2, 27)) is True
    assert needs_guardian_consent(D(2008, 2, 29), on=D(2026, 2, 28)) is False
    assert needs_guardian_consent(D(2006, 1, 1), on=D(2025, 1, 1), age_of_majority=20) is True
    with pytest.raises(ValueError, match="negative"):
        needs_guardian_consent(D(2006, 1, 1), on=D(2025, 1, 1), age_of_majority=-1)
    with pytest.raises(ValueError, match="before the birth date"):
        needs_guardian_consent(D(2026, 1, 1), on=D(2025, 1, 1))


def test_minor_members_of_an_ensemble():  # §13
    members = trio(D(2008, 1, 1), D(1999, 1, 1), D(2010, 3, 1))
    assert minor_members(members, on=SUBMITTED) == (0, 2)
    assert minor_members(members, on=SUBMITTED, age_of_majority=16) == (2,)
    rules = DivisionRules(max_members=3, age_of_majority=16)
    assert check_eligibility(rules=rules, members=members, on=SUBMITTED).minors == (2,)


def test_years_months_days():  # §11
    assert years_months_days(D(2009, 8, 1), D(2010, 3, 1)) == (0, 7, 0)
    assert years_months_days(D(2025, 1, 1), D(2025, 1, 1)) == (0, 0, 0)
    assert years_months_days(D(2024, 1, 31), D(2024, 2, 29)) == (0, 1, 0)
    assert years_months_days(D(2024, 1, 31), D(2024, 3, 1)) == (0, 1, 1)
    assert years_months_days(D(2024, 3, 31), D(2024, 4, 30)) == (0, 1, 0)
    assert years_months_days(D(2008, 2, 29), D(2025, 2, 28)) == (17, 0, 0)
    assert years_months_days(D(2024, 12, 31), D(2025, 1, 1)) == (0, 0, 1)
    with pytest.raises(ValueError, match="2025-01-01 is before 2025-01-02"):
        years_months_days(D(2025, 1, 2), D(2025, 1, 1))


def add_months(day, months):
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return D(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@settings(max_examples=400, database=None)
@given(start=dates, end=dates)
def test_years_months_days_is_the_most_whole_months_then_days(start, end):  # §11 property
    assume(start <= end <= D(2100, 11, 30))
    years, months, days = years_months_days(start, end)
    assert 0 <= months < 12
    assert days >= 0
    whole = add_months(start, 12 * years + months)
    assert whole + dt.timedelta(days=days) == end
    assert add_months(start, 12 * years + months + 1) > end


def ordered_window(first, second):
    if first is not None and second is not None and first > second:
        first, second = second, first
    return BirthDateWindow(born_on_or_after=first, born_on_or_before=second)


windows = st.builds(ordered_window, st.none() | dates, st.none() | dates)


@settings(max_examples=400, database=None)
@given(window=windows, birth=dates)
def test_birth_date_problem_exactly_when_outside_the_window(window, birth):  # §10 property
    verdict = check_eligibility(
        rules=DivisionRules(window=window), members=solo(birth), on=D(2100, 12, 31)
    )
    if window.contains(birth):
        assert verdict.problems == ()
        return
    (problem,) = verdict.problems
    years, months, days = (problem.params[key] for key in ("years", "months", "days"))
    span = 12 * years + months
    if problem.code == ProblemCode.BORN_TOO_EARLY:
        assert add_months(birth, span) + dt.timedelta(days=days) == window.born_on_or_after
    else:
        assert problem.code == ProblemCode.BORN_TOO_LATE
        assert add_months(window.born_on_or_before, span) + dt.timedelta(days=days) == birth
    assert (years, months, days) != (0, 0, 0)


members_strategy = st.lists(
    st.builds(
        Member,
        birth_date=st.dates(min_value=D(1950, 1, 1), max_value=D(2025, 3, 15)),
        instrument=st.none() | st.sampled_from(["piano", "violin", "cello", "viola"]),
        laureate_of=st.frozensets(st.sampled_from(["a-1", "b-1", "c-2"])),
    ),
    max_size=6,
)
rules_strategy = st.builds(
    lambda window, low, extra, instruments, cap, laureates: DivisionRules(
        window=window,
        min_members=low,
        max_members=low + extra,
        required_instruments=instruments,
        total_age_cap=cap,
        excluded_laureates=laureates,
    ),
    windows,
    st.integers(1, 4),
    st.integers(0, 3),
    st.frozensets(st.sampled_from(["piano", "violin", "cello"])),
    st.none()
    | st.builds(
        TotalAgeCap,
        max_total_age=st.integers(1, 200),
        counted_on=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 1, 1)),
    ),
    st.frozensets(st.sampled_from(["a-1", "b-1"])),
)


@settings(max_examples=300, database=None)
@given(rules=rules_strategy, members=members_strategy)
def test_waiving_every_code_makes_the_application_eligible(rules, members):  # §12 property
    plain = check_eligibility(rules=rules, members=members, on=SUBMITTED)
    verdict = check_eligibility(
        rules=rules, members=members, on=SUBMITTED, exceptions=[code.value for code in ProblemCode]
    )
    assert verdict.eligible is True
    assert verdict.waived == plain.problems
    assert verdict.minors == plain.minors
    assert verdict.total_age == plain.total_age


@settings(max_examples=300, database=None)
@given(rules=rules_strategy, members=members_strategy, data=st.data())
def test_waivers_split_the_problems_keeping_their_order(rules, members, data):  # §9, §12 property
    plain = check_eligibility(rules=rules, members=members, on=SUBMITTED)
    chosen = data.draw(st.lists(st.sampled_from(plain.problems))) if plain.problems else []
    waivers = [Waiver(code=p.code, member=p.member) for p in chosen]
    verdict = check_eligibility(rules=rules, members=members, on=SUBMITTED, exceptions=waivers)
    covered = [any(w.covers(p) for w in waivers) for p in plain.problems]
    assert verdict.waived == tuple(p for p, c in zip(plain.problems, covered, strict=True) if c)
    assert verdict.problems == tuple(
        p for p, c in zip(plain.problems, covered, strict=True) if not c
    )
    assert set(chosen) <= set(verdict.waived)
    assert verdict.unused_exceptions == ()


@settings(max_examples=400, database=None)
@given(birth=dates, on=dates, majority=st.integers(0, 25))
def test_guardian_consent_matches_the_window_of_adults(birth, on, majority):  # §13 property
    assume(birth <= on and on.year - majority > 1)
    adults = window_for_ages(youngest=majority, oldest=None, on=on)
    assert needs_guardian_consent(birth, on=on, age_of_majority=majority) is (
        not adults.contains(birth)
    )
