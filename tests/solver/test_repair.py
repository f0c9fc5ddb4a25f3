"""The repair search (solver/cpsat/repair.py): relaxed week rules, repaired day by day to zero
violations. Every timetable it gives is certified by the validator, through the same path the
solve loop takes (_evaluate in the full model, then decode)."""

from __future__ import annotations

import threading

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.cpsat.repair import RepairSearch, relaxed, worth_repairing
from solver.cpsat.solve import _evaluate
from solver.decode import decode
from solver.result import Result
from solver.validate import validate
from tests.solver.solve_helpers import lesson, solve_and_certify
from tests.solver.test_solve_extra import L4, xplan

DAYS3 = {"mon": L4, "tue": L4, "wed": L4}
TEACHER_NO_GAPS = {"type": "max_gaps_per_week", "teachers": ["T1", "T2"], "max_gaps": 0}
NO_RUN_OF_3 = {"type": "max_periods_continuously", "teachers": ["T1"], "max_periods": 2}


def gap_plan(*extra):
    """Three groups, two teachers without gaps (T1 6 lessons, T2 8) in 3 x 4 lesuren."""
    lessons = [lesson("a1", "T1", ["A"], count=2), lesson("a2", "T2", ["A"], count=3),
               lesson("b1", "T1", ["B"], count=2), lesson("b2", "T2", ["B"], count=2),
               lesson("c1", "T1", ["C"], count=2), lesson("c2", "T2", ["C"], count=3)]
    return xplan(TEACHER_NO_GAPS, *extra, periods=DAYS3, lessons=lessons)


def test_only_plans_with_relaxable_hard_rules_are_repaired():
    assert worth_repairing(compile_plan(gap_plan()))
    soft = xplan(TEACHER_NO_GAPS | {"teachers": ["T1"], "weight": 5}, periods=DAYS3, lessons=[lesson("a1", "T1", ["A"])])
    assert not worth_repairing(compile_plan(soft))


def test_relaxed_rules_become_weight_one_and_soft_ones_go_off():
    plan = gap_plan({"type": "max_gaps_per_week", "groups": ["A"], "max_gaps": 1, "weight": 7})
    weights = [e.weight for e in relaxed(compile_plan(plan)).extras]
    assert weights == [1, 0]


def test_the_repair_reaches_zero_violations_and_its_timetable_is_certified():
    plan = gap_plan(NO_RUN_OF_3)
    data = compile_plan(plan)
    search = RepairSearch(data, workers=1, seed=3, time_limit=30)
    search.run()
    assert search.status == "FEASIBLE"
    solution = _evaluate(build_model(data), search.solution)
    assert solution is not None
    timetable = decode(plan, data, Result(status="FEASIBLE", solution=solution))
    report = validate(plan, timetable)
    assert report.hard_violations == 0
    assert len(timetable.placements) == 14


def test_an_impossible_plan_is_proven_so_by_the_relaxation():
    """Four lessons of A in three lesuren: infeasible without the week rules already."""
    plan = xplan(TEACHER_NO_GAPS | {"teachers": ["T1"]}, periods={"mon": L4[:3]}, lessons=[lesson("a1", "T1", ["A"], count=4)])
    search = RepairSearch(compile_plan(plan), workers=1, seed=0, time_limit=10)
    search.run()
    assert search.status == "INFEASIBLE" and search.solution is None


def test_a_stop_ends_the_search_without_a_timetable():
    search = RepairSearch(compile_plan(gap_plan(NO_RUN_OF_3)), workers=1, seed=0, time_limit=30)
    search.stop()
    thread = threading.Thread(target=search.run)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive() and search.solution is None


def test_the_solve_loop_races_the_repair_and_certifies_what_comes_first():
    outcome = solve_and_certify(gap_plan(NO_RUN_OF_3), workers=2, expect="OPTIMAL")
    assert outcome.result.first_solution_seconds is not None
