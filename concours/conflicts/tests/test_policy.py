"""The policy and its stored form; sections refer to docs/algorithms/conflicts.md."""

import datetime as dt

import pytest

from concours.conflicts import Policy, PolicyCode, PolicyError, PolicyProblem, window_start

D = dt.date


def test_defaults_are_the_strict_reading():  # §2.1
    assert Policy().to_json() == {
        "study_years": 3,
        "private_lessons_min": 1,
        "private_lessons_years": 3,
        "master_classes_counted": False,
        "master_class_years": 2,
        "same_institution": False,
    }


def test_from_json_fills_defaults_and_round_trips():  # §2.2
    assert Policy.from_json({}) == Policy()
    leeds = Policy.from_json({"private_lessons_min": 3, "private_lessons_years": 6})
    assert leeds == Policy(private_lessons_min=3, private_lessons_years=6)
    assert Policy.from_json(leeds.to_json()) == leeds
    assert list(leeds.to_json()) == [
        "study_years",
        "private_lessons_min",
        "private_lessons_years",
        "master_classes_counted",
        "master_class_years",
        "same_institution",
    ]


def test_from_json_reports_every_bad_field_in_order():  # §2.2
    with pytest.raises(PolicyError) as caught:
        Policy.from_json(
            {
                "same_institution": 1,
                "study_year": 3,
                "study_years": 60,
                "private_lessons_min": "3",
                "master_class_years": True,
                "Zebra": 1,
            }
        )
    assert caught.value.problems == (
        PolicyProblem(
            field="Zebra",
            code=PolicyCode.UNKNOWN_FIELD,
            params={"field": "Zebra"},
            message="Unknown field “Zebra”.",
        ),
        PolicyProblem(
            field="study_year",
            code=PolicyCode.UNKNOWN_FIELD,
            params={"field": "study_year"},
            message="Unknown field “study_year”.",
        ),
        PolicyProblem(
            field="study_years",
            code=PolicyCode.OUT_OF_RANGE,
            params={"field": "study_years", "value": 60, "minimum": 0, "maximum": 50},
            message="“study_years” must be from 0 to 50; it is 60.",
        ),
        PolicyProblem(
            field="private_lessons_min",
            code=PolicyCode.NOT_A_WHOLE_NUMBER,
            params={"field": "private_lessons_min"},
            message="“private_lessons_min” must be a whole number.",
        ),
        PolicyProblem(
            field="master_class_years",
            code=PolicyCode.NOT_A_WHOLE_NUMBER,
            params={"field": "master_class_years"},
            message="“master_class_years” must be a whole number.",
        ),
        PolicyProblem(
            field="same_institution",
            code=PolicyCode.NOT_A_SWITCH,
            params={"field": "same_institution"},
            message="“same_institution” must be true or false.",
        ),
    )
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith("Unknown field “Zebra”.; Unknown field “study_year”.;")


@pytest.mark.parametrize("data", [[], "study_years=3", None, 3])
def test_from_json_needs_an_object(data):  # §2.2
    with pytest.raises(PolicyError) as caught:
        Policy.from_json(data)
    assert [(p.field, p.code) for p in caught.value.problems] == [("", PolicyCode.NOT_AN_OBJECT)]
    assert str(caught.value) == "A policy must be a JSON object."


def test_constructing_a_bad_policy_raises_the_same_error():  # §2.2
    with pytest.raises(
        PolicyError, match=r"“private_lessons_min” must be from 1 to 1000; it is 0\."
    ):
        Policy(private_lessons_min=0)
    with pytest.raises(PolicyError) as caught:
        Policy(study_years=-1, private_lessons_years=51)
    assert [p.field for p in caught.value.problems] == ["study_years", "private_lessons_years"]


def test_problem_params_are_read_only():  # §2.2
    problem = PolicyProblem(field="x", code=PolicyCode.UNKNOWN_FIELD, params={}, message="m")
    with pytest.raises(TypeError):
        problem.params["x"] = 1  # type: ignore[index]


@pytest.mark.parametrize(
    ("on", "years", "start"),
    [
        (D(2025, 9, 1), 3, D(2022, 9, 2)),  # ARD: ended 1 September 2022 is outside
        (D(2025, 9, 1), 6, D(2019, 9, 2)),
        (D(2028, 2, 29), 3, D(2025, 3, 1)),  # 29 February falls back to 28 February
        (D(2028, 2, 29), 4, D(2024, 3, 1)),
        (D(2025, 9, 1), 0, D(2025, 9, 1)),  # 0 years: the reference day itself
    ],
)
def test_window_start(on, years, start):  # §2.3
    assert window_start(on, years) == start
