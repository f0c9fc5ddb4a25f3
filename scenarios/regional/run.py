"""A regional run: rounds of match and schedule, three ways, and the region certified as a whole.

    joint      (a) what Hybrooster does: each school is planned together with its hto'ers' shifts;
    sequential (b) each school plans first, knowing only the days the hto'ers could come; then each
                   company checks, keeps its roster, and every lesson that collides with a needed shift
                   is dropped;
    fixed_day  (c) today's common practice: each hto'er gets one fixed free day, chosen by the employer,
                   and the school fits the lessons into it.

All three start from the same match. The joint run feeds back what it could not place: the (candidate,
lesson) pairs whose lessons stayed open are cut from the match, and the match and the schedule run again,
for at most `rounds` rounds; the best round is kept. The match's linear relaxation over every option
(bound.py) bounds the vacancy minutes any schedule could cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from scenarios.regional.assemble import open_minutes, reference_monday, region_plan, region_timetable
from scenarios.regional.bound import relaxed_bound
from scenarios.regional.eligible import Options, find_options
from scenarios.regional.match import Match, match
from scenarios.regional.schedule import Fixed, HtoLesson, Mode, SchoolRun, school_plan, solve_school
from scenarios.regions.model import Region
from solver.domain import Plan, Timetable
from solver.params import SolveParams


@dataclass
class RunSettings:
    school_seconds: float = 20.0  # CP-SAT time limit per school plan
    match_seconds: float = 10.0
    rounds: int = 3  # joint only: rounds of match and schedule with feedback
    workers: int = 1  # CP-SAT workers per solve: the unit's share of the cores
    seed: int = 0
    # CP-SAT's deterministic time limit per solve (None: wall time only); with one worker, a run reproduces
    deterministic_time: float | None = None


@dataclass
class RegionRun:
    region: str
    mode: str
    match: Match
    bound: int  # vacancy minutes a week no schedule can exceed (bound.py)
    schools: dict[str, SchoolRun]
    plan: Plan
    timetable: Timetable
    rounds: list[dict] = field(default_factory=list)  # per round: matched and placed minutes, cuts

    @property
    def placed_vacancy_minutes(self) -> int:
        return vacancy_minutes(self.plan, self.timetable)


def vacancy_minutes(plan: Plan, timetable: Timetable) -> int:
    """Teaching minutes a week of the vacancy lessons placed (optional lessons, copy by copy)."""
    optional = {lesson.id: lesson for lesson in plan.lessons if lesson.optional}
    return sum(open_minutes(plan, optional[p.lesson]) for p in timetable.placements if p.lesson in optional)


def _order(region: Region, chosen: Match) -> list:
    """Schools with the most matched minutes first: the scarce people go where they cover most."""
    minutes = {s.id: 0 for s in region.schools}
    for o in chosen.chosen:
        minutes[o.school] += o.minutes
    return sorted(region.schools, key=lambda s: (-minutes[s.id], s.id))


def _region_ready(region: Region) -> Region:
    """Every school plan on one reference Monday, so that horizon weeks line up across plans."""
    monday = reference_monday([e.employer for e in region.employers])
    if monday is None:
        return region
    schools = []
    for school in region.schools:
        plan = school.plan.model_copy(update={"schools": [school.plan.schools[0].model_copy(
            update={"cycle_starts": monday})]})
        schools.append(school.model_copy(update={"plan": plan}))
    return region.model_copy(update={"schools": schools})


def _schedule(region: Region, found: Options, chosen: Match, mode: Mode, settings: RunSettings,
              on_school: Callable[[str], None] | None) -> tuple[dict[str, SchoolRun], dict[str, dict], Fixed]:
    fixed = Fixed()
    runs: dict[str, SchoolRun] = {}
    plans: dict[str, dict] = {}
    candidate_ids = {c.id for c in region.candidates}
    for school in _order(region, chosen):
        data = school_plan(region, school, found, chosen, fixed, mode)
        params = SolveParams(time_limit=settings.school_seconds, workers=settings.workers, seed=settings.seed,
                             deterministic_time=settings.deterministic_time)
        run = solve_school(data, school.id, params)
        if mode == "sequential" and run.found:
            data, run = _company_check(region, school, found, chosen, fixed, run, params)
        if not run.found:  # with its hto'ers it found nothing in time: the school alone, its vacancies open
            alone = Match([], 0, 0, "none")
            data = school_plan(region, school, found, alone, Fixed(), mode)
            longer = replace(params, time_limit=2 * params.time_limit, deterministic_time=None if
                             params.deterministic_time is None else 4 * params.deterministic_time)
            failed, run = run, solve_school(data, school.id, longer)
            run.open_lessons = [(f"{school.id}/{o.lesson}", 0) for o in chosen.chosen if o.school == school.id]
            run.note = f"with its hto'ers: {failed.status}; planned without them"
        runs[school.id], plans[school.id] = run, data
        subject_of = {lesson["id"]: lesson["subject"] for lesson in data["lessons"]}
        for p in run.placements:
            if p.teacher in candidate_ids:
                fixed.lessons.setdefault(p.teacher, []).append(HtoLesson(
                    school.id, p.lesson, p.copy, subject_of[p.lesson], p.day, p.period, p.duration))
        for employer in data.get("employers", []) if run.found else []:
            fixed.rosters[employer["id"]] = (run.rosters, run.weeks)
        if on_school is not None:
            on_school(school.id)
    return runs, plans, fixed


def _company_check(region, school, found, chosen, fixed, first: SchoolRun, params: SolveParams):
    """(b): the school's timetable stands; each company keeps its roster (nobody is re-rostered), and the
    optional lessons that collide with a shift its hto'er is needed in are dropped (left open)."""
    data = school_plan(region, school, found, chosen, fixed, "joint")
    where = {(p.lesson, p.copy): p for p in first.placements}
    lessons = []
    for lesson in data["lessons"]:
        if lesson["id"].endswith("@fixed"):
            lessons.append(lesson)
            continue
        copies = [p for p in (where.get((lesson["id"], c)) for c in range(lesson.get("count", 1))) if p]
        if lesson.get("optional") and not copies:
            continue  # the school did not place it: nothing to check
        # the copies the school placed stand where it put them; one it left open is gone (count shrinks)
        lessons.append(dict(lesson) | {"count": len(copies), "lock": {"slot": True, "room": True, "teacher": True}, "current": [
            {"copy": c, "day": p.day, "period": p.period, "room": p.room, "teacher": p.teacher}
            for c, p in enumerate(copies)]})
    data["lessons"] = lessons
    for employer in data["employers"]:
        for staff in employer.get("staff", []):
            staff["may_reroster"] = False
    return data, solve_school(data, school.id, params)


