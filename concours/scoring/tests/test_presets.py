"""Named rules and rules built from stored parameters; sections refer to
docs/algorithms/scoring.md."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from concours.scoring.model import Abstention, Method, Rounding, Rule, Scale
from concours.scoring.numbers import RoundingMode
from concours.scoring.presets import (
    CHOPIN_2025_WEIGHTS,
    PRESET_NAMES,
    PRESETS,
    build_rule,
    chopin_2025,
    preset,
)

D = Decimal
ONE_TO_25 = Scale(D(1), D(25))
KNOWN = (
    "abstention, deviation, lower_quorum_by_abstentions, min_marks_per_juror, outlier_limit, "
    "places, round_first_average, rounding, scale, step, ties_at_cut, trim, trim_min_marks, yes_quorum"
)


def exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


# §7.1 named presets


@pytest.mark.parametrize(("stage", "deviation"), [(1, 3), (2, 2), (3, 2), (4, 2)])
def test_chopin_2025_deviation_by_stage(stage, deviation):  # §7.1: D = 3, then 2
    assert chopin_2025(stage) == Rule(
        Method.CLAMPED_MEAN,
        ONE_TO_25,
        Rounding(2, RoundingMode.HALF_UP),
        deviation=D(deviation),
        round_first_average=True,
    )


@pytest.mark.parametrize("stage", [0, 5])
def test_chopin_2025_has_four_stages(stage):  # §7.1
    with pytest.raises(ValueError, match=exactly("the Chopin 2025 rule has stages 1 to 4")):
        chopin_2025(stage)


def test_chopin_2025_weights():  # §6, §7.1
    assert dict(CHOPIN_2025_WEIGHTS) == {
        1: (D(1),),
        2: (D("0.30"), D("0.70")),
        3: (D("0.10"), D("0.20"), D("0.70")),
        4: (D("0.10"), D("0.20"), D("0.35"), D("0.35")),
    }
    assert {stages: sum(weights) for stages, weights in CHOPIN_2025_WEIGHTS.items()} == {
        1: 1,
        2: 1,
        3: 1,
        4: 1,
    }


def test_every_named_preset_and_its_parameters():  # §7.1
    assert dict(PRESETS) == {
        "mean": Rule(Method.MEAN, ONE_TO_25),
        "clamped-mean": Rule(Method.CLAMPED_MEAN, ONE_TO_25, deviation=D(3)),
        "trimmed-mean": Rule(
            Method.TRIMMED_MEAN, Scale(D(0), D(25), D("0.5")), trim=1, trim_min_marks=3
        ),
        "egta": Rule(Method.DELETE_OUTLIERS, Scale(D(1), D(100)), outlier_limit=D(15)),
        "median": Rule(Method.MEDIAN, ONE_TO_25),
        "yes-count": Rule(Method.YES_COUNT, ONE_TO_25),
        "yes-share": Rule(Method.YES_SHARE, ONE_TO_25),
        "standardised": Rule(Method.STANDARDISED, ONE_TO_25, min_marks_per_juror=5),
    }
    assert all(rule.rounding == Rounding(2, RoundingMode.HALF_UP) for rule in PRESETS.values())
    assert all(rule.abstention is Abstention.EXCLUDE for rule in PRESETS.values())


def test_preset_names():  # §7.1
    assert PRESET_NAMES == (
        "chopin-2025",
        "mean",
        "clamped-mean",
        "trimmed-mean",
        "egta",
        "median",
        "yes-count",
        "yes-share",
        "standardised",
    )


def test_preset_chopin_stage_defaults_to_1():  # §7.1
    assert preset("chopin-2025") == chopin_2025(1)
    assert preset("chopin-2025", stage=3) == chopin_2025(3)


def test_preset_stage_matters_only_to_chopin():  # §7.1
    assert preset("median", stage=3) is PRESETS["median"]


def test_preset_unknown_name():  # §7.1
    message = f"unknown preset “nope”; known: {', '.join(PRESET_NAMES)}"
    with pytest.raises(ValueError, match=exactly(message)):
        preset("nope")


# §7.2 stored parameters


def test_build_rule_without_parameters_is_the_preset():  # §7.2
    assert build_rule("egta", {}) == PRESETS["egta"]
    assert build_rule("chopin-2025", {}, stage=2) == chopin_2025(2)


@pytest.mark.parametrize(
    ("parameters", "scale"),
    [
        ({"scale": [0, 10]}, Scale(D(0), D(10))),
        ({"scale": ("0.5", D(10))}, Scale(D("0.5"), D(10))),
        ({"step": "0.5"}, Scale(D(1), D(25), D("0.5"))),
        ({"scale": [0, 10], "step": D("0.25")}, Scale(D(0), D(10), D("0.25"))),
    ],
)
def test_build_rule_scale_and_step(parameters, scale):  # §7.2, §3.1
    assert build_rule("mean", parameters).scale == scale


def test_build_rule_rounding():  # §7.2, §2.2
    assert build_rule("mean", {"places": 3, "rounding": "half-even"}).rounding == Rounding(
        3, RoundingMode.HALF_EVEN
    )
    assert build_rule("mean", {"places": 0}).rounding == Rounding(0, RoundingMode.HALF_UP)
    assert build_rule("mean", {"rounding": "down"}).rounding == Rounding(2, RoundingMode.DOWN)


def test_build_rule_abstention():  # §7.2, §3.4
    assert build_rule("mean", {"abstention": "impute-mean"}).abstention is Abstention.IMPUTE_MEAN


@pytest.mark.parametrize(
    ("name", "parameters", "expected"),
    [
        ("clamped-mean", {"deviation": 2}, {"deviation": D(2)}),
        ("chopin-2025", {"deviation": "2.5"}, {"deviation": D("2.5")}),
        ("clamped-mean", {"round_first_average": False}, {"round_first_average": False}),
        ("egta", {"outlier_limit": D(10)}, {"outlier_limit": D(10)}),
        ("trimmed-mean", {"trim": 2, "trim_min_marks": 5}, {"trim": 2, "trim_min_marks": 5}),
        ("yes-count", {"yes_quorum": 9}, {"yes_quorum": 9}),
        (
            "yes-share",
            {"lower_quorum_by_abstentions": True},
            {"lower_quorum_by_abstentions": True},
        ),
        ("standardised", {"min_marks_per_juror": 3}, {"min_marks_per_juror": 3}),
    ],
)
def test_build_rule_method_parameters(name, parameters, expected):  # §7.2
    rule = build_rule(name, parameters)
    assert {field: getattr(rule, field) for field in expected} == expected
    assert rule.method is preset(name).method


def test_build_rule_keeps_the_chopin_stage():  # §7.2
    assert build_rule("chopin-2025", {"places": 2}, stage=3).deviation == D(2)


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"zeta": 1, "alpha": 2}, f"unknown scoring parameter “alpha”; known: {KNOWN}"),
        ({"scale": "1-25"}, "scoring parameter “scale” must be [lowest, highest]"),
        ({"scale": [1, 10, 25]}, "scoring parameter “scale” must be [lowest, highest]"),
        ({"scale": [True, 25]}, "scoring parameter “scale” must be a number"),
        (
            {"scale": [1.5, 25]},
            'scoring parameter “scale” must be written as a string such as "0.5", so that it stays exact',
        ),
        ({"scale": ["one", 25]}, "scoring parameter “scale” must be a number"),
        ({"scale": [1, "Infinity"]}, "scoring parameter “scale” must be a number"),
        ({"scale": [1, "NaN"]}, "scoring parameter “scale” must be a number"),
        (
            {"scale": [25, 1]},
            "scoring parameter “scale”: a scale needs minimum < maximum and a positive step",
        ),
        (
            {"step": 0},
            "scoring parameter “scale”: a scale needs minimum < maximum and a positive step",
        ),
        ({"step": "half"}, "scoring parameter “step” must be a number"),
        ({"places": "2"}, "scoring parameter “places” must be a whole number"),
        ({"places": True}, "scoring parameter “places” must be a whole number"),
        ({"places": -1}, "scoring parameter “places”: rounding needs places ≥ 0"),
        (
            {"rounding": "bankers"},
            "scoring parameter “rounding” must be one of half-up, half-even, down",
        ),
        (
            {"rounding": None},
            "scoring parameter “rounding” must be one of half-up, half-even, down",
        ),
        (
            {"abstention": "skip"},
            "scoring parameter “abstention” must be one of exclude, impute-mean",
        ),
        ({"deviation": None}, "scoring parameter “deviation” must be a number"),
        ({"outlier_limit": "x"}, "scoring parameter “outlier_limit” must be a number"),
        ({"trim": 1.0}, "scoring parameter “trim” must be a whole number"),
        ({"yes_quorum": "3"}, "scoring parameter “yes_quorum” must be a whole number"),
        (
            {"round_first_average": 1},
            "scoring parameter “round_first_average” must be true or false",
        ),
        (
            {"lower_quorum_by_abstentions": "yes"},
            "scoring parameter “lower_quorum_by_abstentions” must be true or false",
        ),
        ({"deviation": -1}, "scoring parameters: the clamped mean needs a deviation D ≥ 0"),
        ({"yes_quorum": 0}, "scoring parameters: a YES quorum must be at least 1"),
        (
            {"trim": 2},
            "scoring parameters: trimming needs trim ≥ 0 and at least 2 × trim + 1 marks",
        ),
        (
            {"min_marks_per_juror": 1},
            "scoring parameters: standardisation needs at least 2 marks per juror",
        ),
    ],
)
def test_build_rule_errors_name_the_parameter(parameters, message):  # §7.2
    with pytest.raises(ValueError, match=exactly(message)):
        build_rule("clamped-mean", parameters)


def test_build_rule_unknown_preset():  # §7.2
    with pytest.raises(
        ValueError, match=exactly(f"unknown preset “nope”; known: {', '.join(PRESET_NAMES)}")
    ):
        build_rule("nope", {})
