"""Lessons that may use rooms of several pools (room_no_clash with a choice of pool).

The exact model gives such a copy one literal per (option, pool); the counted model
(build_model(rooms_counted=True), the repair search's) only counts, per lesuur, the lessons that fit
in no other pools, and solve._evaluate chooses the pools afterwards. Every timetable is certified.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.cpsat.first import _evaluate
from solver.decode import decode
from solver.result import Result
from solver.validate import validate
from tests.solver.solve_helpers import lesson, placement, solve_and_certify, tiny_plan

ROOMS = ["R1", "R2"]
MON1 = {"mon": ["08:30-09:20"]}


def either(id: str, teacher: str, group: str) -> dict:
    """A lesson that may use R1 or R2; with another lesson that may use only R2, they are two pools."""
    return lesson(id, teacher, [group])


def test_a_lesson_with_two_pools_takes_the_one_left_free():
    plan = tiny_plan(periods=MON1, rooms=ROOMS,
                     lessons=[either("m", "T1", "A"), lesson("l", "T2", ["B"], rooms=["R2"])])
    data = compile_plan(plan)
    assert any(len(copy.pools) == 2 for copy in data.copies)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert placement(outcome, "m").room == "R1" and placement(outcome, "l").room == "R2"


def test_three_lessons_never_share_two_rooms_in_either_model():
    lessons = [either("m", "T1", "A"), lesson("l", "T2", ["B"], rooms=["R2"]), lesson("r", "T3", ["C"], rooms=["R1"])]
    plan = tiny_plan(periods=MON1, rooms=ROOMS, lessons=lessons)
    solve_and_certify(plan, expect="INFEASIBLE")
    for counted in (False, True):
        model = build_model(compile_plan(plan), soft=False, rooms_counted=counted).model
        assert cp_model.CpSolver().solve(model) == cp_model.INFEASIBLE


def test_the_counted_model_chooses_no_pool_and_the_full_model_completes_it():
    plan = tiny_plan(periods=MON1, rooms=ROOMS,
                     lessons=[either("m", "T1", "A"), lesson("l", "T2", ["B"], rooms=["R2"])])
    data = compile_plan(plan)
    counted = build_model(data, soft=False, rooms_counted=True)
    multi = next(c for c, copy in enumerate(data.copies) if len(copy.pools) == 2)
    assert counted.pool_choice[multi] == {}
    solver = cp_model.CpSolver()
    assert solver.solve(counted.model) == cp_model.OPTIMAL
    solution = _evaluate(build_model(data), counted.decisions(solver))
    assert solution is not None
    timetable = decode(plan, data, Result(status="FEASIBLE", solution=solution))
    assert validate(plan, timetable).hard_violations == 0
    assert {p.lesson: p.room for p in timetable.placements} == {"m": "R1", "l": "R2"}


def test_only_one_lesuur_copies_of_a_choice_no_other_overlaps_are_counted():
    """a: R1 or R2, b: R2 or R3 overlap (a count per choice would not be exact); a double lesson must keep
    one room for both lesuren; the lone choice of c and d is counted."""
    two = {"mon": ["08:30-09:20", "09:20-10:10"]}
    overlapping = tiny_plan(periods=two, rooms=["R1", "R2", "R3"], lessons=[
        lesson("a", "T1", ["A"], rooms=["R1", "R2"]), lesson("b", "T2", ["B"], rooms=["R2", "R3"])])
    lone = tiny_plan(periods=two, rooms=["R1", "R2"], lessons=[
        lesson("c", "T1", ["A"]), lesson("d", "T2", ["B"], duration=2), lesson("e", "T3", ["C"], rooms=["R2"])])
    for plan, expected in ((overlapping, set()), (lone, {"c"})):
        data = compile_plan(plan)
        built = build_model(data, soft=False, rooms_counted=True)
        counted = {data.lessons[copy.lesson].id for copy, choice in zip(data.copies, built.pool_choice) if not choice}
        assert counted == expected
        assert all(len(data.copies[c].pools) > 1 for c, choice in enumerate(built.pool_choice) if not choice)
