"""The repair search (solver/cpsat/repair.py): relaxed week rules, repaired neighbourhood by
neighbourhood (the lessons around a violated rule) to zero violations. Every timetable it gives is certified by the validator, through the same path the
solve loop takes (_evaluate in the full model, then decode)."""

from __future__ import annotations

import dataclasses
import threading
import time

from ortools.sat.python import cp_model

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.cpsat import first as first_module
from solver.cpsat.repair import RepairSearch, relaxed, relaxed_indices, worth_repairing
from solver.cpsat.first import _evaluate
from solver.params import PhaseSwitches, RepairTuning
from solver.decode import decode
from solver.result import Decisions, Result
from solver.validate import validate
from tests.solver.solve_helpers import lesson, solve_and_certify
from tests.solver.extra_helpers import L4, xplan

DAYS3 = {"mon": L4, "tue": L4, "wed": L4}
TEACHER_NO_GAPS = {"type": "max_gaps_per_week", "teachers": ["T1", "T2"], "max_gaps": 0}
NO_RUN_OF_3 = {"type": "max_periods_continuously", "teachers": ["T1"], "max_periods": 2}
TUNING = RepairTuning()  # the repair search's defaults


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


def test_the_repair_timetable_is_evaluated_in_what_is_left_of_the_time_limit(monkeypatch):
    """The hard model gives up at once, so the repair's timetable is what the race returns; the
    evaluation that completes it gets the time left of the limit, not its own 30 s, and still
    completes it when that is spent (evaluate_floor)."""
    budgets = []
    original = first_module._evaluate

    def recorded(built, decisions, **kw):
        budgets.append(kw.get("seconds"))
        return original(built, decisions, **kw)

    monkeypatch.setattr(first_module, "_evaluate", recorded)
    stop = threading.Event()
    outcome = solve_and_certify(gap_plan(NO_RUN_OF_3), workers=2, time_limit=5, stop=stop,
                                on_progress=lambda p: stop.set(),
                                phases=PhaseSwitches(quick_look_below=0, entrant_parameters=({"max_time_in_seconds": 0.0},)),
                                constructive=False)
    assert outcome.timetable is not None and len(outcome.timetable.placements) == 14
    assert len(budgets) == 1 and 0 < budgets[0] < 5
    data = compile_plan(gap_plan(NO_RUN_OF_3))
    search = RepairSearch(data, workers=1, seed=3, time_limit=30)
    search.run()
    assert original(build_model(data), search.solution, seconds=0.0) is not None


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


def test_teachers_rules_are_relaxed_first_and_student_sets_rules_only_without_them():
    sets_no_gaps = {"type": "max_gaps_per_week", "groups": ["A", "B", "C"], "max_gaps": 0}
    both = compile_plan(gap_plan(sets_no_gaps))
    assert [e.weight for e in relaxed(both).extras] == [1, None]  # the groups' rule stays hard
    only_sets = compile_plan(xplan(sets_no_gaps | {"groups": ["A"]}, periods=DAYS3,
                                   lessons=[lesson("a1", "T1", ["A"], count=2)]))
    assert [e.weight for e in relaxed(only_sets).extras] == [1]


def test_every_cost_term_knows_the_owner_it_is_about():
    data = relaxed(compile_plan(gap_plan()))
    built = build_model(data, soft=False)
    owners = built.scopes["max_gaps_per_week"]
    assert len(owners) == len(built.costs["max_gaps_per_week"]) == 2
    assert sorted(data.teachers[o.index].id for o in owners) == ["T1", "T2"]


