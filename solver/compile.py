"""compile_plan: Plan (pydantic, ids) -> ProblemData (frozen, integer-indexed, minutes).

All time arithmetic and filtering happens here once: which (day, lesuur, teacher) options each
lesson copy has, which rooms pool together, which shift instances each person may work, and the
segments of time on which work and staffing are constant.
"""

from __future__ import annotations

from collections import defaultdict

from solver.domain import Plan
from solver.compile_extra import breaks_before, compile_extras, prune_options, room_preferences
from solver.compile_guards import explain_prune, explained_options, group_blocks, with_reason
from solver.domain.school import Lesson, School
from solver.gc_pause import collector_paused
from solver.problem import (
    CopyData, LawLimits, LessonData, ObjectiveWeights, OptionData, PeriodData, PoolData,
    ProblemData, TeacherData,
)
from solver.staffing import compile_staffing
from solver.timeline import WEEK_MINUTES, at, day_index, overlaps, parse_hhmm


@collector_paused
def compile_plan(plan: Plan, *, explain: bool = False) -> ProblemData:
    """`explain`: keep the options compile would prune for a rule and note the rule's guard keys on
    them (OptionData.guards), for solver/explain/conflicts.py; the normal form is exactly the same without it."""
    periods, day_periods, by_school_day = _periods(plan)
    set_index, group_sets = _student_sets(plan)
    teacher_index = {t.id: i for i, t in enumerate(plan.teachers)}
    blocked = _teacher_blocked_periods(plan, periods, teacher_index)
    hto_block = _hto_option_filter(plan, periods)
    breaks = [_break_before(plan, school_i) for school_i in range(len(plan.schools))]
    subjects = plan.teacher_subjects()
    group_blocked_of = _group_blocked_periods(plan, periods)

    lessons: list[LessonData] = []
    copies: list[CopyData] = []
    copy_rooms: list[frozenset[str]] = []
    for lesson in plan.lessons:
        school_i = _school_index(plan, lesson)
        school = plan.schools[school_i]
        sets = tuple(sorted({set_index[(school_i, s)] for g in lesson.groups for s in group_sets[(school_i, g)]}))
        if explain:
            group_blocked = group_blocks(periods, school, lesson, school_i)
        else:
            group_blocked = set().union(*(group_blocked_of.get((school_i, g), ()) for g in lesson.groups))
        first = len(copies)
        lesson_rooms = _compatible_rooms(plan, lesson, school, None)
        for copy in range(lesson.count):
            current = next((p for p in lesson.current if p.copy == copy), None)
            options = _options(
                plan, lesson, school_i, by_school_day, periods, teacher_index, blocked,
                group_blocked, hto_block, current, explain, breaks[school_i], subjects,
            )
            copies.append(CopyData(
                lesson=len(lessons), copy=copy, school=school_i, duration=lesson.duration,
                sets=sets, options=tuple(options),
                needs_room=lesson.room_kind is not None or lesson.rooms is not None,
                pools=(),
                current_slot=(day_index(current.day), current.period) if current else None,
                current_teacher=teacher_index.get(current.teacher) if current and current.teacher else None,
                current_room=current.room if current else None,
            ))
            copy_rooms.append(_locked_room(lesson_rooms, lesson, current))
        lessons.append(LessonData(
            id=lesson.id, subject=lesson.subject, copies=tuple(range(first, len(copies))),
            min_days_apart=lesson.min_days_apart,
            interchangeable=not lesson.current and not plan.policy.allow_unplaced_lessons,
            has_groups=bool(sets),
        ))

    if explain:  # the same filters, as guarded reasons on the options
        copies = explain_prune(plan, lessons, copies, periods, copy_rooms,
                               [_compatible_rooms(plan, lesson, plan.lesson_school(lesson), None)
                                for lesson in plan.lessons for _ in range(lesson.count)])
    else:
        copies = prune_options(plan, lessons, copies, periods, copy_rooms)  # hard extra constraints that filter
    pools, copies = _pool_rooms(plan, periods, copies, copy_rooms, explain)
    staffing = compile_staffing(plan, periods, copies, teacher_index)
    policy, weights = plan.policy, plan.weights
    return ProblemData(
        name=plan.name,
        schools=tuple(s.id for s in plan.schools),
        periods=tuple(periods),
        day_periods=tuple(day_periods),
        lessons=tuple(lessons),
        copies=tuple(copies),
        pools=tuple(pools),
        teachers=tuple(
            TeacherData(id=t.id, max_periods_per_day=t.max_periods_per_day, max_days_per_week=t.max_days_per_week)
            for t in plan.teachers
        ),
        student_sets=tuple(name for (_, name) in sorted(set_index, key=set_index.get)),
        staff=staffing.staff,
        instances=staffing.instances,
        htos=staffing.htos,
        law_persons=staffing.law_persons,
        demand_segments=staffing.demand_segments,
        cross_school_overlaps=_cross_school_overlaps(periods),
        extras=compile_extras(plan, periods, day_periods, lessons, copies, pools, teacher_index, set_index,
                              group_sets),
        breaks=breaks_before(plan, periods),
        employers=tuple(e.id for e in plan.employers),
        law=LawLimits(
            max_shift=policy.max_shift_minutes, max_week=policy.max_week_minutes,
            dienst_rest=policy.dienst_separating_rest_minutes, daily_rest=policy.daily_rest_minutes,
            daily_rest_short=policy.daily_rest_short_minutes,
            daily_rest_short_per_week=policy.daily_rest_short_per_week,
            weekly_rest=policy.weekly_rest_minutes, horizon=WEEK_MINUTES,
        ),
        weights=ObjectiveWeights(
            student_gaps=weights.student_gaps, teacher_gaps=weights.teacher_gaps,
            compact_release=weights.compact_release, roster_change=weights.roster_change,
            lesson_move=weights.lesson_move, teacher_change=weights.teacher_change,
            unplaced=policy.unplaced_lesson_penalty if policy.allow_unplaced_lessons else None,
            output_loss=policy.output_loss_penalty_per_person_minute if policy.allow_output_loss else None,
        ),
    )


