"""Access to the published Chopin 2025 data in ``../shared/data/chopin2025`` (never copied into
this repository). Tests that need it skip, with the reason, where it is absent."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "chopin2025"
STAGE_FILES = {
    1: "chopin2025_stage1_scores.csv",
    2: "chopin2025_stage2_scores.csv",
    3: "chopin2025_stage3_scores.csv",
    4: "chopin2025_final_scores.csv",
}
RESULT_FILES = {
    1: "chopin2025_stage1_results.csv",
    2: "chopin2025_stage2_results.csv",
    3: "chopin2025_stage3_results.csv",
    4: "chopin2025_final_results.csv",
}

needs_chopin_data = pytest.mark.skipif(
    not DATA.is_dir(),
    reason=f"the published Chopin 2025 data is not at {DATA} (../shared is absent)",
)


def path(stage: int) -> Path:
    return DATA / STAGE_FILES[stage]


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def published_stage_scores(stage: int) -> dict[str, Decimal]:
    return {
        row["candidate"]: Decimal(row["published_stage_score"]) for row in rows(STAGE_FILES[stage])
    }


def published_results(stage: int) -> dict[str, Decimal]:
    return {row["candidate"]: Decimal(row["published_result"]) for row in rows(RESULT_FILES[stage])}


def published_advancers(stage: int) -> set[str]:
    return {row["candidate"] for row in rows(RESULT_FILES[stage]) if row["advanced"] == "yes"}
