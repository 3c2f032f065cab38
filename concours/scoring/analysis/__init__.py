"""Analyses of a stage's marks (spec docs/algorithms/scoring-analysis.md): leave one juror out,
methods compared, juror patterns, order of appearance. Pure Python, exact where it can be."""

from __future__ import annotations

from concours.scoring.analysis.command import analyse_command
from concours.scoring.analysis.compare import MethodComparison, MethodPair, compare_methods
from concours.scoring.analysis.jurors import (
    MIN_CORRELATION,
    OUTLIER_SPREADS,
    JurorPattern,
    PanelSpread,
    juror_patterns,
    panel_spread,
)
from concours.scoring.analysis.loo import JurorImpact, PlaceChange, leave_one_juror_out
from concours.scoring.analysis.order import (
    Appearance,
    OrderEffect,
    RankCorrelation,
    order_effect,
)
from concours.scoring.analysis.stats import KendallTau, kendall_tau_b

__all__ = [
    "MIN_CORRELATION",
    "OUTLIER_SPREADS",
    "Appearance",
    "JurorImpact",
    "JurorPattern",
    "KendallTau",
    "MethodComparison",
    "MethodPair",
    "OrderEffect",
    "PanelSpread",
    "PlaceChange",
    "RankCorrelation",
    "analyse_command",
    "compare_methods",
    "juror_patterns",
    "kendall_tau_b",
    "leave_one_juror_out",
    "order_effect",
    "panel_spread",
]
