"""Result.solution -> Timetable: placements with rooms, rosters with releases, KPIs, soft cost."""

from __future__ import annotations

from collections import defaultdict

from solver.domain import (
    EmployerRelease, HtoTeaching, LessonPlacement, OpenVacancy, Plan, RosterAssignment, Timetable, UnplacedLesson,
    Window, plan_fingerprint,
)
from solver.domain.timetable import RemovedShift
from solver.compile.horizon import horizon_weeks
from solver.problem import ProblemData
from solver.result import Result, Solution
from solver.timeline import DAYS, DAYS_PER_WEEK, MINUTES_PER_DAY, fmt_hhmm, parse_hhmm


def decode(plan: Plan, data: ProblemData, result: Result) -> Timetable:
    """The timetable of a solve of `plan`, stamped with the plan's fingerprint (validate, why and
    replan refuse it with another plan)."""
    solution = result.solution
    placements, unplaced, open_vacancies = _placements(plan, data, solution)
    rosters, removed = _rosters(plan, data, solution, placements)
    timetable = Timetable(
        plan=plan.name, plan_fingerprint=plan_fingerprint(plan),
        status=result.status, objective=result.objective, bound=result.bound,
        placements=placements, unplaced=unplaced, rosters=rosters, removed_shifts=removed,
        soft_cost={rule: int(v) for rule, v in sorted((solution.costs if solution else {}).items())},
        open_vacancies=open_vacancies,
    )
    timetable.hto_teaching = _hto_teaching(plan, data, timetable)
    timetable.released = _released(plan, timetable)
    timetable.kpis = _kpis(plan, data, timetable)
    return timetable


def _placements(plan: Plan, data: ProblemData, solution: Solution | None):
    chosen = solution.options if solution else [None] * len(data.copies)
    pools = solution.pools if solution else [None] * len(data.copies)
    rows = []
    unplaced, open_vacancies = [], []
    for c, copy in enumerate(data.copies):
        lesson = data.lessons[copy.lesson]
        k = chosen[c]
        if k is None and lesson.optional:
            open_vacancies.append(OpenVacancy(lesson=lesson.id, copy=copy.copy, school=data.schools[copy.school],
                                              minutes=lesson.open_minutes))
            continue
        if k is None:
            unplaced.append(UnplacedLesson(lesson=lesson.id, copy=copy.copy))
            continue
        option = copy.options[k]
        pool = pools[c] if pools[c] is not None else (copy.pools[0] if copy.needs_room and copy.pools else None)
        rows.append((c, option, pool))
    placed = {c: option for c, option, _ in rows}
    extra_rows = [(len(data.copies) + e, placed[extra.copy], _extra_pool(data, pools, e))
                  for e, extra in enumerate(data.extra_rooms) if extra.copy in placed]
    rooms = _assign_rooms(data, rows + extra_rows)
    extra_rooms: dict[int, list[str]] = defaultdict(list)  # copy -> its extra rooms, in Lesson.extra_rooms' order
    for e, extra in enumerate(data.extra_rooms):
        if len(data.copies) + e in rooms:
            extra_rooms[extra.copy].append(rooms[len(data.copies) + e])
    placements = []
    for c, option, _pool in rows:
        copy = data.copies[c]
        first, last = data.periods[option.periods[0]], data.periods[option.periods[-1]]
        placements.append(LessonPlacement(
            lesson=data.lessons[copy.lesson].id, copy=copy.copy, school=data.schools[copy.school],
            day=DAYS[option.day], period=option.first, duration=len(option.periods),
            start=fmt_hhmm(first.start), end=fmt_hhmm(last.end), room=rooms.get(c), extra_rooms=extra_rooms.get(c, []),
            teacher=data.teachers[option.teacher].id if option.teacher >= 0 else "",
        ))
    return placements, unplaced, open_vacancies


def _extra_pool(data: ProblemData, pools, e: int) -> int | None:
    """The pool of extra room e: the solver's choice (after the copies' in Solution.pools), else its only pool."""
    chosen = pools[len(data.copies) + e] if len(data.copies) + e < len(pools) else None
    only = data.extra_rooms[e].pools
    return chosen if chosen is not None else (only[0] if len(only) == 1 else None)


def _assign_rooms(data: ProblemData, rows) -> dict[int, str]:
    """Per pool and day, in order of start: the current room if it is free, else any free room.

    Exact (see docs/rules.md): rooms in a pool are interchangeable and the model kept the number
    of lessons per pool and period within the pool's size, so a free room always exists. A row past
    the copies is an extra room (Lesson.extra_rooms) of a copy, counted in the pools as a copy is.
    """
    by_pool_day = defaultdict(list)
    for c, option, pool in rows:
        if pool is not None:
            by_pool_day[(pool, option.day)].append((option.periods[0], option.periods[-1], c))
    out: dict[int, str] = {}
    for (pool, _day), items in by_pool_day.items():
        rooms = data.pools[pool].rooms
        busy_until: dict[str, int] = {}
        for first, last, c in sorted(items):
            free = [r for r in rooms if busy_until.get(r, -1) < first]
            current = data.copies[c].current_room if c < len(data.copies) else None
            room = current if current in free else (free[0] if free else rooms[0])
            busy_until[room] = last
            out[c] = room
    return out