def test_a_neighbourhood_frees_the_violated_owners_lessons_on_two_days_then_spreads_by_shared_owners():
    data = compile_plan(gap_plan())
    search = RepairSearch(data, workers=1, seed=5, time_limit=10)
    # any placement will do (no solver here): copy c on its option c mod n, spread over the days
    current = Decisions(options=tuple(c % len(copy.options) for c, copy in enumerate(data.copies)), shifts=())
    day_of = {c: data.copies[c].options[k].day for c, k in enumerate(current.options)}
    t2 = next(i for i, t in enumerate(data.teachers) if t.id == "T2")
    owner = next(o for e in data.extras for o in e.owners if o.index == t2)
    t2_copies = {c for c, k in enumerate(current.options) if t2 in data.copies[c].options[k].teachers}
    assert len({day_of[c] for c in t2_copies}) == 3  # the placement uses every day

    search.share = 0.01  # below one block: only the violated owner's lessons on the two drawn days
    small = search._neighbourhood(current, [(owner, 1)])
    assert small <= t2_copies and len({day_of[c] for c in small}) == 2
    assert small == {c for c in t2_copies if day_of[c] in {day_of[c] for c in small}}

    search.share = 0.5  # spreads to the groups and teachers those lessons share, on the same two days
    wider = search._neighbourhood(current, [(owner, 1)])
    assert len(wider) >= 0.5 * len(data.copies) and not wider <= t2_copies
    assert len({day_of[c] for c in wider}) == 2


SETS_TWO_A_DAY = {"type": "min_periods_per_day", "groups": ["A", "B", "C"], "min_periods": 2, "allow_empty_days": True}


def test_daily_load_rules_are_relaxed_only_in_the_second_stage():
    data = compile_plan(gap_plan(SETS_TWO_A_DAY))
    gaps, load = (e.index for e in data.extras)
    assert relaxed_indices(data) == {gaps}
    assert relaxed_indices(data, wide=True) == {gaps, load}


def failing_starts(monkeypatch, failed_seconds: float = 0.0, failed_tries: frozenset = frozenset()) -> list:
    """RepairSearch's start tries find nothing (forced) until they have been given `failed_seconds`,
    and so do the tries numbered in `failed_tries` (0 first); returns the start tries as
    (budget, whether the try's model has a hint)."""
    tries = []
    solve = RepairSearch._solve

    def times_out(self, model, seconds, first_only=False):
        if first_only:
            tries.append((seconds, len(model.proto.solution_hint.vars) > 0))
            if sum(b for b, _ in tries) <= failed_seconds + 1e-6 or len(tries) - 1 in failed_tries:
                return cp_model.UNKNOWN, None
        return solve(self, model, seconds, first_only)

    monkeypatch.setattr(RepairSearch, "_solve", times_out)
    return tries


def certified_search(plan, time_limit: float, tuning: RepairTuning = RepairTuning()) -> RepairSearch:
    """A repair search on the plan (seed 2) that must find a timetable, certified by the validator."""
    data = compile_plan(plan)
    search = RepairSearch(data, workers=1, seed=2, time_limit=time_limit, tuning=tuning)
    search.run()
    assert search.status == "FEASIBLE"
    timetable = decode(plan, data, Result(status="FEASIBLE", solution=_evaluate(build_model(data), search.solution)))
    assert validate(plan, timetable).hard_violations == 0
    return search


def test_with_two_stages_the_second_stages_start_comes_first_and_hints_the_first_stages(monkeypatch):
    tries = failing_starts(monkeypatch)
    assert certified_search(gap_plan(SETS_TWO_A_DAY), time_limit=30).stage == 0
    first_try = min(TUNING.start_seconds, TUNING.escalate_seconds)
    assert tries == [(first_try, False), (first_try, True)]  # the wide start, then the hinted narrow one


def test_without_a_first_stage_start_the_second_stage_begins_from_its_own(monkeypatch):
    """The hinted first-stage start finds nothing (forced); the second stage's start is not sought again."""
    tries = failing_starts(monkeypatch, failed_tries=frozenset({1}))
    assert certified_search(gap_plan(SETS_TWO_A_DAY), time_limit=30).stage == 1
    assert [hinted for _, hinted in tries] == [False, True]


def test_a_start_that_does_not_come_in_time_is_sought_with_the_daily_loads_relaxed(monkeypatch):
    """Without wide_hint: the first stage's start tries run out of time (forced here); the second
    stage's timetable is certified."""
    tries = failing_starts(monkeypatch, TUNING.escalate_seconds)
    assert certified_search(gap_plan(SETS_TWO_A_DAY), time_limit=30, tuning=RepairTuning(wide_hint=False)).stage == 1
    budgets = [b for b, _ in tries]
    assert budgets[0] == min(TUNING.start_seconds, TUNING.escalate_seconds)
    assert abs(sum(budgets[:-1]) - TUNING.escalate_seconds) < 0.5  # the first stage's tries
    assert budgets[-1] == TUNING.start_seconds  # the second stage's first try found the start


