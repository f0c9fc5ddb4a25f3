"""The search behind solver/explain/conflicts.py: find a conflict among the guards, shrink it, check it holds.

A *test* solves the explain model with some guards fixed on (their rules hold), some fixed off
and the rest free (the solver may switch those rules off, so they constrain nothing). Fixing is
done on the variables' domains, so CP-SAT's presolve sees a plain model: with the guards as
assumptions instead, a plan of 300 lesson-periods with a group one period over-booked was not
proven infeasible in 60 s, while fixing proves it in about 2 s (assumptions are search decisions;
the presolve and the LP do not get to use them).

1. `core`: CP-SAT's sufficient assumptions, from a short solve with every candidate as an
   assumption (fast on small plans); if that gives no answer, QuickXplain (Junker 2004) over
   fixed tests, which needs O(k log(n/k)) tests for a conflict of k out of n guards.
2. `shrink`: deletion, one fixed test per remaining guard: dropped when still infeasible.
3. The caller then tests the whole plan with the conflict's guards free: if that is still
   infeasible there is another, independent conflict, and it is searched for in turn.

No solution hints anywhere: they must not be mixed with assumptions (google/or-tools #4324).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from time import perf_counter

from ortools.sat.python import cp_model

from solver.compile import compile_plan
from solver.cpsat.builder import BuiltModel, build_model
from solver.domain import Plan
from solver.problem import ProblemData

CLASH_RULES = ("lesson_placed", "group_no_clash", "teacher_no_clash", "room_no_clash")
_STATUS = {cp_model.OPTIMAL: "feasible", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible"}


@dataclass
class GuardModel:
    data: ProblemData
    built: BuiltModel

    @classmethod
    def of(cls, plan: Plan) -> "GuardModel":
        data = compile_plan(plan, explain=True)
        return cls(data=data, built=build_model(data, explain=True))

    @property
    def keys(self) -> list[tuple]:
        return list(self.built.guards)

    def test(self, on: Iterable[tuple] = (), off: Iterable[tuple] = (), assume: Iterable[tuple] = (), *,
             time_limit: float, workers: int = 1, seed: int = 0) -> tuple[str, list[tuple], cp_model.CpSolver]:
        """Solve with `on` fixed true, `off` fixed false, `assume` as assumptions, the rest free.

        Returns (status, core, solver): status feasible | infeasible | unknown; core: the assumed
        keys CP-SAT names as sufficient for infeasibility."""
        model, guards = self.built.model, self.built.guards
        variables = model.proto.variables
        fixed = [(guards[k].Index(), 1) for k in on] + [(guards[k].Index(), 0) for k in off]
        for index, v in fixed:
            variables[index].domain[0] = v
            variables[index].domain[1] = v
        assume = list(assume)
        model.clear_assumptions()
        if assume:
            model.add_assumptions([guards[k] for k in assume])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, float(time_limit))
        solver.parameters.random_seed = int(seed)
        # Pigeonhole-like conflicts (a group's lessons over its periods) need the at-most-one rows in
        # the LP: without them one worker searched a 21-into-20 plan for over 20 s; with them 0.1 s.
        solver.parameters.linearization_level = 2
        solver.parameters.num_workers = int(workers) if workers else 0
        if workers != 1:  # a portfolio without it did not prove that over-booked group in 60 s
            solver.parameters.subsolvers.append("max_lp")
        try:
            code = solver.solve(model)
        finally:
            for index, _ in fixed:
                variables[index].domain[0] = 0
                variables[index].domain[1] = 1
            model.clear_assumptions()
        if code == cp_model.MODEL_INVALID:
            raise RuntimeError(f"explain model invalid: {model.validate()}")
        status = _STATUS.get(code, "unknown")
        core: list[tuple] = []
        if status == "infeasible" and assume:
            by_index = {guards[k].Index(): k for k in assume}
            core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
        return status, core, solver


class Search:
    """Tests against one deadline; `exact` stays True while every test gave a definite answer."""

    def __init__(self, model: GuardModel, *, deadline: float, workers: int, seed: int):
        self.model, self.deadline, self.workers, self.seed = model, deadline, workers, seed
        self.solves = 0
        self.exact = True

    def left(self) -> float:
        return self.deadline - perf_counter()

    def infeasible(self, on: list[tuple]) -> bool:
        """True only when proven: `on` fixed, everything else free. Unknown counts as not proven."""
        if self.left() <= 0.05:
            self.exact = False
            return False
        status, _, _ = self.model.test(on, time_limit=self.left(), workers=self.workers, seed=self.seed)
        self.solves += 1
        if status == "unknown":
            self.exact = False
        return status == "infeasible"

    def _assumed_core(self, candidates: list[tuple], share: float) -> tuple[str, list[tuple] | None]:
        budget = min(self.left(), max(1.0, share * self.left()))
        status, core, _ = self.model.test(assume=candidates, time_limit=budget, workers=self.workers,
                                          seed=self.seed)
        self.solves += 1
        if status == "infeasible" and core:
            wanted = set(core)
            return status, [k for k in candidates if k in wanted]
        return status, None

    def core(self, candidates: list[tuple], neighbourhoods: list[set[tuple]] = ()) -> list[tuple] | None:
        """A subset of candidates that cannot all hold (the others free), or None if none was proven.

        `neighbourhoods`: sets of lesson_placed keys (e.g. the lessons of one student set) to try
        on their own, every other rule on: a test with few lessons placed is fast, and an
        over-booked group or teacher shows up there."""
        status, core = self._assumed_core(candidates, 0.1)
        if core is not None:
            return core
        if status == "feasible":
            return None
        rules = [k for k in candidates if k[0] != "lesson_placed"]
        for lessons in neighbourhoods:
            if self.left() <= 0.05:
                break
            on = rules + [k for k in candidates if k in lessons]
            if self.infeasible(on):
                status, core = self._assumed_core(on, 0.2)
                if core is not None:
                    return core
                narrow = [k for k in on if k[0] in CLASH_RULES]  # most often it is an over-booking
                if len(narrow) < len(on) and self.infeasible(narrow):
                    on = narrow
                return self.quickxplain([], on)
        if not self.infeasible(candidates):
            return None
        return self.quickxplain([], candidates)

    def quickxplain(self, background: list[tuple], candidates: list[tuple]) -> list[tuple]:
        """A minimal subset X of candidates with background + X infeasible (given that all of it is)."""
        def qx(b: list[tuple], delta: bool, c: list[tuple]) -> list[tuple]:
            if delta and self.infeasible(b):
                return []
            if len(c) == 1:
                return list(c)
            half = len(c) // 2
            c1, c2 = c[:half], c[half:]
            x2 = qx(b + c1, True, c2)
            x1 = qx(b + x2, bool(x2), c1)
            return x1 + x2

        return qx(background, False, candidates)

    def shrink(self, core: list[tuple], order) -> tuple[list[tuple], bool]:
        """Deletion: drop each guard whose removal keeps the set infeasible. (set, every guard tested)."""
        remaining = list(core)
        tested = True
        for key in sorted(core, key=order):
            if self.left() <= 0.05:
                tested = False
                break
            trial = [k for k in remaining if k != key]
            exact_before = self.exact
            if self.infeasible(trial):
                remaining = trial
            elif self.exact != exact_before:
                tested = False
        return remaining, tested