def _school_index(plan: Plan, lesson: Lesson) -> int:
    if lesson.school is None:
        return 0
    return next(i for i, s in enumerate(plan.schools) if s.id == lesson.school)


def _periods(plan: Plan):
    """Global period list; per (school, day) the ordered indices; lookup (school, day, number) -> index."""
    split = parse_hhmm(plan.policy.halfday_split)
    periods: list[PeriodData] = []
    day_periods: list[tuple[int, ...]] = []
    by_school_day: dict[tuple[int, int], list[int]] = {}
    for school_i, school in enumerate(plan.schools):
        days: dict[int, list] = defaultdict(list)
        for period in school.periods:
            days[day_index(period.day)].append(period)
        for day in sorted(days):
            indices = []
            for number, period in enumerate(sorted(days[day], key=lambda p: parse_hhmm(p.start)), start=1):
                start = parse_hhmm(period.start)
                periods.append(PeriodData(
                    school=school_i, day=day, number=number, start=at(day, start),
                    end=at(day, parse_hhmm(period.end)), morning=start < split,
                ))
                indices.append(len(periods) - 1)
            day_periods.append(tuple(indices))
            by_school_day[(school_i, day)] = indices
    return periods, day_periods, by_school_day


def _break_before(plan: Plan, school_i: int) -> set[tuple[int, int]]:
    """(day, lesuur number) pairs that have a marked break before them."""
    out = set()
    days: dict[int, list] = defaultdict(list)
    for period in plan.schools[school_i].periods:
        days[day_index(period.day)].append(period)
    for day, items in days.items():
        for number, period in enumerate(sorted(items, key=lambda p: parse_hhmm(p.start)), start=1):
            if period.break_before:
                out.add((day, number))
    return out


def _student_sets(plan: Plan):
    """Index every student set; a group without sets is its own set."""
    set_index: dict[tuple[int, str], int] = {}
    group_sets: dict[tuple[int, str], list[str]] = {}
    for school_i, school in enumerate(plan.schools):
        for student_set in school.student_sets:
            set_index.setdefault((school_i, student_set.id), len(set_index))
        for group in school.groups:
            sets = group.student_sets or [group.id]
            group_sets[(school_i, group.id)] = sets
            for s in sets:
                set_index.setdefault((school_i, s), len(set_index))
    return set_index, group_sets


