"""A rough feasibility self-check of a plan: how loaded are teachers, student sets, room kinds and shifts.

`capacity_report(plan)` counts lesson-periods against available periods. It proves nothing (a
plan can be infeasible at 50% load), but a plan with loads near 100% is certainly hard, so the
generator and the demo keep every ratio well below 75%. For staffing it reports, per employer,
how many demand windows the current roster covers with no person to spare, and per hto'er on
which allowed days a release would leave such a window short (a flexible colleague must then move).
Rosters that rotate (issue 21) are counted week by week over the plan's horizon: a window's slack is
its smallest in any week it applies, and a day is tight when it is in any week.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import median

from solver.domain import Plan, hard_windows
from solver.domain.cycles import plan_horizon
from solver.timeline import DAYS, MINUTES_PER_DAY, parse_hhmm


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _window(day: str, start: str, end: str, crosses: bool = False) -> tuple[int, int]:
    base = DAYS.index(day) * MINUTES_PER_DAY
    s, e = parse_hhmm(start), parse_hhmm(end)
    return base + s, base + e + (MINUTES_PER_DAY if crosses else 0)


def _available_periods(periods, unavailable, days=None) -> int:
    n = 0
    for p in periods:
        if days is not None and p.day not in days:
            continue
        s, e = _window(p.day, p.start, p.end)
        if not any(_overlaps(s, e, *_window(w.day, w.start, w.end)) for w in unavailable):
            n += 1
    return n


def _ratio(load: float, available: int) -> float:
    return round(load / available, 3) if available else (0.0 if not load else float("inf"))


def _teachers(plan: Plan) -> tuple[dict, dict]:
    fixed: dict[str, int] = defaultdict(int)
    candidate: dict[str, int] = defaultdict(int)
    for lesson in plan.lessons:
        periods = lesson.duration * lesson.count
        if lesson.teacher:
            fixed[lesson.teacher] += periods
        else:
            qualified = plan.qualified_teachers(lesson)
            for teacher_id in qualified:
                if len(qualified) == 1:
                    fixed[teacher_id] += periods
                else:
                    candidate[teacher_id] += periods
    return fixed, candidate


def _coverage(employer, horizon, h: int) -> dict[str, list[tuple[int, int]]]:
    """Staff id -> shift instances of the current roster of horizon week h on the week line."""
    shifts = {s.id: s for s in employer.shifts}
    out = {}
    for person in employer.staff:
        week = horizon.week_of(person.cycle or employer.cycle, h)
        out[person.id] = [
            _window(item.day, shifts[item.shift].start, shifts[item.shift].end,
                    shifts[item.shift].crosses_midnight)
            for item in person.roster if item.shift in shifts and item.week == week
        ]
    return out


def _weeks(plan: Plan, employer) -> list[tuple[int, dict, set[int]]]:
    """Per horizon week: (h, the coverage of its rosters, the indices of the demand windows that apply)."""
    horizon = plan_horizon(plan)
    out = []
    for h in range(1, horizon.weeks + 1):
        k = horizon.week_of(employer.cycle, h)
        applies = {i for i, d in enumerate(employer.demand) if not d.weeks or k in d.weeks}
        out.append((h, _coverage(employer, horizon, h), applies))
    return out


def _slack(employer, work, demand) -> int:
    """People with the skill at the worst minute of the window, minus the minimum."""
    a, b = _window(demand.day, demand.start, demand.end, demand.crosses_midnight)
    skilled = [p.id for p in employer.staff if demand.skill in p.skills]
    points = {a} | {t for pid in skilled for iv in work[pid] for t in iv if a < t < b}
    worst = min(
        sum(1 for pid in skilled if any(s <= t < e for s, e in work[pid])) for t in points
    )
    return worst - demand.min_staff


def _employers(plan: Plan) -> tuple[dict, dict]:
    report, slack_of = {}, {}
    for employer in plan.employers:
        weeks = _weeks(plan, employer)
        slacks = []
        for k, demand in enumerate(employer.demand):
            per_week = {h: _slack(employer, work, demand) for h, work, applies in weeks if k in applies}
            slacks.append(min(per_week.values(), default=0))
            slack_of.update({(employer.id, k, h): slack for h, slack in per_week.items()})
        report[employer.id] = {
            "staff": len(employer.staff),
            "flexible_staff": sum(1 for p in employer.staff if p.may_reroster),
            "demand_windows": len(employer.demand),
            "short_windows": sum(1 for s in slacks if s < 0),
            "tight_windows": sum(1 for s in slacks if s == 0),
            "min_slack": min(slacks) if slacks else None,
        }
    return report, slack_of


def _hto_report(plan: Plan, hto, fixed, candidate, minutes_per_period, slack_of) -> dict:
    """Teaching minutes against the limit, and the allowed days on which a release needs cover."""
    employer = next(e for e in plan.employers if e.id == hto.employer)
    person = next(p for p in employer.staff if p.id == hto.staff)
    school = plan.schools[0]
    travel = max(hto.travel_minutes.values(), default=0)
    first = min(parse_hhmm(p.start) for p in school.periods) - travel
    last = max(parse_hhmm(p.end) for p in school.periods) + travel
    limits = [hto.release.max_teaching_minutes_per_week]
    if hto.qualification == "unqualified":
        limits.append(plan.policy.unqualified_max_teaching_minutes)
    limit = min(x for x in limits if x is not None) if any(x is not None for x in limits) else None
    tight_days, cover = [], set()
    for h, coverage, applies in _weeks(plan, employer):
        work = coverage[person.id]
        for day in hto.release.allowed_days:
            # the part of the day the hto'er could be away for lessons (travel included)
            d0, d1 = DAYS.index(day) * MINUTES_PER_DAY + first, DAYS.index(day) * MINUTES_PER_DAY + last
            shifts_today = [iv for iv in work if _overlaps(*iv, d0, d1)]
            for k, demand in enumerate(employer.demand):
                window = _window(demand.day, demand.start, demand.end, demand.crosses_midnight)
                if (k in applies and demand.skill in person.skills and slack_of[(employer.id, k, h)] == 0
                        and any(_overlaps(*iv, *window) and _overlaps(*window, d0, d1) for iv in shifts_today)):
                    tight_days.append(day)
                    cover |= {p.id for p in employer.staff
                              if p.may_reroster and p.id != person.id and demand.skill in p.skills}
    f = fixed.get(hto.teacher, 0) * minutes_per_period
    return {
        "teacher": hto.teacher, "employer": hto.employer, "qualification": hto.qualification,
        "allowed_days": list(hto.release.allowed_days), "limit_minutes": limit,
        "fixed_minutes": f, "candidate_minutes": candidate.get(hto.teacher, 0) * minutes_per_period,
        "fixed_share_of_limit": _ratio(f, limit) if limit else 0.0,
        "tight_days": sorted(set(tight_days), key=DAYS.index),
        "flexible_cover": sorted(cover),
    }


def capacity_report(plan: Plan) -> dict:
    """Loads of teachers, student sets, room kinds, staffing windows and hto'ers (ratios 0..1+)."""
    fixed, candidate = _teachers(plan)
    hto_of = {h.teacher: h for h in plan.htos}
    school_of_lesson = {lesson.id: plan.lesson_school(lesson) for lesson in plan.lessons}
    main = plan.schools[0]
    minutes_per_period = int(median(
        parse_hhmm(p.end) - parse_hhmm(p.start) for p in main.periods
    ))

    teachers = {}
    for teacher in plan.teachers:
        hto = hto_of.get(teacher.id)
        days = set(hto.release.allowed_days) if hto else None
        available = _available_periods(main.periods, hard_windows(teacher.unavailable), days)
        f, c = fixed.get(teacher.id, 0), candidate.get(teacher.id, 0)
        teachers[teacher.id] = {
            "hto": hto is not None, "fixed": f, "candidate": c, "available": available,
            "ratio": _ratio(f + c, available), "fixed_ratio": _ratio(f, available),
        }

    student_sets: dict[str, dict] = {}
    room_kinds: dict[str, dict] = {}
    oversized: list[str] = []
    for school in plan.schools:
        members = {g.id: (g.student_sets or [g.id]) for g in school.groups}
        load: dict[str, int] = defaultdict(int)
        need: dict[str, int] = defaultdict(int)
        for lesson in plan.lessons:
            if school_of_lesson[lesson.id].id != school.id:
                continue
            periods = lesson.duration * lesson.count
            for set_id in {s for g in lesson.groups for s in members[g]}:
                load[set_id] += periods
            kind = lesson.room_kind
            if lesson.rooms:
                kind = next(r.kind for r in school.rooms if r.id == lesson.rooms[0])
            if kind is not None:
                need[kind] += periods
                size = lesson.size if lesson.size is not None else _lesson_size(school, lesson)
                if not any(r.kind == kind and r.capacity >= size for r in school.rooms):
                    oversized.append(lesson.id)
        sets = sorted({s for ids in members.values() for s in ids})
        n_periods = len(school.periods)
        student_sets[school.id] = {
            s: {"load": load[s], "available": n_periods, "ratio": _ratio(load[s], n_periods)} for s in sets
        }
        kinds = sorted(set(need) | {r.kind for r in school.rooms})
        room_kinds[school.id] = {}
        for kind in kinds:
            rooms = [r for r in school.rooms if r.kind == kind]
            available = sum(_available_periods(school.periods, r.unavailable) for r in rooms)
            room_kinds[school.id][kind] = {
                "needed": need[kind], "rooms": len(rooms), "available": available,
                "ratio": _ratio(need[kind], available),
            }

    employers, slack_of = _employers(plan)
    htos = {h.id: _hto_report(plan, h, fixed, candidate, minutes_per_period, slack_of) for h in plan.htos}

    def worst(values):
        return max(values, default=0.0)

    return {
        "lesson_periods": sum(lesson.duration * lesson.count for lesson in plan.lessons),
        "teachers": teachers,
        "student_sets": student_sets,
        "room_kinds": room_kinds,
        "oversized_lessons": oversized,
        "employers": employers,
        "htos": htos,
        "max": {
            "teacher": worst(t["ratio"] for t in teachers.values() if not t["hto"]),
            "hto_teacher_fixed": worst(t["fixed_ratio"] for t in teachers.values() if t["hto"]),
            "hto_fixed_share_of_limit": worst(h["fixed_share_of_limit"] for h in htos.values()),
            "student_set": worst(s["ratio"] for sets in student_sets.values() for s in sets.values()),
            "room_kind": worst(k["ratio"] for kinds in room_kinds.values() for k in kinds.values()),
        },
    }


def _lesson_size(school, lesson) -> int:
    sizes = {s.id: s.size for s in school.student_sets}
    total = 0
    for group_id in lesson.groups:
        group = next(g for g in school.groups if g.id == group_id)
        total += group.size if group.size is not None else sum(sizes.get(s, 0) for s in group.student_sets)
    return total
