"""The solve loop: ProblemData (+ hint, SolveParams) -> Result. No pydantic, no I/O.

Phase 1 (solver/cpsat/first.py) looks for any timetable without the objective; phase 2 (here) minimises
the objective from it (it is the hint). The switches of both: solver/params.py (PhaseSwitches).
"""

from __future__ import annotations

import threading
from time import perf_counter

from ortools.sat.python import cp_model

from solver.cpsat.builder import BuildStopped, BuiltModel, build_model
from solver.cpsat.first import _First, _first_timetable, extract, tune
from solver.params import SolveParams
from solver.problem import ProblemData
from solver.result import Hint, Progress, Result, relative_gap

__all__ = ["STATUS", "solve"]

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


def solve(data: ProblemData, params: SolveParams, *, hint: Hint | None = None) -> Result:
    """Build and solve; `hint` (option per copy, worked per shift instance) replaces phase 1."""
    params = params.starting_now()  # the time limit covers the build (and, from solve_plan, the compile)
    workers, seed = params.workers, params.seed
    on_progress, stop, deterministic_time = params.on_progress, params.stop, params.deterministic_time
    started = perf_counter()
    params.stage("build")
    try:
        built = build_model(data, stop=params.out_of_time)
    except BuildStopped as stopped:
        return _not_built(params, perf_counter() - started, stopped.at)
    if hint is not None:
        _add_hint(built, hint)
    build_seconds = perf_counter() - started
    problem = built.model.validate()
    if problem:
        return Result(status="MODEL_INVALID", build_seconds=build_seconds, message=problem)
    if params.out_of_time():
        return _not_built(params, build_seconds, None)
    params.stage("search")

    progress: list[Progress] = []
    solve_started = perf_counter()
    callback = _ProgressCallback(solve_started, progress, on_progress, stop)
    first = None
    if params.phases.first_phase and hint is None:
        first = _first_timetable(built, data, params, build_seconds)
        if first.status == "INFEASIBLE":  # phase 2 has the same constraints
            return Result(status="INFEASIBLE", build_seconds=build_seconds,
                          solve_seconds=perf_counter() - solve_started)
        if first.found:
            callback.first_solution = perf_counter() - solve_started
            callback.report(first.objective, 0)  # costs are never negative: 0 is a bound
            if not built.model.has_objective():  # any timetable is an optimal one
                return _finish(first, "OPTIMAL", build_seconds, perf_counter() - solve_started, progress, callback)
            _add_hint(built, Hint.of(first.solution))
    left = params.seconds_left()
    if first is not None and first.found and (left <= 0 or (stop is not None and stop.is_set())):
        return _finish(first, "FEASIBLE", build_seconds, perf_counter() - solve_started, progress, callback)
    if first is not None and left <= 0:  # phase 1 used the whole limit: a search of 0 s still presolves
        return Result(status="UNKNOWN", build_seconds=build_seconds, solve_seconds=perf_counter() - solve_started,
                      progress=progress)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.0, float(left))
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = float(deterministic_time)
    tune(solver.parameters, data, workers, params.phases)
    solver.parameters.random_seed = int(seed)
    hint_log = _watch_hint(solver) if hint is not None else None
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
        result.solution = extract(solver, built)
    return result


def _not_built(params: SolveParams, build_seconds: float, at: str | None) -> Result:
    """No search began: the time limit ran out (or a stop came) while the model was compiled or built."""
    spent = params.time_limit - params.seconds_left()
    where = f", stopped before the step {at}" if at else ""
    if params.stop is not None and params.stop.is_set():
        message = f"Stopped while building the model ({spent:.1f} s{where}); no search was started."
    else:
        message = (f"The time limit of {params.time_limit:g} s ran out before the search could start: compiling and "
                   f"building the model took {spent:.1f} s ({build_seconds:.1f} s of it building{where}). "
                   "Give more time with --time-limit, or split the plan into smaller ones.")
    return Result(status="UNKNOWN", build_seconds=build_seconds, message=message)


def _finish(first: _First, status: str, build_seconds: float, solve_seconds: float, progress, callback) -> Result:
    """The phase-1 timetable as the result (no objective, stopped, or phase 2 found nothing in time)."""
    return Result(
        status=status, build_seconds=build_seconds, solve_seconds=solve_seconds, progress=progress,
        first_solution_seconds=callback.first_solution, objective=first.objective,
        bound=first.objective if status == "OPTIMAL" else 0,
        gap=0.0 if status == "OPTIMAL" else relative_gap(first.objective, 0), solution=first.solution,
    )


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


def _add_hint(built: BuiltModel, hint: Hint) -> None:
    for c, chosen in hint.options.items():
        for k, lit in enumerate(built.x[c]):
            if not isinstance(lit, bool):
                built.model.add_hint(lit, k == chosen)
    for i, worked in hint.shifts.items():
        lit = built.w[i]
        if not isinstance(lit, bool):
            built.model.add_hint(lit, bool(worked))
