"""Repair search: a first timetable for plans whose hard week rules stall CP-SAT's own search.

Hard limits on a teacher's or student set's gaps and on lesuren in a row are what CP-SAT cannot
crack on FET's Greek, Italian and Romanian schools: with them it finds no timetable in minutes,
without them one in a second. So this search
1. relaxes every such rule to a count of its violations (the rule's own soft form, weight 1) and
   finds any timetable of the other rules;
2. then, again and again, keeps every lesson outside a few days fixed, frees those on the days,
   and lets CP-SAT lower the count on that small model (never raising it);
3. stops when the count is 0: that timetable keeps every hard rule.
Each step is exact on its neighbourhood; the whole is a large-neighbourhood search (Shaw-like, by
day), so it proves nothing when it finds nothing. solve.py races it against the plain hard model.
Figures: benchmarks/RESULTS.md (issue 3).
"""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from time import perf_counter

from ortools.sat.python import cp_model

from solver.cpsat.builder import BuiltModel, build_model
from solver.problem import ProblemData

# The extra-constraint types relaxed to a count of violations (their soft form in extra_scoped.py).
# Relaxing also the daily and weekly load rules made the start easier but the repair slower
# (Gymnasio 24 s -> 55 s, FS-2008-2009-difficult 35 s -> none in 60 s; benchmarks/RESULTS.md).
RELAXED_TYPES = frozenset(("max_gaps_per_week", "max_gaps_per_day", "max_periods_continuously"))
# A neighbourhood frees the lessons of whole days until this share of all lesson copies is free:
# two of five days on FET's Greek schools, where every improvement came from such a step.
FREE_SHARE = 0.35
STEP_SECONDS = 3.0  # CP-SAT time for one neighbourhood


def worth_repairing(data: ProblemData) -> bool:
    """The plan has a hard rule that this search relaxes, and every lesson must be placed (the count
    of violations is the whole objective here, so nothing may be bought by leaving a lesson out)."""
    return data.weights.unplaced is None and any(e.hard and e.type in RELAXED_TYPES for e in data.extras)


def relaxed(data: ProblemData) -> ProblemData:
    """The hard RELAXED_TYPES rules cost 1 per violation; soft extras are off (weight 0), as only a
    first timetable is wanted here."""
    extras = []
    for e in data.extras:
        if e.hard and e.type in RELAXED_TYPES:
            extras.append(replace(e, weight=1))
        elif not e.hard:
            extras.append(replace(e, weight=0))  # a min_days_between flag still holds at weight 0
        else:
            extras.append(e)
    return replace(data, extras=tuple(extras))


class RepairSearch:
    """One run of the repair search; `stop()` may be called from another thread."""

    def __init__(self, data: ProblemData, *, workers: int, seed: int, time_limit: float):
        self.data, self.workers, self.time_limit = data, max(1, workers), time_limit
        self.rng = random.Random(seed)
        self.status = "UNKNOWN"  # FEASIBLE (violations 0) | INFEASIBLE (proven) | UNKNOWN
        self.solution: dict | None = None  # {"options": [...], "shifts": [...]}: decisions only
        self.steps = 0
        self._stopped = threading.Event()
        self._solver: cp_model.CpSolver | None = None
        self._lock = threading.Lock()

    def stop(self) -> None:
        self._stopped.set()
        with self._lock:
            if self._solver is not None:
                self._solver.stop_search()

    def run(self) -> None:
        started = perf_counter()
        built = build_model(relaxed(self.data), soft=False)
        model = built.model
        violations = [w * lit for rule, items in built.costs.items() if rule in RELAXED_TYPES
                      for w, lit in items if lit is not True]
        constant = sum(w for rule, items in built.costs.items() if rule in RELAXED_TYPES
                       for w, lit in items if lit is True)
        model.clear_objective()
        model.minimize(sum(violations) + constant)
        left = lambda: self.time_limit - (perf_counter() - started)  # noqa: E731
        code, solver = self._solve(model, left(), first_only=True)
        if code == cp_model.INFEASIBLE:  # a relaxation of the plan: the plan has no timetable
            self.status = "INFEASIBLE"
            return
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return
        count, current = int(round(solver.objective_value)), built.decisions(solver)
        days = sorted({o.day for copy in self.data.copies for o in copy.options})
        while count > 0 and left() > 0 and not self._stopped.is_set():
            self.steps += 1
            free = self._free_copies(current, days)
            step = model.clone()
            self._fix_outside(step, built, current, free)
            step.add(sum(violations) + constant <= count)  # never worse
            code, solver = self._solve(step, min(STEP_SECONDS, left()))
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                count, current = int(round(solver.objective_value)), built.decisions(solver)
        if count == 0:
            self.status, self.solution = "FEASIBLE", current

    def _free_copies(self, current: dict, days: list[int]) -> set[int]:
        """The copies placed on randomly drawn days, drawn until FREE_SHARE of all copies are free."""
        order = self.rng.sample(days, len(days))
        placed_on: dict[int, list[int]] = {}
        for c, k in enumerate(current["options"]):
            if k is not None:
                placed_on.setdefault(self.data.copies[c].options[k].day, []).append(c)
        free: set[int] = set()
        for day in order:
            free.update(placed_on.get(day, []))
            if len(free) >= FREE_SHARE * len(self.data.copies):
                break
        return free

    @staticmethod
    def _fix_outside(step: cp_model.CpModel, built: BuiltModel, current: dict, free: set[int]) -> None:
        """Copies outside `free` keep their option; the current timetable is the hint for the rest."""
        for c, k in enumerate(current["options"]):
            if k is None or isinstance(built.x[c][k], bool):
                continue
            lit = step.get_bool_var_from_proto_index(built.x[c][k].index)
            if c in free:
                step.add_hint(lit, True)
            else:
                step.add(lit == 1)
        for i, worked in enumerate(current["shifts"]):
            if not isinstance(built.w[i], bool):
                step.add_hint(step.get_bool_var_from_proto_index(built.w[i].index), worked)

    def _solve(self, model: cp_model.CpModel, seconds: float, first_only: bool = False):
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.0, float(seconds))
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = self.rng.randrange(1 << 16)
        solver.parameters.max_presolve_iterations = 1  # small, repeated models: presolve is overhead
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.stop_after_first_solution = first_only
        with self._lock:
            if self._stopped.is_set():
                return cp_model.UNKNOWN, solver
            self._solver = solver
        code = solver.solve(model)
        with self._lock:
            self._solver = None
        return code, solver
