"""The XHSTT constraints mapped onto the Plan's newer rules cost the same by both validators: a plan
imported from a tiny instance with each of them is solved (certified: the model's cost equals the Plan's
validator's), and the XHSTT evaluator's cost of the exported solution equals the solver's objective.
Per type: quadratic and step LimitIdleTimes / LimitBusyTimes / ClusterBusyTimes, over all days and over
one, a LimitBusyTimes with a minimum and a maximum, soft AvoidUnavailableTimes (teacher and class),
LimitWorkload (hard and soft, a workload that is not the duration), AvoidSplitAssignments of a
teacher role, SpreadEvents other than "at most one a day" (spread_events, each cost function, hard and
soft) and ClusterBusyTimes over the first lesuur of each day (min_days_per_week over an interval). On a
real instance: FI-WP-06 (slow)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from solver.io.xhstt.evaluate import evaluate
from solver.io.xhstt.reader import read_instance
from solver.io.xhstt.to_plan import solution_of, to_plan
from tests.solver.solve_helpers import solve_and_certify
from tests.solver.xhstt_helpers import constraint, event, tiny

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("XHSTT_DATA", ROOT.parent / "shared" / "data" / "xhstt"))
TEACHERS = '<ResourceGroups><ResourceGroup Reference="gr_Teachers"/></ResourceGroups>'
CLASSES = '<ResourceGroups><ResourceGroup Reference="gr_Classes"/></ResourceGroups>'
ALL = '<EventGroups><EventGroup Reference="gr_All"/></EventGroups>'
BOTH = '<TimeGroups><TimeGroup Reference="gr_Mo"/><TimeGroup Reference="gr_Tu"/></TimeGroups>'
MONDAY = '<TimeGroups><TimeGroup Reference="gr_Mo"/></TimeGroups>'


def _limits(low: int, high: int) -> str:
    return f"<Minimum>{low}</Minimum><Maximum>{high}</Maximum>"


def _hard() -> list[str]:
    return [constraint("AssignTime", "", ALL, cid="AT"),
            constraint("AssignResource", "<Role>Teacher</Role>",
                       '<Events><Event Reference="E4"/><Event Reference="E5"/></Events>', cid="AR"),
            constraint("AvoidClashes", "", TEACHERS, cid="CT"), constraint("AvoidClashes", "", CLASSES, cid="CC"),
            constraint("SplitEvents", "<MinimumDuration>1</MinimumDuration><MaximumDuration>1</MaximumDuration>"
                       "<MinimumAmount>1</MinimumAmount><MaximumAmount>9</MaximumAmount>",
                       '<Events><Event Reference="E5"/></Events>', cid="SP")]


def _events(e5_workload: int | None = None) -> list[str]:
    # T1 at Mo1 and Mo4 (fixed), E3 for T1 anywhere, E4 and E5 (two singles) for T1 or T2; class C1 in all
    return [event("E1", 1, klass="C1", time="Mo1"), event("E2", 1, klass="C1", time="Mo4"),
            event("E3", 1, klass="C1"), event("E4", 1, teacher=None, klass="C1"),
            event("E5", 2, teacher=None, klass="C1", groups=("gr_All", "gr_Pair"), teacher_workload=e5_workload)]


def _agree(tmp_path, constraints: list[str], **kw) -> tuple:
    ins = tiny(tmp_path, _events(**kw), _hard() + constraints)
    mapping = to_plan(ins, split="shortest")
    assert mapping.unmapped == []
    outcome = solve_and_certify(mapping.plan, time_limit=10, expect="OPTIMAL")
    ev = evaluate(ins, solution_of(mapping, ins, outcome.timetable))
    assert (ev.infeasibility, ev.objective) == (0, outcome.result.objective)
    return ev, mapping


@pytest.mark.parametrize("cost", ["Quadratic", "Step", "Linear"])
def test_idle_busy_and_cluster_times_with_each_cost_function(tmp_path, cost):
    """T1's Monday has idle times unless E3 and E4 fill Mo2 and Mo3, which T1 would rather not teach."""
    ev, mapping = _agree(tmp_path, [
        constraint("LimitIdleTimes", BOTH + _limits(0, 0), TEACHERS, cid="Idle", required=False, weight=3, cost=cost),
        constraint("LimitIdleTimes", MONDAY + _limits(0, 1), CLASSES, cid="IdleMo", required=False, weight=2, cost=cost),
        constraint("LimitBusyTimes", BOTH + _limits(2, 3), TEACHERS, cid="Busy", required=False, cost=cost),
        constraint("ClusterBusyTimes", BOTH + _limits(0, 1), TEACHERS, cid="Days", required=False, weight=5, cost=cost),
        constraint("AvoidUnavailableTimes", '<Times><Time Reference="Mo2"/><Time Reference="Mo3"/></Times>',
                   '<Resources><Resource Reference="T1"/></Resources>', cid="Pref", required=False, weight=4),
        constraint("AvoidUnavailableTimes", '<Times><Time Reference="Tu4"/></Times>', CLASSES, cid="PrefC",
                   required=False),
    ])
    kinds = {c.type for c in mapping.plan.constraints}
    assert {"max_gaps_per_week", "max_periods_per_day", "interval_max_days_per_week"} <= kinds
    assert ev.objective > 0  # something costs: the agreement is not 0 = 0


