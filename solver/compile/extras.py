"""Compile `Plan.constraints` (the extra constraints) into integer-indexed `ExtraData`.

`compile_extras` resolves lesson ids to copy indices, slots to global period indices and
teachers / groups to owners (each distinct teacher and student set). The options a hard extra
constraint rules out on its own are pruned before that, in solver/compile/prune.py.
"""

from __future__ import annotations

import math
from collections import defaultdict

from solver.compile.periods import blocked_periods, period_lookup
from solver.domain import Plan, hard_windows
from solver.problem import CopyData, LessonData, PeriodData, PoolData
from solver.problem_extra import ExtraData, Owner
from solver.timeline import day_index

COPYWISE = ("same_starting_time", "same_starting_day", "consecutive", "grouped")
SCOPED = (
    "max_gaps_per_week", "max_gaps_per_day", "max_periods_per_day", "min_periods_per_day",
    "max_periods_continuously", "tag_max_periods_per_day", "min_days_per_week",
    "interval_max_days_per_week", "early_max_beginnings_at_second_period", "workload_per_week",
)
_AMOUNT = {
    "min_days_between": "min_days", "min_gaps_between": "min_gaps", "occupy_max_slots": "max_occupied",
    "max_gaps_per_week": "max_gaps", "max_gaps_per_day": "max_gaps", "max_periods_per_day": "max_periods",
    "min_periods_per_day": "min_periods", "max_periods_continuously": "max_periods",
    "tag_max_periods_per_day": "max_periods", "min_days_per_week": "min_days",
    "interval_max_days_per_week": "max_days", "early_max_beginnings_at_second_period": "max_beginnings",
}


def copy_groups(constraint, lesson_copies: dict[str, tuple[int, ...]]) -> tuple[tuple[int, ...], ...]:
    """Copy-wise types: copy k of every named lesson together; the others: every copy of every lesson."""
    if constraint.type == "consecutive":
        names = [constraint.first, constraint.second]
    else:
        names = list(constraint.lessons)
    if constraint.type in COPYWISE:
        count = len(lesson_copies[names[0]])
        return tuple(tuple(lesson_copies[n][k] for n in names) for k in range(count))
    return (tuple(c for n in names for c in lesson_copies[n]),)


def slot_periods(constraint, school: int, lookup) -> tuple[int, ...]:
    return tuple(sorted({lookup[(school, day_index(s.day), s.period)] for s in constraint.slots}))


