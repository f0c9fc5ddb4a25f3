"""The region as one Plan and one Timetable, certified by the independent validator.

The Plan holds every school (its own lessons under region-wide ids), the vacancy lessons that had
candidates (optional, with the candidates the schools' plans gave them), every employer, and every hto'er
with their travel to each school they teach at. The Timetable holds every school's placements and, per
employer, the roster of the last school plan that involved it (the one that held all its released people
at once), or its current roster when no school involved it. Rosters are repeated over the region's horizon
when a school's plan covered fewer weeks (its cycles divide the region's: the same reference Monday).
"""

from __future__ import annotations

from datetime import date

from solver.domain import OpenVacancy, Plan, RosterAssignment, Timetable, parse_plan
from solver.domain.cycles import plan_horizon
from solver.domain.employer import Employer
from solver.io.views.placed import school_periods


def reference_monday(employers: list[Employer]) -> date | None:
    """One reference Monday for every plan of the region (the earliest start of a rotation), so that horizon
    week w is the same week in each school's plan and in the region's."""
    starts = [e.cycle.starts for e in employers if e.cycle.starts is not None]
    starts += [s.cycle.starts for e in employers for s in e.staff if s.cycle is not None and s.cycle.starts]
    return min(starts) if starts else None


def current_rosters(plan: Plan, employer: Employer) -> list[RosterAssignment]:
    """An employer's current roster as the Timetable lists it, for every week of the plan's horizon."""
    horizon = plan_horizon(plan)
    shifts = {s.id: s for s in employer.shifts}
    out = []
    for staff in employer.staff:
        cycle = staff.cycle or employer.cycle
        for week in range(1, horizon.weeks + 1):
            own = horizon.week_of(cycle, week)
            for item in staff.roster:
                if item.week == own:
                    shift = shifts[item.shift]
                    out.append(RosterAssignment(employer=employer.id, staff=staff.id, shift=item.shift,
                                                day=item.day, week=week, start=shift.start, end=shift.end))
    return out


def repeated(rosters: list[RosterAssignment], weeks: int, over: int) -> list[RosterAssignment]:
    """Rosters of a plan of `weeks` weeks repeated over a horizon of `over` weeks (weeks divides over)."""
    if weeks == over:
        return list(rosters)
    return [r.model_copy(update={"week": week}) for week in range(1, over + 1)
            for r in rosters if r.week == (week - 1) % weeks + 1]


def region_plan(plans: list[dict], employers: list[dict], name: str) -> Plan:
    """One Plan from the schools' plans (each JSON-ready, from schedule.school_plan): every school once,
    every lesson once (the fixed copies of other schools' lessons left out), hto'ers merged."""
    schools, teachers, lessons, htos, constraints = {}, {}, {}, {}, []
    for data in plans:
        own = data["schools"][0]["id"]
        schools[own] = data["schools"][0]
        for lesson in data["lessons"]:
            if lesson["id"].endswith("@fixed"):
                continue
            lessons.setdefault(lesson["id"], lesson)
        for teacher in data["teachers"]:
            known = teachers.setdefault(teacher["id"], dict(teacher))
            known["subjects"] = sorted(set(known.get("subjects", [])) | set(teacher.get("subjects", [])))
        for hto in data.get("htos", []):
            known = htos.setdefault(hto["id"], dict(hto))
            known["subjects"] = sorted(set(known["subjects"]) | set(hto["subjects"]))
            known["travel_minutes"] = known["travel_minutes"] | hto["travel_minutes"]
            if hto["qualification"] != known["qualification"]:  # the stricter one holds across schools
                order = ["unqualified", "in_training", "qualified"]
                known["qualification"] = min(known["qualification"], hto["qualification"], key=order.index)
        constraints += data.get("constraints", [])
    policy = plans[0].get("policy", {}) if plans else {}
    return parse_plan({"name": name, "schools": list(schools.values()), "teachers": list(teachers.values()),
                       "lessons": list(lessons.values()), "employers": employers, "htos": list(htos.values()),
                       "constraints": constraints, "policy": policy})


def open_minutes(plan: Plan, lesson) -> int:
    """A copy's lesson-minutes as docs/rules.md defines them for vacancy_open: the fewest teaching minutes of
    any `duration` consecutive lesuren of one day of its school."""
    days = school_periods(plan.lesson_school(lesson)).values()
    runs = [sum(end - start for start, end, _ in periods[i:i + lesson.duration])
            for periods in days for i in range(len(periods) - lesson.duration + 1)]
    return min(runs, default=0)


def region_timetable(plan: Plan, placements: list, rosters: dict[str, tuple[list[RosterAssignment], int]]) -> Timetable:
    """The region's Timetable: the placements, an open vacancy for each optional copy not placed, and each
    employer's roster (`rosters`: employer -> (its rosters, the weeks of the plan they came from))."""
    weeks = plan_horizon(plan).weeks
    placed = {(p.lesson, p.copy) for p in placements}
    open_copies = []
    for lesson in plan.lessons:
        if lesson.optional:
            for copy in range(lesson.count):
                if (lesson.id, copy) not in placed:
                    open_copies.append((lesson, copy))
    out_rosters = []
    for employer in plan.employers:
        if employer.id in rosters:
            items, own_weeks = rosters[employer.id]
            out_rosters += repeated([r for r in items if r.employer == employer.id], own_weeks, weeks)
        else:
            out_rosters += current_rosters(plan, employer)
    vacancies = [OpenVacancy(lesson=lesson.id, copy=copy, school=plan.lesson_school(lesson).id,
                             minutes=open_minutes(plan, lesson)) for lesson, copy in open_copies]
    return Timetable(plan=plan.name, status="feasible", placements=placements, rosters=out_rosters,
                     open_vacancies=vacancies)
