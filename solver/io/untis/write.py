"""Write a plan and its timetable as Untis GPU files (issue 22, docs/untis.md): GPU001 (the timetable),
GPU016 (time requests, with each hto'er's company-driven blocks: -3 where they hold in every week of the
plan's horizon, -2 where only in some weeks of a rotating roster), time.txt, and GPU002-005 so that the
folder can be read back by `import untis`."""

from __future__ import annotations

import re
from pathlib import Path

from solver.domain import Plan
from solver.domain.cycles import plan_horizon
from solver.domain.timetable import Timetable
from solver.io.files import write_atomic
from solver.io.untis import layouts as L
from solver.io.untis.limits import gpu004_limits, unspecified_requests
from solver.io.untis.read import Dialect
from solver.timeline import parse_hhmm


def _numbers(plan: Plan) -> dict[str, int]:
    """Each lesson's Unt-Nr: the number of an id 'U<n>' (as `import untis` makes them), else new ones."""
    out = {x.id: int(x.id[1:]) for x in plan.lessons if re.fullmatch(r"U\d+", x.id)}
    following = max(out.values(), default=0)
    for lesson in plan.lessons:
        if lesson.id not in out:
            following += 1
            out[lesson.id] = following
    return out


def _grid(plan: Plan) -> dict[str, list[tuple[int, int, int]]]:
    """day -> [(period no., start minute, end minute)] of the (first) school, numbered by start."""
    out: dict[str, list[tuple[int, int, int]]] = {}
    for period in sorted(plan.schools[0].periods, key=lambda p: parse_hhmm(p.start)) if plan.schools else ():
        day = out.setdefault(period.day, [])
        day.append((len(day) + 1, parse_hhmm(period.start), parse_hhmm(period.end)))
    return out


def _lines(lesson) -> list[tuple[str, str, str]]:
    """(class, teacher, room) per line of a lesson: a coupling has several."""
    teachers = ([lesson.teacher] if lesson.teacher else []) + list(lesson.co_teachers)
    rooms = list(lesson.rooms or [])
    size = max(len(lesson.groups), len(teachers), len(rooms), 1)
    pick = lambda items, i: items[i] if i < len(items) else ""  # noqa: E731
    return [(pick(lesson.groups, i), pick(teachers, i), pick(rooms, i)) for i in range(size)]


def _hto_blocks(plan: Plan, tt: Timetable, grid: dict, week: int = 1) -> set[tuple[str, str, int]]:
    """(teacher, day, period no.) an hto'er cannot teach in horizon week `week`: their roster shifts of that
    week minus the parts the timetable released, per lesuur of the school grid."""
    out = set()
    for hto in plan.htos:
        for shift in tt.rosters:
            if (shift.employer, shift.staff, shift.week) != (hto.employer, hto.staff, week) or not shift.start:
                continue
            start, end = parse_hhmm(shift.start), parse_hhmm(shift.end)
            parts = [(shift.day, start, end)] if end > start else [(shift.day, start, 1440)]
            if end <= start:  # overnight: the morning part is on the next day
                following = L.DAYS[(L.DAYS.index(shift.day) + 1) % 7]
                parts.append((following, 0, end))
            for day, a, b in parts:
                free = [(parse_hhmm(w.start), parse_hhmm(w.end)) for w in shift.released if w.day == day]
                for number, p_start, p_end in grid.get(day, ()):
                    busy = a < p_end and p_start < b
                    if busy and not any(fa <= max(a, p_start) and min(b, p_end) <= fb for fa, fb in free):
                        out.add((hto.teacher, day, number))
    return out


def _requests(plan: Plan, tt: Timetable, grid: dict) -> list[list]:
    values: dict[tuple[str, str, str, int], int] = {}

    def mark(kind: str, name: str, window, value: int) -> None:
        a, b = parse_hhmm(window.start), parse_hhmm(window.end)
        for number, p_start, p_end in grid.get(window.day, ()):
            if a < p_end and p_start < b:
                key = (kind, name, window.day, number)
                values[key] = min(values.get(key, 0), value)

    def value_of(window) -> int:
        return -3 if window.hard else _request_of_weight(window.preference_weight)

    for teacher in plan.teachers:
        for window in teacher.unavailable:
            mark(L.KIND_TEACHER, teacher.id, window, value_of(window))
    for school in plan.schools[:1]:
        for group in school.groups:
            for window in group.unavailable:
                mark(L.KIND_CLASS, group.id, window, value_of(window))
        for room in school.rooms:
            for window in room.unavailable:
                mark(L.KIND_ROOM, room.id, window, -3)
    for (teacher, day, number), value in company_blocks(plan, tt, grid).items():
        key = (L.KIND_TEACHER, teacher, day, number)
        values[key] = min(values.get(key, 0), value)
    days = len(grid) or 1
    last_period = max((len(periods) for periods in grid.values()), default=1)
    return [[kind, name, L.DAYS.index(day) + 1, number, value]
            for (kind, name, day, number), value in sorted(values.items(), key=lambda kv: (
                kv[0][0], kv[0][1], L.DAYS.index(kv[0][2]), kv[0][3]))] + \
        unspecified_requests(plan, days, last_period, _request_of_weight)


