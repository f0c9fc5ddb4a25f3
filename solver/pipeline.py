"""Plan in, Timetable out: compile -> solve loop -> decode. The one call front-ends use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from solver.compile import compile_plan
from solver.cpsat.solve import solve
from solver.decode import decode
from solver.domain import Plan, Timetable
from solver.params import SolveParams
from solver.problem import ProblemData
from solver.result import Result


@dataclass
class PlanOutcome:
    result: Result
    timetable: Timetable | None
    data: ProblemData


def solve_plan(
    plan: Plan,
    params: SolveParams = SolveParams(),
    *,
    hint: dict | Callable[[ProblemData], dict] | None = None,
) -> PlanOutcome:
    """`hint` is a hint dict for the solve loop, or a function that makes one from the ProblemData."""
    data = compile_plan(plan)
    if callable(hint):
        hint = hint(data)
    result = solve(data, params, hint=hint)
    timetable = decode(plan, data, result) if result.found else None
    return PlanOutcome(result=result, timetable=timetable, data=data)
