"""The solver (spec §6): CP-SAT on one worker with a fixed seed and a deterministic time limit,
so the same problem gives the same timetable on every machine."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from ortools.sat.python import cp_model

from concours.timetable.checks import check_problem, counting_reasons
from concours.timetable.model import Lesson, Participant, Problem, Reason, Slot, reason

#: Work units of CP-SAT's deterministic clock (about seconds on a typical machine).
DEFAULT_EFFORT = 10.0
#: A wall-clock safety net on top of the deterministic limit.
WALL_LIMIT_SECONDS = 60.0
SEED = 20250714


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # the best timetable found within the limit, maybe not the best there is
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"  # the limit ran out before any timetable was found


@dataclass(frozen=True)
class Result:
    status: Status
    lessons: tuple[Lesson, ...] = ()
    reasons: tuple[Reason, ...] = ()
    preference_score: int = 0

    @property
    def solved(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)


def preference_weight(participant: Participant, teacher: str) -> int:
    """Points for one lesson with ``teacher`` (spec §6.2): the first of n preferences is worth n,
    the last 1, a teacher not named 0."""
    rank = participant.rank(teacher)
    return 0 if rank is None else len(participant.preferences) - rank


def solve(problem: Problem, *, effort: float = DEFAULT_EFFORT) -> Result:
    """Assign every participant their lessons, or say why that cannot be (spec §5, §6)."""
    check_problem(problem)
    reasons = counting_reasons(problem)
    if reasons:
        return Result(Status.INFEASIBLE, reasons=tuple(reasons))
    return _Model(problem).solve(effort)


class _Model:
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.slots = sorted(problem.slots, key=lambda s: (s.day, s.start, s.end, s.room, s.id))
        self.people = sorted(problem.participants, key=lambda p: p.id)
        self.x: dict[tuple[str, str], cp_model.IntVar] = {}
        for participant in self.people:
            for slot in self.slots:
                if participant.allows(slot.teacher):
                    self.x[participant.id, slot.id] = self.model.new_bool_var(
                        f"x[{participant.id},{slot.id}]"
                    )
        self.demands: dict[str, cp_model.IntVar] = {}
        self._hard_rules()
        self._objective()

    def _hard_rules(self) -> None:
        model, x = self.model, self.x
        for slot in self.slots:
            model.add_at_most_one(x[p.id, slot.id] for p in self.people if (p.id, slot.id) in x)
        for group in self._overlapping_groups():
            model.add_at_most_one(
                x[p.id, s.id] for s in group for p in self.people if (p.id, s.id) in x
            )
        for participant in self.people:
            mine = {s.id: x[participant.id, s.id] for s in self.slots if (participant.id, s.id) in x}  # fmt: skip
            by_day: dict[object, list[cp_model.IntVar]] = defaultdict(list)
            for slot in self.slots:
                if slot.id in mine:
                    by_day[slot.day].append(mine[slot.id])
            for day_vars in by_day.values():
                model.add(sum(day_vars) <= self.problem.rules.max_per_day)
            for first, second in self._pairs_overlapping(mine):
                model.add_bool_or([mine[first].Not(), mine[second].Not()])
            demand = model.new_bool_var(f"demand[{participant.id}]")
            model.add(sum(mine.values()) == participant.lessons).only_enforce_if(demand)
            self.demands[participant.id] = demand
        for fixed in self.problem.fixed:
            model.add(x[fixed.participant, fixed.slot] == 1)

    def _overlapping_groups(self) -> list[list[Slot]]:
        """Pairs of overlapping slots sharing a room or a teacher: at most one lesson of each."""
        groups = []
        for index, first in enumerate(self.slots):
            for second in self.slots[index + 1 :]:
                shared = first.room == second.room or first.teacher == second.teacher
                if shared and first.overlaps(second):
                    groups.append([first, second])
        return groups

    def _pairs_overlapping(self, mine: dict[str, cp_model.IntVar]) -> list[tuple[str, str]]:
        own = [slot for slot in self.slots if slot.id in mine]
        return [
            (first.id, second.id)
            for index, first in enumerate(own)
            for second in own[index + 1 :]
            if first.overlaps(second)
        ]

    def _objective(self) -> None:
        """Preferences first, then lessons spread over days, then the busiest teacher's load as
        low as possible (spec §6.2): each level outweighs everything below it."""
        model, x = self.model, self.x
        teacher_of = {slot.id: slot.teacher for slot in self.slots}
        total = sum(p.lessons for p in self.people)
        people = {p.id: p for p in self.people}
        self.preference = sum(
            preference_weight(people[person], teacher_of[slot_id]) * var
            for (person, slot_id), var in self.x.items()
        )
        days = []
        for participant in self.people:
            for day in sorted({slot.day for slot in self.slots}):
                on_day = [x[participant.id, s.id] for s in self.slots if s.day == day and (participant.id, s.id) in x]  # fmt: skip
                if on_day:
                    used = model.new_bool_var(f"day[{participant.id},{day}]")
                    model.add(used <= sum(on_day))
                    days.append(used)
        busiest = model.new_int_var(0, total, "busiest")
        for teacher in self.problem.teachers:
            model.add(busiest >= sum(var for (_, s), var in x.items() if teacher_of[s] == teacher.id))  # fmt: skip
        spread = sum(days)
        model.maximize(self.preference * (total + 1) ** 2 + spread * (total + 1) - busiest)

    def solve(self, effort: float) -> Result:
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = SEED
        solver.parameters.max_deterministic_time = effort
        solver.parameters.max_time_in_seconds = WALL_LIMIT_SECONDS
        self.model.add_assumptions(list(self.demands.values()))
        code = solver.solve(self.model)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            lessons = tuple(
                Lesson(person, slot) for (person, slot), var in self.x.items() if solver.value(var)
            )
            return Result(
                Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE,
                lessons=tuple(sorted(lessons)),
                preference_score=int(solver.value(self.preference)),
            )
        if code == cp_model.INFEASIBLE:
            return Result(Status.INFEASIBLE, reasons=(self._core(solver),))
        return Result(Status.UNKNOWN, reasons=(reason("time_limit", "No timetable was found within the time limit; try again with more time or fewer constraints."),))  # fmt: skip

    def _core(self, solver: cp_model.CpSolver) -> Reason:
        """The participants whose lessons cannot all be given together (spec §5.2)."""
        blamed = set(solver.sufficient_assumptions_for_infeasibility())
        names = [p.name for p in self.people if self.demands[p.id].index in blamed]
        return reason("conflicting_demands", "The lessons of {participants} cannot all be given: their teachers' slots overlap in time, share rooms or fall on too few days.", participants=", ".join(names))  # fmt: skip
