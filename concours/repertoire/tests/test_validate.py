"""Checking programmes; sections refer to docs/algorithms/repertoire.md."""

from types import MappingProxyType

import pytest

from concours.repertoire import (
    CategoryTally,
    Piece,
    Problem,
    ProblemCode,
    Report,
    Requirement,
    RoundRules,
    validate_application,
    validate_programme,
)
from concours.repertoire.tests.schoenfeld import (
    ADAGIO,
    CAPRICE_24,
    CATEGORIES,
    CHACONNE,
    FINAL,
    FINAL_MUDDLED,
    FUGA,
    GIGUE,
    ROUND_1,
    ROUND_1_GOOD,
    ROUND_1_NO_CAPRICE,
    ROUND_2,
    ROUND_2_DOUBLE_TAG,
    ROUND_2_REPEAT,
    ROUNDS,
    TCHAIKOVSKY,
    TZIGANE,
    piece,
)

TARANTELLE = piece("Wieniawski", "Scherzo-Tarantelle, Op. 16", "", "5:00", "virtuoso-piece")
RECITAL = RoundRules(number=1, name="Recital", min_duration=600, max_duration=900)


def codes(report: Report) -> list[tuple[str, int, int | None]]:
    return [(problem.code.value, problem.round, problem.piece_index) for problem in report.problems]


# §5 Counting categories


def test_a_piece_counts_in_every_category_it_carries():  # §5, §11.4
    report = validate_programme(rules=ROUND_2, pieces=ROUND_2_DOUBLE_TAG)
    totals = report.totals_of(3)
    assert totals.count("chinese-commission") == 1
    assert totals.count("virtuoso-piece") == 1
    assert codes(report) == [("too_short", 3, None)]
    assert report.messages == ("Round 2 lasts 36:00; the minimum is 40:00 (4:00 too short).",)


# §6 Checks of one round


def test_a_programme_that_meets_every_rule_has_no_problem():  # §6, §11.1
    report = validate_programme(rules=ROUND_1, pieces=ROUND_1_GOOD)
    assert report.ok is True
    assert report.problems == ()
    assert report.messages == ()


def test_empty_programme_is_the_only_problem_of_its_round():  # §6.1
    report = validate_programme(rules=ROUND_1, pieces=[])
    assert report.problems == (
        Problem(
            code=ProblemCode.EMPTY_PROGRAMME,
            round=2,
            params={"round": "Round 1", "round_number": 2},
        ),
    )
    assert report.messages == ("Round 1 has no pieces yet.",)
    assert report.totals_of(2).pieces == 0


def test_bad_duration_leaves_the_window_unchecked():  # §6.2, §6.5
    rules = RoundRules(number=1, name="Recital", max_duration=600)
    pieces = [
        piece("Ysaÿe", "Sonata No. 3, Op. 27", "", "7:00"),
        piece("Ernst", "The Last Rose of Summer", "", ""),
    ]
    report = validate_programme(rules=rules, pieces=pieces)
    (problem,) = report.problems
    assert (problem.code, problem.piece_index) == (ProblemCode.BAD_DURATION, 1)
    assert dict(problem.params) == {
        "round": "Recital",
        "round_number": 1,
        "piece": 2,
        "title": "Ernst: The Last Rose of Summer",
    }
    assert problem.message == (
        "Piece 2 of Recital (“Ernst: The Last Rose of Summer”) has no valid duration; "
        "enter it as m:ss, such as 4:30."
    )
    totals = report.totals_of(1)
    assert (totals.duration, totals.without_duration, totals.complete) == (420, 1, False)
    assert (totals.shortfall, totals.excess) == (None, None)


def test_unknown_category_names_the_known_ones():  # §6.3, §11.5
    report = validate_programme(rules=FINAL, pieces=FINAL_MUDDLED)
    unknown = next(p for p in report.problems if p.code is ProblemCode.UNKNOWN_CATEGORY)
    assert dict(unknown.params) == {
        "round": "Final",
        "round_number": 4,
        "piece": 2,
        "title": "tchaikovsky: Violin concerto in D major op. 35",
        "category": "encore",
        "known": "concerto",
    }
    assert unknown.message == (
        "Piece 2 of Final (“tchaikovsky: Violin concerto in D major op. 35”) has the category "
        "“encore”, which Final does not know (its categories are concerto)."
    )


