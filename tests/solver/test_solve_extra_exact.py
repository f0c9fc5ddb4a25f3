"""The extra constraints' penalties are exact in any solution, a few edge cases, and FET as referee:
FET's own timetables meet our extra constraints and fit our model."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from benchmarks.fet_result import read_fet_timetable
from benchmarks.fet_run import fet_cl, run_fet_cl
from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.cpsat.first import extract
from solver.decode import decode
from solver.io.fet_import import import_fet
from solver.result import Result
from solver.timeline import DAYS
from solver.validate import validate
from tests.solver.extra_helpers import BROKEN, L3, L4, away, slot, xplan
from tests.solver.solve_helpers import lesson, locked, slot_of, solve_and_certify


# --- exactness ------------------------------------------------------------------------------------

def test_penalties_are_exact_in_any_solution():
    """With a random objective over the lesson variables, the booked extra costs still equal the validator's."""
    rng = random.Random(3)
    w = {"weight": 1}
    constraints = [
        {"type": "min_days_between", "lessons": ["A", "B", "C"], "min_days": 2, **w},
        {"type": "same_starting_time", "lessons": ["A", "D"], **w},
        {"type": "grouped", "lessons": ["B", "C", "D"], **w},
        {"type": "min_gaps_between", "lessons": ["A", "C", "E"], "min_gaps": 1, **w},
        {"type": "ends_students_day", "lessons": ["E"], **w},
        {"type": "not_overlapping", "lessons": ["B", "E"], **w},
        {"type": "occupy_max_slots", "lessons": ["A", "B"], "slots": [slot("mon", 1), slot("tue", 1)],
         "max_occupied": 1, **w},
        {"type": "max_gaps_per_week", "groups": ["A", "B"], "max_gaps": 0, **w},
        {"type": "min_periods_per_day", "groups": ["A"], "min_periods": 2, **w},
        {"type": "max_periods_continuously", "teachers": ["T1"], "max_periods": 1, **w},
        {"type": "early_max_beginnings_at_second_period", "groups": ["B"], "max_beginnings": 0, **w},
        {"type": "interval_max_days_per_week", "groups": ["A"], "first_period": 2, "end_period": 4, "max_days": 0,
         **w},
    ]
    lessons = [lesson("A", "T1", ["A"]), lesson("B", "T1", ["B"], duration=2), lesson("C", "T2", ["A", "B"]),
               lesson("D", "T3", ["B"], co_teachers=["T1"]), lesson("E", None, ["A"], teacherless=True)]
    plan = xplan(*constraints, periods={"mon": BROKEN + ["11:20-12:10"], "tue": L4}, lessons=lessons)
    data = compile_plan(plan)
    for _ in range(5):
        built = build_model(data)
        built.model.clear_objective()
        built.model.minimize(sum(rng.randint(0, 9) * x for row in built.x for x in row if x is not False))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(built.model) == cp_model.OPTIMAL
        solution = extract(solver, built)
        timetable = decode(plan, data, Result(status="FEASIBLE", objective=0, solution=solution))
        report = validate(plan, timetable)
        assert report.ok
        assert {k: v for k, v in solution.costs.items() if v} == {k: v for k, v in report.breakdown.items() if v}


def test_copywise_tie_keeps_copies_apart_from_symmetry_breaking():
    """A's copies are locked in reverse slot order; B's copies follow them copy by copy all the same."""
    lessons = [lesson("A", "T1", ["A"], count=2, lock={"slot": True},
                      current=[{"copy": 0, "day": "tue", "period": 2}, {"copy": 1, "day": "mon", "period": 1}]),
               lesson("B", "T2", ["B"], count=2)]
    plan = xplan({"type": "same_starting_time", "lessons": ["A", "B"]}, periods={"mon": L3, "tue": L3},
                 lessons=lessons)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # B#0 with A#0 at Tue 2, B#1 with A#1 at Mon 1 (ordering B's copies by slot would forbid this)
    assert (slot_of(outcome, "B", 0), slot_of(outcome, "B", 1)) == (("tue", 2), ("mon", 1))


def test_early_max_beginnings_skips_an_unavailable_first_lesuur():
    """The group is away in Monday lesuur 1, so starting at 2 is on time; weight 4 charges nothing."""
    groups = [{"id": "A", "unavailable": [away("mon", "08:30", "09:20")]}]
    plan = xplan({"type": "early_max_beginnings_at_second_period", "groups": ["A"], "max_beginnings": 0,
                  "weight": 4}, periods={"mon": L3}, lessons=[lesson("A", "T1"), locked("B", "mon", 3)], groups=groups)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # A at 2 gives Monday 2-3: no available lesuur before it, 0; A elsewhere is impossible (1 is away)
    assert slot_of(outcome, "A") == ("mon", 2) and outcome.result.objective == 0


