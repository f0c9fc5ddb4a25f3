"""The generator's two-week rotations (issue 21): every hto'er rotates, the rest of the plan stays, and a
small plan solves with every lesson placed, certified week by week."""

from __future__ import annotations

from scenarios.generator import generate_plan_dict
from solver.domain import parse_plan
from solver.domain.cycles import plan_horizon
from solver.params import SolveParams
from solver.pipeline import solve_plan
from tests.solver.test_solve_cycles import certify


def test_every_hto_rotates_over_two_weeks_and_nothing_else_changes():
    one = generate_plan_dict(3, lesson_periods=300, n_htos=6, n_employers=4)
    two = generate_plan_dict(3, lesson_periods=300, n_htos=6, n_employers=4, rotation_weeks=2)
    hto_staff = {h["staff"] for h in two["htos"]}
    for e1, e2 in zip(one["employers"], two["employers"]):
        for p1, p2 in zip(e1["staff"], e2["staff"]):
            if p2["id"] not in hto_staff:
                assert p1 == p2
                continue
            assert p2["cycle"] == {"weeks": 2}
            assert [r for r in p2["roster"] if r.get("week", 1) == 1] == p1["roster"]
            week_two = [(r["shift"], r["day"]) for r in p2["roster"] if r.get("week") == 2]
            assert week_two and week_two != [(r["shift"], r["day"]) for r in p1["roster"]]
            assert p2["contract_hours"] == p1["contract_hours"]  # a week's hours
    rest = lambda plan: {k: v for k, v in plan.items() if k not in ("employers", "name")}  # noqa: E731
    assert rest(one) == rest(two)
    assert plan_horizon(parse_plan(two)).weeks == 2


def test_a_small_rotating_plan_solves_certified():
    plan = parse_plan(generate_plan_dict(2, lesson_periods=120, n_htos=3, n_employers=2, rotation_weeks=2))
    outcome = solve_plan(plan, SolveParams(time_limit=20, workers=1, seed=0))
    assert outcome.timetable is not None and not outcome.timetable.unplaced
    assert {r.week for r in outcome.timetable.rosters} == {1, 2}
    certify(plan, outcome.timetable)