def test_unknown_category_accepts_the_editions_categories():  # §6.3
    caprice_as_virtuoso = piece("Paganini", "Caprice No. 5", "", "2:40", "virtuoso-piece")
    rules = RoundRules(number=1, name="Recital")
    alone = validate_programme(rules=rules, pieces=[caprice_as_virtuoso])
    assert alone.messages == (
        "Piece 1 of Recital (“Paganini: Caprice No. 5”) has the category “virtuoso-piece”, "
        "which Recital does not know (it has no categories).",
    )
    with_edition = validate_programme(
        rules=rules, pieces=[caprice_as_virtuoso], categories=CATEGORIES
    )
    assert with_edition.ok is True
    assert with_edition.totals_of(1).tallies == (CategoryTally(category="virtuoso-piece", count=1),)


def test_unknown_categories_of_one_piece_are_listed_by_code():  # §6.3, §8
    rules = RoundRules(number=1, name="Recital")
    report = validate_programme(rules=rules, pieces=[piece("A", "B", "", "1:00", "z", "a", "m")])
    assert [p.params["category"] for p in report.problems] == ["a", "m", "z"]


def test_missing_category_says_how_many_are_needed():  # §6.4, §11.2
    report = validate_programme(rules=ROUND_1, pieces=[CAPRICE_24, CHACONNE, TARANTELLE])
    (problem,) = report.problems
    assert problem.code is ProblemCode.MISSING_CATEGORY
    assert problem.piece_index is None
    assert dict(problem.params) == {
        "round": "Round 1",
        "round_number": 2,
        "category": "bach-solo",
        "minimum": 2,
        "count": 1,
    }
    assert problem.message == (
        "Round 1 needs at least 2 pieces in category “bach-solo”; the programme has 1."
    )


def test_too_many_in_category():  # §6.4
    gavotte = piece(
        "J. S. Bach", "Partita No. 3 in E major, BWV 1006", "Gavotte", "3:00", "bach-solo"
    )
    pieces = [CAPRICE_24, ADAGIO, FUGA, gavotte, TARANTELLE]
    report = validate_programme(rules=ROUND_1, pieces=pieces)
    (problem,) = report.problems
    assert problem.code is ProblemCode.TOO_MANY_IN_CATEGORY
    assert dict(problem.params) == {
        "round": "Round 1",
        "round_number": 2,
        "category": "bach-solo",
        "maximum": 2,
        "count": 3,
    }
    assert problem.message == (
        "Round 1 allows at most 2 pieces in category “bach-solo”; the programme has 3 (1 too many)."
    )
    assert report.totals_of(2).tallies[1].excess == 1


def test_at_most_one_piece_reads_in_the_singular():  # §6.4, §10
    rules = RoundRules(
        number=1, name="Recital", requirements=(Requirement(category="x", max_count=1),)
    )
    pieces = [piece("A", "B", "", "1:00", "x"), piece("A", "C", "", "1:00", "x")]
    (problem,) = validate_programme(rules=rules, pieces=pieces).problems
    assert problem.message == (
        "Recital allows at most 1 piece in category “x”; the programme has 2 (1 too many)."
    )


def test_too_long_and_missing_category():  # §6.4, §6.5, §11.2
    report = validate_programme(rules=ROUND_1, pieces=ROUND_1_NO_CAPRICE)
    assert codes(report) == [("missing_category", 2, None), ("too_long", 2, None)]
    too_long = report.problems[1]
    assert dict(too_long.params) == {
        "round": "Round 1",
        "round_number": 2,
        "duration": "27:40",
        "duration_seconds": 1660,
        "maximum": "25:00",
        "maximum_seconds": 1500,
        "excess": "2:40",
        "excess_seconds": 160,
    }
    assert report.messages == (
        "Round 1 needs at least 1 piece in category “paganini-caprice”; the programme has none.",
        "Round 1 lasts 27:40; the maximum is 25:00 (2:40 too long).",
    )


