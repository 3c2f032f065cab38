"""Leave one juror out: whose absence would have changed the outcome (spec scoring-analysis §3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from concours.scoring.engine import score_stage
from concours.scoring.model import Mark, MarkStatus, Rule, StageResult


@dataclass(frozen=True, slots=True)
class PlaceChange:
    """Who holds ``place`` (a rank) with the whole panel and without the juror; ties share a
    place, and a place may be empty (two tied at 1 leave place 2 empty)."""

    place: int
    with_juror: tuple[str, ...]
    without_juror: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class JurorImpact:
    """What the stage would have looked like without one juror's marks (spec §3.1)."""

    juror: str
    scored: int  # the juror's marks with a value (S and absent marks remove nothing)
    entering: tuple[str, ...]  # advance without the juror, not with the whole panel
    leaving: tuple[str, ...]  # advance with the whole panel, not without the juror
    places: tuple[PlaceChange, ...]  # the watched places (1 … top) whose holders change
    moved: int  # candidates whose rank changes
    unscored: tuple[str, ...]  # left with no usable mark: cannot be ranked without the juror

    @property
    def changes_advancers(self) -> bool:
        return bool(self.entering or self.leaving)

    @property
    def changes_top(self) -> bool:
        return bool(self.places)


def jurors_of(marks: Sequence[Mark]) -> tuple[str, ...]:
    """The jurors in the order they first appear in the marks."""
    return tuple(dict.fromkeys(mark.juror for mark in marks))


def leave_one_juror_out(
    marks: Sequence[Mark], rule: Rule, *, advance: int | None, top: int = 3
) -> tuple[JurorImpact, ...]:
    """For each juror (in order of first appearance), the stage rescored by ``score_stage``
    without any of their marks, compared with the whole panel's result (spec §3)."""
    if top < 1:
        raise ValueError("the number of watched places must be at least 1")
    full = score_stage(marks, rule, advance=advance)
    return tuple(
        _impact(full, juror, marks, rule, advance=advance, top=top) for juror in jurors_of(marks)
    )


def _holders(result: StageResult, top: int) -> dict[int, tuple[str, ...]]:
    places: dict[int, tuple[str, ...]] = dict.fromkeys(range(1, top + 1), ())
    for row in result.results:
        if row.rank <= top:
            places[row.rank] = (*places[row.rank], row.candidate)
    return places


def _impact(
    full: StageResult,
    juror: str,
    marks: Sequence[Mark],
    rule: Rule,
    *,
    advance: int | None,
    top: int,
) -> JurorImpact:
    kept = [mark for mark in marks if mark.juror != juror]
    usable = {mark.candidate for mark in kept if mark.status is MarkStatus.SCORED}
    unscored = tuple(row.candidate for row in full.results if row.candidate not in usable)
    kept = [mark for mark in kept if mark.candidate in usable]
    if kept:
        without = score_stage(kept, rule, advance=advance)
    else:
        without = StageResult(rule=rule, results=(), advance=advance)
    before, after = set(full.advancers), set(without.advancers)
    ranks = {row.candidate: row.rank for row in without.results}
    with_places, without_places = _holders(full, top), _holders(without, top)
    return JurorImpact(
        juror=juror,
        scored=sum(1 for mark in marks if mark.juror == juror and mark.value is not None),
        entering=tuple(name for name in without.advancers if name not in before),
        leaving=tuple(
            name for name in full.advancers if name not in after and name not in unscored
        ),
        places=tuple(
            PlaceChange(place, with_places[place], without_places[place])
            for place in with_places
            if with_places[place] != without_places[place]
        ),
        moved=sum(
            1 for row in full.results if row.candidate in ranks and ranks[row.candidate] != row.rank
        ),
        unscored=unscored,
    )
