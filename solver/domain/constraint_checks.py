"""Reference checks for `Plan.constraints` (the extra constraints) and for lesson co-teachers.

Called from `solver.domain.plan.check_references`; every issue names its field path, e.g.
`constraints[3].lessons[1]: unknown lesson 'A17'`.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from solver.timeline import day_index

# Types whose lessons are tied copy by copy (copy k of each listed lesson): equal counts needed.
COPYWISE = ("same_starting_time", "same_starting_day", "consecutive", "grouped")

Add = Callable[[str, str], None]


def check_co_teachers(plan, lesson, path: str, teachers: set[str], add: Add) -> None:
    """Co-teachers exist, are listed once, and are not also the lesson's teacher or a candidate."""
    for k, teacher_id in enumerate(lesson.co_teachers):
        where = f"{path}.co_teachers[{k}]"
        if teacher_id not in teachers:
            add(where, f"unknown teacher '{teacher_id}'")
        elif teacher_id in lesson.co_teachers[:k]:
            add(where, f"teacher '{teacher_id}' is listed twice")
        elif teacher_id == lesson.teacher or teacher_id in lesson.candidates:
            add(where, f"teacher '{teacher_id}' is also the lesson's teacher or a candidate")
    if lesson.teacherless and (lesson.teacher is not None or lesson.candidates):
        add(f"{path}.teacherless", "a lesson without a teacher may not name a teacher or candidates")


def check_constraints(plan, add: Add) -> None:
    """Every lesson, teacher, group and slot an extra constraint names must exist in the plan."""
    lessons = {lesson.id: lesson for lesson in plan.lessons}
    teachers = {t.id for t in plan.teachers}
    groups = {g.id for school in plan.schools for g in school.groups}
    for ci, constraint in enumerate(plan.constraints):
        path = f"constraints[{ci}]"
        named = _lesson_fields(constraint)
        known = []
        seen: Counter = Counter()
        for field, lesson_id in named:
            seen[lesson_id] += 1
            if lesson_id not in lessons:
                add(f"{path}.{field}", f"unknown lesson '{lesson_id}'")
            elif seen[lesson_id] > 1:
                add(f"{path}.{field}", f"lesson '{lesson_id}' is named twice")
            else:
                known.append(lessons[lesson_id])
        school = None
        if known:
            schools = {lesson.school or plan.schools[0].id for lesson in known}
            if len(schools) > 1:
                add(path, "the lessons of one constraint must be at one school")
            else:
                school = next((s for s in plan.schools if s.id in schools), None)
        if constraint.type in COPYWISE and len(known) == len(named):
            counts = {lesson.count for lesson in known}
            if len(counts) > 1:
                add(path, "the lessons must be given equally often a week (copy k goes with copy k)")
        for k, slot in enumerate(getattr(constraint, "slots", [])):
            if school is not None and not _has_period(school, slot.day, slot.period):
                add(f"{path}.slots[{k}]", f"school '{school.id}' has no lesuur {slot.period} on {slot.day}")
        for k, room_id in enumerate(getattr(constraint, "rooms", [])):
            if school is not None and room_id not in {r.id for r in school.rooms}:
                add(f"{path}.rooms[{k}]", f"unknown room '{room_id}' at school '{school.id}'")
        if hasattr(constraint, "teachers"):
            for k, teacher_id in enumerate(constraint.teachers):
                if teacher_id not in teachers:
                    add(f"{path}.teachers[{k}]", f"unknown teacher '{teacher_id}'")
            for k, group_id in enumerate(constraint.groups):
                if group_id not in groups:
                    add(f"{path}.groups[{k}]", f"unknown group '{group_id}'")
        if constraint.type == "workload_per_week":
            _check_workloads(constraint, lessons, path, add)
        if constraint.type == "spread_events":
            _check_time_groups(constraint, school, path, add)
        for k, day in enumerate(getattr(constraint, "days", [])):
            if day_index(day) in [day_index(d) for d in constraint.days[:k]]:
                add(f"{path}.days[{k}]", f"day '{day}' is listed twice")
        if constraint.type == "max_periods_per_day" and constraint.min_periods > constraint.max_periods:
            add(f"{path}.min_periods", f"{constraint.min_periods} is above max_periods ({constraint.max_periods})")
        if constraint.type == "interval_max_days_per_week" and constraint.end_period <= constraint.first_period:
            add(f"{path}.end_period", "must be after first_period (the interval is [first_period, end_period))")
        if constraint.type == "min_days_per_week" and constraint.end_period is not None \
                and constraint.end_period <= constraint.first_period:
            add(f"{path}.end_period", "must be after first_period (the interval is [first_period, end_period))")


def _check_workloads(constraint, lessons: dict, path: str, add: Add) -> None:
    if constraint.max_workload is not None and constraint.min_workload > constraint.max_workload:
        add(f"{path}.min_workload", f"{constraint.min_workload} is above max_workload ({constraint.max_workload})")
    seen: set[str] = set()
    for k, item in enumerate(constraint.workloads):
        if item.lesson not in lessons:
            add(f"{path}.workloads[{k}].lesson", f"unknown lesson '{item.lesson}'")
        elif item.lesson in seen:
            add(f"{path}.workloads[{k}].lesson", f"lesson '{item.lesson}' is named twice")
        seen.add(item.lesson)


def _check_time_groups(constraint, school, path: str, add: Add) -> None:
    for k, group in enumerate(constraint.time_groups):
        where = f"{path}.time_groups[{k}]"
        if not group.days and not group.slots:
            add(where, "names no day and no slot")
        if group.max_starts is not None and group.min_starts > group.max_starts:
            add(f"{where}.min_starts", f"{group.min_starts} is above max_starts ({group.max_starts})")
        for j, slot in enumerate(group.slots):
            if school is not None and not _has_period(school, slot.day, slot.period):
                add(f"{where}.slots[{j}]", f"school '{school.id}' has no lesuur {slot.period} on {slot.day}")


def _lesson_fields(constraint) -> list[tuple[str, str]]:
    if constraint.type == "consecutive":
        return [("first", constraint.first), ("second", constraint.second)]
    return [(f"lessons[{k}]", lesson_id) for k, lesson_id in enumerate(getattr(constraint, "lessons", []))]


def _has_period(school, day: str, number: int) -> bool:
    return number <= sum(1 for p in school.periods if day_index(p.day) == day_index(day))