def test_too_short():  # §6.5
    report = validate_programme(rules=RECITAL, pieces=[piece("A", "B", "", "8:30")])
    (problem,) = report.problems
    assert dict(problem.params) == {
        "round": "Recital",
        "round_number": 1,
        "duration": "8:30",
        "duration_seconds": 510,
        "minimum": "10:00",
        "minimum_seconds": 600,
        "shortfall": "1:30",
        "shortfall_seconds": 90,
    }
    assert problem.message == "Recital lasts 8:30; the minimum is 10:00 (1:30 too short)."


@pytest.mark.parametrize("duration", ["10:00", "12:34", "15:00"])
def test_window_includes_both_ends(duration):  # §6.5
    report = validate_programme(rules=RECITAL, pieces=[piece("A", "B", "", duration)])
    assert report.ok is True
    assert (report.totals_of(1).shortfall, report.totals_of(1).excess) == (0, 0)


def test_open_window_checks_nothing():  # §6.5
    rules = RoundRules(number=1, name="Recital")
    report = validate_programme(rules=rules, pieces=[piece("A", "B", "", "3:00:00")])
    assert report.ok is True
    assert (report.totals_of(1).shortfall, report.totals_of(1).excess) == (None, None)


def test_long_durations_read_as_h_mm_ss():  # §6.5, §2.1
    report = validate_programme(rules=RECITAL, pieces=[piece("A", "B", "", "1:02:05")])
    assert report.messages == ("Recital lasts 1:02:05; the maximum is 15:00 (47:05 too long).",)


# §7 Across rounds


def test_repeated_piece_of_an_earlier_round():  # §7.1, §11.3
    report = validate_programme(
        rules=ROUND_2, pieces=ROUND_2_REPEAT, earlier_rounds={ROUND_1: ROUND_1_NO_CAPRICE}
    )
    (problem,) = report.problems
    assert (problem.code, problem.round, problem.piece_index) == (
        ProblemCode.REPEATED_PIECE,
        3,
        1,
    )
    assert dict(problem.params) == {
        "round": "Round 2",
        "round_number": 3,
        "piece": 2,
        "title": "RAVEL: Tzigane.",
        "earlier_round": "Round 1",
        "earlier_round_number": 2,
        "earlier_piece": 3,
    }
    assert problem.message == (
        "Piece 2 of Round 2 (“RAVEL: Tzigane.”) is already in the programme of Round 1 "
        "(piece 3); Round 2 may not repeat pieces of earlier rounds."
    )


def test_repeats_are_allowed_where_the_round_says_so():  # §7.1
    lenient = RoundRules(
        number=3, name="Round 2", min_duration=2400, max_duration=3000,
        requirements=ROUND_2.requirements, may_repeat=True,
    )  # fmt: skip
    report = validate_programme(
        rules=lenient, pieces=ROUND_2_REPEAT, earlier_rounds={ROUND_1: ROUND_1_NO_CAPRICE}
    )
    assert report.ok is True


def test_repeat_names_the_earliest_round_it_was_in():  # §7.1
    prelude = RoundRules(number=1, name="Pre-selection")
    report = validate_programme(
        rules=ROUND_2,
        pieces=ROUND_2_REPEAT,
        earlier_rounds={ROUND_1: ROUND_1_NO_CAPRICE, prelude: [GIGUE, TZIGANE, TZIGANE]},
    )
    (problem,) = report.problems
    assert (problem.params["earlier_round"], problem.params["earlier_piece"]) == (
        "Pre-selection",
        2,
    )


def test_earlier_rounds_must_be_earlier_and_distinct():  # §7.1
    with pytest.raises(ValueError, match=r"rounds \[3, 4\] are not earlier than round 3"):
        validate_programme(rules=ROUND_2, pieces=[], earlier_rounds={ROUND_2: [], FINAL: []})
    twin = RoundRules(number=2, name="Round 1 (again)")
    with pytest.raises(ValueError, match="same number"):
        validate_programme(rules=ROUND_2, pieces=[], earlier_rounds={ROUND_1: [], twin: []})