def _windows_block(periods: list[PeriodData], windows, school_i: int | None = None) -> set[int]:
    """Periods that overlap any of the windows (unavailability is judged per period)."""
    if not windows:  # most teachers, rooms and groups: skip the scan over every period
        return set()
    spans = [(at(w.day, parse_hhmm(w.start)), at(w.day, parse_hhmm(w.end))) for w in windows]
    return {
        i for i, p in enumerate(periods)
        if (school_i is None or p.school == school_i) and any(overlaps(p.start, p.end, a, b) for a, b in spans)
    }


def _teacher_blocked_periods(plan: Plan, periods, teacher_index) -> list[set[int]]:
    return [_windows_block(periods, t.unavailable) for t in plan.teachers]


def _group_blocked_periods(plan: Plan, periods) -> dict[tuple[int, str], set[int]]:
    """(school index, group id) -> the periods the group is unavailable in; once per group, not once
    per lesson (FET's schools mark many student sets unavailable, and each has many lessons)."""
    return {
        (school_i, group.id): _windows_block(periods, group.unavailable, school_i)
        for school_i, school in enumerate(plan.schools) for group in school.groups if group.unavailable
    }


def _hto_option_filter(plan: Plan, periods):
    """For each hto'er's teacher: (allowed days, marks as (index, start, end), travel per school, hto id)."""
    out = {}
    for hto in plan.htos:
        marks = [
            (k, at(m.day, parse_hhmm(m.start)), at(m.day, parse_hhmm(m.end)))
            for k, m in enumerate(plan.unavailable_marks) if m.staff == hto.staff
        ]
        travel = [hto.travel_minutes.get(school.id, 0) for school in plan.schools]
        out[hto.teacher] = ({day_index(d) for d in hto.release.allowed_days}, marks, travel, hto.id)
    return out


def _options(plan, lesson, school_i, by_school_day, periods, teacher_index, blocked, group_blocked,
             hto_block, current, explain=False, breaks=None, subjects=None) -> list[OptionData]:
    """Every (day, first lesuur, teacher) a copy may take. In explain mode (group_blocked then maps a
    period to the groups unavailable in it) nothing is dropped for a rule: the rule's guard keys
    are noted on the option instead (a plan's structure, e.g. the length of a day, still prunes)."""
    if breaks is None:
        breaks = _break_before(plan, school_i)
    teachers = plan.qualified_teachers(lesson, subjects)
    locked_teacher = None
    if lesson.lock.teacher and current is not None:
        if explain:
            locked_teacher = current.teacher
        else:
            teachers = [current.teacher] if current.teacher in teachers else []
    if lesson.teacher is None and not lesson.candidates:
        teachers = [None]  # a lesson without a (main) teacher: teacherless, or co-teachers only
    co_teachers = tuple(teacher_index[t] for t in lesson.co_teachers)
    options = []
    for (s_i, day), indices in sorted(by_school_day.items()):
        if s_i != school_i:
            continue
        if lesson.lock.slot and current is not None and day != day_index(current.day) and not explain:
            continue
        for first in range(1, len(indices) - lesson.duration + 2):
            if explain:
                options += explained_options(
                    lesson, day, first, indices, breaks, periods, group_blocked, blocked, hto_block,
                    teacher_index, teachers, locked_teacher, co_teachers, school_i, current,
                )
                continue
            if lesson.lock.slot and current is not None and first != current.period:
                continue
            numbers = range(first, first + lesson.duration)
            if breaks and any((day, n) in breaks for n in numbers[1:]):
                continue
            occupied = tuple(indices[n - 1] for n in numbers)
            if group_blocked and any(p in group_blocked for p in occupied):
                continue
            start, end = periods[occupied[0]].start, periods[occupied[-1]].end
            if not all(_free(co, day, occupied, start, end, school_i, blocked, teacher_index, hto_block)
                       for co in lesson.co_teachers):
                continue
            for teacher_id in teachers:
                t = -1 if teacher_id is None else teacher_index[teacher_id]
                if t >= 0 and not _free(teacher_id, day, occupied, start, end, school_i, blocked, teacher_index,
                                        hto_block):
                    continue
                options.append(OptionData(day=day, first=first, periods=occupied, teacher=t,
                                          teachers=(t,) * (t >= 0) + co_teachers))
    return options