def compile_extras(plan: Plan, periods: list[PeriodData], day_periods: list[tuple[int, ...]],
                   lessons: list[LessonData], copies: list[CopyData], pools: list[PoolData],
                   teacher_index: dict[str, int],
                   set_index: dict[tuple[int, str], int], group_sets: dict[tuple[int, str], list[str]],
                   ) -> tuple[ExtraData, ...]:
    """Every extra constraint with integer indices (docs/rules.md, 'Extra constraints')."""
    if not plan.constraints:
        return ()
    lookup = period_lookup(periods)
    lesson_copies = {lesson.id: lesson.copies for lesson in lessons}
    school_lists: dict[int, list[int]] = defaultdict(list)
    for k, day in enumerate(day_periods):
        school_lists[periods[day[0]].school].append(k)
    all_lists = tuple(range(len(day_periods)))
    out = []
    for index, constraint in enumerate(plan.constraints):
        kind = constraint.type
        fields: dict = {"type": kind, "index": index, "weight": constraint.weight}
        if kind in _AMOUNT:
            fields["amount"] = getattr(constraint, _AMOUNT[kind])
        if kind in SCOPED:
            owners: dict[tuple[str, int], Owner] = {}
            days = {day_index(d) for d in getattr(constraint, "days", [])}
            counted = (lambda ks: tuple(k for k in ks if periods[day_periods[k][0]].day in days)) if days else tuple
            # XHSTT's idle times: an unavailable lesuur between lessons is a gap too
            open_all = getattr(constraint, "unavailable_gaps", False)
            for teacher_id in constraint.teachers:
                t = teacher_index[teacher_id]
                if ("teacher", t) not in owners:
                    windows = [] if open_all else hard_windows(plan.teachers[t].unavailable)  # a preference window is no gap-free lesuur
                    owners[("teacher", t)] = Owner("teacher", t, counted(all_lists), blocked_periods(periods, windows))
            for group_id in constraint.groups:
                for school_i, school in enumerate(plan.schools):
                    if any(g.id == group_id for g in school.groups):
                        for set_id in group_sets[(school_i, group_id)]:
                            s = set_index[(school_i, set_id)]
                            if ("set", s) not in owners:
                                windows = [w for g in school.groups if set_id in group_sets[(school_i, g.id)]
                                           for w in hard_windows(g.unavailable)] if not open_all else []
                                owners[("set", s)] = Owner("set", s, counted(school_lists[school_i]),
                                                           blocked_periods(periods, windows, school_i))
            fields["owners"] = tuple(owners.values())
            tag = getattr(constraint, "tag", None)
            if tag is not None:
                fields["tag"] = tag
                fields["tagged"] = frozenset(
                    c for lesson in plan.lessons if tag in lesson.tags for c in lesson_copies[lesson.id]
                )
        else:
            fields["groups"] = copy_groups(constraint, lesson_copies)
        if getattr(constraint, "cost_function", "linear") != "linear":
            fields["cost_function"] = constraint.cost_function
        if kind == "max_periods_per_day":
            fields["minimum"] = constraint.min_periods
        if kind == "workload_per_week":
            fields["amount"] = -1 if constraint.max_workload is None else constraint.max_workload
            fields["minimum"] = constraint.min_workload
            fields["scale"], fields["shares"] = workload_shares(constraint, plan, lesson_copies)
        if kind == "min_days_between":
            fields["flag"] = constraint.consecutive_if_same_day
        elif kind == "min_periods_per_day":
            fields["flag"] = constraint.allow_empty_days
        elif kind == "interval_max_days_per_week":
            fields["first_period"], fields["end_period"] = constraint.first_period, constraint.end_period
        elif kind == "min_days_per_week" and (constraint.first_period > 1 or constraint.end_period is not None):
            fields["first_period"] = constraint.first_period  # end_period 0 in ExtraData: to the end of the day
            fields["end_period"] = constraint.end_period or 0
        elif kind == "spread_events":
            fields["spread"] = tuple(
                (frozenset(day_index(d) for d in g.days), frozenset((day_index(s.day), s.period) for s in g.slots),
                 g.min_starts, -1 if g.max_starts is None else g.max_starts) for g in constraint.time_groups)
        elif kind == "preferred_starts":
            fields["starts"] = frozenset((day_index(s.day), s.period) for s in constraint.slots)
        elif kind == "preferred_rooms":
            wanted = set(constraint.rooms)
            fields["pools"] = frozenset(k for k, pool in enumerate(pools) if wanted.issuperset(pool.rooms))
        elif kind in ("preferred_slots", "occupy_max_slots"):
            school = copies[fields["groups"][0][0]].school
            fields["periods"] = slot_periods(constraint, school, lookup)
        out.append(ExtraData(**fields))
    return tuple(out)


def workload_shares(constraint, plan: Plan, lesson_copies: dict[str, tuple[int, ...]]):
    """(scale, ((copy, share x scale), ...)): each copy's share of its lesson's workload (the listed one,
    else count x duration), scaled so that every share is a whole number."""
    listed = {item.lesson: item.workload for item in constraint.workloads}
    totals = {lesson.id: listed.get(lesson.id, lesson.count * lesson.duration) for lesson in plan.lessons}
    scale = 1
    for lesson in plan.lessons:
        if totals[lesson.id] % lesson.count:
            scale = math.lcm(scale, lesson.count)
    counts = {lesson.id: lesson.count for lesson in plan.lessons}
    return scale, tuple((c, totals[lid] * scale // counts[lid]) for lid, copies in lesson_copies.items()
                        for c in copies if totals[lid])
