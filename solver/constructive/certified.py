"""The greedy's timetable, decoded and certified by the independent validator, or nothing.

A greedy that cannot place every lesson in its budget, or whose timetable breaks a hard rule it does not
check itself (the validator decides), is dropped: the solve goes on with CP-SAT as before. Plans with
hto'ers are left to CP-SAT: the greedy keeps the shifts as rostered and does not fit the teaching around them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from time import perf_counter

from solver.constructive.run import construct, worth_a_long_run
from solver.decode import decode
from solver.domain import Plan, Timetable
from solver.params import SolveParams
from solver.problem import ProblemData
from solver.result import Progress, Result, Solution, relative_gap
from solver.validate import validate


# With a deterministic time: the greedy's steps (a unit taken from the queue), this plus 4 per copy. FET's
# easy schools needed 25-1,300 (rough, issue 27: Namibia's full schools the most).
DETERMINISTIC_STEPS = 1000


@dataclass
class Certified:
    """A certified first timetable: its Result (objective = the validator's soft cost) and Timetable."""

    result: Result
    timetable: Timetable

    @property
    def objective(self) -> int:
        return self.result.objective


def budget(params: SolveParams, copies: int, long_run: bool = True) -> tuple[float, int | None]:
    """Seconds and steps for the greedy: the larger of constructive_seconds and constructive_share of the
    time limit, never more than the time limit leaves (the greedy stops sooner when it stalls); only
    constructive_seconds where its success is rare (not `long_run`: greedy.worth_a_long_run).
    A run with a deterministic time (reproducible) gets a number of steps instead, so that whether the
    greedy succeeds does not depend on the machine's speed; the seconds then only guard against a hang."""
    most = params.constructive_seconds
    if long_run:
        most = max(most, params.constructive_share * params.time_limit)
    seconds = max(0.0, min(most, params.seconds_left()))
    if params.deterministic_time is None:
        return seconds, None
    return max(0.0, min(10 * most, params.seconds_left())), DETERMINISTIC_STEPS + 4 * copies


# Greedy runs within one budget: a run that stalls with time left starts again on another seed. On the
# long-budget fet-broad schools (issue 27, benchmarks/RESULTS.md) a stall often is the seed's: Goreangab and
# ConcordiaY2016T2a stalled on 2 of 6 seeds each and got through on the next try. Where no seed gets through,
# a second try costs one more stall; more tries would cost the whole budget (netura: 0.5 s -> 3 s).
GREEDY_TRIES = 2
RESTART_SEED_STEP = 1000  # the next try's seed: away from the seeds a benchmark runs side by side (0, 1, 2)


def _construct_with_a_restart(data: ProblemData, seconds: float, seed: int, steps: int | None) -> Solution | None:
    """The greedy's Solution from the first of GREEDY_TRIES runs that gets through within `seconds` in all
    (each run with `steps` of its own), or None."""
    deadline = perf_counter() + seconds
    for attempt in range(GREEDY_TRIES):
        left = deadline - perf_counter()
        if left <= 0:
            break
        solution = construct(data, left, seed=seed + RESTART_SEED_STEP * attempt, max_steps=steps)
        if solution is not None:
            return solution
    return None


def first_certified(plan: Plan, data: ProblemData, params: SolveParams) -> Certified | None:
    """The greedy's timetable if it places every required lesson in its budget and the validator finds no
    hard violation; None otherwise. Costs are the validator's, so the timetable's objective is exact; a
    soft cost of 0 is optimal (costs are never negative)."""
    if data.htos:  # their teaching must fit their shifts, which the greedy does not look at (the demo:
        return None  # 12 hard violations, 0.23 s lost)
    began = perf_counter()
    seconds, steps = budget(params, len(data.copies), worth_a_long_run(data))
    solution = _construct_with_a_restart(data, seconds, params.seed, steps)
    if solution is None:
        return None
    timetable = decode(plan, data, Result(status="FEASIBLE", solution=solution))
    report = validate(plan, timetable)
    if report.hard_violations:
        return None
    costs = {rule: cost for rule, cost in report.breakdown.items() if cost}
    objective = report.soft_cost
    status = "OPTIMAL" if objective == 0 else "FEASIBLE"
    elapsed = perf_counter() - (params.started if params.started is not None else began)
    result = Result(status=status, objective=objective, bound=0, gap=relative_gap(objective, 0),
                    solution=replace(solution, costs=costs), first_solution_seconds=elapsed,
                    progress=[Progress(elapsed=elapsed, objective=objective, bound=0, gap=relative_gap(objective, 0))])
    # the decoded timetable, stamped with what the validator found (decoding again would give the same placements)
    stamped = timetable.model_copy(update={
        "status": status, "objective": objective, "bound": 0,
        "soft_cost": {rule: int(cost) for rule, cost in sorted(costs.items())}})
    return Certified(result=result, timetable=stamped)
