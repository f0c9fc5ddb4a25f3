"""The greedy first pass before CP-SAT (solver/constructive/, issue 27): what it places is certified by
the validator or dropped, it gives up within its budget, and its path imports no OR-Tools."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from time import perf_counter

from solver.compile import compile_plan
from solver.constructive import construct, first_certified
from solver.params import SolveParams
from solver.pipeline import solve_plan
from solver.validate import validate
from tests.solver.solve_helpers import lesson, only, solve_and_certify, tiny_plan

DAY = ["08:30-09:20", "09:20-10:10", "10:30-11:20", "11:20-12:10"]
WEEK = {day: DAY for day in ("mon", "tue", "wed", "thu", "fri")}
ROOT = Path(__file__).resolve().parents[2]


def easy_plan(weights=None, teachers=None):
    """Two groups, three teachers, 22 lesson-periods in 40 places; nothing the greedy does not check."""
    lessons = [lesson("wi-A", "T1", ["A"], count=4), lesson("ne-A", "T2", ["A"], count=3, subject="ne"),
               lesson("en-A", "T3", ["A"], count=2, subject="en", duration=2),
               lesson("wi-B", "T1", ["B"], count=3), lesson("ne-B", "T2", ["B"], count=4, subject="ne"),
               lesson("en-B", "T3", ["B"], count=2, subject="en")]
    return tiny_plan(periods=WEEK, lessons=lessons, weights=weights or only(), teachers=teachers)


def early_averse_plan():
    """easy_plan's lessons, but T1 would rather not teach before 10:10: the greedy, which fills days from
    their start and does not look at preferences, leaves a cost for CP-SAT to lower."""
    windows = [{"day": day, "start": "08:30", "end": "10:10", "level": "preference", "weight": 5,
                "reason": "school run"} for day in WEEK]
    return easy_plan(only(student_gaps=10, teacher_unavailable_preference=1),
                     teachers=[{"id": "T1", "name": "T1", "unavailable": windows}, "T2", "T3"])


def full_teacher_plan(days=WEEK):
    """T1 has one lesson more than lesuren: no timetable exists, so the greedy can only run out of time."""
    count = sum(len(day) for day in days.values()) + 1
    lessons = [lesson(f"L{k}", "T1", [f"G{k}"]) for k in range(count)]
    return tiny_plan(periods=days, lessons=lessons, weights=only())


ONE_DAY = {"mon": DAY}  # small enough for CP-SAT to prove it at once, also on a loaded machine


def test_the_greedy_places_an_easy_plan_and_the_validator_certifies_it():
    plan = easy_plan()
    data = compile_plan(plan)
    solution = construct(data, seconds=1.0)
    assert solution is not None and all(k is not None for k in solution.options)
    first = first_certified(plan, data, SolveParams().starting_now())
    assert first is not None
    report = validate(plan, first.timetable)
    assert report.hard_violations == 0
    assert report.soft_cost == first.result.objective == 0
    assert first.result.status == "OPTIMAL"  # costs are never negative: 0 is optimal
    assert len(first.timetable.placements) == len(data.copies)


def test_a_zero_cost_greedy_timetable_is_the_answer():
    outcome = solve_and_certify(easy_plan(), expect="OPTIMAL")
    assert outcome.result.objective == 0
    assert outcome.result.progress and outcome.result.progress[0].objective == 0


def test_with_costs_cp_sat_goes_on_and_never_ends_worse_than_the_greedy():
    """Student gaps cost: the greedy's timetable is the first one reported, CP-SAT's the answer, not worse."""
    plan = easy_plan(only(student_gaps=10, teacher_gaps=3))
    data = compile_plan(plan)
    first = first_certified(plan, data, SolveParams().starting_now())
    assert first is not None
    events = []
    outcome = solve_and_certify(plan, on_progress=events.append)
    assert events[0].objective == first.result.objective
    assert outcome.result.objective <= first.result.objective
    assert all(b.objective <= a.objective for a, b in zip(events, events[1:]))  # never a worse one after
    kept = outcome.result.progress
    assert kept[0].objective == first.result.objective and all(e.objective <= kept[0].objective for e in kept)


def test_an_unplaceable_plan_gives_up_within_the_budget_and_cp_sat_decides():
    plan = full_teacher_plan()
    data = compile_plan(plan)
    began = perf_counter()
    assert construct(data, seconds=0.05) is None
    assert perf_counter() - began < 0.5
    outcome = solve_and_certify(full_teacher_plan(ONE_DAY), expect="INFEASIBLE")
    assert outcome.timetable is None


def test_a_dropped_greedy_leaves_cp_sat_s_certified_timetable(monkeypatch):
    """When the greedy places nothing in time (patched to give up), the pipeline returns CP-SAT's timetable."""
    import solver.constructive.certified as certified

    calls = []
    monkeypatch.setattr(certified, "construct", lambda *a, **k: calls.append(1))
    outcome = solve_and_certify(easy_plan(only(student_gaps=10)), expect="OPTIMAL")
    assert calls and outcome.timetable is not None and outcome.result.objective == 0