def test_a_start_try_that_finds_nothing_restarts_with_a_larger_budget(monkeypatch):
    tries = failing_starts(monkeypatch, TUNING.start_seconds)
    assert certified_search(gap_plan(NO_RUN_OF_3), time_limit=60).stage == 0
    assert [b for b, _ in tries] == [TUNING.start_seconds, TUNING.start_seconds * TUNING.start_growth]


def test_per_day_terms_know_their_owner_and_day():
    plan = gap_plan({"type": "max_gaps_per_day", "teachers": ["T1"], "max_gaps": 0})
    data = relaxed(compile_plan(plan))
    scopes = build_model(data, soft=False).scopes["max_gaps_per_day"]
    assert sorted(day for _, day in scopes) == [0, 1, 2]
    assert {data.teachers[owner.index].id for owner, _ in scopes} == {"T1"}


def test_a_neighbourhood_always_holds_the_day_of_a_per_day_violation():
    search = RepairSearch(compile_plan(gap_plan()), workers=1, seed=0, time_limit=10)
    for _ in range(20):
        assert 4 in search._draw_days([0, 1, 2], [0, 1, 2, 3, 4], first=[4])
    assert len(search._draw_days([0, 1, 2], [0, 1, 2, 3, 4], first=[4])) == search.days



def test_a_stalled_count_widens_the_neighbourhood_by_a_day_and_progress_narrows_it_again():
    search = RepairSearch(compile_plan(gap_plan()), workers=1, seed=0, time_limit=10)
    start = search.days
    for _ in range(TUNING.stall_steps - 1):
        search._adapt(cp_model.OPTIMAL, improved=False)
    assert search.days == start  # not yet stalled
    search._adapt(cp_model.OPTIMAL, improved=False)
    assert search.days == start + 1
    for _ in range(TUNING.stall_steps):
        search._adapt(cp_model.FEASIBLE, improved=False)
    assert search.days == start + 2
    search._adapt(cp_model.FEASIBLE, improved=True)
    assert search.days == TUNING.neighbourhood_days


def test_beside_the_repair_the_hard_model_gives_up_after_its_seconds(monkeypatch):
    """The repair search is slowed down here (0.5 s), so the hard model wins a small plan's race,
    unless it gives up first (hard_beside_repair_seconds 0): then the repair's timetable is the one
    certified (it passes through _evaluate)."""
    race_only = PhaseSwitches(quick_look_below=0)
    run = RepairSearch.run

    def slow(self):
        time.sleep(0.5)
        run(self)

    monkeypatch.setattr(RepairSearch, "run", slow)
    evaluated = []
    evaluate = first_module._evaluate
    monkeypatch.setattr(first_module, "_evaluate", lambda *a, **k: evaluated.append(1) or evaluate(*a, **k))
    solve_and_certify(gap_plan(NO_RUN_OF_3), workers=2, expect="OPTIMAL", phases=race_only, constructive=False)
    assert not evaluated  # the hard model came first
    solve_and_certify(gap_plan(NO_RUN_OF_3), workers=2, expect="OPTIMAL",
                      phases=dataclasses.replace(race_only, hard_beside_repair_seconds=0.0), constructive=False)
    assert evaluated  # the repair's


def test_the_race_never_asks_for_more_threads_than_the_machine_has_cores(monkeypatch):
    monkeypatch.setattr(first_module, "usable_cores", lambda: 2)
    assert first_module._entrant_workers(4, 2) == 1
    assert first_module._entrant_workers(4, 1) == 2
    monkeypatch.setattr(first_module, "usable_cores", lambda: 8)
    assert first_module._entrant_workers(4, 2) == 2
    monkeypatch.setattr(first_module, "usable_cores", lambda: None)  # unknown: the threads asked
    assert first_module._entrant_workers(4, 2) == 2
