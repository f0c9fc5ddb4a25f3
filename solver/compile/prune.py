"""The lesson options (and rooms) that a hard extra constraint rules out on its own.

Normal compile (`prune_options`) drops them: preferred starts, slots and rooms, and of same
start, same day, consecutive and grouped pairs the options whose partner has no matching option.
Pruning is exact: it only drops options no solution can use. Explain mode (`explain_extras`)
keeps what preferred starts, slots and rooms would drop, with the constraint as the reason
(solver/compile/options.py); the pair pruning is only a speed-up (the model states those rules
in full), so explain mode leaves it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from solver.compile.extras import COPYWISE, copy_groups, slot_periods
from solver.compile.options import with_reasons
from solver.compile.periods import period_lookup
from solver.domain import Plan
from solver.problem import CopyData, LessonData, OptionData, PeriodData
from solver.timeline import day_index

ALONE = ("preferred_starts", "preferred_slots", "preferred_rooms")  # hard ones prune by themselves


def _keeps(constraint, copies: list[CopyData], copy_ids: tuple[int, ...],
           lookup) -> Callable[[int, OptionData], bool]:
    """For a hard constraint of ALONE over the copies `copy_ids`: (copy, option) -> is it allowed."""
    if constraint.type == "preferred_starts":
        allowed = {(day_index(s.day), s.period) for s in constraint.slots}
        return lambda c, o: (o.day, o.first) in allowed
    if constraint.type == "preferred_slots":
        allowed_p = set(slot_periods(constraint, copies[copy_ids[0]].school, lookup))
        return lambda c, o: allowed_p.issuperset(o.periods)
    return lambda c, o: copies[c].needs_room  # preferred_rooms: a copy without a room is never in one


def prune_options(plan: Plan, lessons: list[LessonData], copies: list[CopyData],
                  periods: list[PeriodData], copy_rooms: list[frozenset[str]]) -> list[CopyData]:
    """Drop the options (and rooms: `copy_rooms` is narrowed in place) that a hard extra constraint
    forbids by itself (exact, see module doc).

    Also keeps symmetry breaking sound: copies of a lesson that a copy-wise constraint ties to
    copies of another lesson are no longer alike, so `lessons` (in place) lose `interchangeable`.
    """
    if not plan.constraints:
        return copies
    _tied_copies_differ(plan, lessons, single_copy_too=False)
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
        if kind in ALONE:
            keep = _keeps(constraint, copies, groups[0], lookup)
            for c in groups[0]:
                if kind == "preferred_rooms":
                    copy_rooms[c] = copy_rooms[c] & frozenset(constraint.rooms)
                options[c] = [o for o in options[c] if keep(c, o)]
        elif kind in ("same_starting_time", "same_starting_day") and everyone_placed:
            key = (lambda o: (o.day, o.first)) if kind == "same_starting_time" else (lambda o: o.day)
            for group in groups:
                if _has_vacancy(lessons, copies, group):
                    continue
                common = set.intersection(*({key(o) for o in options[c]} for c in group))
                for c in group:
                    options[c] = [o for o in options[c] if key(o) in common]
        elif kind in ("consecutive", "grouped") and everyone_placed:
            for group in groups:
                if len(group) == 2 and not _has_vacancy(lessons, copies, group):
                    _prune_pair(options, group[0], group[1], periods, lookup, kind == "grouped")
    return [replace(copy, options=tuple(options[c])) if len(options[c]) != len(copy.options) else copy
            for c, copy in enumerate(copies)]


def _has_vacancy(lessons: list[LessonData], copies: list[CopyData], group) -> bool:
    """A copy of an optional lesson may stay open, and then ties its partners to nothing."""
    return any(lessons[copies[c].lesson].optional for c in group)


def explain_extras(plan: Plan, lessons: list[LessonData], copies: list[CopyData], periods: list[PeriodData],
                   copy_rooms: list[frozenset[str]], base_rooms: list[frozenset[str]]) -> list[CopyData]:
    """What `prune_options` drops for a hard preferred start, slot or room, and a copy that needs a
    room and has none, kept as reasons on the options (each constraint its own reason).

    `copy_rooms` is narrowed in place as in `prune_options`; `base_rooms`: per copy the rooms of
    the right kind and size, before a room lock. Limitation: a hard preferred_rooms that narrows
    but does not empty a copy's rooms is applied as in the normal compile (its rooms pool apart),
    so a shortage of those rooms explains as room_no_clash of the listed rooms.
    """
    option_reasons: list[dict[int, list[tuple]]] = [{} for _ in copies]
    room_reasons: list[list[tuple]] = [[] for _ in copies]
    for c, copy in enumerate(copies):
        if copy.needs_room and not copy_rooms[c]:
            lesson_id = lessons[copy.lesson].id
            room_reasons[c].append((("room_fits", lesson_id),) if not base_rooms[c]
                                   else (("room_fits", lesson_id), ("lesson_locked", lesson_id)))
    lookup = period_lookup(periods)
    lesson_copies = {lesson.id: lesson.copies for lesson in lessons}
    for k, constraint in enumerate(plan.constraints):
        if constraint.weight is not None or constraint.type not in ALONE:
            continue
        reason = ((constraint.type, k),)
        copy_ids = copy_groups(constraint, lesson_copies)[0]
        keep = _keeps(constraint, copies, copy_ids, lookup)
        for c in copy_ids:
            for i, option in enumerate(copies[c].options):
                if not keep(c, option):
                    option_reasons[c].setdefault(i, []).append(reason)
            if constraint.type == "preferred_rooms":
                narrowed = copy_rooms[c] & frozenset(constraint.rooms)
                if copy_rooms[c] and not narrowed and copies[c].needs_room:
                    room_reasons[c].append(reason)
                copy_rooms[c] = narrowed
    _tied_copies_differ(plan, lessons, single_copy_too=True)
    return [
        replace(copy, options=tuple(with_reasons(o, option_reasons[c].get(i, []) + room_reasons[c])
                                    for i, o in enumerate(copy.options)))
        if option_reasons[c] or room_reasons[c] else copy
        for c, copy in enumerate(copies)
    ]


def _tied_copies_differ(plan: Plan, lessons: list[LessonData], single_copy_too: bool) -> None:
    """Lessons named in a copy-wise constraint lose `interchangeable`. Explain mode has always done
    so for a lesson of one copy too, the normal compile not (a single copy has nothing to order, so
    the model is the same); kept apart so that each form's ProblemData stays as it was."""
    tied = {name for c in plan.constraints if c.type in COPYWISE
            for name in ([c.first, c.second] if c.type == "consecutive" else c.lessons)}
    for i, lesson in enumerate(lessons):
        if lesson.id in tied and lesson.interchangeable and (single_copy_too or len(lesson.copies) > 1):
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