def _cuts(runs: dict[str, SchoolRun], chosen: Match) -> set[tuple[str, str, str]]:
    """The (candidate, school, lesson) options whose lesson the schedule left open: cut from the next match."""
    left_open = {(school, lesson) for school, run in runs.items() for lesson, _copy in run.open_lessons}
    out = set()
    for o in chosen.chosen:
        if (o.school, f"{o.school}/{o.lesson}") in left_open:
            out.add((o.candidate, o.school, o.lesson))
    return out


def run_region(region: Region, mode: Mode = "joint", settings: RunSettings = RunSettings(),
               on_school: Callable[[str], None] | None = None) -> RegionRun:
    """Match, schedule each school, assemble the region; `mode` picks (a), (b) or (c) above."""
    region = _region_ready(region)
    everything = find_options(region)
    found = everything.nearest()
    cut: set[tuple[str, str, str]] = set()
    best = None
    rounds = []
    bound = None
    for number in range(1, (settings.rounds if mode == "joint" else 1) + 1):
        chosen = match(region, found, cut=cut, time_limit=settings.match_seconds, workers=settings.workers,
                       seed=settings.seed, deterministic_time=settings.deterministic_time)
        if bound is None:  # the match's linear relaxation over every option (bound.py)
            bound = relaxed_bound(region, everything)
        runs, plans, fixed = _schedule(region, found, chosen, mode, settings, on_school)
        plan, timetable = _assemble(region, runs, plans, fixed)
        placed = vacancy_minutes(plan, timetable)
        new_cuts = _cuts(runs, chosen) - cut
        rounds.append({"round": number, "matched_minutes": chosen.minutes, "placed_minutes": placed,
                       "cut": len(new_cuts)})
        if best is None or placed > best[0]:
            best = (placed, chosen, runs, plan, timetable)
        if not new_cuts:
            break
        cut |= new_cuts
    _placed, chosen, runs, plan, timetable = best
    return RegionRun(region.id, mode, chosen, bound or 0, runs, plan, timetable, rounds)


def _assemble(region: Region, runs: dict[str, SchoolRun], plans: dict[str, dict], fixed: Fixed):
    employers = [e.employer.model_dump(mode="json", exclude_defaults=True) for e in region.employers]
    plan = region_plan([plans[s.id] for s in region.schools], employers, f"region {region.id}")
    placements = [p for run in runs.values() for p in run.placements]
    return plan, region_timetable(plan, placements, fixed.rosters)
