"""The solve loop: ProblemData (+ hint, limits, progress, stop) -> Result. No pydantic, no I/O."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from time import perf_counter

from ortools.sat.python import cp_model

from solver.cpsat.builder import BuiltModel, build_model
from solver.cpsat.literals import value
from solver.cpsat.repair import RepairSearch, worth_repairing
from solver.machine import usable_cores
from solver.params import SolveParams
from solver.problem import ProblemData
from solver.result import Progress, Result, relative_gap

STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
}


class _ProgressCallback(cp_model.CpSolverSolutionCallback):
    """Reports every improving solution and every better bound as a Progress event."""

    def __init__(self, started: float, sink: list[Progress], on_progress, stop):
        super().__init__()
        self._started, self._sink, self._on_progress, self._stop = started, sink, on_progress, stop
        self._lock = threading.Lock()
        self.first_solution: float | None = None

    def report(self, objective: int, bound: int) -> None:
        event = Progress(
            elapsed=perf_counter() - self._started, objective=objective, bound=bound,
            gap=relative_gap(objective, bound),
        )
        with self._lock:
            self._sink.append(event)
        if self._on_progress is not None:
            self._on_progress(event)

    def on_solution_callback(self) -> None:
        if self.first_solution is None:
            self.first_solution = perf_counter() - self._started
        self.report(int(round(self.objective_value)), int(round(self.best_objective_bound)))
        if self._stop is not None and self._stop.is_set():
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        """A better lower bound: reported only once a timetable exists (a gap needs both)."""
        with self._lock:
            last = self._sink[-1] if self._sink else None
        if last is not None and int(round(bound)) > last.bound:
            self.report(last.objective, int(round(bound)))


def solve(data: ProblemData, params: SolveParams, *, hint: dict | None = None) -> Result:
    """Build and solve; `hint` is {"options": {copy: option index}, "shifts": {instance: bool}}."""
    time_limit, workers, seed = params.time_limit, params.workers, params.seed
    on_progress, stop, deterministic_time = params.on_progress, params.stop, params.deterministic_time
    started = perf_counter()
    built = build_model(data)
    if hint:
        _add_hint(built, hint)
    build_seconds = perf_counter() - started
    problem = built.model.validate()
    if problem:
        return Result(status="MODEL_INVALID", build_seconds=build_seconds, message=problem)

    progress: list[Progress] = []
    solve_started = perf_counter()
    callback = _ProgressCallback(solve_started, progress, on_progress, stop)
    first = None
    if FIRST_PHASE and not hint:
        first = _first_timetable(built, data, workers, seed, time_limit, deterministic_time, stop)
        if first.status == "INFEASIBLE":  # phase 2 has the same constraints
            return Result(status="INFEASIBLE", build_seconds=build_seconds,
                          solve_seconds=perf_counter() - solve_started)
        if first.found:
            callback.first_solution = perf_counter() - solve_started
            callback.report(first.objective, 0)  # costs are never negative: 0 is a bound
            if not built.model.has_objective():  # any timetable is an optimal one
                return _finish(first, "OPTIMAL", build_seconds, perf_counter() - solve_started, progress, callback)
            _add_hint(built, {"options": dict(enumerate(first.solution["options"])),
                              "shifts": dict(enumerate(first.solution["shifts"]))})
    left = time_limit - (perf_counter() - solve_started)
    if first is not None and first.found and (left <= 0 or (stop is not None and stop.is_set())):
        return _finish(first, "FEASIBLE", build_seconds, perf_counter() - solve_started, progress, callback)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.0, float(left))
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = float(deterministic_time)
    _tune(solver.parameters, data, workers)
    solver.parameters.random_seed = int(seed)
    hint_log = _watch_hint(solver) if hint else None
    solver.best_bound_callback = callback.on_bound
    watcher = _watch_stop(solver, stop)
    code = solver.solve(built.model, callback)
    if watcher is not None:
        watcher.set()
    solve_seconds = perf_counter() - solve_started

    status = STATUS.get(code, "UNKNOWN")
    if status == "UNKNOWN" and first is not None and first.found:
        return _finish(first, "FEASIBLE", build_seconds, solve_seconds, progress, callback)
    result = Result(
        status=status, build_seconds=build_seconds, solve_seconds=solve_seconds, progress=progress,
        first_solution_seconds=callback.first_solution,
    )
    if hint_log is not None:
        result.hint_status = _hint_status(hint_log)
    if status == "MODEL_INVALID":
        result.message = built.model.validate() or "CP-SAT reported the model as invalid"
    if result.found:
        result.objective = int(round(solver.objective_value))
        result.bound = int(round(solver.best_objective_bound))
        result.gap = relative_gap(result.objective, result.bound)
        result.solution = _extract(solver, built)
    return result


# Phase 1 looks for any timetable, without the objective, and races two entrants: the model with
# the implied constraints (solver/cpsat/implied.py) and either the repair search
# (solver/cpsat/repair.py, for plans with hard week rules) or the model without them. Measured on FET's examples
# (benchmarks/RESULTS.md, issue 3): without the objective the first timetable came 2-5x sooner
# (with one, CP-SAT spends its workers on bounds first), and each formulation is the fast one on
# some schools and hopeless on others (MAPS: 1-3 s without, none in 60 s with; Brazil the reverse).
FIRST_PHASE = True


@dataclass
class _First:
    status: str
    objective: int | None = None
    solution: dict | None = None

    @property
    def found(self) -> bool:
        return self.solution is not None

    @classmethod
    def timetable(cls, solution: dict) -> _First:
        """A found timetable; its objective is the sum of the model's own costs."""
        return cls(status="FEASIBLE", objective=sum(solution["costs"].values()), solution=solution)


