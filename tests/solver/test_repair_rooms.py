"""Room limits in the repair search (BuildOptions.rooms_soft, RepairTuning.rooms_soft).

The relaxed model lets a room pool overflow at a cost of 1 per lesson too many, under room_no_clash;
the search's start leaves the room limits out and the count then takes the overflow in. Every
timetable is certified by the validator.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.cpsat.repair import RepairSearch
from solver.cpsat.first import _evaluate
from solver.decode import decode
from solver.result import Decisions, Result
from solver.validate import validate
from tests.solver.solve_helpers import lesson, tiny_plan
from tests.solver.test_repair import DAYS3, TEACHER_NO_GAPS
from tests.solver.extra_helpers import xplan

MON1 = {"mon": ["08:30-09:20"]}


def test_a_soft_pool_overflows_at_a_cost_of_one_per_lesson_too_many():
    """Three lessons, one lesuur, two rooms: infeasible when hard, one lesson too many when soft."""
    plan = tiny_plan(periods=MON1, rooms=["R1", "R2"], lessons=[
        lesson("a", "T1", ["A"]), lesson("b", "T2", ["B"]), lesson("c", "T3", ["C"])])
    data = compile_plan(plan)
    assert cp_model.CpSolver().solve(build_model(data, soft=False).model) == cp_model.INFEASIBLE
    built = build_model(data, soft=False, rooms_soft=True)
    solver = cp_model.CpSolver()
    assert solver.solve(built.model) == cp_model.OPTIMAL
    assert solver.objective_value == 1
    assert len(built.room_excess) == 1 and built.room_excess[0][1] == 1
    (pools, lesuur), = [scope[1:] for scope in built.scopes["room_no_clash"]]
    assert lesuur == 0 and len(pools) == 1


def room_plan():
    """gap_plan's lessons (T1, T2 without gaps), every one in R1 or R2: at most two at a time."""
    lessons = [lesson("a1", "T1", ["A"], count=2), lesson("a2", "T2", ["A"], count=3),
               lesson("b1", "T1", ["B"], count=2), lesson("b2", "T2", ["B"], count=2),
               lesson("c1", "T1", ["C"], count=2), lesson("c2", "T2", ["C"], count=3)]
    return xplan(TEACHER_NO_GAPS, periods=DAYS3, lessons=lessons, rooms=["R1", "R2"])


def test_the_repair_counts_room_overflow_and_ends_with_every_room_limit_kept():
    plan = room_plan()
    data = compile_plan(plan)
    assert all(copy.needs_room for copy in data.copies)
    for seed in (0, 1, 2):
        search = RepairSearch(data, workers=1, seed=seed, time_limit=30)
        search.run()
        assert search.status == "FEASIBLE"
        solution = _evaluate(build_model(data), search.solution)
        assert solution is not None
        timetable = decode(plan, data, Result(status="FEASIBLE", solution=solution))
        assert validate(plan, timetable).hard_violations == 0
        by_lesuur: dict = {}
        for placement in timetable.placements:
            by_lesuur.setdefault((placement.day, placement.period), []).append(placement.room)
        assert len(timetable.placements) == 14
        assert all(len(rooms) <= 2 and len(set(rooms)) == len(rooms) for rooms in by_lesuur.values())
        assert max(len(rooms) for rooms in by_lesuur.values()) == 2  # 14 lessons, 12 lesuren


def test_an_overflowing_pool_frees_the_pools_lessons_of_its_day():
    """An overflow at Monday's first lesuur seeds the neighbourhood with the teachers and student sets of
    Monday's lessons that may use the pool (they can swap lesuren with one there), and holds Monday."""
    plan = room_plan()
    data = compile_plan(plan)
    search = RepairSearch(data, workers=1, seed=0, time_limit=10)
    group_c = data.student_sets.index("C")
    on_tuesday = [c for c, copy in enumerate(data.copies) if group_c in copy.sets]
    assert on_tuesday

    def option(c: int) -> int:
        day, first = (1, 1) if c in on_tuesday else (0, 1 + c % 2)
        return next(k for k, o in enumerate(data.copies[c].options) if (o.day, o.first) == (day, first))

    current = Decisions(options=tuple(option(c) for c in range(len(data.copies))), shifts=())
    monday = [c for c in range(len(data.copies)) if c not in on_tuesday]
    pool = data.copies[0].pools[0]
    lesuur = next(p for p in data.copies[0].options[current.options[0]].periods)  # Monday's first
    owners, days = search._about(("rooms", (pool,), lesuur), current)
    assert days == [data.periods[lesuur].day] == [0]
    expected = {("set", s) for c in monday for s in data.copies[c].sets} | {
        ("teacher", t) for c in monday for t in data.copies[c].options[current.options[c]].teachers}
    assert set(owners) == expected
    assert ("set", group_c) not in owners  # its lessons are all on Tuesday


def test_a_room_overflow_draws_its_other_days_among_those_with_a_room_to_spare():
    """_spare_days: the days with a lesuur where fewer lessons than rooms sit (both rooms form one pool)."""
    plan = room_plan()
    data = compile_plan(plan)
    search = RepairSearch(data, workers=1, seed=0, time_limit=30)
    search.run()
    current = search.solution
    pools = {q for copy in data.copies for q in copy.pools}
    assert len(pools) == 1
    busy: dict[int, int] = {}
    for copy, k in zip(data.copies, current.options):
        for p in copy.options[k].periods:
            busy[p] = busy.get(p, 0) + 1
    expected = sorted({period.day for p, period in enumerate(data.periods) if busy.get(p, 0) < 2})
    assert expected  # 14 lessons in 2 rooms over DAYS3 leave room somewhere
    assert search._spare_days(pools, current) == expected
