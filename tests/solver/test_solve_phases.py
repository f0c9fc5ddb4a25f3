"""The two phases of the solve loop: any timetable first (two formulations racing when there is
more than one worker), then the objective from that timetable on. Every timetable is certified."""

from __future__ import annotations

import threading

import pytest

from solver.cpsat import first as first_module
from solver.cpsat import solve as solve_module
from solver.params import LOCAL_SEARCH, PhaseSwitches
from tests.solver.solve_helpers import lesson, locked, only, solve_and_certify, tiny_plan, with_changes

DAY = ["08:30-09:20", "09:20-10:10", "10:30-11:20", "11:20-12:10"]


def gappy_plan():
    """Two groups, teachers shared; student gaps cost 10 each, so the optimum is compact days."""
    lessons = [lesson("wi-A", "T1", ["A"], count=3), lesson("ne-A", "T2", ["A"], count=2, subject="ne"),
               lesson("wi-B", "T1", ["B"], count=2), lesson("ne-B", "T2", ["B"], count=3, subject="ne"),
               locked("fix", "mon", 4, "T3", ["A"])]
    return tiny_plan(periods={"mon": DAY, "tue": DAY}, lessons=lessons, weights=only(student_gaps=10))


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_optimum_is_reached_from_the_first_timetable(workers):
    outcome = solve_and_certify(gappy_plan(), workers=workers, expect="OPTIMAL")
    assert outcome.result.objective == 0  # A: mon 1-4, tue 1-2; B fits around them without gaps
    assert outcome.result.first_solution_seconds is not None
    assert outcome.result.progress[0].bound == 0  # phase 1 reports its timetable with bound 0


@pytest.mark.parametrize("workers", [1, 2])
def test_stopping_at_the_first_timetable_returns_it(workers):
    """A stop at the first progress event (what 'first timetable' benchmarks do) keeps phase 1's timetable."""
    stop = threading.Event()
    outcome = solve_and_certify(gappy_plan(), workers=workers, stop=stop, on_progress=lambda p: stop.set(),
                                constructive=False)  # CP-SAT's phase 1, not the greedy before it
    assert outcome.result.status in ("FEASIBLE", "OPTIMAL") and outcome.timetable is not None
    assert len(outcome.timetable.placements) == 11


RACE_ONLY = PhaseSwitches(quick_look_below=0)  # no quick look: tiny plans go straight to the race, as big ones do


@pytest.mark.parametrize("workers", [1, 2])
def test_an_infeasible_plan_is_proven_so_in_the_race(workers):
    lessons = [lesson("wi-A", "T1", ["A"], count=9)]  # 9 lessons, 8 lesuren
    plan = tiny_plan(periods={"mon": DAY, "tue": DAY}, lessons=lessons, weights=only(student_gaps=10))
    outcome = solve_and_certify(plan, workers=workers, expect="INFEASIBLE", phases=RACE_ONLY)
    assert outcome.timetable is None


def test_without_phase_one_the_same_optimum():
    outcome = solve_and_certify(gappy_plan(), expect="OPTIMAL", phases=PhaseSwitches(first_phase=False))
    assert outcome.result.objective == 0


def test_the_local_search_entrant_alone_finds_the_first_timetable(monkeypatch):
    """The entrant without implied constraints (feasibility jump only, light presolve) wins phase 1
    on its own when the implied model gives up at once; its timetable is certified."""
    firsts = []
    original = first_module._first_timetable

    def recorded(*args):
        firsts.append(original(*args))
        return firsts[-1]

    phases = PhaseSwitches(quick_look_below=0, entrant_parameters=({"max_time_in_seconds": 0.0}, LOCAL_SEARCH))
    monkeypatch.setattr(solve_module, "_first_timetable", recorded)
    stop = threading.Event()
    outcome = solve_and_certify(gappy_plan(), workers=2, stop=stop, on_progress=lambda p: stop.set(), phases=phases,
                                constructive=False)
    assert firsts and firsts[0].found
    assert len(outcome.timetable.placements) == 11


ROOMY_LOOK = PhaseSwitches(quick_look_seconds=2.0)


def _recorded_quick_looks(monkeypatch) -> list:
    looks = []
    original = first_module._quick_look

    def recorded(*args):
        looks.append(original(*args))
        return looks[-1]

    monkeypatch.setattr(first_module, "_quick_look", recorded)
    return looks


def test_a_small_school_is_decided_by_the_quick_look_before_the_race(monkeypatch):
    """One worker for a moment: the timetable comes without the race's threads (certified)."""
    looks = _recorded_quick_looks(monkeypatch)
    raced, real_thread = [], threading.Thread
    monkeypatch.setattr(first_module.threading, "Thread", lambda *a, **k: raced.append(1) or real_thread(*a, **k))
    stop = threading.Event()
    # the look's wall time is 10 ms by default; a loaded machine may need more (what is tested is that
    # the look decides the school, not how fast)
    outcome = solve_and_certify(gappy_plan(), workers=2, stop=stop, on_progress=lambda p: stop.set(),
                                phases=ROOMY_LOOK, constructive=False)
    assert len(looks) == 1 and looks[0] is not None and looks[0].found
    assert not raced
    assert len(outcome.timetable.placements) == 11


def test_a_quick_look_that_decides_nothing_leaves_it_to_the_race(monkeypatch):
    looks = _recorded_quick_looks(monkeypatch)
    stop = threading.Event()
    outcome = solve_and_certify(gappy_plan(), workers=2, stop=stop, on_progress=lambda p: stop.set(),
                                phases=PhaseSwitches(quick_look_seconds=0.0), constructive=False)
    assert looks == [None]
    assert len(outcome.timetable.placements) == 11


def test_the_quick_look_proves_a_small_plan_infeasible(monkeypatch):
    looks = _recorded_quick_looks(monkeypatch)
    plan = tiny_plan(periods={"mon": DAY, "tue": DAY}, lessons=[lesson("wi-A", "T1", ["A"], count=9)],
                     weights=only(student_gaps=10))
    outcome = solve_and_certify(plan, workers=2, expect="INFEASIBLE", phases=ROOMY_LOOK)
    assert looks[0].status == "INFEASIBLE" and outcome.timetable is None


def test_big_plans_skip_the_quick_look(monkeypatch):
    looks = _recorded_quick_looks(monkeypatch)
    solve_and_certify(gappy_plan(), workers=2, expect="OPTIMAL", phases=PhaseSwitches(quick_look_below=1))
    assert looks == []


def test_the_quick_look_of_a_plan_without_objective_leaves_the_model_as_built(monkeypatch):
    """Without objective or hints the quick look solves the built model itself (no copy); the
    timetable is certified and the model is the same afterwards."""
    looks = _recorded_quick_looks(monkeypatch)
    built_models = []
    original = solve_module.build_model
    monkeypatch.setattr(solve_module, "build_model", lambda *a, **k: built_models.append(original(*a, **k)) or built_models[-1])
    plan = with_changes(gappy_plan(), weights=only())
    outcome = solve_and_certify(plan, workers=2, expect="OPTIMAL", constructive=False)
    assert looks[0].found and len(outcome.timetable.placements) == 11
    model = built_models[0].model
    assert not model.has_objective() and len(model.proto.solution_hint.vars) == 0