def _first_timetable(built: BuiltModel, data: ProblemData, workers: int, seed: int, time_limit: float,
                     deterministic_time: float | None, stop: threading.Event | None) -> _First:
    """Phase 1: the hard model without objective until its first solution. A small plan first gets a
    quick look with one worker (QUICK_LOOK_BELOW). With more than one worker a second entrant races
    it in another thread: the repair search (solver/cpsat/repair.py)
    when the plan has hard week rules it relaxes, else the formulation without implied constraints.
    Against the repair search the hard model keeps one worker: on FET's schools with such rules the
    repair found the timetable (Gymnasio 21 s, FS-2008-2009-difficult 35 s) only with most of the
    machine, while the hard model still proves infeasible plans so (benchmarks/RESULTS.md); after
    HARD_BESIDE_REPAIR_SECONDS it stops and the repair goes on alone."""
    deadline = perf_counter() + time_limit
    threads = int(workers) if workers else AUTO_WORKERS
    if threads > 1 and data.size < QUICK_LOOK_BELOW:
        quick = _quick_look(built, seed, deterministic_time)
        if quick is not None:
            return quick
    entrants: list = [built]
    repair = None
    if threads > 1 and worth_repairing(data):
        repair = RepairSearch(data, workers=threads // 2, seed=seed, time_limit=time_limit)
    elif threads > 1:  # built in its own thread once the first entrant has had a head start
        entrants.append(lambda: build_model(data, implied=False))
    extra = ENTRANT_PARAMETERS[:len(entrants)]
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
            entrant = None if done.wait(HEAD_START) else entrant()
            if entrant is None or done.is_set():
                decided(cp_model.UNKNOWN)
                return
        model = entrant.model.clone()
        model.clear_objective()
        model.clear_hints()
        # beside the repair the only entrant is the hard model
        solver.parameters.max_time_in_seconds = float(time_limit if repair is None
                                                      else min(time_limit, HARD_BESIDE_REPAIR_SECONDS))
        if deterministic_time is not None:
            solver.parameters.max_deterministic_time = float(deterministic_time)
        _tune(solver.parameters, data, 1 if repair is not None else _entrant_workers(threads, runners))
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
            solution = _extract(solver, entrant)
            return _First.timetable(solution)
    if repair is not None and repair.solution is not None:
        solution = _evaluate(built, repair.solution, seconds=deadline - perf_counter())
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


def _quick_look(built: BuiltModel, seed: int, deterministic_time: float | None) -> _First | None:
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
    solver.parameters.max_time_in_seconds = QUICK_LOOK_SECONDS
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = float(deterministic_time)
    solver.parameters.random_seed = int(seed)
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        solution = _extract(solver, built)
        return _First.timetable(solution)
    if code == cp_model.INFEASIBLE:
        return _First(status="INFEASIBLE")
    return None


def _evaluate(built: BuiltModel, decisions: dict, seconds: float = math.inf) -> dict | None:
    """The repair search's timetable in the full model: its lessons and shifts fixed, CP-SAT completes
    the rest (room pools, cost literals), so the costs are the model's own. It gets what is left of
    the time limit (`seconds`), but at least EVALUATE_FLOOR, so a timetable found at the end is kept."""
    model = built.model.clone()
    model.clear_hints()
    chosen = [xs[k] for xs, k in zip(built.x, decisions["options"]) if k is not None]
    for lit in chosen:
        if not isinstance(lit, bool):
            model.add(model.get_bool_var_from_proto_index(lit.index) == 1)
    for lit, worked in zip(built.w, decisions["shifts"]):
        if not isinstance(lit, bool):
            model.add(model.get_bool_var_from_proto_index(lit.index) == int(worked))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = min(EVALUATE_SECONDS, max(EVALUATE_FLOOR, seconds))
    solver.parameters.stop_after_first_solution = True
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return _extract(solver, built)


# The entrant without implied constraints searches only locally (feasibility jump), after a light
# presolve without symmetry detection: on loosely constrained schools CP-SAT's first timetable came
# from feasibility jump anyway, and the full presolve took most of the time (MAPS: 0.9 s of it
# before the search started; benchmarks/RESULTS.md). It cannot prove a plan infeasible; the
# implied model next to it still can.
LOCAL_SEARCH = {"use_ls_only": True, "max_presolve_iterations": 1, "cp_model_probing_level": 0,
                "symmetry_level": 0}
# Seconds the first entrant searches alone before the second one is built: small schools are
# done sooner (Hopwood: 1 ms of search), and a build that has begun runs to its end in Python,
# holding up the answer.
HEAD_START = 0.05
# Beside the repair search the hard model gives up after this many seconds and leaves the repair
# the whole machine: its wins there come early (highschool-Ancona 2-5 s, small plans proven
# infeasible in milliseconds), while after that its worker only slows the repair (3 threads on 2
# cores). German-100_and_0, whole pipeline, seeds 0-5: 5 of 6 solved either way, median 29.6 s
# against 33.6 s; lycee-Farabi seeds 0-2: 18.6-33.6 s against 22.2-28.1 s (benchmarks/RESULTS.md).
# A plan it has not proven infeasible by then ends UNKNOWN, not INFEASIBLE, if the repair finds
# nothing either.
HARD_BESIDE_REPAIR_SECONDS = 10.0
# Small schools first get one worker alone for a moment: the race's threads and CP-SAT's parallel
# workers took longer to start than the search (CP-SAT alone: small-school 1.3 ms with one worker,
# light presolve, no symmetry detection or linearization, 4.8 ms with two workers; Hopwood 0.3 ms
# against 1.2 ms). A plan it does not decide loses 10-20 ms (the presolve overruns the limit) and
# races as before (benchmarks/RESULTS.md).
QUICK_LOOK_BELOW = 200
QUICK_LOOK_SECONDS = 0.01
# CP-SAT parameters per phase-1 entrant on top of _tune: the implied model, the model without.
ENTRANT_PARAMETERS: tuple[dict, ...] = ({}, LOCAL_SEARCH)

EVALUATE_SECONDS = 30.0  # fixing every lesson leaves CP-SAT only room pools and cost literals to set
# The least time the evaluation gets when the time limit is (nearly) spent: it takes milliseconds on
# FET's schools, and without it a timetable the repair found at the end would be lost.
EVALUATE_FLOOR = 1.0


def _finish(first: _First, status: str, build_seconds: float, solve_seconds: float, progress, callback) -> Result:
    """The phase-1 timetable as the result (no objective, stopped, or phase 2 found nothing in time)."""
    return Result(
        status=status, build_seconds=build_seconds, solve_seconds=solve_seconds, progress=progress,
        first_solution_seconds=callback.first_solution, objective=first.objective,
        bound=first.objective if status == "OPTIMAL" else 0,
        gap=0.0 if status == "OPTIMAL" else relative_gap(first.objective, 0), solution=first.solution,
    )


# Measured on generated schools of 1,500 lesson-periods (benchmarks/RESULTS.md): with 2 workers
# CP-SAT runs no core-based worker, and the objective after 90 s stayed ~8x worse than with 4.
AUTO_WORKERS = 4
# Above this many lesson-periods a full presolve costs more time than it saves before the
# first timetable; one presolve round without probing is kept.
LIGHT_PRESOLVE_FROM = 600


def _tune(parameters, data: ProblemData, workers: int) -> None:
    """Search parameters: `workers` 0 means our tested default; big models get a light presolve."""
    parameters.num_workers = int(workers) if workers else AUTO_WORKERS
    if data.size >= LIGHT_PRESOLVE_FROM:
        parameters.max_presolve_iterations = 1
        parameters.cp_model_probing_level = 0


def _watch_stop(solver: cp_model.CpSolver, stop: threading.Event | None) -> threading.Event | None:
    """Stop the search as soon as `stop` is set, even while no new solution arrives."""
    if stop is None:
        return None
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            if stop.is_set():
                solver.stop_search()
                return

    threading.Thread(target=watch, daemon=True).start()
    return done


def _watch_hint(solver: cp_model.CpSolver) -> list[str]:
    """Collect CP-SAT's own lines about the hint (presolve can break a hint: or-tools #4373, #4693).

    repair_hint is left off: with it, CP-SAT 9.15 aborted the whole process here
    ("Check failed: heuristics.fixed_search != nullptr") on a re-plan of the demo.
    """
    lines: list[str] = []
    solver.parameters.log_search_progress = True
    solver.parameters.log_to_stdout = False
    solver.log_callback = lambda line: lines.append(line) if "hint" in line else None
    return lines


def _hint_status(lines: list[str]) -> str:
    """accepted | broken_by_presolve | infeasible | ignored, read from CP-SAT's log lines.

    accepted: a solution came from following the hint ("[hint]"), or the hint was complete and
    still feasible after presolve. Our hints name only the decisions (lesson options, shifts), so
    CP-SAT calls them incomplete and completes them itself.
    """
    checks = [line for line in lines if "solution hint is" in line]
    if any("[hint]" in line for line in lines):
        return "accepted"
    if checks and all("complete and is feasible" in line for line in checks):
        return "accepted"
    if checks and "complete and is feasible" in checks[0]:
        return "broken_by_presolve"
    if any("infeasible" in line for line in checks):
        return "infeasible"
    return "ignored"


def _add_hint(built: BuiltModel, hint: dict) -> None:
    for c, chosen in hint.get("options", {}).items():
        for k, lit in enumerate(built.x[c]):
            if not isinstance(lit, bool):
                built.model.add_hint(lit, k == chosen)
    for i, worked in hint.get("shifts", {}).items():
        lit = built.w[i]
        if not isinstance(lit, bool):
            built.model.add_hint(lit, bool(worked))


def _extract(solver: cp_model.CpSolver, built: BuiltModel) -> dict:
    pools = [
        next((pool for pool, lit in choice.items() if value(solver, lit)), None) for choice in built.pool_choice
    ]
    costs = {
        rule: sum(weight * _int(solver, lit) for weight, lit in items) for rule, items in built.costs.items()
    }
    return {**built.decisions(solver), "pools": pools, "costs": costs}


def _int(solver: cp_model.CpSolver, lit) -> int:
    if isinstance(lit, bool):
        return int(lit)
    return int(solver.value(lit))
