"""Plan in, Timetable out: compile -> solve loop -> decode. The one call front-ends use.

Before anything is compiled, the model's size is estimated from the plan (`estimate_size`) and a
plan above the limit is refused (`check_size`): a plan of 100,000 lessons, or a lesson given a
thousand times a week, would otherwise take minutes and gigabytes before the time limit starts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from solver.compile import compile_plan
from solver.cpsat.solve import solve
from solver.decode import decode
from solver.domain import Plan, PlanError, PlanIssue, Timetable
from solver.domain.base import MAX_OPTIONS
from solver.domain.cycles import plan_horizon
from solver.params import SolveParams
from solver.problem import ProblemData
from solver.result import Result


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
    A plan whose size estimate is above `max_options` (None: no limit) is refused before it is compiled."""
    params = params.starting_now()  # the time limit covers the compile too
    check_size(plan, max_options)
    params.stage("compile")
    data = compile_plan(plan)
    if callable(hint):
        hint = hint(data)
    result = solve(data, params, hint=hint)
    timetable = decode(plan, data, result) if result.found else None
    return PlanOutcome(result=result, timetable=timetable, data=data)
