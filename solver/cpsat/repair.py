"""Repair search: a first timetable for plans whose hard week rules stall CP-SAT's own search.

Hard limits on a teacher's gaps and on lesuren in a row are what CP-SAT cannot crack on FET's
Greek, Italian, Romanian and German schools: with them it finds no timetable in minutes, without
them one in seconds. So this search
1. relaxes such rules to a count of their violations (the rule's own soft form, weight 1) and
   finds any timetable of the other rules, with no objective (an objective slows that start);
   if none comes in escalate_seconds, the hard daily-load rules are relaxed too (a second stage).
   When the plan has such rules, the second stage's start is sought first and hints the first
   stage's (wide_hint); without a first-stage start, the second stage begins from it.
   One-lesuur lessons whose choice of room pools no other choice overlaps are only counted per
   lesuur (rooms_counted); the solve loop chooses their pools once the count is 0 (first._evaluate).
   Room limits count too (each lesson too many in a pool, rule room_no_clash; rooms_soft): the start
   leaves them out, and restarts with another seed when a try finds nothing in time;
2. then, again and again, frees the lessons around one violated rule: its owner's lessons on two
   of their days (one of them the violation's own day, for a per-day rule or an overflowing pool;
   more days while the count stalls), then the lessons of the student sets and teachers those
   lessons share, on the same days, and so on until a share of all copies is free; every other
   lesson stays fixed and CP-SAT lowers the count on that small model (never raising it);
3. stops when the count is 0: that timetable keeps every hard rule.
Each step is exact on its neighbourhood; the whole is a large-neighbourhood search (Shaw-like:
the freed lessons are related by owner and day), so it proves nothing when it finds nothing.
first.py races it against the hard model (with the implied constraints, on one worker).
The switches and tunables (lower-case names here), each with its figures: solver/params.py
(RepairTuning); more in benchmarks/RESULTS.md (issue 3).
"""

from __future__ import annotations

import random
import threading
from collections import defaultdict
from dataclasses import replace
from time import perf_counter

from ortools.sat.python import cp_model

from solver.cpsat.builder import BuiltModel, build_model
from solver.params import RepairTuning
from solver.problem import ProblemData
from solver.problem_extra import Owner
from solver.result import Decisions


def _is_room_scope(scope) -> bool:
    """("rooms", pools, lesuur): an overflowing room pool (BuildOptions.rooms_soft)."""
    return isinstance(scope, tuple) and scope[:1] == ("rooms",)


def _relaxable(data: ProblemData, tuning: RepairTuning) -> list:
    return [e for e in data.extras if e.hard and e.type in tuning.relaxed_types]


def relaxed_indices(data: ProblemData, wide: bool = False, tuning: RepairTuning = RepairTuning()) -> frozenset[int]:
    """The hard rules this search relaxes: those of teachers when there are any, else all of relaxed_types;
    `wide` (the second stage) adds every hard rule of load_types."""
    rules = _relaxable(data, tuning)
    first = [e for e in rules if e.owners and all(o.kind in tuning.first_kinds for o in e.owners)]
    loads = [e for e in data.extras if wide and e.hard and e.type in tuning.load_types]
    return frozenset(e.index for e in (first or rules) + loads)


def worth_repairing(data: ProblemData, tuning: RepairTuning = RepairTuning()) -> bool:
    """The plan has a hard rule that this search relaxes, and every lesson must be placed (the count
    of violations is the whole objective here, so nothing may be bought by leaving a lesson out, nor
    by leaving a vacancy open)."""
    return (data.weights.unplaced is None and not any(lesson.optional for lesson in data.lessons)
            and bool(_relaxable(data, tuning)))


def relaxed(data: ProblemData, indices: frozenset[int] | None = None,
            tuning: RepairTuning = RepairTuning()) -> ProblemData:
    """The hard rules of `indices` (default: relaxed_indices) cost 1 per violation; soft extras are
    off (weight 0), as only a first timetable is wanted here."""
    indices = relaxed_indices(data, tuning=tuning) if indices is None else indices
    extras = []
    for e in data.extras:
        if e.index in indices:
            extras.append(replace(e, weight=1))
        elif not e.hard:
            extras.append(replace(e, weight=0))  # a min_days_between flag still holds at weight 0
        else:
            extras.append(e)
    return replace(data, extras=tuple(extras))