def test_duplicate_in_round_is_not_also_a_repeat():  # §7.3, §11.5
    report = validate_programme(
        rules=FINAL,
        pieces=FINAL_MUDDLED,
        earlier_rounds={ROUND_1: [TCHAIKOVSKY]},
    )
    assert codes(report) == [
        ("bad_duration", 4, 1),
        ("unknown_category", 4, 1),
        ("duplicate_in_round", 4, 1),
        ("repeated_piece", 4, 0),
    ]
    duplicate = report.problems[2]
    assert dict(duplicate.params) == {
        "round": "Final",
        "round_number": 4,
        "piece": 2,
        "title": "tchaikovsky: Violin concerto in D major op. 35",
        "first_piece": 1,
    }
    assert duplicate.message == (
        "Piece 2 of Final (“tchaikovsky: Violin concerto in D major op. 35”) is the same as "
        "piece 1; a round may not contain a piece twice."
    )


def test_duplicates_are_reported_even_where_repeats_are_allowed():  # §7.3
    lenient = RoundRules(
        number=1,
        name="Recital",
        requirements=(Requirement(category="bach-solo"),),
        may_repeat=True,
    )
    report = validate_programme(rules=lenient, pieces=[CHACONNE, GIGUE, CHACONNE])
    assert codes(report) == [("duplicate_in_round", 1, 2)]


def test_validate_application_checks_every_round():  # §7.2, §11.6
    report = validate_application(
        rounds=ROUNDS,
        programmes={2: ROUND_1_NO_CAPRICE, 3: ROUND_2_REPEAT},
        categories=CATEGORIES,
    )
    assert codes(report) == [
        ("missing_category", 2, None),
        ("too_long", 2, None),
        ("repeated_piece", 3, 1),
        ("empty_programme", 4, None),
    ]
    assert [totals.rules.number for totals in report.totals] == [2, 3, 4]
    assert [problem.code for problem in report.problems_of(3)] == [ProblemCode.REPEATED_PIECE]
    assert report.messages[-1] == "Final has no pieces yet."


def test_validate_application_takes_rounds_in_any_order():  # §7.2
    programmes = {2: ROUND_1_GOOD, 3: ROUND_2_REPEAT, 4: [TCHAIKOVSKY]}
    forwards = validate_application(rounds=ROUNDS, programmes=programmes)
    backwards = validate_application(rounds=tuple(reversed(ROUNDS)), programmes=programmes)
    assert forwards == backwards
    assert forwards.ok is True  # Tzigane is no repeat: round 1 played Zigeunerweisen


def test_validate_application_rejects_inconsistent_input():  # §7.2
    with pytest.raises(ValueError, match="same number"):
        validate_application(rounds=[ROUND_1, ROUND_1], programmes={})
    with pytest.raises(ValueError, match=r"rounds that are not given: \[1, 9\]"):
        validate_application(rounds=ROUNDS, programmes={9: [], 1: [], 2: []})


# §8 Order


def test_problems_are_ordered_by_round_kind_and_piece():  # §8
    messy = [
        piece("A", "One", "", "", "x", "?"),
        piece("A", "Two", "", "1:00", "?"),
        piece("a", "one", "", "1:00"),
    ]
    rules = RoundRules(
        number=5,
        name="Recital",
        max_duration=60,
        requirements=(Requirement(category="y"), Requirement(category="x", max_count=1)),
    )
    early = RoundRules(number=1, name="Early")
    report = validate_application(
        rounds=[rules, early], programmes={5: messy, 1: [piece("A", "Two", "", "")]}
    )
    assert codes(report) == [
        ("bad_duration", 1, 0),
        ("bad_duration", 5, 0),
        ("unknown_category", 5, 0),
        ("unknown_category", 5, 1),
        ("duplicate_in_round", 5, 2),
        ("repeated_piece", 5, 1),
        ("missing_category", 5, None),
    ]


def test_problem_codes_have_a_fixed_rank():  # §8
    assert [code.value for code in sorted(ProblemCode, key=lambda code: code.rank)] == [
        "empty_programme",
        "bad_duration",
        "unknown_category",
        "duplicate_in_round",
        "repeated_piece",
        "missing_category",
        "too_many_in_category",
        "too_short",
        "too_long",
    ]


# §9 Totals


