"""Phase 1 of the solve loop: any timetable, without the objective, as soon as possible.

It races two entrants: the model with the implied constraints (solver/cpsat/implied.py) and either the
repair search (solver/cpsat/repair.py, for plans with hard week rules) or the model without them.
Measured on FET's examples (benchmarks/RESULTS.md, issue 3): without the objective the first timetable
came 2-5x sooner (with one, CP-SAT spends its workers on bounds first), and each formulation is the fast
one on some schools and hopeless on others (MAPS: 1-3 s without, none in 60 s with; Brazil the reverse).
The switches and their measurements: solver/params.py (PhaseSwitches).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from time import perf_counter

from ortools.sat.python import cp_model

from solver.cpsat.builder import BuildStopped, BuiltModel, build_model
from solver.cpsat.literals import value
from solver.cpsat.repair import RepairSearch, worth_repairing
from solver.machine import usable_cores
from solver.params import PhaseSwitches, SolveParams
from solver.problem import ProblemData
from solver.result import Decisions, Solution


@dataclass
class _First:
    status: str
    objective: int | None = None
    solution: Solution | None = None

    @property
    def found(self) -> bool:
        return self.solution is not None

    @classmethod
    def timetable(cls, solution: Solution) -> _First:
        """A found timetable; its objective is the sum of the model's own costs."""
        return cls(status="FEASIBLE", objective=sum(solution.costs.values()), solution=solution)


def _first_timetable(built: BuiltModel, data: ProblemData, params: SolveParams, build_seconds: float = 0.0) -> _First:
    """Phase 1: the hard model without objective until its first solution. A small plan first gets a
    quick look with one worker (quick_look_below). With more than one worker a second entrant races
    it in another thread: the repair search (solver/cpsat/repair.py)
    when the plan has hard week rules it relaxes, else the formulation without implied constraints.
    Against the repair search the hard model keeps one worker: on FET's schools with such rules the
    repair found the timetable (Gymnasio 21 s, FS-2008-2009-difficult 35 s) only with most of the
    machine, while the hard model still proves infeasible plans so (benchmarks/RESULTS.md); after
    hard_beside_repair_seconds it stops and the repair goes on alone."""
    phases, seed, deterministic_time, stop = params.phases, params.seed, params.deterministic_time, params.stop
    time_limit = params.seconds_left()  # what the compile and build left of the limit
    deadline = perf_counter() + time_limit
    threads = int(params.workers) if params.workers else phases.auto_workers
    if threads > 1 and data.size < phases.quick_look_below:
        quick = _quick_look(built, seed, deterministic_time, phases)
        if quick is not None:
            return quick
    entrants: list = [built]
    repair = None
    if threads > 1 and worth_repairing(data, params.repair):
        repair = RepairSearch(data, workers=threads // 2, seed=seed, time_limit=time_limit, tuning=params.repair)
    elif threads > 1 and time_limit > 2 * build_seconds:
        # built in its own thread once the first entrant has had a head start; not when it would take
        # most of what is left (it builds in about the time the first model took). It stops between its
        # steps once the race is decided or the time is spent: a big plan's build takes seconds that the
        # other entrant's answer would otherwise wait for.
        entrants.append(lambda: build_model(data, implied=False,
                                            stop=lambda: done.is_set() or perf_counter() > deadline))
    extra = phases.entrant_parameters[:len(entrants)]
    runners = len(entrants) + (repair is not None)
    solvers = [cp_model.CpSolver() for _ in entrants]
    outcomes: list[tuple[int, BuiltModel, cp_model.CpSolver]] = []
    lock = threading.Lock()
    done = threading.Event()
    finished = []

    def decided(code_or_status) -> None:
        with lock:
            finished.append(code_or_status)
            if code_or_status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE, "FEASIBLE", "INFEASIBLE"):
                done.set()  # decided: stop the other entrant
            if len(finished) == runners:
                done.set()

    def run(entrant, solver: cp_model.CpSolver, overrides: dict) -> None:
        if callable(entrant):  # a model still to build: only if the race is open after the head start
            try:
                entrant = None if done.wait(phases.head_start) else entrant()
            except BuildStopped:
                entrant = None
            if entrant is None or done.is_set():
                decided(cp_model.UNKNOWN)
                return
        model = entrant.model.clone()
        model.clear_objective()
        model.clear_hints()
        # beside the repair the only entrant is the hard model
        left = max(0.0, deadline - perf_counter())  # an entrant built late gets what is left, not the whole limit
        solver.parameters.max_time_in_seconds = float(left if repair is None
                                                      else min(left, phases.hard_beside_repair_seconds))
        if deterministic_time is not None:
            solver.parameters.max_deterministic_time = float(deterministic_time)
        tune(solver.parameters, data, 1 if repair is not None else _entrant_workers(threads, runners), phases)
        solver.parameters.random_seed = int(seed)
        solver.parameters.stop_after_first_solution = True
        for name, setting in overrides.items():
            setattr(solver.parameters, name, setting)
        code = solver.solve(model)
        with lock:
            outcomes.append((code, entrant, solver))
        decided(code)

    def run_repair() -> None:
        repair.run()
        decided(repair.status)

    workers_ = [threading.Thread(target=run, args=pair, daemon=True) for pair in zip(entrants, solvers, extra)]
    if repair is not None:
        workers_.append(threading.Thread(target=run_repair, daemon=True))
    for thread in workers_:
        thread.start()
    while not done.wait(0.05):
        if stop is not None and stop.is_set():
            break
    for thread in workers_:
        while thread.is_alive():  # again until it ends: a stop that comes before a solve starts is lost
            for solver in solvers:
                solver.stop_search()
            if repair is not None:
                repair.stop()
            thread.join(0.05)
    for code, entrant, solver in outcomes:
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solution = extract(solver, entrant)
            return _First.timetable(solution)
    if repair is not None and repair.solution is not None:
        solution = _evaluate(built, repair.solution, seconds=deadline - perf_counter(), phases=phases)
        if solution is not None:
            return _First.timetable(solution)
    if any(code == cp_model.INFEASIBLE for code, _, _ in outcomes) or (repair is not None and repair.status == "INFEASIBLE"):
        return _First(status="INFEASIBLE")
    return _First(status="UNKNOWN")