def test_the_switch_turns_it_off(monkeypatch):
    import solver.constructive.certified as certified

    calls = []
    real = certified.construct
    monkeypatch.setattr(certified, "construct", lambda *a, **k: calls.append(1) or real(*a, **k))
    on = solve_and_certify(easy_plan(only(student_gaps=10)), expect="OPTIMAL")
    assert calls
    calls.clear()
    off = solve_and_certify(easy_plan(only(student_gaps=10)), expect="OPTIMAL", constructive=False)
    assert not calls and off.result.objective == on.result.objective


def test_the_path_to_the_greedy_timetable_imports_no_ortools():
    """import -> compile -> greedy -> validate, stopped at the first timetable: cp_model is never imported."""
    script = (
        "import sys, threading\n"
        "from tests.solver.test_constructive import easy_plan\n"
        "from solver.params import SolveParams\n"
        "from solver.pipeline import solve_plan\n"
        "from solver.validate import validate\n"
        "stop = threading.Event()\n"
        "plan = easy_plan()\n"
        "outcome = solve_plan(plan, SolveParams(on_progress=lambda p: stop.set(), stop=stop))\n"
        "assert outcome.timetable is not None and validate(plan, outcome.timetable).hard_violations == 0\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('ortools', 'pandas', 'numpy'))\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout, proc.stdout


def test_a_stop_at_the_greedy_timetable_returns_it_without_cp_sat():
    stop = threading.Event()
    plan = easy_plan(only(student_gaps=10))
    outcome = solve_plan(plan, SolveParams(on_progress=lambda p: stop.set(), stop=stop))
    assert outcome.result.status in ("FEASIBLE", "OPTIMAL") and outcome.timetable is not None
    assert outcome.result.build_seconds == 0.0  # no model was built: the greedy's timetable is kept
    assert validate(plan, outcome.timetable).hard_violations == 0


def test_the_stages_name_the_first_pass():
    stages: list[str] = []
    solve_and_certify(easy_plan(), on_stage=stages.append, expect="OPTIMAL")
    assert stages == ["compile", "constructive"]  # a timetable of cost 0 needs no CP-SAT
    stages.clear()
    solve_and_certify(full_teacher_plan(ONE_DAY), on_stage=stages.append, expect="INFEASIBLE")
    assert stages == ["compile", "constructive", "build", "search"]


def test_plans_with_hto_ers_are_left_to_cp_sat(monkeypatch):
    """The greedy keeps shifts as rostered and does not fit an hto'er's teaching around them: not tried."""
    import solver.constructive.certified as certified
    from tests.solver.solve_helpers import employer, hto, shift, staff

    calls = []
    monkeypatch.setattr(certified, "construct", lambda *a, **k: calls.append(1))
    plan = tiny_plan(periods=WEEK, lessons=[lesson("wi-A", "H", ["A"], count=2)], htos=[hto("H", "H")],
                     employers=[employer(shifts=[shift("D", "07:00", "15:00")], staff=[staff("H")])])
    assert first_certified(plan, compile_plan(plan), SolveParams().starting_now()) is None
    assert not calls


def test_with_a_deterministic_time_the_greedy_counts_steps_not_seconds(monkeypatch):
    """Reproducible runs: whether the greedy succeeds must not depend on the machine's speed."""
    import solver.constructive.certified as certified

    seen = []
    real = certified.construct
    monkeypatch.setattr(certified, "construct", lambda *a, **k: seen.append(k) or real(*a, **k))
    plan = easy_plan()
    data = compile_plan(plan)
    first_certified(plan, data, SolveParams(deterministic_time=5.0).starting_now())
    first_certified(plan, data, SolveParams().starting_now())
    assert seen[0]["max_steps"] == certified.DETERMINISTIC_STEPS + 4 * len(data.copies)
    assert seen[1]["max_steps"] is None
    assert construct(compile_plan(full_teacher_plan()), seconds=60.0, max_steps=50) is None  # steps end it


def test_copies_kept_back_to_back_on_one_day_are_not_parted_by_a_marked_break():
    """min_days_between with consecutive_if_same_day (hard whatever its weight): on one day of four lesuren
    with a marked break before the third, and the first taken, the copies go to 3-4, never 2-3."""
    from solver.domain import parse_plan
    from tests.solver.solve_helpers import locked, plan_dict

    day = {"mon": ["08:30-09:20", "09:20-10:10", ("10:30-11:20", True), "11:20-12:10"]}
    data = plan_dict(periods=day, lessons=[locked("fix", "mon", 1, "T2", ["A"]), lesson("L", "T1", ["A"], count=2)],
                     weights=only())
    data["constraints"] = [{"type": "min_days_between", "lessons": ["L"], "min_days": 1,
                            "consecutive_if_same_day": True, "weight": 1}]
    plan = parse_plan(data)
    first = first_certified(plan, compile_plan(plan), SolveParams().starting_now())
    assert first is not None
    assert sorted(p.period for p in first.timetable.placements if p.lesson == "L") == [3, 4]
    assert validate(plan, first.timetable).hard_violations == 0


def test_a_stalled_greedy_gives_up_in_steps_not_at_its_time_limit(monkeypatch):
    """No new fewest-unplaced within stall_steps: it stops, however much time it was given (else this hangs)."""
    import solver.constructive.greedy as greedy
    import solver.constructive.run as run

    calls = []
    real = greedy.Greedy.repair
    monkeypatch.setattr(greedy.Greedy, "repair", lambda self, *a: calls.append(1) or real(self, *a))
    data = compile_plan(full_teacher_plan())
    units = len(data.copies)
    assert construct(data, seconds=3600.0) is None
    assert 0 < len(calls) <= units + run.stall_steps(units) + 1


def test_the_greedy_may_take_a_share_of_a_long_time_limit():
    """0.2 s at least, a share of the time limit at most, and only 0.2 s under a hard rule it does not keep."""
    from solver.constructive.certified import budget

    assert budget(SolveParams(time_limit=600).starting_now(), 100)[0] > 29
    assert budget(SolveParams(time_limit=600).starting_now(), 100, long_run=False)[0] <= 0.2
    assert budget(SolveParams(time_limit=1).starting_now(), 100)[0] <= 0.2
    assert budget(SolveParams(time_limit=10, constructive_share=0.0).starting_now(), 100)[0] <= 0.2


def test_the_greedy_timetable_is_cp_sat_s_start(monkeypatch):
    """Warm start: CP-SAT gets the certified greedy timetable as its hint and skips its own first phase."""
    import solver.cpsat.solve as cpsat_solve

    hints = []
    real = cpsat_solve._first_timetable
    monkeypatch.setattr(cpsat_solve, "_first_timetable", lambda *a: hints.append("phase 1") or real(*a))
    plan = early_averse_plan()
    data = compile_plan(plan)
    first = first_certified(plan, data, SolveParams().starting_now())
    assert first is not None and first.objective > 0  # else CP-SAT would not run at all
    warm = solve_and_certify(plan)
    assert warm.result.hint_status == "accepted" and not hints
    assert warm.result.objective <= first.objective
    cold = solve_and_certify(plan, warm_start=False)
    assert not cold.result.hint_status and hints == ["phase 1"]


def test_the_greedy_knows_which_hard_rules_it_keeps():
    from solver.constructive.run import keeps_every_hard_rule
    from solver.domain import parse_plan
    from tests.solver.solve_helpers import plan_dict

    assert keeps_every_hard_rule(compile_plan(easy_plan()))
    data = plan_dict(periods=WEEK, lessons=[lesson("L", "T1", ["A"], count=3), lesson("M", "T2", ["A"])],
                     weights=only())
    data["constraints"] = [{"type": "max_gaps_per_week", "groups": ["A"], "max_gaps": 0}]
    assert keeps_every_hard_rule(compile_plan(parse_plan(data)))  # solver/constructive/idle.py
    data["constraints"].append({"type": "min_gaps_between", "lessons": ["L", "M"], "min_gaps": 1})
    assert not keeps_every_hard_rule(compile_plan(parse_plan(data)))


def test_the_quick_check_that_a_place_is_free_agrees_with_the_blockers():
    """`_fits` answers what `_blockers(..., 0) == set()` does, for every option of every copy, with half the
    units placed (placing asks it of every slot, so it stops at the first thing in the way)."""
    from solver.constructive.greedy import Greedy

    one_room = tiny_plan(periods=WEEK, rooms=["R1"], weights=only(),
                         teachers=[{"id": "T1", "name": "T1", "max_periods_per_day": 2}, "T2"],
                         lessons=[lesson("wi-A", "T1", ["A"], count=3, min_days_apart=1),
                                  lesson("ne-B", "T2", ["B"], count=4, subject="ne"),
                                  lesson("en-C", "T1", ["C"], count=2, subject="en")])
    for plan in (easy_plan(), full_teacher_plan(), one_room):  # the last: a room, a spread, a daily limit
        data = compile_plan(plan)
        g = Greedy(data, seed=3)
        for u in range(0, len(g.units), 2):
            g.place(u)
        assert g.placed  # something is in the way somewhere
        answers = [(g._fits(c, o), g._blockers(c, o, 0) == set())
                   for c, copy in enumerate(data.copies) for o in copy.options]
        assert all(fits == free for fits, free in answers)
        assert {fits for fits, _ in answers} == {True, False}


def test_a_unit_bumped_round_and_round_ends_the_greedy(monkeypatch):
    """A repair going in circles stops at MAX_BUMPS bumps of one unit, long before the stall would end it."""
    import solver.constructive.greedy as greedy
    import solver.constructive.run as run

    data = compile_plan(full_teacher_plan())  # one lesson too many: it can only go round
    repairs = []
    real = greedy.Greedy.repair
    monkeypatch.setattr(greedy.Greedy, "repair", lambda self, *a: repairs.append(1) or real(self, *a))
    assert construct(data, seconds=60.0) is None
    stalled = len(repairs)
    repairs.clear()
    monkeypatch.setattr(run, "MAX_BUMPS", 5)
    assert construct(data, seconds=60.0) is None
    assert len(repairs) < stalled / 4


def test_a_stalled_greedy_starts_again_once_on_another_seed_within_its_budget(monkeypatch):
    """The first run stalls (patched to give up), the second, on another seed and with the time left,
    gets through: its timetable is certified. A greedy that stalls every time tries GREEDY_TRIES times."""
    import solver.constructive.certified as certified

    seeds, budgets = [], []
    real = certified.construct

    def first_stalls(data, seconds, seed=0, max_steps=None):
        seeds.append(seed)
        budgets.append(seconds)
        return None if len(seeds) == 1 else real(data, seconds, seed=seed, max_steps=max_steps)

    monkeypatch.setattr(certified, "construct", first_stalls)
    plan = easy_plan()
    data = compile_plan(plan)
    params = SolveParams(time_limit=10, seed=3).starting_now()
    first = first_certified(plan, data, params)
    assert first is not None and validate(plan, first.timetable).hard_violations == 0
    assert seeds == [3, 3 + certified.RESTART_SEED_STEP]
    assert budgets[1] <= budgets[0] <= certified.budget(params, len(data.copies))[0]

    seeds.clear()
    monkeypatch.setattr(certified, "construct", lambda data, seconds, seed=0, max_steps=None: seeds.append(seed))
    assert first_certified(plan, data, SolveParams(time_limit=10).starting_now()) is None
    assert len(seeds) == certified.GREEDY_TRIES
