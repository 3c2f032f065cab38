"""Property tests of the repertoire core; sections refer to docs/algorithms/repertoire.md."""

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concours.repertoire import (
    DurationFormatError,
    Piece,
    Requirement,
    RoundRules,
    format_duration,
    normalise,
    parse_duration,
    validate_application,
    validate_programme,
)

CODES = ["caprice", "bach", "virtuoso", "sonata", "commission", "concerto"]
seconds = st.integers(min_value=1, max_value=200 * 3600)


@settings(max_examples=500, database=None)
@given(value=seconds)
def test_parse_reads_what_format_writes(value):  # §2.1, §2.2
    text = format_duration(value)
    assert parse_duration(text) == value
    assert re.fullmatch(r"[1-9]?\d:\d\d|[1-9]\d*:\d\d:\d\d", text)


@settings(max_examples=500, database=None)
@given(minutes=st.integers(0, 59), secs=st.integers(0, 59), hours=st.integers(0, 30))
def test_format_writes_back_a_canonical_text(minutes, secs, hours):  # §2.1, §2.2
    if hours == minutes == secs == 0:
        return
    text = f"{hours}:{minutes:02d}:{secs:02d}"
    canonical = text if hours else f"{minutes}:{secs:02d}"
    assert format_duration(parse_duration(text)) == canonical


GRAMMAR = re.compile(r"[0-9]+:[0-5][0-9](:[0-5][0-9])?")
duration_like = st.text(alphabet="0123456789:：５ -.", max_size=10) | st.text(max_size=10)


@settings(max_examples=1000, database=None)
@given(text=duration_like)
def test_parse_reads_exactly_the_grammar(text):  # §2.2, §2.3
    cleaned = unicodedata.normalize("NFKC", text).strip()
    readable = GRAMMAR.fullmatch(cleaned) is not None and set(cleaned) - {"0", ":"} != set()
    if readable:
        assert parse_duration(text) >= 1
    else:
        with pytest.raises(DurationFormatError):
            parse_duration(text)


@settings(max_examples=500, database=None)
@given(text=st.text(max_size=40))
def test_normalise_is_idempotent(text):  # §3.2
    assert normalise(normalise(text)) == normalise(text)


words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüéèçøå0123456789", min_size=1, max_size=8),
    min_size=1,
    max_size=6,
)
separators = st.lists(st.sampled_from([" ", "  ", ", ", ". ", "-", " – ", "\t", "/", "; "]))


@settings(max_examples=300, database=None)
@given(parts=words, seps=separators, upper=st.booleans())
def test_keys_ignore_case_spaces_and_punctuation(parts, seps, upper):  # §3.2
    plain = " ".join(parts)
    spelled = "".join(part + (seps[i % len(seps)] if seps else " ") for i, part in enumerate(parts))
    spelled = spelled.upper() if upper else spelled
    assert normalise(spelled) == normalise(plain)


@st.composite
def round_with_fitting_programme(draw, number=1, prefix="w"):
    """Rules and a programme built to meet them: each requirement gets a count between its
    bounds, the total duration lies in the window, and every piece is different (§6)."""
    codes = draw(st.lists(st.sampled_from(CODES), unique=True, max_size=4))
    requirements = []
    pieces = []
    for code in codes:
        minimum = draw(st.integers(1, 3))
        maximum = draw(st.one_of(st.none(), st.integers(minimum, 4)))
        count = draw(st.integers(minimum, maximum if maximum is not None else minimum + 2))
        requirements.append(Requirement(category=code, min_count=minimum, max_count=maximum))
        pieces.extend({code} for _ in range(count))
    free = draw(st.integers(0 if pieces else 1, 2))
    pieces.extend(set() for _ in range(free))
    # A piece may carry a second required category and count in both (§5); that keeps the
    # counts within bounds when the second category has no maximum.
    unbounded = [r.category for r in requirements if r.max_count is None]
    for categories in pieces:
        if unbounded and draw(st.booleans()):
            categories.add(draw(st.sampled_from(unbounded)))
    total = draw(st.integers(len(pieces), 4 * 3600))
    minimum_duration = draw(st.one_of(st.none(), st.integers(1, total)))
    maximum_duration = draw(st.one_of(st.none(), st.integers(total, 5 * 3600)))
    share, rest = divmod(total, len(pieces))
    programme = [
        Piece(
            composer=f"Composer {prefix}",
            work=f"Work {prefix} {index}",
            duration=share + (rest if index == 0 else 0),
            categories=frozenset(categories),
        )
        for index, categories in enumerate(pieces)
    ]
    rules = RoundRules(
        number=number,
        name=f"Round {number}",
        min_duration=minimum_duration,
        max_duration=maximum_duration,
        requirements=tuple(requirements),
        may_repeat=draw(st.booleans()),
    )
    return rules, draw(st.permutations(programme))


