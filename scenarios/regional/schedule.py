"""One school's week with its matched hto'ers, their employers, and what earlier schools fixed.

Schools are scheduled one at a time through the one CP-SAT core (solver.pipeline.solve_plan). They are
coupled through people: an hto'er teaching at two schools, and an employer whose people teach at several.
So a school's plan also holds, as lessons locked where they were placed ("fixed lessons"), what every
hto'er of the employers involved already teaches at schools scheduled before it. The core then keeps each
employer's staffing with all of its released people at once, and each person's week legal across both
schools; the employer's roster from the last school that involved it is the one that holds for all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scenarios.regional.eligible import Options
from scenarios.regional.match import Match
from scenarios.regional.namespace import namespaced, prefixed
from scenarios.regions.model import Candidate, Region, RegionSchool
from solver.domain import LessonPlacement, Plan, RosterAssignment, parse_plan
from solver.domain.cycles import plan_horizon
from solver.params import SolveParams
from solver.timeline import day_index

Mode = Literal["joint", "sequential", "fixed_day"]
_QUALIFICATION = {"none": "unqualified", "zij_instroom": "in_training", "pdg_trajectory": "in_training",
                  "qualified": "qualified"}


@dataclass
class HtoLesson:
    """A vacancy lesson copy an hto'er teaches, as placed: fixed for the schools scheduled after it."""

    school: str
    lesson: str  # region-wide id
    copy: int
    subject: str
    day: str
    period: int
    duration: int


@dataclass
class Fixed:
    """What the schools scheduled so far fixed: each hto'er's lessons, and each employer's roster."""

    lessons: dict[str, list[HtoLesson]] = field(default_factory=dict)  # candidate -> their lessons
    # employer -> (its rosters, the weeks of the plan they came from), from the last school that involved it
    rosters: dict[str, tuple[list[RosterAssignment], int]] = field(default_factory=dict)