class RepairSearch:
    """One run of the repair search; `stop()` may be called from another thread."""

    def __init__(self, data: ProblemData, *, workers: int, seed: int, time_limit: float,
                 tuning: RepairTuning = RepairTuning()):
        self.data, self.workers, self.time_limit, self.tuning = data, max(1, workers), time_limit, tuning
        self._extras = {e.index: e for e in data.extras}  # a violated term's rule, by index
        self.rng = random.Random(seed)
        self.status = "UNKNOWN"  # FEASIBLE (violations 0) | INFEASIBLE (proven) | UNKNOWN
        self.solution: Decisions | None = None  # the decisions only (no pools, no costs)
        self.steps = 0
        self.stage = 0  # 1: the start came only with the daily-load rules relaxed too (load_types)
        self.share = tuning.free_share
        self.days = tuning.neighbourhood_days  # days a neighbourhood spans; grows while the count stalls
        self.idle = 0  # steps since the count last fell
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
        left = lambda: self.time_limit - (perf_counter() - started)  # noqa: E731
        begun = self._begin(left)
        if begun is None:
            return
        built, solver, indices = begun
        model = built.model
        kinds = {e.type for e in self.data.extras if e.index in indices} | {"room_no_clash"}
        terms = [(w, lit, scope) for rule, items in built.costs.items()
                 for (w, lit), scope in zip(items, built.scopes[rule], strict=True) if rule in kinds]
        live = [(w, lit, scope) for w, lit, scope in terms if lit is not True]
        constant = sum(w for w, lit, _ in terms if lit is True)
        count_expr = sum(w * lit for w, lit, _ in live) + constant
        model.minimize(count_expr)
        current = built.decisions(solver)
        if built.room_excess:  # the start's rooms: the least overflow its lessons allow
            whole = model.clone()
            self._fix_outside(whole, built, current, set())
            code, solver = self._solve(whole, left())
            if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return
        violated = self._violated(solver, live)
        count = constant + sum(amount for _, amount in violated)
        while count > 0 and left() > 0 and not self._stopped.is_set():
            self.steps += 1
            free = self._neighbourhood(current, violated)
            step = model.clone()
            self._fix_outside(step, built, current, free)
            step.add(count_expr <= count)  # never worse
            code, solver = self._solve(step, min(self.tuning.step_seconds, left()))
            before = count
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                count, current = int(round(solver.objective_value)), built.decisions(solver)
                violated = self._violated(solver, live)
            self._adapt(code, improved=count < before)
        if count == 0:
            self.status, self.solution = "FEASIBLE", current

    def _begin(self, left):
        """The start (module docstring, step 1): (model, its solver with the start, relaxed indices),
        or None when there is none (self.status says whether the plan was proven infeasible)."""
        tuning = self.tuning
        narrow = relaxed_indices(self.data, tuning=tuning)
        wide = relaxed_indices(self.data, wide=True, tuning=tuning)
        second = None  # the second stage's start, when it was sought first (wide_hint)
        if wide != narrow and tuning.wide_hint:
            second = self._start_of(wide, min(left(), tuning.escalate_seconds))
        if self.status == "INFEASIBLE":
            return None
        hint = None if second is None else second[0].decisions(second[1])
        first = self._start_of(narrow, left() if wide == narrow else min(left(), tuning.escalate_seconds), hint)
        if first is not None:
            return *first, narrow
        if self.status == "INFEASIBLE" or wide == narrow or left() <= 0 or self._stopped.is_set():
            return None
        self.stage = 1
        second = second or self._start_of(wide, left())
        return None if second is None else (*second, wide)

    def _start_of(self, indices: frozenset[int], seconds: float, hint: Decisions | None = None):
        """The model with the rules of `indices` relaxed and a solver holding its start, or None;
        a start proven impossible sets self.status INFEASIBLE (a relaxation of the plan: the plan
        has no timetable either)."""
        built = build_model(relaxed(self.data, indices), soft=False, rooms_counted=self.tuning.rooms_counted,
                            rooms_soft=self.tuning.rooms_soft)
        built.model.clear_objective()
        code, solver = self._start(built, seconds, hint)
        if code == cp_model.INFEASIBLE:
            self.status = "INFEASIBLE"
        return (built, solver) if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None

    def _adapt(self, code, improved: bool) -> None:
        """Grow the neighbourhood while CP-SAT proves its steps, shrink it when a step runs out of time;
        after stall_steps steps without a better count, free one day more (back to two on progress)."""
        tuning = self.tuning
        if code == cp_model.OPTIMAL:
            self.share = min(tuning.max_share, self.share * tuning.grow)
        elif code != cp_model.FEASIBLE:
            self.share = max(tuning.min_share, self.share * tuning.shrink)
        self.idle = 0 if improved else self.idle + 1
        if improved:
            self.days = tuning.neighbourhood_days
        elif self.idle >= tuning.stall_steps:
            self.days, self.idle = self.days + 1, 0

    @staticmethod
    def _violated(solver: cp_model.CpSolver, live: list) -> list[tuple[object, int]]:
        """(scope, amount) of every relaxed term that the solver's timetable breaks."""
        out = []
        for weight, lit, scope in live:
            amount = weight * int(solver.value(lit))
            if amount > 0:
                out.append((scope, amount))
        return out

    def _neighbourhood(self, current: Decisions, violated: list) -> set[int]:
        """The copies around one violated rule (module docstring, step 2)."""
        copies = self.data.copies
        blocks: dict[tuple[str, int, int], list[int]] = defaultdict(list)  # (kind, owner, day) -> copies
        for c, k in enumerate(current.options):
            if k is None:
                continue
            option = copies[c].options[k]
            for t in option.teachers:
                blocks[("teacher", t, option.day)].append(c)
            for s in copies[c].sets:
                blocks[("set", s, option.day)].append(c)
        scope = self.rng.choice(violated)[0] if violated else None
        frontier, scope_days = self._about(scope, current)
        owner_days = sorted({day for (kind, index, day) in blocks if (kind, index) in frontier})
        all_days = sorted({day for (_, _, day) in blocks})
        if self.tuning.room_spare_days and _is_room_scope(scope):
            owner_days = self._spare_days(set(scope[1]), current) or owner_days
        days = self._draw_days(owner_days or all_days, all_days, scope_days)
        if not frontier:  # a violated term about no owner: the lessons of the drawn days
            frontier = [(kind, index) for (kind, index, day) in blocks if day in days]
        free: set[int] = set()
        seen: set[tuple[str, int]] = set()
        target = self.share * len(copies)
        while frontier and len(free) < target:
            owner = frontier.pop(self.rng.randrange(len(frontier)))
            if owner in seen:
                continue
            seen.add(owner)
            for day in days:
                for c in blocks.get((*owner, day), []):
                    if c not in free:
                        free.add(c)
                        option = copies[c].options[current.options[c]]
                        frontier += [("teacher", t) for t in option.teachers] + [("set", s) for s in copies[c].sets]
        return free

    def _spare_days(self, pools: set[int], current: Decisions) -> list[int]:
        """Days with a lesuur where the pools have a room to spare (copies that can use only these pools
        counted), the places an overflowing lesson can move to."""
        used: dict[int, int] = defaultdict(int)
        for copy, k in zip(self.data.copies, current.options):
            if k is not None and copy.pools and set(copy.pools) <= pools:
                for p in copy.options[k].periods:
                    used[p] += 1
        school = self.data.pools[next(iter(pools))].school
        days = set()
        for p, period in enumerate(self.data.periods):
            if period.school != school or period.day in days:
                continue
            rooms = sum(len(self.data.pools[q].rooms) for q in pools if p not in self.data.pools[q].blocked)
            if used[p] < rooms:
                days.add(period.day)
        return sorted(days)

    def _draw_days(self, preferred: list[int], all_days: list[int], first: list[int] = ()) -> list[int]:
        """self.days days: the violation's own (`first`, one drawn), then the preferred ones (the violated
        owner's), then any others."""
        days = self.rng.sample(list(first), 1) if first else []
        rest = [d for d in preferred if d not in days]
        days += self.rng.sample(rest, max(0, min(self.days - len(days), len(rest))))
        others = [d for d in all_days if d not in days]
        return days + self.rng.sample(others, min(self.days - len(days), len(others)))

    def _about(self, scope, current: Decisions) -> tuple[list[tuple[str, int]], list[int]]:
        """What a violated term is about: its owners (to seed the neighbourhood) and the days it must
        include: (Owner, day) of a per-day rule; an Owner; ("extra", index) of a rule about several
        owners, or about named lessons (occupy_max_slots: their owners, the days of its lesuren);
        ("rooms", pools, lesuur) of an overflowing pool: the owners of its day's lessons that may use it."""
        if _is_room_scope(scope):
            _, pools, p = scope
            return self._in_rooms(set(pools), p, current), [self.data.periods[p].day]
        day = None
        if isinstance(scope, tuple) and len(scope) == 2 and isinstance(scope[0], Owner):
            scope, day = scope
        if isinstance(scope, Owner):
            return [(scope.kind, scope.index)], [] if day is None else [day]
        if isinstance(scope, tuple) and scope[:1] == ("extra",):
            extra = self._extras[scope[1]]
            days = sorted({self.data.periods[p].day for p in extra.periods})
            if extra.owners:
                return [(o.kind, o.index) for o in extra.owners], days
            copies = [self.data.copies[c] for group in extra.groups for c in group]
            return sorted({("set", s) for copy in copies for s in copy.sets}
                          | {("teacher", t) for copy in copies for o in copy.options for t in o.teachers}), days
        return [], []

    def _in_rooms(self, pools: set[int], p: int, current: Decisions) -> list[tuple[str, int]]:
        """The teachers and student sets of the lessons on lesuur p's day that may use one of `pools`
        (those that can make room at p by swapping lesuren with a lesson there)."""
        owners: set[tuple[str, int]] = set()
        day = self.data.periods[p].day
        for copy, k in zip(self.data.copies, current.options):
            if k is None or copy.options[k].day != day or not pools.intersection(copy.pools):
                continue
            owners.update(("teacher", t) for t in copy.options[k].teachers)
            owners.update(("set", s) for s in copy.sets)
        return sorted(owners)

    @staticmethod
    def _fix_outside(step: cp_model.CpModel, built: BuiltModel, current: Decisions, free) -> None:
        """Copies outside `free` keep their option; the current timetable is the hint for the rest."""
        for c, k in enumerate(current.options):
            if k is None or isinstance(built.x[c][k], bool):
                continue
            lit = step.get_bool_var_from_proto_index(built.x[c][k].index)
            if c in free:
                step.add_hint(lit, True)
            else:
                step.add(lit == 1)
        for i, worked in enumerate(current.shifts):
            if not isinstance(built.w[i], bool):
                step.add_hint(step.get_bool_var_from_proto_index(built.w[i].index), worked)

    def _start(self, built: BuiltModel, seconds: float, hint: Decisions | None = None):
        """Any timetable of the relaxed model (no objective), room limits left out (rooms_soft), near
        `hint` (the decisions of a wider relaxation's start) if given; a try that finds none in
        start_seconds restarts with another seed and a budget start_growth times larger."""
        start = built.model.clone()
        for over, most in built.room_excess:
            start.add(start.get_int_var_from_proto_index(over.index) == most)
        if hint is not None:
            self._fix_outside(start, built, hint, free=range(len(hint.options)))
        left, budget = seconds, self.tuning.start_seconds
        while True:
            code, solver = self._solve(start, min(budget, left), first_only=True)
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE) or self._stopped.is_set() \
                    or budget >= left:
                return code, solver
            left -= budget  # an undecided try has used its whole budget
            budget *= self.tuning.start_growth

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
