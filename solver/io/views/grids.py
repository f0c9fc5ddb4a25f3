"""The grids per group and per teacher: rows are lesuur numbers, columns the school's days."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from solver.domain import Plan, School, Timetable
from solver.io.views.placed import Placed, placed_lessons, school_periods
from solver.timeline import day_index, fmt_hhmm


@dataclass(frozen=True)
class GridEntry:
    subject: str
    detail: str  # teacher (group grid) or groups (teacher grid)
    room: str
    time: str = ""  # only when the lesuur has other times than the row says


@dataclass
class GridRow:
    number: int
    time: str
    cells: dict[str, list[GridEntry] | None]  # None: the school has no such lesuur that day


@dataclass
class Grid:
    title: str
    subtitle: str
    days: list[str]
    rows: list[GridRow]


def _grid(school: School, title: str, subtitle: str, items: list[tuple[Placed, str]]) -> Grid:
    periods = school_periods(school)
    days = sorted(periods, key=day_index)  # the days the school has lesuren on (a cycle may have 28)
    rows = []
    for number in range(1, max((len(ps) for ps in periods.values()), default=0) + 1):
        times = Counter(periods[d][number - 1][:2] for d in days if len(periods.get(d, [])) >= number)
        usual = times.most_common(1)[0][0]
        cells: dict[str, list[GridEntry] | None] = {}
        for day in days:
            if len(periods.get(day, [])) < number:
                cells[day] = None
                continue
            own = periods[day][number - 1][:2]
            other_time = "" if own == usual else f"{fmt_hhmm(own[0])}–{fmt_hhmm(own[1])}"
            cells[day] = [
                GridEntry(p.subject, detail, p.room, other_time)
                for p, detail in items
                if p.day == day and p.period <= number < p.period + p.duration
            ]
        rows.append(GridRow(number, f"{fmt_hhmm(usual[0])}–{fmt_hhmm(usual[1])}", cells))
    return Grid(title, subtitle, days, rows)


def _school_name(school: School) -> str:
    return f"{school.name} ({school.id})" if school.name else school.id


def group_grids(plan: Plan, timetable: Timetable) -> list[Grid]:
    """One grid per group: every lesson that includes one of the group's student sets (clusters too)."""
    placed = placed_lessons(plan, timetable)
    grids = []
    for school in plan.schools:
        sets = {g.id: set(g.student_sets or [g.id]) for g in school.groups}
        for group in school.groups:
            items = []
            for p in placed:
                lesson_sets = set().union(*(sets.get(g, {g}) for g in p.groups)) if p.groups else set()
                if p.school == school.id and lesson_sets & sets[group.id]:
                    detail = p.teacher if list(p.groups) == [group.id] else f"{p.teacher} · {'+'.join(p.groups)}"
                    items.append((p, detail))
            title = f"{group.id} — {group.name}" if group.name else group.id
            grids.append(_grid(school, title, _school_name(school), items))
    return grids


def teacher_grids(plan: Plan, timetable: Timetable) -> list[Grid]:
    """One grid per teacher and school where they teach."""
    placed = placed_lessons(plan, timetable)
    names = {t.id: t.name for t in plan.teachers}
    htos = {h.teacher for h in plan.htos}
    order = [t.id for t in plan.teachers] + sorted({p.teacher for p in placed} - set(names))
    grids = []
    for teacher in order:
        title = f"{teacher} — {names[teacher]}" if names.get(teacher) else teacher
        if teacher in htos:
            title += " (hto'er)"
        for school in plan.schools:
            items = [(p, "+".join(p.groups) or "—") for p in placed if p.teacher == teacher and p.school == school.id]
            if items:
                grids.append(_grid(school, title, _school_name(school), items))
    return grids
