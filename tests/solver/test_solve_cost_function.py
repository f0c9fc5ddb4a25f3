"""Certified solves with the cost functions of the scoped extra constraints (linear, quadratic, step;
docs/rules.md, 'Cost functions'), their `days`, max_periods_per_day's `min_periods` and max_gaps_per_week's
`unavailable_gaps`. Every solve is certified: the model's cost equals the validator's, per rule."""

from __future__ import annotations

import pytest

from tests.solver.extra_helpers import L3, L4, away, xplan
from tests.solver.solve_helpers import lesson, locked, solve_and_certify


@pytest.mark.parametrize("shape, cost", [("linear", 2 * 3), ("quadratic", 4 * 3), ("step", 1 * 3)])
def test_two_gaps_cost_by_the_cost_function(shape, cost):
    """A at Mon 1 and B at Mon 4 locked: 2 gaps for group A, none allowed, weight 3."""
    lessons = [locked("A", "mon", 1, "T1"), locked("B", "mon", 4, "T2")]
    plan = xplan({"type": "max_gaps_per_week", "groups": ["A"], "max_gaps": 0, "weight": 3, "cost_function": shape},
                 periods={"mon": L4}, lessons=lessons)
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == cost


def test_quadratic_spreads_the_excess_over_the_teachers():
    """T1 already teaches 2 lesuren on Monday, T2 one; at most 1 a day each (weight 5). Z, for T1 or T2,
    only fits Monday: with T1 it costs 5 x (2²) = 20, with T2 5 x (1² + 1²) = 10. Linear would tie at 10."""
    lessons = [locked("X1", "mon", 1, "T1", ["G1"]), locked("X2", "mon", 2, "T1", ["G2"]),
               locked("Y", "mon", 1, "T2", ["G3"]), lesson("Z", None, ["G4"], candidates=["T1", "T2"])]
    plan = xplan({"type": "max_periods_per_day", "teachers": ["T1", "T2"], "max_periods": 1, "weight": 5,
                  "cost_function": "quadratic"}, periods={"mon": L3}, lessons=lessons, groups=["G1", "G2", "G3", "G4"])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert outcome.result.objective == 10
    assert next(p.teacher for p in outcome.timetable.placements if p.lesson == "Z") == "T2"


def test_days_limit_the_constraint_to_those_days():
    """Group A has a gap on Monday (locked) and none possible on Tuesday: a rule on Tuesday only costs nothing,
    the same rule on Monday 1² x 4."""
    lessons = [locked("A", "mon", 1, "T1"), locked("B", "mon", 3, "T2"), lesson("C", "T3")]
    teachers = ["T1", "T2", {"id": "T3", "unavailable": [away("mon", "08:00", "12:00")]}]
    for days, cost in ((["tue"], 0), (["mon"], 4)):
        plan = xplan({"type": "max_gaps_per_week", "groups": ["A"], "max_gaps": 0, "weight": 4, "days": days,
                      "cost_function": "quadratic"}, periods={"mon": L3, "tue": L3}, lessons=lessons, teachers=teachers)
        assert solve_and_certify(plan, expect="OPTIMAL").result.objective == cost


def test_min_and_max_periods_add_up_before_squaring():
    """Group A: 3 lesuren locked on Monday, 1 on Tuesday; between 2 and 2 a day on a day with any: Monday 1 over,
    Tuesday 1 short, (1 + 1)² x 2 = 8 (two rules apart would cost 2 x 1² + 2 x 1² = 4)."""
    lessons = [locked("A1", "mon", 1, "T1"), locked("A2", "mon", 2, "T2"), locked("A3", "mon", 3, "T3"),
               locked("A4", "tue", 1, "T1")]
    plan = xplan({"type": "max_periods_per_day", "groups": ["A"], "max_periods": 2, "min_periods": 2, "weight": 2,
                  "cost_function": "quadratic"}, periods={"mon": L3, "tue": L3}, lessons=lessons)
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == 8


def test_min_periods_makes_the_solver_join_a_lone_lesson():
    """A is locked Monday; B is free; at least 2 lesuren on a day with any (hard via min_periods): B joins A."""
    lessons = [locked("A", "mon", 1, "T1"), lesson("B", "T2")]
    plan = xplan({"type": "max_periods_per_day", "groups": ["A"], "max_periods": 3, "min_periods": 2},
                 periods={"mon": L3, "tue": L3}, lessons=lessons)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert next(p.day for p in outcome.timetable.placements if p.lesson == "B") == "mon"