def _free(teacher_id: str, day: int, occupied: tuple[int, ...], start: int, end: int, school_i: int,
          blocked, teacher_index, hto_block) -> bool:
    """Not unavailable, and for an hto'er: an allowed day, no SME mark in the busy window."""
    unavailable = blocked[teacher_index[teacher_id]]
    if unavailable and any(p in unavailable for p in occupied):
        return False
    if teacher_id in hto_block:
        allowed_days, marks, travel, _ = hto_block[teacher_id]
        if day not in allowed_days:
            return False
        busy = (start - travel[school_i], end + travel[school_i])
        if any(overlaps(busy[0], busy[1], a, b) for _, a, b in marks):
            return False
    return True


def _lesson_size(school: School, lesson: Lesson) -> int:
    if lesson.size is not None:
        return lesson.size
    sets = {s.id: s.size for s in school.student_sets}
    total = 0
    for group in school.groups:
        if group.id in lesson.groups:
            total += group.size if group.size is not None else sum(sets.get(s, 0) for s in group.student_sets)
    return total


def _compatible_rooms(plan: Plan, lesson: Lesson, school: School, current) -> frozenset[str]:
    if lesson.room_kind is None and lesson.rooms is None:
        return frozenset()
    size = _lesson_size(school, lesson)
    wanted = None if lesson.rooms is None else set(lesson.rooms)
    rooms = frozenset(
        r.id for r in school.rooms
        if (wanted is None or r.id in wanted)
        and (lesson.room_kind is None or r.kind == lesson.room_kind)
        and r.capacity >= size
    )
    return _locked_room(rooms, lesson, current)


def _locked_room(rooms: frozenset[str], lesson: Lesson, current) -> frozenset[str]:
    """A copy whose room is locked keeps only its current room."""
    if lesson.lock.room and current is not None and current.room is not None:
        return rooms & {current.room}
    return rooms


def _pool_rooms(plan: Plan, periods, copies: list[CopyData], copy_rooms: list[frozenset[str]],
                explain: bool = False):
    """Rooms with the same compatible copies and the same blocked periods form one pool (exact)."""
    users: dict[tuple[int, str], list[int]] = defaultdict(list)
    for c, rooms in enumerate(copy_rooms):
        for room in rooms:
            users[(copies[c].school, room)].append(c)
    signature_pool: dict[tuple, int] = {}
    pools: list[PoolData] = []
    room_pool: dict[tuple[int, str], int] = {}
    for school_i, school in enumerate(plan.schools):
        for room in school.rooms:
            if (school_i, room.id) not in users:
                continue
            blocked = frozenset(_windows_block(periods, room.unavailable, school_i))
            key = (school_i, tuple(users[(school_i, room.id)]), blocked, room_preferences(plan, school, room.id))
            if key not in signature_pool:
                signature_pool[key] = len(pools)
                pools.append(PoolData(school=school_i, rooms=(), blocked=blocked))
            pool_i = signature_pool[key]
            pools[pool_i] = PoolData(school=school_i, rooms=pools[pool_i].rooms + (room.id,), blocked=blocked)
            room_pool[(school_i, room.id)] = pool_i
    out = []
    for c, copy in enumerate(copies):
        pool_ids = tuple(sorted({room_pool[(copy.school, r)] for r in copy_rooms[c]}))
        options = copy.options
        if copy.needs_room and len(pool_ids) == 1:
            blocked = pools[pool_ids[0]].blocked
            if explain:
                pool = pools[pool_ids[0]]
                reason = (("room_unavailable", plan.schools[pool.school].id, *pool.rooms),)
                options = tuple(with_reason(o, reason) if blocked.intersection(o.periods) else o for o in options)
            else:
                options = tuple(o for o in options if not blocked.intersection(o.periods))
        out.append(_replace(copy, pools=pool_ids, options=options))
    return pools, out


def _replace(copy: CopyData, **changes) -> CopyData:
    fields = {name: getattr(copy, name) for name in CopyData.__slots__}
    fields.update(changes)
    return CopyData(**fields)


def _cross_school_overlaps(periods: list[PeriodData]) -> tuple[tuple[int, int], ...]:
    pairs = []
    for i, a in enumerate(periods):
        for j in range(i + 1, len(periods)):
            b = periods[j]
            if a.school != b.school and overlaps(a.start, a.end, b.start, b.end):
                pairs.append((i, j))
    return tuple(pairs)
