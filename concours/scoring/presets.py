"""Named rules (spec §7) and rules built from stored parameters (the Django side's format)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from concours.scoring.model import Abstention, Method, Rounding, Rule, Scale, TieAtCut
from concours.scoring.numbers import RoundingMode

ONE_TO_25 = Scale(Decimal(1), Decimal(25))

#: Chopin 2025: weights of the rounded stage scores after 2, 3 and 4 stages (spec §6).
CHOPIN_2025_WEIGHTS: dict[int, tuple[Decimal, ...]] = {
    1: (Decimal(1),),
    2: (Decimal("0.30"), Decimal("0.70")),
    3: (Decimal("0.10"), Decimal("0.20"), Decimal("0.70")),
    4: (Decimal("0.10"), Decimal("0.20"), Decimal("0.35"), Decimal("0.35")),
}


def chopin_2025(stage: int) -> Rule:
    """Marks 1–25, first average rounded, marks beyond ±D clamped; D = 3 in stage 1, else 2."""
    if not 1 <= stage <= 4:
        raise ValueError("the Chopin 2025 rule has stages 1 to 4")
    return Rule(Method.CLAMPED_MEAN, ONE_TO_25, deviation=Decimal(3 if stage == 1 else 2))


PRESETS: dict[str, Rule] = {
    "mean": Rule(Method.MEAN, ONE_TO_25),
    "clamped-mean": Rule(Method.CLAMPED_MEAN, ONE_TO_25, deviation=Decimal(3)),
    "trimmed-mean": Rule(
        Method.TRIMMED_MEAN, Scale(Decimal(0), Decimal(25), Decimal("0.5")), trim=1
    ),
    "egta": Rule(
        Method.DELETE_OUTLIERS, Scale(Decimal(1), Decimal(100)), outlier_limit=Decimal(15)
    ),
    "median": Rule(Method.MEDIAN, ONE_TO_25),
    "yes-count": Rule(Method.YES_COUNT, ONE_TO_25),
    "yes-share": Rule(Method.YES_SHARE, ONE_TO_25),
    "standardised": Rule(Method.STANDARDISED, ONE_TO_25, min_marks_per_juror=5),
}
PRESET_NAMES = ("chopin-2025", *PRESETS)


def preset(name: str, *, stage: int | None = None) -> Rule:
    """The named rule; ``stage`` matters only to ``chopin-2025`` (default: stage 1)."""
    if name == "chopin-2025":
        return chopin_2025(stage or 1)
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset “{name}”; known: {', '.join(PRESET_NAMES)}") from None


#: Parameters a stored rule may override, with how to read each (spec §7.2).
_DECIMAL_FIELDS = ("deviation", "outlier_limit")
_INT_FIELDS = ("trim", "trim_min_marks", "yes_quorum", "min_marks_per_juror")
_BOOL_FIELDS = ("round_first_average", "lower_quorum_by_abstentions")
PARAMETERS = frozenset(
    {
        "scale",
        "step",
        "places",
        "rounding",
        "abstention",
        "ties_at_cut",
        *_DECIMAL_FIELDS,
        *_INT_FIELDS,
        *_BOOL_FIELDS,
    }
)


def build_rule(name: str, parameters: Mapping[str, object], *, stage: int | None = None) -> Rule:
    """A preset with stored overrides, e.g. ``{"scale": [1, 25], "deviation": 3}``. Raises
    ``ValueError`` naming the parameter that is unknown or malformed."""
    base = preset(name, stage=stage)
    unknown = sorted(set(parameters) - PARAMETERS)
    if unknown:
        raise ValueError(
            f"unknown scoring parameter “{unknown[0]}”; known: {', '.join(sorted(PARAMETERS))}"
        )
    values: dict[str, object] = {}
    scale = base.scale
    if "scale" in parameters or "step" in parameters:
        low, high = _pair(parameters.get("scale", [scale.minimum, scale.maximum]))
        step = _decimal("step", parameters.get("step", scale.step))
        try:
            scale = Scale(low, high, step)
        except ValueError as error:
            raise ValueError(f"scoring parameter “scale”: {error}") from None
    places = _int("places", parameters.get("places", base.rounding.places))
    mode = _choice("rounding", parameters.get("rounding", base.rounding.mode), RoundingMode)
    try:
        rounding = Rounding(places, mode)
    except ValueError as error:
        raise ValueError(f"scoring parameter “places”: {error}") from None
    for field in _DECIMAL_FIELDS:
        if field in parameters:
            values[field] = _decimal(field, parameters[field])
    for field in _INT_FIELDS:
        if field in parameters:
            values[field] = _int(field, parameters[field])
    for field in _BOOL_FIELDS:
        if field in parameters:
            if not isinstance(parameters[field], bool):
                raise ValueError(f"scoring parameter “{field}” must be true or false")
            values[field] = parameters[field]
    abstention = _choice("abstention", parameters.get("abstention", base.abstention), Abstention)
    ties_at_cut = _choice("ties_at_cut", parameters.get("ties_at_cut", base.ties_at_cut), TieAtCut)
    merged = {
        "method": base.method,
        "scale": scale,
        "rounding": rounding,
        "abstention": abstention,
        "deviation": base.deviation,
        "round_first_average": base.round_first_average,
        "outlier_limit": base.outlier_limit,
        "trim": base.trim,
        "trim_min_marks": base.trim_min_marks,
        "yes_quorum": base.yes_quorum,
        "lower_quorum_by_abstentions": base.lower_quorum_by_abstentions,
        "min_marks_per_juror": base.min_marks_per_juror,
        "ties_at_cut": ties_at_cut,
        **values,
    }
    try:
        return Rule(**merged)  # type: ignore[arg-type]
    except ValueError as error:
        raise ValueError(f"scoring parameters: {error}") from None


def _decimal(field: str, value: object) -> Decimal:
    if isinstance(value, float):
        raise ValueError(
            f'scoring parameter “{field}” must be written as a string such as "0.5", so that it stays exact'
        )
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise ValueError(f"scoring parameter “{field}” must be a number")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"scoring parameter “{field}” must be a number") from None
    if not number.is_finite():
        raise ValueError(f"scoring parameter “{field}” must be a number")
    return number


def _int(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"scoring parameter “{field}” must be a whole number")
    return value


def _pair(value: object) -> tuple[Decimal, Decimal]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError("scoring parameter “scale” must be [lowest, highest]")
    return _decimal("scale", value[0]), _decimal("scale", value[1])


def _choice[E: (RoundingMode, Abstention, TieAtCut)](field: str, value: object, kind: type[E]) -> E:
    try:
        return kind(str(value))
    except ValueError:
        raise ValueError(
            f"scoring parameter “{field}” must be one of {', '.join(member.value for member in kind)}"
        ) from None