def test_step_on_busy_days_and_unavailable_gaps():
    """Teacher T1 is locked on Monday and Tuesday; at most 1 day, step weight 9: 9 whatever the excess. And an
    unavailable lesuur between two lessons is a gap only with unavailable_gaps."""
    lessons = [locked("A", "mon", 1, "T1"), locked("B", "tue", 1, "T1")]
    plan = xplan({"type": "interval_max_days_per_week", "teachers": ["T1"], "first_period": 1, "end_period": 4,
                  "max_days": 0, "weight": 9, "cost_function": "step"}, periods={"mon": L3, "tue": L3}, lessons=lessons)
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == 9
    lessons = [locked("A", "mon", 1, "T1"), locked("B", "mon", 3, "T1")]
    teachers = [{"id": "T1", "unavailable": [away("mon", "09:20", "10:10")]}, "T2", "T3"]
    for flag, cost in ((False, 0), (True, 6)):
        plan = xplan({"type": "max_gaps_per_week", "teachers": ["T1"], "max_gaps": 0, "weight": 6,
                      "unavailable_gaps": flag}, periods={"mon": L3}, lessons=lessons, teachers=teachers)
        assert solve_and_certify(plan, expect="OPTIMAL").result.objective == cost


# --- same_teacher and workload_per_week (XHSTT's AvoidSplitAssignments and LimitWorkload) -----------------

def test_same_teacher_keeps_one_teacher_for_every_copy():
    """Z (3 copies, T1 or T2) on one day of 3 lesuren; T1 is away in lesuur 3. Hard: all T2. Soft (weight 4)
    with T2 away in lesuur 1 too: two teachers, cost 4."""
    lessons = [lesson("Z", None, ["A"], candidates=["T1", "T2"], count=3)]
    teachers = [{"id": "T1", "unavailable": [away("mon", "10:30", "11:20")]}, "T2"]
    plan = xplan({"type": "same_teacher", "lessons": ["Z"]}, periods={"mon": L3}, lessons=lessons, teachers=teachers)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert {p.teacher for p in outcome.timetable.placements} == {"T2"}
    teachers[1] = {"id": "T2", "unavailable": [away("mon", "08:30", "09:20")]}
    plan = xplan({"type": "same_teacher", "lessons": ["Z"], "weight": 4}, periods={"mon": L3}, lessons=lessons,
                 teachers=teachers)
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == 4


def test_workload_per_week_shares_a_lesson_between_its_teachers():
    """X (3 copies, workload 2 in all: 2/3 a copy) and Y (1 copy, workload 1 by default), each for T1 or T2.
    Hard, T1 at most 1: T1 gets Y, or one copy of X, or nothing. Soft (weight 10), T1 at most 0, T2 free only on
    Monday lesuur 1: T2 takes Y and T1 all of X (2, 2 units: 20), not a copy of X (T1 7/3: 3 units, 30)."""
    lessons = [lesson("X", None, ["A"], candidates=["T1", "T2"], count=3),
               lesson("Y", None, ["B"], candidates=["T1", "T2"])]
    c = {"type": "workload_per_week", "teachers": ["T1"], "max_workload": 1,
         "workloads": [{"lesson": "X", "workload": 2}]}
    outcome = solve_and_certify(xplan(c, periods={"mon": L3, "tue": L3}, lessons=lessons, groups=["A", "B"]),
                                expect="OPTIMAL")
    t1 = [p.lesson for p in outcome.timetable.placements if p.teacher == "T1"]
    assert 3 * t1.count("Y") + 2 * t1.count("X") <= 3
    teachers = ["T1", {"id": "T2", "unavailable": [away("mon", "09:20", "11:20"), away("tue", "08:00", "12:00")]}]
    plan = xplan(c | {"max_workload": 0, "weight": 10}, periods={"mon": L3, "tue": L3}, lessons=lessons,
                 groups=["A", "B"], teachers=teachers)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert outcome.result.objective == 20
    assert next(p.teacher for p in outcome.timetable.placements if p.lesson == "Y") == "T2"
