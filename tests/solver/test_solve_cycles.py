"""Rotating rosters (issue 21): the school timetable is planned once and holds in every week of an
hto'er's rotation; a colleague covers a release in the week that needs it and keeps their own cycle legal.

Every timetable is certified by the validator week by week (`certify`): each horizon week as a plan of
one week (`week_plan`), which the validator of one week checks in full, and the whole horizon at once
when the validator reads the weeks (`validator_reads_weeks`: a probe, so these tests certify more as
soon as it does).
"""

from __future__ import annotations

from functools import cache

from solver.domain import Plan, Timetable, parse_plan
from solver.domain.cycles import plan_horizon, school_cycle
from solver.timeline import DAYS, DAYS_PER_WEEK, parse_hhmm
from solver.params import SolveParams
from solver.pipeline import solve_plan
from solver.validate import validate
from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, only, shift, solve_and_certify, staff, tiny_plan,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
LESUREN = ["08:30-09:20", "09:20-10:10", ("10:30-11:20", True), "11:20-12:10", ("12:40-13:30", True),
           "13:30-14:20"]
EARLY, LATE = shift("early", "06:00", "14:00"), shift("late", "14:00", "22:00")


def rotation(person: str, weeks: dict[int, list[tuple[str, str]]], **kw) -> dict:
    """A staff dict whose roster is given per week of their cycle: {week: [(shift, day), ...]}."""
    out = staff(person, **kw)
    out["roster"] = [{"shift": s, "day": d, "week": w} for w, items in weeks.items() for s, d in items]
    return out


# --- certification ----------------------------------------------------------------------------------

def week_plan(plan: Plan, timetable: Timetable, h: int) -> tuple[Plan, Timetable]:
    """Horizon week h on its own, as a plan of one week and its timetable: each employer's shifts and demand
    of the cycle week of h and its people's roster of their cycle week of h; a school of several weeks as
    the school week taught in h (its days renamed to week 1's; the copies placed in other school weeks
    are listed as unplaced, which the week's plan allows); the timetable's roster entries and removed
    shifts of week h, its releases counted again."""
    horizon = plan_horizon(plan)
    data = plan.model_dump(mode="json")
    week_days = {}  # school id -> {day code of the school week taught in h: the same weekday in week 1}
    for school, sdata in zip(plan.schools, data["schools"]):
        cycle = school_cycle(school)
        if cycle.weeks > 1:
            c = horizon.week_of(cycle, h)
            week_days[school.id] = {DAYS[(c - 1) * DAYS_PER_WEEK + d]: DAYS[d] for d in range(DAYS_PER_WEEK)}
            sdata["periods"] = [dict(p, day=week_days[school.id][p["day"]]) for p in sdata["periods"]
                                if p["day"] in week_days[school.id]]
            data["policy"]["allow_unplaced_lessons"] = True
        sdata["cycle_starts"] = None
    for lesson_data in data["lessons"]:
        days = week_days.get(lesson_data.get("school") or plan.schools[0].id)
        if days is not None and lesson_data.get("current"):
            kept = [dict(p, day=days[p["day"]]) for p in lesson_data["current"] if p["day"] in days]
            if len(kept) < len(lesson_data["current"]):
                lesson_data["lock"] = {}
            lesson_data["current"] = kept
    for e, edata in zip(plan.employers, data["employers"]):
        k = horizon.week_of(e.cycle, h)
        edata["cycle"] = {"weeks": 1}
        edata["demand"] = [dict(d, weeks=[]) for d in edata["demand"] if not d["weeks"] or k in d["weeks"]]
        named = set()
        for person, pdata in zip(e.staff, edata["staff"]):
            own = horizon.week_of(person.cycle or e.cycle, h)
            pdata["roster"] = [dict(r, week=1) for r in pdata["roster"] if r["week"] == own]
            pdata["cycle"] = None
            named |= {r["shift"] for r in pdata["roster"]}
        edata["shifts"] = [dict(s, weeks=[]) for s in edata["shifts"]
                           if not s["weeks"] or k in s["weeks"] or s["id"] in named]
    one = parse_plan(data)
    tdata = timetable.model_dump(mode="json")
    tdata["rosters"] = [dict(r, week=1) for r in tdata["rosters"] if r["week"] == h]
    tdata["removed_shifts"] = [dict(r, week=1) for r in tdata["removed_shifts"] if r["week"] == h]
    placed = []
    for p in tdata["placements"]:
        days = week_days.get(p["school"])
        if days is None or p["day"] in days:
            placed.append(dict(p, day=days[p["day"]]) if days else p)
        else:
            tdata["unplaced"].append({"lesson": p["lesson"], "copy": p["copy"]})
    tdata["placements"] = placed
    tdata["hto_teaching"] = []  # the cycle's report; the week's minutes are checked from its placements
    minutes = {e.id: 0 for e in plan.employers}
    for r in tdata["rosters"]:
        minutes[r["employer"]] += sum(parse_hhmm(w["end"]) - parse_hhmm(w["start"]) for w in r["released"])
    tdata["released"] = [{"employer": e, "person_minutes": n} for e, n in minutes.items()]
    tdata["plan_fingerprint"] = None
    return one, Timetable.model_validate(tdata)