def _rosters(plan: Plan, data: ProblemData, solution: Solution | None, placements: list[LessonPlacement]):
    worked = solution.shifts if solution else [inst.current for inst in data.instances]
    busy = _busy_windows(plan, data, placements)
    employers = [e.id for e in plan.employers]
    rosters, removed = [], []
    for i, inst in enumerate(data.instances):
        person = data.staff[inst.staff]
        if not worked[i]:
            if inst.current:
                removed.append(RemovedShift(
                    employer=employers[person.employer], staff=person.id, shift=inst.shift, day=DAYS[inst.day],
                    week=inst.week,
                ))
            continue
        released = released_windows(inst.start, inst.end, busy.get(person.id, []))
        rosters.append(RosterAssignment(
            employer=employers[person.employer], staff=person.id, shift=inst.shift, day=DAYS[inst.day],
            week=inst.week, start=fmt_hhmm(inst.start), end=fmt_hhmm(inst.end), released=released,
            change="kept" if inst.current else "added",
        ))
    return rosters, removed


def _busy_windows(plan: Plan, data: ProblemData, placements) -> dict[str, list[tuple[int, int]]]:
    """Per hto'er's staff id: each lesson with travel on both sides, on the week line; on a horizon of
    several weeks in every horizon week that teaches its school week, and once more a circle's length
    on (a shift of the last week that runs past its end meets the lessons of week 1)."""
    hz = horizon_weeks(plan) if data.weeks > 1 else None
    hto_by_teacher = {h.teacher: h for h in plan.htos}
    starts = {(p.school, p.day, p.number): p for p in data.periods}
    school_index = {s: i for i, s in enumerate(data.schools)}
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for placement, teacher in _placement_teachers(plan, placements):
        hto = hto_by_teacher.get(teacher)
        if hto is None:
            continue
        s = school_index[placement.school]
        day = DAYS.index(placement.day)
        first = starts[(s, day, placement.period)]
        last = starts[(s, day, placement.period + placement.duration - 1)]
        travel = hto.travel_minutes.get(placement.school, 0)
        if hz is None:
            out[hto.staff].append((first.start - travel, last.end + travel))
            continue
        for _, offset in hz.school_weeks(s, day):
            for turn in (0, hz.length):
                out[hto.staff].append((first.start - travel + offset + turn, last.end + travel + offset + turn))
    return out


def _placement_teachers(plan: Plan, placements):
    """(placement, teacher) for the placement's teacher and each co-teacher of its lesson."""
    co = {lesson.id: lesson.co_teachers for lesson in plan.lessons}
    for placement in placements:
        for teacher in dict.fromkeys([placement.teacher, *co.get(placement.lesson, [])]):
            if teacher:
                yield placement, teacher


def released_windows(start: int, end: int, busy: list[tuple[int, int]]) -> list[Window]:
    """The parts of a shift [start, end) that busy windows cover, merged, split at midnight."""
    parts = sorted((max(a, start), min(b, end)) for a, b in busy if a < end and start < b)
    merged: list[list[int]] = []
    for a, b in parts:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    windows = []
    for a, b in merged:
        while a < b:
            day = a // MINUTES_PER_DAY
            cut = min(b, (day + 1) * MINUTES_PER_DAY)
            end_text = "24:00" if cut == (day + 1) * MINUTES_PER_DAY else fmt_hhmm(cut)
            # on days of the entry's week: past sun 24:00 is the next mon (views un-wrap it); on a horizon
            # the line's minutes of week h are days of that week too
            windows.append(Window(day=DAYS[day % DAYS_PER_WEEK], start=fmt_hhmm(a), end=end_text))
            a = cut
    return windows


def _teaching_minutes(plan: Plan, data: ProblemData, placements) -> dict[str, int]:
    """Per teacher: the minutes of the lesuren their placements occupy (co-teaching included)."""
    periods = {(p.school, p.day, p.number): p for p in data.periods}
    school_index = {s: i for i, s in enumerate(data.schools)}
    out: dict[str, int] = defaultdict(int)
    for pl, teacher in _placement_teachers(plan, placements):
        s, d = school_index[pl.school], DAYS.index(pl.day)
        out[teacher] += sum(periods[(s, d, n)].minutes for n in range(pl.period, pl.period + pl.duration))
    return out


def _hto_teaching(plan: Plan, data: ProblemData, timetable: Timetable) -> list[HtoTeaching]:
    minutes = _teaching_minutes(plan, data, timetable.placements)
    return [
        HtoTeaching(hto=h.id, teacher=h.teacher, employer=h.employer, minutes=minutes.get(h.teacher, 0),
                    min_minutes=h.release.min_teaching_minutes, target_minutes=h.release.target_teaching_minutes,
                    max_minutes=h.release.max_teaching_minutes_per_week)
        for h in plan.htos
    ]


def _released(plan: Plan, timetable: Timetable) -> list[EmployerRelease]:
    """Per employer: the length of every released window of its rosters, added up."""
    minutes: dict[str, int] = defaultdict(int)
    for entry in timetable.rosters:
        for w in entry.released:
            minutes[entry.employer] += parse_hhmm(w.end) - parse_hhmm(w.start)
    return [EmployerRelease(employer=e.id, person_minutes=minutes.get(e.id, 0)) for e in plan.employers]


def _kpis(plan: Plan, data: ProblemData, timetable: Timetable) -> dict[str, float | int]:
    hto_minutes = sum(entry.minutes for entry in timetable.hto_teaching)
    copies = len(data.copies)
    vacancies = {"vacancy_minutes_open": sum(v.minutes for v in timetable.open_vacancies)} if any(
        lesson.optional for lesson in data.lessons) else {}
    return {
        "lessons_placed": len(timetable.placements),
        "lessons_total": copies,
        "lesson_periods": data.size,
        "hto_teaching_minutes": hto_minutes,
        "hto_secondment_cost_eur_incl_vat": round(
            hto_minutes / 60 * plan.policy.hto_hourly_rate_eur * (1 + plan.policy.secondment_vat), 2
        ),
        "shifts_added": sum(1 for r in timetable.rosters if r.change == "added"),
        "shifts_removed": len(timetable.removed_shifts),
        "partial_releases": sum(1 for r in timetable.rosters if r.released),
        **vacancies,
    }
