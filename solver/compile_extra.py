"""Compile `Plan.constraints` (the extra constraints) into integer-indexed `ExtraData`.

Two entry points, both called from `solver.compile.compile_plan`:

* `prune_options` removes lesson options that a hard extra constraint rules out on its own
  (preferred starts and slots; same start, same day, consecutive and grouped pairs where the
  partner has no matching option). Pruning is exact: it only drops options no solution can use.
* `compile_extras` resolves lesson ids to copy indices, slots to global period indices and
  teachers / groups to owners (each distinct teacher and student set).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from solver.domain import Plan
from solver.problem import CopyData, LessonData, PeriodData, PoolData
from solver.problem_extra import ExtraData, Owner
from solver.timeline import at, day_index, overlaps, parse_hhmm

COPYWISE = ("same_starting_time", "same_starting_day", "consecutive", "grouped")
SCOPED = (
    "max_gaps_per_week", "max_gaps_per_day", "max_periods_per_day", "min_periods_per_day",
    "max_periods_continuously", "tag_max_periods_per_day", "min_days_per_week",
    "interval_max_days_per_week", "early_max_beginnings_at_second_period",
)
_AMOUNT = {
    "min_days_between": "min_days", "min_gaps_between": "min_gaps", "occupy_max_slots": "max_occupied",
    "max_gaps_per_week": "max_gaps", "max_gaps_per_day": "max_gaps", "max_periods_per_day": "max_periods",
    "min_periods_per_day": "min_periods", "max_periods_continuously": "max_periods",
    "tag_max_periods_per_day": "max_periods", "min_days_per_week": "min_days",
    "interval_max_days_per_week": "max_days", "early_max_beginnings_at_second_period": "max_beginnings",
}


def period_lookup(periods: list[PeriodData]) -> dict[tuple[int, int, int], int]:
    """(school, day, lesuur number) -> global period index."""
    return {(p.school, p.day, p.number): i for i, p in enumerate(periods)}


def breaks_before(plan: Plan, periods: list[PeriodData]) -> frozenset[int]:
    """Global indices of the periods that have a marked break before them."""
    lookup = period_lookup(periods)
    out = set()
    for school_i, school in enumerate(plan.schools):
        days: dict[int, list] = defaultdict(list)
        for period in school.periods:
            days[day_index(period.day)].append(period)
        for day, items in days.items():
            for number, period in enumerate(sorted(items, key=lambda p: parse_hhmm(p.start)), start=1):
                if period.break_before:
                    out.add(lookup[(school_i, day, number)])
    return frozenset(out)


def _blocked(periods: list[PeriodData], windows, school: int | None) -> frozenset[int]:
    """Periods (of the school, if given) that overlap one of the windows."""
    spans = [(at(w.day, parse_hhmm(w.start)), at(w.day, parse_hhmm(w.end))) for w in windows]
    return frozenset(i for i, p in enumerate(periods) if (school is None or p.school == school)
                     and any(overlaps(p.start, p.end, a, b) for a, b in spans))


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


def _slot_periods(constraint, school: int, lookup) -> tuple[int, ...]:
    return tuple(sorted({lookup[(school, day_index(s.day), s.period)] for s in constraint.slots}))


def room_preferences(plan: Plan, school, room_id: str) -> tuple[int, ...]:
    """The soft preferred_rooms constraints that list this room id: rooms differing here never pool
    (a same-named room of another school may split a pool needlessly; that is harmless)."""
    return tuple(k for k, c in enumerate(plan.constraints)
                 if c.type == "preferred_rooms" and c.weight and room_id in c.rooms)


def prune_options(plan: Plan, lessons: list[LessonData], copies: list[CopyData],
                  periods: list[PeriodData], copy_rooms: list[frozenset[str]]) -> list[CopyData]:
    """Drop the options (and rooms: `copy_rooms` is narrowed in place) that a hard extra constraint
    forbids by itself (exact, see module doc).

    Also keeps symmetry breaking sound: copies of a lesson that a copy-wise constraint ties to
    copies of another lesson are no longer alike, so `lessons` (in place) lose `interchangeable`.
    """
    if not plan.constraints:
        return copies
    _tied_copies_differ(plan, lessons)
    lookup = period_lookup(periods)
    lesson_copies = {lesson.id: lesson.copies for lesson in lessons}
    options = [list(copy.options) for copy in copies]
    everyone_placed = not plan.policy.allow_unplaced_lessons
    for constraint in plan.constraints:
        if constraint.weight is not None:
            continue
        groups = copy_groups(constraint, lesson_copies) if hasattr(constraint, "lessons") or \
            constraint.type == "consecutive" else ()
        kind = constraint.type
        if kind == "preferred_starts":
            allowed = {(day_index(s.day), s.period) for s in constraint.slots}
            for c in groups[0]:
                options[c] = [o for o in options[c] if (o.day, o.first) in allowed]
        elif kind == "preferred_slots":
            allowed_p = set(_slot_periods(constraint, copies[groups[0][0]].school, lookup))
            for c in groups[0]:
                options[c] = [o for o in options[c] if allowed_p.issuperset(o.periods)]
        elif kind == "preferred_rooms":
            for c in groups[0]:
                copy_rooms[c] = copy_rooms[c] & frozenset(constraint.rooms)
                if not copies[c].needs_room:  # a copy without a room is never in one of the rooms
                    options[c] = []
        elif kind in ("same_starting_time", "same_starting_day") and everyone_placed:
            key = (lambda o: (o.day, o.first)) if kind == "same_starting_time" else (lambda o: o.day)
            for group in groups:
                common = set.intersection(*({key(o) for o in options[c]} for c in group))
                for c in group:
                    options[c] = [o for o in options[c] if key(o) in common]
        elif kind in ("consecutive", "grouped") and everyone_placed:
            for group in groups:
                if len(group) == 2:
                    _prune_pair(options, group[0], group[1], periods, lookup, kind == "grouped")
    return [replace(copy, options=tuple(options[c])) if len(options[c]) != len(copy.options) else copy
            for c, copy in enumerate(copies)]


def _tied_copies_differ(plan: Plan, lessons: list[LessonData]) -> None:
    tied = {name for c in plan.constraints if c.type in COPYWISE
            for name in ([c.first, c.second] if c.type == "consecutive" else c.lessons)}
    for i, lesson in enumerate(lessons):
        if lesson.id in tied and lesson.interchangeable and len(lesson.copies) > 1:
            lessons[i] = replace(lesson, interchangeable=False)


def _prune_pair(options, a: int, b: int, periods, lookup, either_order: bool) -> None:
    """Keep an option of a (b) only if b (a) has an option right after (before) it on the same day."""
    def ends(c):
        return {(o.day, o.periods[-1]) for o in options[c]}

    def starts(c):
        return {(o.day, o.periods[0]) for o in options[c]}

    def next_p(p):  # the period right after p on its day (a marked break between is fine)
        info = periods[p]
        return lookup.get((info.school, info.day, info.number + 1))

    def prev_p(p):
        info = periods[p]
        return lookup.get((info.school, info.day, info.number - 1))

    b_starts, b_ends, a_starts, a_ends = starts(b), ends(b), starts(a), ends(a)

    def a_ok(o):
        after = next_p(o.periods[-1])
        before = prev_p(o.periods[0])
        return (after is not None and (o.day, after) in b_starts) or (
            either_order and before is not None and (o.day, before) in b_ends)

    def b_ok(o):
        before = prev_p(o.periods[0])
        after = next_p(o.periods[-1])
        return (before is not None and (o.day, before) in a_ends) or (
            either_order and after is not None and (o.day, after) in a_starts)

    options[a] = [o for o in options[a] if a_ok(o)]
    options[b] = [o for o in options[b] if b_ok(o)]


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
            for teacher_id in constraint.teachers:
                t = teacher_index[teacher_id]
                if ("teacher", t) not in owners:
                    windows = plan.teachers[t].unavailable
                    owners[("teacher", t)] = Owner("teacher", t, all_lists, _blocked(periods, windows, None))
            for group_id in constraint.groups:
                for school_i, school in enumerate(plan.schools):
                    if any(g.id == group_id for g in school.groups):
                        for set_id in group_sets[(school_i, group_id)]:
                            s = set_index[(school_i, set_id)]
                            if ("set", s) not in owners:
                                windows = [w for g in school.groups if set_id in group_sets[(school_i, g.id)]
                                           for w in g.unavailable]
                                owners[("set", s)] = Owner("set", s, tuple(school_lists[school_i]),
                                                           _blocked(periods, windows, school_i))
            fields["owners"] = tuple(owners.values())
            tag = getattr(constraint, "tag", None)
            if tag is not None:
                fields["tag"] = tag
                fields["tagged"] = frozenset(
                    c for lesson in plan.lessons if tag in lesson.tags for c in lesson_copies[lesson.id]
                )
        else:
            fields["groups"] = copy_groups(constraint, lesson_copies)
        if kind == "min_days_between":
            fields["flag"] = constraint.consecutive_if_same_day
        elif kind == "min_periods_per_day":
            fields["flag"] = constraint.allow_empty_days
        elif kind == "interval_max_days_per_week":
            fields["first_period"], fields["end_period"] = constraint.first_period, constraint.end_period
        elif kind == "preferred_starts":
            fields["starts"] = frozenset((day_index(s.day), s.period) for s in constraint.slots)
        elif kind == "preferred_rooms":
            wanted = set(constraint.rooms)
            fields["pools"] = frozenset(k for k, pool in enumerate(pools) if wanted.issuperset(pool.rooms))
        elif kind in ("preferred_slots", "occupy_max_slots"):
            school = copies[fields["groups"][0][0]].school
            fields["periods"] = _slot_periods(constraint, school, lookup)
        out.append(ExtraData(**fields))
    return tuple(out)
