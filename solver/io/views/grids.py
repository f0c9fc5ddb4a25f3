"""The grids per group, teacher, room and hto'er: rows are lesuur numbers, columns the school's days.

Every entry carries its lesson id, and `hto` when an hto'er teaches it (the renderers mark it)."""

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
    lesson: str = ""  # the lesson id (every cell shows it)
    hto: bool = False  # taught by an hto'er


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


def _grid(school: School, title: str, subtitle: str, items: list[tuple[Placed, str]],
          htos: set[str] | frozenset[str] = frozenset(), show_room: bool = True) -> Grid:
    """`items`: each placement with the detail its cell shows; `htos`: the teacher ids of the hto'ers;
    `show_room`: False in a room's own grid."""
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
                GridEntry(p.subject, detail, p.room if show_room else "", other_time, p.lesson_id,
                          bool(htos & set(p.teachers)))
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
    htos = _hto_teachers(plan)
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
            grids.append(_grid(school, title, _school_name(school), items, htos))
    return grids


def teacher_grids(plan: Plan, timetable: Timetable) -> list[Grid]:
    """One grid per teacher and school where they teach."""
    placed = placed_lessons(plan, timetable)
    names = {t.id: t.name for t in plan.teachers}
    htos = _hto_teachers(plan)
    order = [t.id for t in plan.teachers] + sorted({t for p in placed for t in p.teachers} - set(names))
    grids = []
    for teacher in order:
        title = f"{teacher} — {names[teacher]}" if names.get(teacher) else teacher
        if teacher in htos:
            title += " (hto'er)"
        for school in plan.schools:
            items = [(p, "+".join(p.groups) or "—") for p in placed if teacher in p.teachers and p.school == school.id]
            if items:
                grids.append(_grid(school, title, _school_name(school), items, htos))
    return grids


def _hto_teachers(plan: Plan) -> set[str]:
    return {h.teacher for h in plan.htos}


def room_grids(plan: Plan, timetable: Timetable) -> list[Grid]:
    """One grid per room of each school, its lessons with teacher and groups (rooms not in the plan last)."""
    placed = placed_lessons(plan, timetable)
    htos = _hto_teachers(plan)
    grids = []
    for school in plan.schools:
        mine = [p for p in placed if p.school == school.id and p.room]
        rooms = [(r.id, r.name) for r in school.rooms]
        rooms += [(room, None) for room in sorted({p.room for p in mine} - {r for r, _ in rooms})]
        for room, name in rooms:
            items = [(p, f"{p.teacher or '—'} · {'+'.join(p.groups) or '—'}") for p in mine if p.room == room]
            title = f"{room} — {name}" if name else room
            grids.append(_grid(school, title, _school_name(school), items, htos, show_room=False))
    return grids


def hto_grids(plan: Plan, timetable: Timetable) -> list[Grid]:
    """One grid per hto'er and school where they teach: their lessons at school (their merged week: weeks.py)."""
    placed = placed_lessons(plan, timetable)
    grids = []
    for hto in plan.htos:
        employer = next((e for e in plan.employers if e.id == hto.employer), None)
        where = (employer.name or employer.id) if employer else hto.employer
        title = f"{hto.name or hto.id} — lessen op school / lessons at school ({hto.teacher}, {where})"
        for school in plan.schools:
            items = [(p, "+".join(p.groups) or "—") for p in placed if hto.teacher in p.teachers and p.school == school.id]
            if items:
                grids.append(_grid(school, title, _school_name(school), items, {hto.teacher}))
    return grids