@pytest.mark.parametrize("required", [True, False])
def test_workload_and_one_teacher_per_event(tmp_path, required):
    """T1 has 3 lesuren fixed; at most 4 (hard: one of E4 / E5's singles) or 3 (soft, weight 10); E5's two
    singles want one teacher (weight 7) and its teacher slot has workload 1 for 2 lesuren (a half each)."""
    ev, mapping = _agree(tmp_path, [
        constraint("LimitWorkload", _limits(0, 4 if required else 3), '<Resources><Resource Reference="T1"/></Resources>',
                   cid="WL", required=required, weight=10),
        constraint("AvoidSplitAssignments", "<Role>Teacher</Role>",
                   '<EventGroups><EventGroup Reference="gr_Pair"/></EventGroups>', cid="One", required=False, weight=7),
    ], e5_workload=1)
    workload = next(c for c in mapping.plan.constraints if c.type == "workload_per_week")
    assert [(w.lesson, w.workload) for w in workload.workloads] == [("E5", 1)]
    assert any(c.type == "same_teacher" for c in mapping.plan.constraints)


FIRSTS = '<TimeGroup Reference="gr_Mo1"/><TimeGroup Reference="gr_Tu1"/>'


def _spread(*limits: tuple[str, int, int]) -> str:
    return ("<TimeGroups>" + "".join(f'<TimeGroup Reference="{g}"><Minimum>{lo}</Minimum><Maximum>{hi}</Maximum>'
                                     "</TimeGroup>" for g, lo, hi in limits) + "</TimeGroups>")


@pytest.mark.parametrize("cost", ["Linear", "Quadratic", "Step"])
def test_spread_events_with_each_cost_function(tmp_path, cost):
    """E5's two singles: hard, one starts at Tu1 (IT's SpreadDD: a time group of one time, 1..99); soft
    (weight 3), 3 starts in the first lesuren (2 copies, Mo1 taken by E1: 2 short) and one on each day
    (can hold): 6, 12 or 3."""
    pair = '<EventGroups><EventGroup Reference="gr_Pair"/></EventGroups>'
    ev, mapping = _agree(tmp_path, [
        constraint("SpreadEvents", _spread(("gr_Tu1", 1, 99)), pair, cid="Hard"),
        constraint("SpreadEvents", _spread(("gr_First", 3, 5), ("gr_Mo", 1, 1), ("gr_Tu", 1, 1)), pair, cid="Spread",
                   required=False, weight=3, cost=cost)])
    assert ev.constraint_cost("Spread") == {"Linear": 6, "Quadratic": 12, "Step": 3}[cost]
    soft = next(c for c in mapping.plan.constraints if c.type == "spread_events" and c.weight)
    assert [(g.days, len(g.slots)) for g in soft.time_groups] == [([], 2), (["mon"], 0), (["tue"], 0)]


@pytest.mark.parametrize("cost", ["Linear", "Quadratic"])
def test_cluster_busy_times_over_the_first_lesuur_of_each_day(tmp_path, cost):
    """T1 and T2 busy in the first lesuur of both days (weight 5): Mo1 is E1's (T1), Tu1 holds one lesson.
    Two days short either way (linear 10); quadratic prefers T2 at Tu1 (1² + 1²) to T1 there (0 + 2²): 10."""
    ev, mapping = _agree(tmp_path, [
        constraint("ClusterBusyTimes", f"<TimeGroups>{FIRSTS}</TimeGroups>" + _limits(2, 2), TEACHERS, cid="Firsts",
                   required=False, weight=5, cost=cost)])
    [rule] = [c for c in mapping.plan.constraints if c.type == "min_days_per_week"]
    assert (rule.first_period, rule.end_period, rule.min_days) == (1, 2, 2)
    assert ev.constraint_cost("Firsts") == 10


@pytest.mark.slow
def test_fi_wp_06_costs_the_same_by_both_validators():
    """FI-WP-06 maps every constraint (quadratic idle and busy times among them): 20 s on one worker, and the
    evaluator's cost of the exported solution is the solver's objective."""
    path = SHARED / "FI-WP-06.xml"
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared data folder)")
    ins = read_instance(path)
    mapping = to_plan(ins, split="shortest")
    assert mapping.unmapped == []
    outcome = solve_and_certify(mapping.plan, time_limit=20)
    assert outcome.timetable is not None
    ev = evaluate(ins, solution_of(mapping, ins, outcome.timetable))
    assert (ev.infeasibility, ev.objective) == (0, outcome.result.objective)