def test_totals_for_the_live_display():  # §9, §11.1
    totals = validate_programme(rules=ROUND_1, pieces=ROUND_1_GOOD).totals_of(2)
    assert (totals.pieces, totals.duration, totals.duration_text) == (4, 1370, "22:50")
    assert (totals.complete, totals.shortfall, totals.excess) == (True, 0, 0)
    assert totals.tallies == (
        CategoryTally(category="paganini-caprice", count=1, min_count=1),
        CategoryTally(category="bach-solo", count=2, min_count=2, max_count=2),
        CategoryTally(category="virtuoso-piece", count=1, min_count=1),
    )
    assert totals.count("bach-solo") == 2
    assert totals.count("concerto") == 0


def test_tallies_list_other_categories_after_the_required_ones():  # §9
    pieces = [piece("A", "B", "", "1:00", "zeta", "alpha", "x")]
    rules = RoundRules(number=1, name="R", requirements=(Requirement(category="x"),))
    totals = validate_programme(rules=rules, pieces=pieces, categories={"alpha", "zeta"})
    assert [tally.category for tally in totals.totals_of(1).tallies] == ["x", "alpha", "zeta"]


def test_category_tally_missing_and_excess():  # §9
    assert CategoryTally(category="x", count=0, min_count=2).missing == 2
    assert CategoryTally(category="x", count=3, min_count=2).missing == 0
    assert CategoryTally(category="x", count=3).missing == 0
    assert CategoryTally(category="x", count=3).excess == 0
    assert CategoryTally(category="x", count=3, min_count=1, max_count=2).excess == 1
    assert CategoryTally(category="x", count=1, min_count=1, max_count=2).excess == 0


def test_totals_of_an_unknown_round():  # §9
    report = validate_programme(rules=ROUND_1, pieces=ROUND_1_GOOD)
    with pytest.raises(KeyError):
        report.totals_of(3)
    assert report.problems_of(3) == ()


# §10 Problems as data


def test_params_are_plain_and_read_only():  # §10
    report = validate_programme(
        rules=ROUND_2, pieces=ROUND_2_REPEAT, earlier_rounds={ROUND_1: ROUND_1_NO_CAPRICE}
    )
    for problem in report.problems:
        assert isinstance(problem.params, MappingProxyType)
        assert all(type(value) in (int, str) for value in problem.params.values())
    with pytest.raises(TypeError):
        report.problems[0].params["round"] = "x"


def test_problem_message_comes_from_code_and_params_only():  # §10
    problem = Problem(
        code=ProblemCode.TOO_LONG,
        round=2,
        params={"round": "第一轮", "duration": "27:40", "maximum": "25:00", "excess": "2:40"},
    )
    assert problem.message == "第一轮 lasts 27:40; the maximum is 25:00 (2:40 too long)."
    assert hash(problem) == hash(Problem(code=ProblemCode.TOO_LONG, round=2))
    assert problem.sort_key == (2, ProblemCode.TOO_LONG.rank, -1)


def test_titles_with_braces_are_quoted_as_typed():  # §10
    odd = Piece(composer="{round}", work="Op. {1}", duration=60)
    report = validate_programme(rules=RoundRules(number=1, name="R"), pieces=[odd, odd])
    assert report.messages == (
        "Piece 2 of R (“{round}: Op. {1}”) is the same as piece 1; "
        "a round may not contain a piece twice.",
    )


# §11 Worked examples (the ones not covered above)


def test_worked_example_muddled_final():  # §11.5
    report = validate_programme(rules=FINAL, pieces=FINAL_MUDDLED, categories=CATEGORIES)
    title = "tchaikovsky: Violin concerto in D major op. 35"
    assert report.messages == (
        f"Piece 2 of Final (“{title}”) has no valid duration; enter it as m:ss, such as 4:30.",
        f"Piece 2 of Final (“{title}”) has the category “encore”, which Final does not know "
        "(its categories are bach-solo, chinese-commission, concerto, paganini-caprice, sonata, "
        "virtuoso-piece).",
        f"Piece 2 of Final (“{title}”) is the same as piece 1; a round may not contain a piece "
        "twice.",
    )
    totals = report.totals_of(4)
    assert (totals.duration_text, totals.without_duration, totals.count("concerto")) == (
        "34:00",
        1,
        2,
    )
