"""compile_plan: Plan (pydantic, ids) -> ProblemData (frozen, integer-indexed, minutes).

All time arithmetic and filtering happens here once: which (day, lesuur, teacher) options each
lesson copy has (options.py), which rooms pool together (rooms.py), which options a hard extra
constraint rules out (prune.py), which shift instances each person may work and the segments of
time on which work and staffing are constant (staffing.py).
"""

from __future__ import annotations

from solver.compile.extras import compile_extras
from solver.compile.history import with_history
from solver.compile.horizon import horizon_weeks
from solver.compile.options import availability, copy_options
from solver.compile.periods import compile_periods, cross_school_overlaps
from solver.compile.preferences import preference_costs
from solver.compile.prune import explain_extras, prune_options
from solver.compile.rooms import compatible_rooms, extra_compatible, locked_room, pool_rooms
from solver.compile.staffing import compile_staffing
from solver.domain import Plan
from solver.domain.school import Lesson
from solver.gc_pause import collector_paused
from solver.problem import (
    CopyData, LawLimits, LessonData, ObjectiveWeights, ProblemData, TeacherData,
)
from solver.timeline import WEEK_MINUTES, day_index, parse_hhmm


@collector_paused
def compile_plan(plan: Plan, *, explain: bool = False) -> ProblemData:
    """`explain`: keep the options compile would prune for a rule and note the rule's guard keys on
    them (OptionData.guards), for solver/explain/conflicts.py; the normal form is exactly the same without it."""
    periods, day_periods, by_school_day, breaks = compile_periods(plan)
    set_index, group_sets = _student_sets(plan)
    teacher_index = {t.id: i for i, t in enumerate(plan.teachers)}
    avail = availability(plan, periods, teacher_index, breaks)

    lessons: list[LessonData] = []
    copies: list[CopyData] = []
    copy_rooms: list[frozenset[str]] = []
    base_rooms: list[frozenset[str]] = []  # per copy: before a room lock
    extra_rooms: list[tuple[int, frozenset[str]]] = []  # (copy, its rooms) per Lesson.extra_rooms entry
    for lesson in plan.lessons:
        school_i = _school_index(plan, lesson)
        school = plan.schools[school_i]
        sets = tuple(sorted({set_index[(school_i, s)] for g in lesson.groups for s in group_sets[(school_i, g)]}))
        first = len(copies)
        lesson_rooms = compatible_rooms(lesson, school)
        for copy in range(lesson.count):
            current = next((p for p in lesson.current if p.copy == copy), None)
            copies.append(CopyData(
                lesson=len(lessons), copy=copy, school=school_i, duration=lesson.duration,
                sets=sets, options=copy_options(plan, lesson, school_i, by_school_day, periods, avail, current,
                                                explain),
                needs_room=lesson.room_kind is not None or lesson.rooms is not None,
                pools=(),
                current_slot=(day_index(current.day), current.period) if current else None,
                current_teacher=teacher_index.get(current.teacher) if current and current.teacher else None,
                current_room=current.room if current else None,
            ))
            copy_rooms.append(locked_room(lesson_rooms, lesson, current))
            base_rooms.append(lesson_rooms)
            extra_rooms += [(len(copies) - 1, extra_compatible(e, lesson, school)) for e in lesson.extra_rooms]
        lessons.append(LessonData(
            id=lesson.id, subject=lesson.subject, copies=tuple(range(first, len(copies))),
            min_days_apart=lesson.min_days_apart,
            interchangeable=not lesson.current and not plan.policy.allow_unplaced_lessons and not lesson.optional,
            has_groups=bool(sets),
            optional=lesson.optional,
            open_minutes=open_minutes(lesson.duration, school_i, by_school_day, periods) if lesson.optional else 0,
            preferred=tuple(teacher_index[t] for t in lesson.preferred_teachers),
        ))

    if explain:  # the hard extra constraints that filter: as reasons on the options
        copies = explain_extras(plan, lessons, copies, periods, copy_rooms, base_rooms)
    else:
        copies = prune_options(plan, lessons, copies, periods, copy_rooms)
    pools, copies, extra_room_data = pool_rooms(plan, periods, copies, copy_rooms, explain, tuple(extra_rooms))
    hz = horizon_weeks(plan)
    staffing = compile_staffing(plan, periods, copies, teacher_index, hz)
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
        law_persons=with_history(plan, staffing.staff, staffing.law_persons, hz.weeks),
        demand_segments=staffing.demand_segments,
        cross_school_overlaps=cross_school_overlaps(periods),
        extras=compile_extras(plan, periods, day_periods, lessons, copies, pools, teacher_index, set_index,
                              group_sets),
        breaks=breaks,
        employers=tuple(e.id for e in plan.employers),
        preferences=preference_costs(plan, periods, copies, teacher_index, hz),
        weeks=hz.weeks,
        extra_rooms=extra_room_data,
        law=LawLimits(
            max_shift=policy.max_shift_minutes, max_week=policy.max_week_minutes,
            dienst_rest=policy.dienst_separating_rest_minutes, daily_rest=policy.daily_rest_minutes,
            daily_rest_short=policy.daily_rest_short_minutes,
            daily_rest_short_per_week=policy.daily_rest_short_per_week,
            weekly_rest=policy.weekly_rest_minutes, horizon=WEEK_MINUTES,
            max_night_dienst=policy.max_night_dienst_minutes,
            night_window=(parse_hhmm(policy.night_window_start), parse_hhmm(policy.night_window_end)),
            night_min=policy.night_min_work_in_window_minutes,
            break_after=policy.break_after_minutes, break_total=policy.break_minutes,
            long_break_after=policy.long_break_after_minutes, long_break_total=policy.long_break_minutes,
            break_block=policy.break_min_block_minutes,
        ),
        weights=ObjectiveWeights(
            student_gaps=weights.student_gaps, teacher_gaps=weights.teacher_gaps,
            compact_release=weights.compact_release, roster_change=weights.roster_change,
            lesson_move=weights.lesson_move, teacher_change=weights.teacher_change,
            unplaced=policy.unplaced_lesson_penalty if policy.allow_unplaced_lessons else None,
            output_loss=policy.output_loss_penalty_per_person_minute if policy.allow_output_loss else None,
            vacancy=policy.vacancy_penalty_per_minute,
            release_target_teaching=weights.release_target_teaching,
            teacher_preference=weights.teacher_preference,
        ),
    )


def open_minutes(duration: int, school_i: int, by_school_day, periods) -> int:
    """An optional lesson's lesson-minutes per copy (docs/rules.md, vacancy_open): the fewest teaching
    minutes of any `duration` consecutive lesuren of one day of its school."""
    runs = [
        sum(periods[p].minutes for p in indices[first:first + duration])
        for (s_i, _day), indices in by_school_day.items() if s_i == school_i
        for first in range(len(indices) - duration + 1)
    ]
    return min(runs, default=0)


def _school_index(plan: Plan, lesson: Lesson) -> int:
    if lesson.school is None:
        return 0
    return next(i for i, s in enumerate(plan.schools) if s.id == lesson.school)


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
