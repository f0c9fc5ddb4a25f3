"""Indexes of the plan and the placements resolved to minutes, shared by every rule check.

Nothing here judges a rule; it only looks things up. A placement whose lesson is unknown is left
out of `slots`; one whose periods do not exist that day has `periods = None` and is left out of
every rule that needs times (both are reported by the school checks).
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.domain import Lesson, LessonPlacement, Plan, School, Timetable, Window
from solver.timeline import DAYS, DAYS_NL, MINUTES_PER_DAY, day_index, fmt_hhmm, fmt_week_minute, parse_hhmm
from solver.validation.horizon import HorizonInfo
from solver.validation.report import Violation

Interval = tuple[int, int]


def window_interval(window: Window) -> Interval:
    base = day_index(window.day) * MINUTES_PER_DAY
    return base + parse_hhmm(window.start), base + parse_hhmm(window.end)


def shift_interval(shift, day: str) -> Interval:
    """A shift instance on the week line; a night shift runs past the next 00:00."""
    base = day_index(day) * MINUTES_PER_DAY
    start, end = parse_hhmm(shift.start), parse_hhmm(shift.end)
    if shift.crosses_midnight:
        end += MINUTES_PER_DAY
    return base + start, base + end


when_en = fmt_week_minute  # 'thu 08:30': one formatter for messages in English


def when_nl(minute: int) -> str:
    day = minute // MINUTES_PER_DAY
    label = DAYS_NL[day] if 0 <= day < len(DAYS_NL) else f"dag {day + 1}"
    return f"{label} {fmt_hhmm(minute)}"


def span_en(start: int, end: int) -> str:
    return f"{when_en(start)}-{fmt_hhmm(end)}"


def span_nl(start: int, end: int) -> str:
    return f"{when_nl(start)}-{fmt_hhmm(end)}"


@dataclass
class Slot:
    """One placement of a known lesson, with the lesson's own duration and its periods in minutes."""

    index: int
    placement: LessonPlacement
    lesson: Lesson
    school: School
    day: int
    first: int
    periods: list[tuple[int, int]] | None  # occupied periods (week minutes); None: not on that day

    @property
    def copy(self) -> int:
        return self.placement.copy

    @property
    def teacher(self) -> str:
        return self.placement.teacher

    @property
    def teachers(self) -> list[str]:
        """Everyone teaching this placement: its teacher ('' for none) and the lesson's co-teachers."""
        return [t for t in dict.fromkeys([self.placement.teacher, *self.lesson.co_teachers]) if t]

    @property
    def room(self) -> str | None:
        return self.placement.room

    @property
    def rooms(self) -> list[str]:
        """Every room the placement holds, once each: its room and its extra rooms."""
        return list(dict.fromkeys(r for r in [self.placement.room, *self.placement.extra_rooms] if r is not None))

    @property
    def numbers(self) -> range:
        return range(self.first, self.first + self.lesson.duration)

    @property
    def start(self) -> int:
        return self.periods[0][0]

    @property
    def end(self) -> int:
        return self.periods[-1][1]

    @property
    def teaching_minutes(self) -> int:
        return sum(e - s for s, e in self.periods or [])

    @property
    def key(self) -> str:
        return f"{self.lesson.id}#{self.copy}"

    def name(self) -> str:
        return self.lesson.id if self.lesson.count == 1 else self.key

    def slot_en(self) -> str:
        last = self.first + self.lesson.duration - 1
        numbers = f"{self.first}" if last == self.first else f"{self.first}-{last}"
        return f"{self.name()} ({DAYS[self.day]} lesuur {numbers})"

    def slot_nl(self) -> str:
        last = self.first + self.lesson.duration - 1
        numbers = f"{self.first}e" if last == self.first else f"{self.first}e-{last}e"
        return f"{self.name()} ({DAYS_NL[self.day]} {numbers} uur)"


