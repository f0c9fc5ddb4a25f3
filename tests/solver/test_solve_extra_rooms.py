"""The solver keeps Lesson.extra_rooms: a lesson that holds two rooms never clashes in either, in the exact
model, the counted one (rooms_counted) and explain mode; every timetable is certified by the validator."""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.cpsat.first import _evaluate
from solver.decode import decode
from solver.result import Result
from solver.validate import validate
from tests.solver.solve_helpers import lesson, placement, solve_and_certify, tiny_plan

TWO = {"mon": ["08:30-09:20", "09:20-10:10"]}
ROOMS = ["G1", "G2", "P1", "P2"]


def _gym(id: str, teacher: str, group: str, **kw) -> dict:
    """Gym class: a gym (G1 or G2) and a field (P1 or P2) at once."""
    return lesson(id, teacher, [group], rooms=["G1", "G2"], extra_rooms=[{"rooms": ["P1", "P2"]}], **kw)


def _held(outcome) -> dict[tuple[str, int], list[str]]:
    """(day, lesuur) -> every room held then."""
    out: dict = {}
    for p in outcome.timetable.placements:
        for n in range(p.period, p.period + p.duration):
            out.setdefault((p.day, n), []).extend([p.room, *p.extra_rooms])
    return out


def test_a_two_room_lesson_never_shares_either_room():
    """Three gym classes and two lessons that need P1 and P2: in two lesuren each field holds one lesson at a
    time, so the fields decide where everything goes; no room is ever held twice at once."""
    plan = tiny_plan(periods=TWO, rooms=ROOMS, lessons=[
        _gym("a", "T1", "A"), _gym("b", "T2", "B"), lesson("c", "T3", ["C"], rooms=["P1"]),
        lesson("d", "T4", ["D"], rooms=["P2"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    for rooms in _held(outcome).values():
        assert len(rooms) == len(set(rooms))
    for lid in ("a", "b"):
        p = placement(outcome, lid)
        assert p.room in ("G1", "G2") and len(p.extra_rooms) == 1 and p.extra_rooms[0] in ("P1", "P2")
    three = tiny_plan(periods=TWO, rooms=ROOMS, lessons=[
        _gym("a", "T1", "A"), _gym("b", "T2", "B"), _gym("e", "T5", "E"), lesson("c", "T3", ["C"], rooms=["P1"]),
        lesson("d", "T4", ["D"], rooms=["P2"])])
    solve_and_certify(three, expect="INFEASIBLE")  # 5 field-lessons in 2 fields x 2 lesuren


def test_the_extra_room_is_never_the_lessons_own_room():
    """A lesson may take R1 or R2 as its room and as its extra room: it holds both, another lesson neither."""
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, rooms=["R1", "R2"], lessons=[
        lesson("x", "T1", ["A"], rooms=["R1", "R2"], extra_rooms=[{"rooms": ["R1", "R2"]}])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    p = placement(outcome, "x")
    assert {p.room, *p.extra_rooms} == {"R1", "R2"}
    crowded = tiny_plan(periods={"mon": ["08:30-09:20"]}, rooms=["R1", "R2"], lessons=[
        lesson("x", "T1", ["A"], rooms=["R1", "R2"], extra_rooms=[{"rooms": ["R1", "R2"]}]),
        lesson("y", "T2", ["B"])])
    solve_and_certify(crowded, expect="INFEASIBLE")


def test_a_double_lesson_keeps_its_extra_room_and_a_closed_extra_room_closes_the_lesuur():
    rooms = ["G1", {"id": "P1", "unavailable": [{"day": "mon", "start": "08:30", "end": "09:20"}]}]
    three = {"mon": ["08:30-09:20", "09:20-10:10", "10:10-11:00"]}
    plan = tiny_plan(periods=three, rooms=rooms, lessons=[
        lesson("x", "T1", ["A"], rooms=["G1"], extra_rooms=[{"rooms": ["P1"]}], duration=2)])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    p = placement(outcome, "x")
    assert (p.period, p.room, p.extra_rooms) == (2, "G1", ["P1"])


def test_the_counted_model_and_explain_mode_keep_extra_rooms():
    """One-lesuur lessons with a choice of pools are only counted (rooms_counted) unless an extra room may use
    one of those pools; the pools are chosen afterwards and the timetable is certified. Explain mode builds."""
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, rooms=["R1", "R2", "R3"], lessons=[
        lesson("m", "T1", ["A"]), lesson("l", "T2", ["B"], rooms=["R2"], extra_rooms=[{"rooms": ["R1", "R3"]}])])
    data = compile_plan(plan)
    assert len(data.extra_rooms) == 1
    counted = build_model(data, soft=False, rooms_counted=True)
    assert all(choice for c, choice in enumerate(counted.pool_choice[:len(data.copies)])
               if len(data.copies[c].pools) > 1)  # none counted: the extra room may use their pools
    assert len(counted.pool_choice) == len(data.copies) + 1
    solver = cp_model.CpSolver()
    assert solver.solve(counted.model) == cp_model.OPTIMAL
    solution = _evaluate(build_model(data), counted.decisions(solver))
    timetable = decode(plan, data, Result(status="FEASIBLE", solution=solution))
    assert validate(plan, timetable).hard_violations == 0
    held = [r for p in timetable.placements for r in (p.room, *p.extra_rooms)]
    assert sorted(held) == ["R1", "R2", "R3"]
    explain = compile_plan(plan, explain=True)
    assert len(build_model(explain, explain=True).pool_choice) == len(explain.copies) + 1


def test_no_extra_room_fits_and_the_lesson_stays_unplaced():
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, rooms=["R1", {"id": "TINY", "capacity": 1}], lessons=[
        lesson("x", "T1", ["A"], rooms=["R1"], size=20, extra_rooms=[{"rooms": ["TINY"]}])])
    assert compile_plan(plan).copies[0].options == ()
    solve_and_certify(plan, expect="INFEASIBLE")