@cache
def validator_reads_weeks() -> bool:
    """Whether the validator checks a horizon week by week: a fixed roster of one shift on Monday of
    week 1 and of week 2 is fine that way, and two clashing shifts read as one week."""
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, employers=[dict(
        employer([EARLY], [rotation("P", {1: [("early", "mon")], 2: [("early", "mon")]})]),
        cycle={"weeks": 2})])
    timetable = Timetable.model_validate({"rosters": [
        {"employer": "E", "staff": "P", "shift": "early", "day": "mon", "week": w, "start": "06:00", "end": "14:00"}
        for w in (1, 2)]})
    return validate(plan, timetable).hard_violations == 0


def certify(plan: Plan, timetable: Timetable) -> None:
    """No hard violation in any horizon week on its own, nor (when the validator reads weeks) in all, where
    the validator's soft cost is then the objective, rule by rule."""
    for h in range(1, plan_horizon(plan).weeks + 1):
        one, week = week_plan(plan, timetable, h)
        hard = [v for v in validate(one, week).violations if v.kind == "hard"]
        assert not hard, f"week {h}: " + "; ".join(f"{v.rule}: {v.message_en}" for v in hard)
    if validator_reads_weeks():
        report = validate(plan, timetable)
        assert report.hard_violations == 0, [v.message_en for v in report.violations if v.kind == "hard"]
        if timetable.objective is not None:
            model = {k: v for k, v in timetable.soft_cost.items() if v}
            checked = {k: v for k, v in report.breakdown.items() if v}
            assert (report.soft_cost, checked) == (timetable.objective, model)


def solve(plan: Plan, expect: str | None = "OPTIMAL"):
    """Solve (one worker, a fixed seed) and certify: one week as usual, several weeks by `certify`."""
    if plan_horizon(plan).weeks == 1:
        return solve_and_certify(plan, expect=expect)
    outcome = solve_plan(plan, SolveParams(time_limit=20, workers=1, seed=7))
    assert outcome.result.status != "MODEL_INVALID", outcome.result.message
    if expect is not None:
        assert outcome.result.status == expect, outcome.result.status
    if outcome.timetable is not None:
        certify(plan, outcome.timetable)
    return outcome


def entries(outcome, person: str, week: int | None = None) -> list:
    return [r for r in outcome.timetable.rosters if r.staff == person and (week is None or r.week == week)]


def slots(outcome, lesson_id: str) -> list[tuple[str, int]]:
    return sorted((p.day, p.period) for p in outcome.timetable.placements if p.lesson == lesson_id)


# --- a two-week rotation, early and late --------------------------------------------------------------

def _alternating(*, colleague: dict, demand_windows: list[dict], days=("tue",), shifts=()) -> Plan:
    return tiny_plan(
        periods={d: LESUREN for d in WEEKDAYS},
        lessons=[lesson("PR", "H", groups=["A"], count=2)],
        employers=[dict(employer([EARLY, LATE, *shifts], [
            rotation("H", {1: [("early", d) for d in WEEKDAYS], 2: [("late", d) for d in WEEKDAYS]}),
            colleague,
        ], demand_windows), cycle={"weeks": 2})],
        htos=[hto("H", "H", release={"allowed_days": list(days)})],
        weights=only(roster_change=10),
    )


