"""Lesson placements on the week line: each placement with its times resolved against the lesuren."""

from __future__ import annotations

from dataclasses import dataclass

from solver.domain import Plan, School, Timetable
from solver.io.views.times import hhmm_or
from solver.timeline import at, parse_hhmm


def school_periods(school: School) -> dict[str, list[tuple[int, int, str | None]]]:
    """Per day the lesuren as (start, end, name), numbered 1, 2, ... by list position."""
    by_day: dict[str, list[tuple[int, int, str | None]]] = {}
    for p in school.periods:
        by_day.setdefault(p.day, []).append((parse_hhmm(p.start), parse_hhmm(p.end), p.name))
    return {day: sorted(ps) for day, ps in by_day.items()}


@dataclass(frozen=True)
class Placed:
    """One lesson placement with its times resolved against the school's lesuren."""

    lesson_id: str
    copy: int
    school: str
    day: str
    period: int
    duration: int
    start: int  # week minutes
    end: int
    teaching_minutes: int
    subject: str
    groups: tuple[str, ...]
    teacher: str
    room: str
    co_teachers: tuple[str, ...] = ()  # the lesson's co-teachers: they teach it too (validator: Slot.teachers)

    @property
    def teachers(self) -> tuple[str, ...]:
        """Everyone who teaches it: the teacher ('' for none) and the co-teachers."""
        return tuple(t for t in dict.fromkeys((self.teacher, *self.co_teachers)) if t)


def placed_lessons(plan: Plan, timetable: Timetable) -> list[Placed]:
    """Every placement of the timetable, with week-minute times and the lesson's subject and groups."""
    lessons = {lesson.id: lesson for lesson in plan.lessons}
    periods = {school.id: school_periods(school) for school in plan.schools}
    out = []
    for pl in timetable.placements:
        day_periods = periods.get(pl.school, {}).get(pl.day, [])
        used = day_periods[pl.period - 1: pl.period - 1 + pl.duration]
        if used and len(used) == pl.duration:
            start, end = used[0][0], used[-1][1]
            teaching = sum(e - s for s, e, _ in used)
        else:  # not a valid lesuur of this school: trust the times the timetable gives
            start = hhmm_or(pl.start, 0)
            end = max(start, hhmm_or(pl.end, start))
            teaching = end - start
        lesson = lessons.get(pl.lesson)
        out.append(Placed(
            lesson_id=pl.lesson, copy=pl.copy, school=pl.school, day=pl.day, period=pl.period,
            duration=pl.duration, start=at(pl.day, start), end=at(pl.day, end),
            teaching_minutes=teaching, subject=lesson.subject if lesson else pl.lesson,
            groups=tuple(lesson.groups) if lesson else (), teacher=pl.teacher, room=pl.room or "",
            co_teachers=tuple(lesson.co_teachers) if lesson else (),
        ))
    return sorted(out, key=lambda p: (p.start, p.school, p.lesson_id, p.copy))