def _request_of_weight(weight: int) -> int:
    return L.REQUEST_OF_WEIGHT.get(weight, -2 if weight >= 10 else -1)


def company_blocks(plan: Plan, tt: Timetable, grid: dict) -> dict[tuple[str, str, int], int]:
    """(teacher, day, period no.) -> time request for each hto'er's company-driven blocks: -3 when the lesuur
    is blocked in every week of the plan's horizon (a rotating roster's every week), else -2 (a strong
    preference) when it is blocked in some of them. GPU016 holds one week, so this is the week Untis plans."""
    weeks = max([plan_horizon(plan).weeks] + [shift.week for shift in tt.rosters])
    per_week = [_hto_blocks(plan, tt, grid, week) for week in range(1, weeks + 1)]
    always = set.intersection(*per_week)
    return {key: -3 if key in always else -2 for key in set.union(*per_week)}


def untis_files(plan: Plan, tt: Timetable) -> dict[str, list[list]]:
    """The rows of each file, by file name."""
    grid, numbers = _grid(plan), _numbers(plan)
    school = plan.schools[0] if plan.schools else None
    lessons = {x.id: x for x in plan.lessons}
    gpu001, gpu002 = [], []
    for lesson in plan.lessons:
        for group, teacher, room in _lines(lesson):
            row = [numbers[lesson.id], lesson.count * lesson.duration, "", "", group, teacher, lesson.subject,
                   room] + [""] * (L.WRITE_FIELDS[L.GPU002] - 8)
            if lesson.duration == 2:
                row[L.U_DOUBLE_MIN - 1] = row[L.U_DOUBLE_MAX - 1] = lesson.count
            if lesson.duration > 1:
                row[L.U_BLOCK - 1] = lesson.duration
            gpu002.append(row)
    for place in tt.placements:
        lesson = lessons[place.lesson]
        for k in range(place.duration):
            for i, (group, teacher, _room) in enumerate(_lines(lesson)):
                teacher = (place.teacher or teacher) if i == 0 else teacher
                gpu001.append([numbers[lesson.id], group, teacher, lesson.subject, place.room or "",
                               L.DAYS.index(place.day) + 1, place.period + k, ""])
    time_rows = [[L.DAYS.index(day) + 1, number, f"{a // 60:02d}{a % 60:02d}", f"{b // 60:02d}{b % 60:02d}"]
                 for day, periods in grid.items() for number, a, b in periods]
    return {
        L.GPU001: gpu001, L.GPU002: gpu002,
        L.GPU003: [[g.id, g.name or ""] for g in school.groups] if school else [],
        L.GPU004: [[t.id, t.name or ""] + [""] * 5 + gpu004_limits(plan, t) for t in plan.teachers],
        L.GPU005: [[x.id, x.name or "", "", x.capacity] for x in school.rooms] if school else [],
        L.GPU016: _requests(plan, tt, grid), L.TIME: time_rows,
    }


def render(rows: list[list], dialect: Dialect) -> str:
    """Untis's style: text quoted, numbers and empty fields bare, e.g. 1,"1A","VOL","D","102",1,1,"""
    q = dialect.quote

    def cell(value) -> str:
        if isinstance(value, int):
            return str(value)
        text = str(value)
        return f"{q}{text.replace(q, q + q)}{q}" if text else ""

    return "".join(dialect.sep.join(cell(v) for v in row) + "\r\n" for row in rows)


def write_untis(plan: Plan, tt: Timetable, folder: str | Path, dialect: Dialect | None = None) -> list[Path]:
    """Write the files into `folder` (made if needed), each atomically; all are rendered before any is
    written, so an encoding error writes nothing."""
    dialect = dialect or Dialect()
    folder = Path(folder)
    data = {name: render(rows, dialect).encode(dialect.encoding) for name, rows in untis_files(plan, tt).items()}
    folder.mkdir(parents=True, exist_ok=True)
    return [write_atomic(folder / name, blob) for name, blob in data.items()]