@dataclass
class SchoolRun:
    school: str
    status: str
    placements: list[LessonPlacement]  # this school's lessons only
    open_lessons: list[tuple[str, int]]  # (region-wide vacancy lesson id, copy) matched but not placed
    plan: Plan | None = None
    seconds: float = 0.0
    rosters: list[RosterAssignment] = field(default_factory=list)
    weeks: int = 1  # the horizon of the school's plan, in weeks
    note: str = ""

    @property
    def found(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


def qualification(candidate: Candidate, levels: set[str]) -> str:
    """The core's qualification for the candidate, the same in every school's plan: the strictest over the
    levels of the schools they teach at (a PDG route counts only in mbo), so that the cap of an unqualified
    week holds across both schools."""
    if candidate.qualification == "pdg_trajectory" and levels != {"mbo"}:
        return "unqualified"
    return _QUALIFICATION[candidate.qualification]


def free_day(region: Region, candidate: Candidate) -> str:
    """Today's practice (comparison c): the employer gives one fixed free day, the release day on which the
    person works the fewest shifts (the employer's choice; ties: the earliest day)."""
    employer = next(e.employer for e in region.employers if e.id == candidate.employer)
    staff = next(s for s in employer.staff if s.id == candidate.staff)
    return min(candidate.release_days, key=lambda d: (sum(1 for r in staff.roster if r.day == d), day_index(d)))


def _vacancy_lessons(school: RegionSchool, maps: dict, lesson_candidates: dict[str, list[str]]) -> list[dict]:
    out = []
    for vacancy in school.vacancies:
        for lesson in vacancy.lessons:
            teachers = lesson_candidates.get(lesson.id, [])
            if not teachers:
                continue
            data = lesson.model_dump(mode="json", exclude_defaults=True)
            data |= {"id": prefixed(school.id, lesson.id), "school": school.id, "optional": True,
                     "candidates": teachers, "teacher": None}
            data["groups"] = [maps["group"].get(g, g) for g in lesson.groups]
            if lesson.rooms:
                data["rooms"] = [maps["room"].get(r, r) for r in lesson.rooms]
            out.append(data)
    return out


def _fixed_lesson(item: HtoLesson, teacher: str) -> dict:
    return {"id": f"{item.lesson}#{item.copy}@fixed", "school": item.school, "subject": item.subject,
            "groups": [], "duration": item.duration, "count": 1, "room_kind": None, "teacher": teacher,
            "lock": {"slot": True}, "current": [{"copy": 0, "day": item.day, "period": item.period}]}


def school_plan(region: Region, school: RegionSchool, found: Options, chosen: Match, fixed: Fixed,
                mode: Mode) -> dict:
    """The plan (JSON-ready) of one school with its matched hto'ers, their employers and the fixed lessons."""
    data = namespaced(school.plan, school.id)
    maps = data.pop("maps")
    here = sorted(chosen.candidates_at(school.id))
    lesson_candidates: dict[str, list[str]] = {}
    # Without a budget, a lesson may go to any person matched to the school who could give it (the core
    # finds the best fit); with one, only as matched, so that what is placed stays within the budget.
    offered = found.options if school.budget_eur_per_week is None else chosen.chosen
    for option in offered:
        if option.school == school.id and option.candidate in here:
            lesson_candidates.setdefault(option.lesson, []).append(option.candidate)
    data["lessons"] += _vacancy_lessons(school, maps, lesson_candidates)
    candidates = {c.id: c for c in region.candidates}
    employers = {e.id: e for e in region.employers}
    involved = {candidates[c].employer for c in here}
    # every hto'er of an involved employer who teaches already, and everyone matched here
    people = sorted(set(here) | {c for c, items in fixed.lessons.items()
                                 if items and candidates[c].employer in involved})
    schools = {school.id: school for school in region.schools}
    level = {s.id: s.level for s in region.schools}
    others = sorted({i.school for c in people for i in fixed.lessons.get(c, []) if i.school != school.id})
    for other in others:
        data["schools"].append({"id": other, "name": schools[other].name,
                                "periods": [p.model_dump(mode="json", exclude_defaults=True)
                                            for p in schools[other].plan.schools[0].periods]})
    htos, teachers = [], []
    subjects_of: dict[str, set[str]] = {}  # what each person may teach anywhere (their options), once
    for option in found.options:
        subjects_of.setdefault(option.candidate, set()).add(option.subject)
    for c in people:
        candidate = candidates[c]
        mine = fixed.lessons.get(c, []) if mode != "sequential" else []
        data["lessons"] += [_fixed_lesson(i, c) for i in mine]
        subjects = sorted(subjects_of.get(c, set()) | {i.subject for i in mine})
        teacher = {"id": c, "name": candidate.name, "subjects": subjects}
        if candidate.max_teaching_days and mode != "fixed_day":
            teacher["max_days_per_week"] = candidate.max_teaching_days
        teachers.append(teacher)
        if mode == "sequential":
            continue  # the school plans first, as if they were teachers like any other
        days = [free_day(region, candidate)] if mode == "fixed_day" else list(candidate.release_days)
        htos.append({
            "id": c, "name": candidate.name, "teacher": c, "employer": candidate.employer,
            "staff": candidate.staff, "subjects": subjects,
            "qualification": qualification(candidate, {level[s] for s in chosen.schools_of(c) | {school.id}}
                                           | {level[i.school] for i in mine}),
            "release": {"max_teaching_minutes_per_week": found.release[c], "allowed_days": days},
            "travel_minutes": {s: found.travel[c, s] for s in [school.id, *others]},
        })
    if mode == "sequential":
        for t in teachers:  # the school knows the days they could come, nothing of their shifts
            days = candidates[t["id"]].release_days
            t["unavailable"] = [{"day": d, "start": "00:00", "end": "23:59"}
                                for d in ("mon", "tue", "wed", "thu", "fri") if d not in days]
    data["teachers"] += teachers
    data["htos"] = htos
    data["employers"] = [] if mode == "sequential" else [
        employers[e].employer.model_dump(mode="json", exclude_defaults=True)
        for e in sorted({candidates[c].employer for c in people})]
    data["policy"] = {"unqualified_max_teaching_minutes": region.params.unqualified_max_minutes}
    data["name"] = f"{region.id}/{school.id}"
    return data


def solve_school(plan_data: dict, school: str, params: SolveParams) -> SchoolRun:
    """Solve one school's plan with the core; the placements of this school's lessons come back."""
    from time import perf_counter

    from solver.pipeline import solve_plan

    started = perf_counter()
    plan = parse_plan(plan_data)
    outcome = solve_plan(plan, params)
    seconds = perf_counter() - started
    if outcome.timetable is None:
        return SchoolRun(school, outcome.result.status, [], [], plan, seconds)
    tt = outcome.timetable
    placements = [p for p in tt.placements if p.school == school and not p.lesson.endswith("@fixed")]
    open_lessons = [(v.lesson, v.copy) for v in tt.open_vacancies if v.school == school]
    return SchoolRun(school, outcome.result.status, placements, open_lessons, plan, seconds, list(tt.rosters),
                     plan_horizon(plan).weeks)