def test_a_two_week_rotation_with_a_hand_derived_optimum():
    """H works early (06:00-14:00) in week 1 and late (14:00-22:00) in week 2 of a two-week rotation, and
    teaches two lessons a week, on Tuesday only (release.allowed_days). On Tuesday the early line needs
    one operator in week 1 and the late line one in week 2 (demand of one week each); colleague D
    (may_reroster, 8 h a week) works the early shift on Monday of both weeks.

    Where the two lessons can go, lesuur by lesuur (the school day 08:30-14:20, six lesuren):
    * 1 (08:30) and 2 (09:20): in week 2 the dienst would run from the lesson to 22:00, 13.5 h and
      12 h 40, over atw_max_shift_duration's 12 h: never.
    * 3-5 (10:30-13:30): week 2 fits (dienst 10:30-22:00, 11.5 h); in week 1 they lie in H's early
      shift, so H is released, and the early line on Tuesday needs D there: D adds early Tuesday and,
      to keep 8 h in week 1, drops early Monday: 2 roster changes, once for both lessons.
    * 6 (13:30-14:20): released in week 1 (13:30-14:00) and in week 2 (14:00-14:20), so D moves in both
      weeks: 4 changes.
    Both lessons on lesuren 3-5 of Tuesday, D moved in week 1 only: roster_change 2 x 10 = 20, the optimum
    (every Tuesday lesson needs D in week 1 or in week 2, and one move of D costs 2 changes)."""
    plan = _alternating(
        colleague=rotation("D", {1: [("early", "mon")], 2: [("early", "mon")]}, may_reroster=True,
                           contract_hours=8),
        demand_windows=[demand("tue", "06:00", "14:00", weeks=[1]), demand("tue", "14:00", "22:00", weeks=[2])],
    )
    outcome = solve(plan)
    assert outcome.result.objective == 20
    assert [day for day, _ in slots(outcome, "PR")] == ["tue", "tue"]
    assert all(3 <= period <= 5 for _, period in slots(outcome, "PR"))
    assert [(r.shift, r.day, r.change) for r in entries(outcome, "D", 1)] == [("early", "tue", "added")]
    assert [(r.shift, r.day, r.change) for r in entries(outcome, "D", 2)] == [("early", "mon", "kept")]
    assert [(r.day, r.week) for r in outcome.timetable.removed_shifts] == [("mon", 1)]
    # H is released on Tuesday of week 1 only: the lessons lie in the early shift then, not in the late one
    released = {r.week: r.released for r in entries(outcome, "H") if r.day == "tue"}
    assert sum(parse_hhmm(w.end) - parse_hhmm(w.start) for w in released[1]) == 100
    assert released[2] == []


def test_lessons_go_where_they_fit_both_weeks():
    """Short shifts (early 06:00-12:00 in week 1, late 16:00-22:00 in week 2) leave the early afternoon
    free in both weeks; with 30 minutes of travel and nobody to cover any release, the lessons can only
    go on lesuren 5-7 (12:40-15:10, away 12:10-15:40) on any weekday, and no roster changes: lesuur 4
    (away 10:50-12:40) meets the early shift, lesuur 8 (away 14:40-16:30) the late one."""
    early, late = shift("early", "06:00", "12:00"), shift("late", "16:00", "22:00")
    plan = tiny_plan(
        periods={d: LESUREN + ["14:20-15:10", "15:10-16:00"] for d in WEEKDAYS},
        lessons=[lesson("PR", "H", groups=["A"], count=2)],
        employers=[dict(employer([early, late], [
            rotation("H", {1: [("early", d) for d in WEEKDAYS], 2: [("late", d) for d in WEEKDAYS]})],
            [demand(d, "06:00", "12:00", weeks=[1]) for d in WEEKDAYS]
            + [demand(d, "16:00", "22:00", weeks=[2]) for d in WEEKDAYS]), cycle={"weeks": 2})],
        htos=[hto("H", "H", travel_minutes={"S": 30})],
        weights=only(roster_change=10),
    )
    outcome = solve(plan)
    assert outcome.result.objective == 0
    assert all(period in (5, 6, 7) for _, period in slots(outcome, "PR"))
    assert all(not r.released for r in outcome.timetable.rosters)
    assert sorted((r.week, r.shift) for r in entries(outcome, "H"))[::5] == [(1, "early"), (2, "late")]


def test_a_colleague_who_covers_keeps_their_own_cycle_legal():
    """Colleague C (may_reroster, a two-week cycle of their own) works Tue-Fri late in week 1 (32 h) and
    Mon-Thu early plus a Sunday night in week 2 (40 h). The night ends on Monday 06:00 of week 1 (the
    horizon is a circle), so C must rest until Monday 20:00 (atw_rest_after_night) and cannot cover an
    early shift on Monday of week 1. H's lessons (Monday or Tuesday allowed) go to Tuesday, where C
    covers H's early shift in week 1: C adds early Tuesday and drops one late shift, 32 h in week 1 and
    40 h in week 2 (reroster_keeps_contract per week): 2 changes, cost 20."""
    night = shift("night", "22:00", "06:00", days=["sun"])
    colleague = rotation("C", {1: [("late", d) for d in ("tue", "wed", "thu", "fri")],
                               2: [("early", d) for d in ("mon", "tue", "wed", "thu")] + [("night", "sun")]},
                         may_reroster=True, cycle={"weeks": 2})
    plan = _alternating(colleague=colleague, days=("mon", "tue"), shifts=[night],
                        demand_windows=[demand(d, "06:00", "14:00", weeks=[1]) for d in ("mon", "tue")])
    outcome = solve(plan)
    assert outcome.result.objective == 20
    assert {day for day, _ in slots(outcome, "PR")} == {"tue"}
    week1 = {(r.shift, r.day) for r in entries(outcome, "C", 1)}
    assert ("early", "tue") in week1 and ("early", "mon") not in week1 and len(week1) == 4
    assert {(r.shift, r.day) for r in entries(outcome, "C", 2)} == {
        ("early", "mon"), ("early", "tue"), ("early", "wed"), ("early", "thu"), ("night", "sun")}