def _entrant_workers(threads: int, runners: int) -> int:
    """CP-SAT workers for each of the race's entrants: the threads shared out, but never more in all
    than the machine has cores. On 2 cores with 4 threads asked, two entrants of 2 workers each
    time-sliced the cores: secondary-school (Spain) took 2.2-2.5 s to its first timetable, against
    1.56-1.63 s with 1 worker each (whole pipeline, seeds 0-5; MAPS 0.7-4.3 s against 0.6-2.5 s,
    median 1.8 against 2.0 s; benchmarks/RESULTS.md)."""
    return max(1, min(threads, usable_cores() or threads) // runners)


def _quick_look(built: BuiltModel, seed: int, deterministic_time: float | None,
                phases: PhaseSwitches) -> _First | None:
    """One worker, light presolve, a few ms: a small school's timetable before threads start.
    None when it decided nothing in that time; the race then starts as usual."""
    model = built.model
    if model.has_objective() or len(model.proto.solution_hint.vars):  # else a copy is only overhead
        model = model.clone()
        model.clear_objective()
        model.clear_hints()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    solver.parameters.linearization_level = 0
    solver.parameters.max_time_in_seconds = phases.quick_look_seconds
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = float(deterministic_time)
    solver.parameters.random_seed = int(seed)
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        solution = extract(solver, built)
        return _First.timetable(solution)
    if code == cp_model.INFEASIBLE:
        return _First(status="INFEASIBLE")
    return None


def _evaluate(built: BuiltModel, decisions: Decisions, seconds: float = math.inf,
              phases: PhaseSwitches = PhaseSwitches()) -> Solution | None:
    """The repair search's timetable in the full model: its lessons and shifts (`decisions`, as
    BuiltModel.decisions gives them) fixed, CP-SAT completes the rest (room pools, cost literals), so the
    costs are the model's own. It gets what is left of the time limit (`seconds`), but at least
    evaluate_floor, so a timetable found at the end is kept."""
    model = built.model.clone()
    model.clear_hints()
    chosen = [xs[k] for xs, k in zip(built.x, decisions.options) if k is not None]
    for lit in chosen:
        if not isinstance(lit, bool):
            model.add(model.get_bool_var_from_proto_index(lit.index) == 1)
    for lit, worked in zip(built.w, decisions.shifts):
        if not isinstance(lit, bool):
            model.add(model.get_bool_var_from_proto_index(lit.index) == int(worked))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = min(phases.evaluate_seconds, max(phases.evaluate_floor, seconds))
    solver.parameters.stop_after_first_solution = True
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return extract(solver, built)


# --- shared with phase 2 (solve.py) ---------------------------------------------------------------

def tune(parameters, data: ProblemData, workers: int, phases: PhaseSwitches) -> None:
    """Search parameters: `workers` 0 means our tested default; big models get a light presolve."""
    parameters.num_workers = int(workers) if workers else phases.auto_workers
    if data.size >= phases.light_presolve_from:
        parameters.max_presolve_iterations = 1
        parameters.cp_model_probing_level = 0


def extract(solver: cp_model.CpSolver, built: BuiltModel) -> Solution:
    """The solver's timetable as a Solution: BuiltModel.decisions with the pools and the costs."""
    pools = [
        next((pool for pool, lit in choice.items() if value(solver, lit)), None) for choice in built.pool_choice
    ]
    costs = {
        rule: sum(weight * _int(solver, lit) for weight, lit in items) for rule, items in built.costs.items()
    }
    decisions = built.decisions(solver)
    return Solution(options=decisions.options, shifts=decisions.shifts, pools=tuple(pools),
                    costs=costs)


def _int(solver: cp_model.CpSolver, lit) -> int:
    if isinstance(lit, bool):
        return int(lit)
    return int(solver.value(lit))
