"""The figures of a regional run: per school, per employer, per candidate, and for the region.

Contract forms (docs/regions.md "Costs"): an hto'er stays employed by their firm, so a placement is a
secondment unless stated otherwise; the school's budget is checked at that rate (match.py). For each
placement the report also gives the cheapest legal form and what each form costs:
- the school pays per lesson hour the form's rate (costs.cost_lines);
- the employer's cost per lesson hour is the wage of the hours the person is away (teaching and travel)
  less what comes back: under secondment the ex-VAT fee, under a school contract the wage of the teaching
  hours (the school pays them), as zzp the same; less any compensation per released hour (the lever).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from scenarios.regions.costs import FORMS, SOURCE_VAT_RATE, cheapest_legal, cost_lines
from scenarios.regions.model import Region
from scenarios.regions.routes import route_deadline, route_for
from scenarios.regions.skills import is_hidden_match
from solver.domain import Plan, Timetable
from solver.io.views.placed import school_periods
from solver.timeline import parse_hhmm
from solver.validation.report import ValidationReport


def period_minutes(plan: Plan) -> dict[tuple[str, str, int], int]:
    """(school, day, lesuur number) -> its minutes: what a placement teaches is its lesuren, not the
    breaks between them (as the validator counts an hto'er's teaching)."""
    return {(school.id, day, number): end - start for school in plan.schools
            for day, periods in school_periods(school).items()
            for number, (start, end, _name) in enumerate(periods, start=1)}


def taught_minutes(lengths: dict, p) -> int:
    return sum(lengths.get((p.school, p.day, n), 0) for n in range(p.period, p.period + p.duration))


def _employer_cost(form: str, wage: float, teach_h: float, travel_h: float, params) -> float:
    """The wage of the hours away less what comes back, for the hours taught; the secondment fee the
    employer keeps is the rate without VAT, whatever the VAT lever does to what the school pays."""
    away = wage * (teach_h + travel_h)
    fee = params.secondment_eur_per_hour / (1 + SOURCE_VAT_RATE)
    back = {"secondment": fee, "school_contract": wage, "zzp": wage}[form] * teach_h
    return away - back - params.compensation_eur_per_hour * teach_h


def candidate_rows(region: Region, plan: Plan, timetable: Timetable, today: date) -> list[dict]:
    """Per candidate: what they teach where, their route and its deadline, hidden matches, travel, costs."""
    schools = {s.id: s for s in region.schools}
    subject_of = {lesson.id: lesson.subject for lesson in plan.lessons}
    by_teacher: dict[str, list] = defaultdict(list)
    for p in timetable.placements:
        by_teacher[p.teacher].append(p)
    travel_of = {h.id: h.travel_minutes for h in plan.htos}
    lengths = period_minutes(plan)
    rows = []
    for c in region.candidates:
        mine = by_teacher.get(c.id, [])
        minutes = sum(taught_minutes(lengths, p) for p in mine)
        days = {(p.day, p.school) for p in mine}
        travel = sum(2 * travel_of.get(c.id, {}).get(school, 0) for _day, school in days)
        at = sorted({p.school for p in mine})
        level = "mbo" if any(schools[s].level == "mbo" for s in at) else ("vo" if at else None)
        route = route_for(c, level, minutes, region.params, today) if level else None
        lines = cost_lines(c, minutes, region.params, level=level, today=today,
                           travel_minutes_per_week=travel) if level and minutes else []
        best = cheapest_legal(lines) if lines else None
        subjects = sorted({subject_of[p.lesson] for p in mine})
        row = {
            "candidate": c.id, "name": c.name, "employer": c.employer, "job_title": c.job_title,
            "schools": at, "minutes": minutes, "days": len(days), "travel_minutes": travel,
            "subjects": subjects, "hidden_matches": [s for s in subjects if is_hidden_match(c, s)],
            "route": route.name if route else None,
            "route_deadline": route.deadline.isoformat() if route and route.deadline else None,
            "own_route_deadline": (own.isoformat() if (own := route_deadline(c)) else None),
            "cheapest_legal_form": best.form if best else None,
        }
        for line in lines:
            row[f"school_eur_per_hour_{line.form}"] = line.school_eur_per_hour if line.legal else None
            row[f"employer_eur_per_hour_{line.form}"] = round(_employer_cost(
                line.form, c.hourly_wage_eur, minutes / 60, travel / 60, region.params) / (minutes / 60), 2) \
                if line.legal else None
        rows.append(row)
    return rows


def employer_rows(region: Region, timetable: Timetable, report: ValidationReport) -> list[dict]:
    """Per employer: people released, person-minutes released, and whether every staffing window held."""
    released: dict[str, int] = defaultdict(int)
    people: dict[str, set] = defaultdict(set)
    for r in timetable.rosters:
        for w in r.released:
            released[r.employer] += parse_hhmm(w.end) - parse_hhmm(w.start)
            people[r.employer].add(r.staff)
    short = defaultdict(int)
    for v in report.hard("staffing_demand"):
        short[v.entities.get("employer", "")] += 1
    return [{"employer": e.id, "sector": e.sector, "staff": len(e.employer.staff),
             "people_released": len(people[e.id]), "released_person_minutes": released[e.id],
             "staffing_windows_short": short[e.id]} for e in region.employers]


def school_rows(region: Region, plan: Plan, timetable: Timetable, runs: dict) -> list[dict]:
    from scenarios.regional.assemble import open_minutes

    lessons = {lesson.id: lesson for lesson in plan.lessons}
    covered: dict[str, int] = defaultdict(int)
    for p in timetable.placements:
        lesson = lessons[p.lesson]
        if lesson.optional:
            covered[p.school] += open_minutes(plan, lesson)
    rows = []
    for s in region.schools:
        total = sum(v.minutes_per_week for v in s.vacancies)
        run = runs.get(s.id)
        rows.append({"school": s.id, "name": s.name, "level": s.level, "vacancy_minutes": total,
                     "covered_minutes": covered[s.id], "status": run.status if run else "not run",
                     "note": getattr(run, "note", ""), "seconds": round(run.seconds, 1) if run else 0})
    return rows


def region_kpis(region: Region, run, report: ValidationReport, candidates: list[dict],
                employers: list[dict]) -> dict:
    """The regional figures the batch compares across levers."""
    total = sum(v.minutes_per_week for s in region.schools for v in s.vacancies)
    covered = run.placed_vacancy_minutes
    placed = [r for r in candidates if r["minutes"] > 0]
    teach_h = sum(r["minutes"] for r in placed) / 60
    kpis = {
        "vacancy_minutes": total, "vacancy_minutes_covered": covered,
        "coverage": round(covered / total, 4) if total else 0.0,
        "bound_minutes": run.bound, "gap_to_bound": round((run.bound - covered) / run.bound, 4) if run.bound else 0.0,
        "candidates": len(region.candidates), "htos_placed": len(placed),
        "hidden_matches": sum(len(r["hidden_matches"]) > 0 for r in placed),
        "output_loss_windows": sum(e["staffing_windows_short"] for e in employers),
        "travel_minutes": sum(r["travel_minutes"] for r in placed),
        "released_person_minutes": sum(e["released_person_minutes"] for e in employers),
        "hard_violations": report.hard_violations, "certified": report.hard_violations == 0,
    }
    for form in FORMS:
        for side in ("school", "employer"):
            key = f"{side}_eur_per_hour_{form}"
            paid = [(r[key], r["minutes"]) for r in placed if r.get(key) is not None]
            weight = sum(m for _v, m in paid)
            kpis[f"{side}_eur_per_lesson_hour_{form}"] = round(sum(v * m for v, m in paid) / weight, 2) if weight else None
    kpis["teaching_hours"] = round(teach_h, 2)
    kpis["covered_round_1"] = run.rounds[0]["placed_minutes"] if run.rounds else covered
    return kpis
