"""Plan in, Timetable out: compile -> solve loop -> decode. The one call front-ends use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from solver.compile import compile_plan
from solver.cpsat.solve import solve
from solver.decode import decode
from solver.domain import Plan, Timetable
from solver.problem import ProblemData
from solver.result import Progress, Result


@dataclass
class PlanOutcome:
    result: Result
    timetable: Timetable | None
    data: ProblemData


def solve_plan(
    plan: Plan,
    *,
    time_limit: float = 60.0,
    workers: int = 0,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
    hint: dict | Callable[[ProblemData], dict] | None = None,
) -> PlanOutcome:
    """`hint` is a hint dict for the solve loop, or a function that makes one from the ProblemData."""
    data = compile_plan(plan)
    if callable(hint):
        hint = hint(data)
    result = solve(
        data, time_limit=time_limit, workers=workers, seed=seed, on_progress=on_progress, stop=stop, hint=hint,
    )
    timetable = decode(plan, data, result) if result.found else None
    return PlanOutcome(result=result, timetable=timetable, data=data)