def test_max_gaps_per_week_ignores_a_teachers_unavailable_lesuur():
    """T1 is away in lesuur 2, so A at 1 and B at 3 leave no gap: zero gaps allowed still holds."""
    teachers = [{"id": "T1", "unavailable": [away("mon", "09:20", "10:10")]}]
    lessons = [locked("A", "mon", 1, "T1", ["A"]), lesson("B", "T1", ["B"])]
    groups = ["A", {"id": "B", "unavailable": [away("mon", "11:20", "12:10")]}]
    plan = xplan({"type": "max_gaps_per_week", "teachers": ["T1"], "max_gaps": 0}, periods={"mon": L4},
                 lessons=lessons, teachers=teachers, groups=groups)
    # B cannot be at 2 (T1 away) or 4 (group away): at 3, lesuur 2 is no gap
    assert slot_of(solve_and_certify(plan, expect="OPTIMAL"), "B") == ("mon", 3)


def test_min_gaps_between_a_marked_break_is_enough():
    """A locked at Mon 2, one free place wanted: B may take lesuur 3 right after the marked break."""
    teachers = ["T1", {"id": "T2", "unavailable": [away("mon", "08:30", "09:20")]}]
    plan = xplan({"type": "min_gaps_between", "lessons": ["A", "B"], "min_gaps": 1}, periods={"mon": BROKEN},
                 lessons=[locked("A", "mon", 2, "T1", ["A"]), lesson("B", "T2", ["B"])], teachers=teachers)
    # B cannot be at 1 (T2 away) or 2 (overlap); at 3 the break is the free place: cost 0
    assert slot_of(solve_and_certify(plan, expect="OPTIMAL"), "B") == ("mon", 3)


def test_min_days_between_consecutive_if_same_day_holds_at_weight_zero():
    """As in FET, weight 0 with consecutive_if_same_day still keeps same-day copies back to back."""
    lessons = [lesson("A", "T1", ["A"], count=2), locked("X", "mon", 2, "T2", ["A"])]
    c = {"type": "min_days_between", "lessons": ["A"], "min_days": 1, "weight": 0, "consecutive_if_same_day": True}
    # only Monday, lesuur 2 taken: the copies at 1 and 3 are not back to back
    solve_and_certify(xplan(c, periods={"mon": L3}, lessons=lessons), expect="INFEASIBLE")


# --- FET as referee -------------------------------------------------------------------------------

FET_EXAMPLES = Path("/usr/share/doc/fet-data/examples/FET-5-official")


@pytest.mark.slow
@pytest.mark.skipif(fet_cl() is None or not FET_EXAMPLES.is_dir(), reason="fet (fet-cl) is not installed")
@pytest.mark.parametrize("name", [
    "Algeria/Mechanical-Batna_Univ/ET2012-2013-S1.fet",  # grouped, same starting time, min days
    "Greece/Didymoteicho/6th-Primary-School.fet",  # ends students day, preferred starts / slots
    "Belize/Sacred-Heart-College/shc-2013/shc-2013.fet",  # consecutive, continuously, tags, not overlapping
    "India/Chennai/Anna-University/timetable_July_Nov_09_9.fet",  # early, interval, max periods a day
    "India/REVA-University/REVA-UNIVERSITY_JANUARY2016.fet",  # min gaps over a break, min days a week
    "Italy/2007/simple/simpler-Italian.fet",  # max gaps, min periods a day
])
def test_fets_timetable_meets_our_extra_constraints_and_fits_our_model(name, tmp_path):
    """FET's own timetable breaks no extra constraint, and our model fixed to its slots is feasible at equal cost."""
    imported = import_fet(FET_EXAMPLES / name)
    run = run_fet_cl(FET_EXAMPLES / name, time_limit=60, output_dir=tmp_path / "fet")
    assert run.status == "solved" and run.activities_xml is not None, run.message
    plan = imported.plan
    timetable = read_fet_timetable(run.activities_xml, plan, imported.mapping)
    report = validate(plan, timetable)
    assert report.hard_by_rule() == {}
    data = compile_plan(plan)
    built = build_model(data)
    slots = {(p.lesson, p.copy): (p.day, p.period) for p in timetable.placements}
    for c, copy in enumerate(data.copies):
        day, period = slots[(data.lessons[copy.lesson].id, copy.copy)]
        here = [x for o, x in zip(copy.options, built.x[c]) if x is not False and (DAYS[o.day], o.first) == (day, period)]
        assert here, f"our model has no option for {data.lessons[copy.lesson].id} at {day} {period}"
        built.model.add(sum(here) == 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 60
    assert solver.solve(built.model) == cp_model.OPTIMAL
    costs = {k: v for k, v in extract(solver, built).costs.items() if v and k != "preferred_rooms"}
    assert costs == {k: v for k, v in report.breakdown.items() if v and k != "preferred_rooms"}
