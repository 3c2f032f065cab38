"""The charts' arithmetic: round bin widths and axis ticks."""

from decimal import Decimal as D

import pytest

from concours.publication.charts import nice_step, score_bins, ticks


@pytest.mark.parametrize(
    ("span", "step"),
    [(D(8), D("1")), (D(24), D("2.5")), (D("0.9"), D("0.1")), (D(100), D(10)), (D(0), D(1))],
)
def test_nice_step(span, step):
    assert nice_step(span) == step


def test_ticks_on_a_one_to_twenty_five_scale():
    assert ticks(D(1), D(25)) == [D(1), D(5), D(10), D(15), D(20), D(25)]


def test_bins_cover_every_score_once_the_last_one_closed():
    bins = score_bins([D("13.00"), D("15.50"), D("18.50"), D("21.00")])
    assert [(b.label, b.count) for b in bins] == [
        ("[13, 14)", 1), ("[14, 15)", 0), ("[15, 16)", 1), ("[16, 17)", 0), ("[17, 18)", 0),
        ("[18, 19)", 1), ("[19, 20)", 0), ("[20, 21)", 0), ("[21, 22]", 1),
    ]  # fmt: skip
    assert sum(b.count for b in bins) == 4


def test_one_score_makes_one_bin():
    assert [(b.label, b.count) for b in score_bins([D("20.5")])] == [("[20, 21]", 1)]
    assert score_bins([]) == []
