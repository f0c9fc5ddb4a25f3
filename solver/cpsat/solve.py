"""The solve loop: ProblemData (+ hint, limits, progress, stop) -> Result. No pydantic, no I/O."""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import perf_counter

from ortools.sat.python import cp_model

from solver.cpsat.builder import BuiltModel, build_model
from solver.cpsat.literals import value
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

    def _report(self, objective: int, bound: int) -> None:
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
        self._report(int(round(self.objective_value)), int(round(self.best_objective_bound)))
        if self._stop is not None and self._stop.is_set():
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        """A better lower bound: reported only once a timetable exists (a gap needs both)."""
        with self._lock:
            last = self._sink[-1] if self._sink else None
        if last is not None and int(round(bound)) > last.bound:
            self._report(last.objective, int(round(bound)))


def solve(
    data: ProblemData,
    *,
    time_limit: float = 60.0,
    workers: int = 0,
    seed: int = 0,
    hint: dict | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
    deterministic_time: float | None = None,
) -> Result:
    """Build and solve; `hint` is {"options": {copy: option index}, "shifts": {instance: bool}}."""
    started = perf_counter()
    built = build_model(data)
    if hint:
        _add_hint(built, hint)
    build_seconds = perf_counter() - started
    problem = built.model.validate()
    if problem:
        return Result(status="MODEL_INVALID", build_seconds=build_seconds, message=problem)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = float(deterministic_time)
    _tune(solver.parameters, data, workers)
    solver.parameters.random_seed = int(seed)
    hint_log = _watch_hint(solver) if hint else None
    progress: list[Progress] = []
    solve_started = perf_counter()
    callback = _ProgressCallback(solve_started, progress, on_progress, stop)
    solver.best_bound_callback = callback.on_bound
    watcher = _watch_stop(solver, stop)
    code = solver.solve(built.model, callback)
    if watcher is not None:
        watcher.set()
    solve_seconds = perf_counter() - solve_started

    status = STATUS.get(code, "UNKNOWN")
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
    options = []
    for xs in built.x:
        chosen = [k for k, lit in enumerate(xs) if value(solver, lit)]
        options.append(chosen[0] if chosen else None)
    pools = [
        next((pool for pool, lit in choice.items() if value(solver, lit)), None) for choice in built.pool_choice
    ]
    costs = {
        rule: sum(weight * _int(solver, lit) for weight, lit in items) for rule, items in built.costs.items()
    }
    return {
        "options": options,
        "pools": pools,
        "shifts": [value(solver, lit) for lit in built.w],
        "costs": costs,
    }


def _int(solver: cp_model.CpSolver, lit) -> int:
    if isinstance(lit, bool):
        return int(lit)
    return int(solver.value(lit))
