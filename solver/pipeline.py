"""Plan in, Timetable out: compile -> solve loop -> decode. The one call front-ends use.

Before anything is compiled, the model's size is estimated from the plan (`estimate_size`) and a
plan above the limit is refused (`check_size`): a plan of 100,000 lessons, or a lesson given a
thousand times a week, would otherwise take minutes and gigabytes before the time limit starts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from solver.compile import compile_plan
from solver.constructive import Certified, first_certified
from solver.decode import decode
from solver.domain import Plan, PlanError, PlanIssue, Timetable
from solver.domain.base import MAX_OPTIONS
from solver.domain.cycles import plan_horizon
from solver.params import SolveParams
from solver.problem import ProblemData
from solver.result import Hint, Progress, Result


@dataclass
class PlanOutcome:
    result: Result
    timetable: Timetable | None
    data: ProblemData


@dataclass(frozen=True)
class SizeEstimate:
    """An upper bound of the model's decision variables, from the plan alone (nothing compiled)."""

    lesson_options: int  # per lesson copy: its possible starts x its teachers, summed
    shift_instances: int  # per staff member: each shift on each day it runs, in each week of the horizon
    biggest: tuple[tuple[str, int], ...] = ()  # the lessons with the most options, most first

    @property
    def total(self) -> int:
        return self.lesson_options + self.shift_instances


def estimate_size(plan: Plan) -> SizeEstimate:
    """Count, without compiling, what compile would make at most: per lesson copy every start where its
    lesuren fit in one day times every teacher who may teach it (pruning only lowers this; explain mode
    keeps them all), and per staff member every shift on every day it runs, in every week of the horizon."""
    per_day = {id(s): Counter(p.day for p in s.periods) for s in plan.schools}
    options: dict[str, int] = {}
    for lesson in plan.lessons:
        school = plan.lesson_school(lesson)
        starts = sum(max(0, n - lesson.duration + 1) for n in per_day[id(school)].values())
        teachers = 1 if lesson.teacher else max(1, len(lesson.candidates))
        options[lesson.id] = options.get(lesson.id, 0) + lesson.count * starts * teachers
    shifts = sum(len(employer.staff) * sum(len(shift.days) for shift in employer.shifts)
                 for employer in plan.employers) * plan_horizon(plan).weeks
    biggest = tuple(sorted(options.items(), key=lambda kv: -kv[1])[:3])
    return SizeEstimate(lesson_options=sum(options.values()), shift_instances=shifts, biggest=biggest)


def check_size(plan: Plan, limit: int | None = MAX_OPTIONS, source: str | None = None) -> SizeEstimate:
    """The plan's size estimate; a PlanError (with the estimate and the limit) above `limit` (None: no limit)."""
    size = estimate_size(plan)
    if limit is not None and size.total > limit:
        biggest = ", ".join(f"{lesson_id} {n:,}" for lesson_id, n in size.biggest)
        message = (f"the model would be too large: about {size.total:,} lesson options and shifts "
                   f"({size.lesson_options:,} lesson options: count x possible starts x teachers, summed over "
                   f"{len(plan.lessons):,} lessons; most: {biggest}), and the limit is {limit:,}. "
                   "Split the plan, lower counts or candidates, or raise the limit with --max-options "
                   "(a larger model needs more memory and time)")
        raise PlanError([PlanIssue(path="lessons", message=message)], source)
    return size


def solve_plan(
    plan: Plan,
    params: SolveParams = SolveParams(),
    *,
    hint: dict | Callable[[ProblemData], dict] | None = None,
    max_options: int | None = MAX_OPTIONS,
) -> PlanOutcome:
    """`hint` is a hint dict for the solve loop, or a function that makes one from the ProblemData.
    `params.time_limit` counts from here: compile, build and search.
    A plan whose size estimate is above `max_options` (None: no limit) is refused before it is compiled.

    Without a hint, a greedy first pass comes before CP-SAT (params.constructive): a certified timetable
    of it is reported as the first solution; with a soft cost of 0, or when the caller stops on it, it is
    the answer. Else it is CP-SAT's hint (params.warm_start: phase 2 begins from it, phase 1 is skipped),
    and CP-SAT's timetable is kept unless it is worse or missing.
    solver.cpsat (and so OR-Tools, with numpy and pandas) is imported only then."""
    params = params.starting_now()  # the time limit covers the compile too
    check_size(plan, max_options)
    params.stage("compile")
    data = compile_plan(plan)
    if callable(hint):
        hint = hint(data)
    first = None
    if params.constructive and hint is None:
        params.stage("constructive")
        first = first_certified(plan, data, params)
        if first is not None:
            if params.on_progress is not None:
                params.on_progress(first.result.progress[0])
            if first.result.status == "OPTIMAL" or params.out_of_time():
                return PlanOutcome(result=first.result, timetable=first.timetable, data=data)
            params = replace(params, on_progress=_not_worse(params.on_progress, first.objective))
    from solver.cpsat.solve import solve  # here: the first pass above needs no OR-Tools

    if first is not None and params.warm_start:
        hint = Hint.of(first.result.solution)
    result = solve(data, params, hint=hint)
    if first is not None and (not result.found or result.objective > first.objective):
        return _with_first(first, result, data)
    if first is not None:
        result.progress = first.result.progress + [e for e in result.progress if e.objective <= first.objective]
        result.first_solution_seconds = first.result.first_solution_seconds
    timetable = decode(plan, data, result) if result.found else None
    return PlanOutcome(result=result, timetable=timetable, data=data)


def _not_worse(on_progress: Callable[[Progress], None] | None, objective: int):
    """CP-SAT's own progress, except its timetables worse than the greedy's (already reported)."""
    if on_progress is None:
        return None

    def report(event: Progress) -> None:
        if event.objective <= objective:
            on_progress(event)

    return report


def _with_first(first: Certified, result: Result, data: ProblemData) -> PlanOutcome:
    """The greedy's timetable when CP-SAT found none or a worse one in the time (its times are kept)."""
    kept = first.result
    kept.build_seconds, kept.solve_seconds = result.build_seconds, result.solve_seconds
    return PlanOutcome(result=kept, timetable=first.timetable, data=data)