@settings(max_examples=300, database=None)
@given(data=round_with_fitting_programme())
def test_a_programme_that_meets_every_requirement_yields_no_problem(data):  # §6
    rules, programme = data
    report = validate_programme(rules=rules, pieces=programme)
    assert report.problems == ()
    totals = report.totals_of(rules.number)
    assert totals.pieces == len(programme)
    assert all(tally.missing == tally.excess == 0 for tally in totals.tallies)


@settings(max_examples=200, database=None)
@given(st.data())
def test_an_application_of_fitting_distinct_rounds_yields_no_problem(data):  # §7.2
    count = data.draw(st.integers(1, 4))
    rounds = [
        data.draw(round_with_fitting_programme(number=number, prefix=str(number)))
        for number in range(1, count + 1)
    ]
    report = validate_application(
        rounds=[rules for rules, _ in rounds],
        programmes={rules.number: programme for rules, programme in rounds},
    )
    assert report.problems == ()


pieces = st.builds(
    Piece,
    composer=st.sampled_from(["Bach", "BACH", "Paganini"]),
    work=st.sampled_from(["Partita 2", "partita no. 2", "Caprice 24"]),
    movements=st.sampled_from(["", "Chaconne"]),
    duration=st.one_of(st.none(), st.integers(1, 1200)),
    categories=st.frozensets(st.sampled_from([*CODES, "other"]), max_size=3),
)
requirements = st.lists(
    st.builds(
        Requirement,
        category=st.sampled_from(CODES),
        min_count=st.integers(1, 2),
        max_count=st.one_of(st.none(), st.integers(2, 3)),
    ),
    unique_by=lambda requirement: requirement.category,
    max_size=3,
)


@st.composite
def rules_of(draw, number):
    low = draw(st.one_of(st.none(), st.integers(1, 1800)))
    high = draw(st.one_of(st.none(), st.integers(low or 1, 3600)))
    return RoundRules(
        number=number,
        name=f"Round {number}",
        min_duration=low,
        max_duration=high,
        requirements=tuple(draw(requirements)),
        may_repeat=draw(st.booleans()),
    )


@settings(max_examples=300, database=None)
@given(st.data())
def test_application_is_each_round_against_the_rounds_before(data):  # §7.2, §8
    count = data.draw(st.integers(1, 4))
    rounds = [data.draw(rules_of(number)) for number in range(1, count + 1)]
    programmes = {
        rules.number: data.draw(st.lists(pieces, max_size=5))
        for rules in rounds
        if data.draw(st.booleans())
    }
    report = validate_application(rounds=rounds, programmes=programmes, categories={"other"})
    expected = []
    for position, rules in enumerate(rounds):
        single = validate_programme(
            rules=rules,
            pieces=programmes.get(rules.number, []),
            earlier_rounds={r: programmes.get(r.number, []) for r in rounds[:position]},
            categories={"other"},
        )
        expected.extend(single.problems)
        assert report.totals_of(rules.number) == single.totals_of(rules.number)
    assert report.problems == tuple(expected)
    keys = [problem.sort_key for problem in report.problems]
    assert keys == sorted(keys)
    for problem in report.problems:
        assert problem.message
        assert all(type(value) in (int, str) for value in problem.params.values())