class Context:
    """The plan and timetable, indexed once, plus the list the checks add violations to."""

    def __init__(self, plan: Plan, timetable: Timetable):
        self.plan = plan
        self.timetable = timetable
        self.policy = plan.policy
        self.weights = plan.weights
        self.violations: list[Violation] = []
        self.people_index = None  # each staff member's week, filled once by solver.validation.people.people()
        self.horizon = HorizonInfo(plan)  # the weeks the plan covers (one: the week line as always)

        self.schools = {s.id: s for s in plan.schools}
        self.day_periods: dict[tuple[str, int], list[tuple[int, int, bool]]] = {}
        for school in plan.schools:
            for period in school.periods:
                base = day_index(period.day) * MINUTES_PER_DAY
                self.day_periods.setdefault((school.id, day_index(period.day)), []).append(
                    (base + parse_hhmm(period.start), base + parse_hhmm(period.end), period.break_before)
                )
        for periods in self.day_periods.values():
            periods.sort()
        self.teachers = {t.id: t for t in plan.teachers}
        self.groups = {(s.id, g.id): g for s in plan.schools for g in s.groups}
        self.rooms = {(s.id, r.id): r for s in plan.schools for r in s.rooms}
        self.set_sizes = {(s.id, x.id): x.size for s in plan.schools for x in s.student_sets}
        self.lessons = {lesson.id: lesson for lesson in plan.lessons}
        self.lesson_school: dict[str, School] = {}
        for lesson in plan.lessons:
            school = self.schools.get(lesson.school) if lesson.school else plan.schools[0]
            if school is not None:
                self.lesson_school[lesson.id] = school
        self.hto_by_teacher = {h.teacher: h for h in plan.htos}
        self.employers = {e.id: e for e in plan.employers}
        self.staff = {(e.id, p.id): p for e in plan.employers for p in e.staff}
        self.shifts = {(e.id, s.id): s for e in plan.employers for s in e.shifts}

        self.unknown_lesson: list[int] = []
        self.slots: list[Slot] = []
        for index, placement in enumerate(timetable.placements):
            lesson = self.lessons.get(placement.lesson)
            school = self.lesson_school.get(placement.lesson)
            if lesson is None or school is None:
                self.unknown_lesson.append(index)
                continue
            day = day_index(placement.day)
            on_day = self.day_periods.get((school.id, day), [])
            first, last = placement.period, placement.period + lesson.duration - 1
            periods = None
            if 1 <= first and last <= len(on_day):
                periods = [(s, e) for s, e, _ in on_day[first - 1:last]]
            self.slots.append(Slot(index, placement, lesson, school, day, first, periods))
        self.timed = [slot for slot in self.slots if slot.periods is not None]

    # --- lookups ---------------------------------------------------------------------------
    def group_sets(self, school_id: str, group_id: str) -> list[tuple[str, str]]:
        group = self.groups.get((school_id, group_id))
        if group is None or not group.student_sets:
            return [(school_id, group_id)]
        return [(school_id, s) for s in group.student_sets]

    def lesson_sets(self, lesson: Lesson) -> set[tuple[str, str]]:
        school = self.lesson_school[lesson.id]
        return {key for g in lesson.groups for key in self.group_sets(school.id, g)}

    def group_size(self, school_id: str, group_id: str) -> int:
        group = self.groups.get((school_id, group_id))
        if group is None:
            return 0
        if group.size is not None:
            return group.size
        return sum(self.set_sizes.get((school_id, s), 0) for s in group.student_sets)

    def lesson_size(self, lesson: Lesson) -> int:
        if lesson.size is not None:
            return lesson.size
        school = self.lesson_school[lesson.id]
        return sum(self.group_size(school.id, g) for g in lesson.groups)

    def travel(self, hto, school_id: str) -> int:
        return hto.travel_minutes.get(school_id, 0)

    # --- reporting -------------------------------------------------------------------------
    def hard(self, rule: str, entities: dict, en: str, nl: str, amount: int = 1) -> None:
        self.violations.append(Violation(rule, "hard", entities, en, nl, amount))

    def soft(self, rule: str, entities: dict, en: str, nl: str, amount: int = 1) -> None:
        self.violations.append(Violation(rule, "soft", entities, en, nl, amount))
