"""The XHSTT evaluator, one constraint type at a time, on tiny hand-written instances.

Times of the tiny instance (tests/solver/xhstt_helpers.py): Mo1..Mo4 = 0..3, Tu1..Tu4 = 4..7.
Every expected deviation is worked out in the comment beside it.
"""

from __future__ import annotations

import pytest

from solver.io.xhstt.evaluate import evaluate
from solver.io.xhstt.model import XhsttFormatError
from tests.solver.xhstt_helpers import constraint, event, solution, sub, tiny

E = '<Events><Event Reference="E1"/></Events>'
PAIR = '<EventGroups><EventGroup Reference="gr_Pair"/></EventGroups>'
T1 = '<Resources><Resource Reference="T1"/></Resources>'
TEACHERS = '<ResourceGroups><ResourceGroup Reference="gr_Teachers"/></ResourceGroups>'
DAYS = '<TimeGroups><TimeGroup Reference="gr_Mo"/><TimeGroup Reference="gr_Tu"/></TimeGroups>'


def deviations(ins, sol) -> dict[str, int]:
    """point -> deviation of the only constraint"""
    (cc,) = evaluate(ins, sol).constraints
    return {p.point: p.deviation for p in cc.points}


# --- cost functions and hard/soft --------------------------------------------------------------

@pytest.mark.parametrize("cost,expected", [("Linear", 2 * 3), ("Quadratic", 2 * 9), ("Step", 2)])
@pytest.mark.parametrize("required", [True, False])
def test_cost_function_and_required(tmp_path, cost, expected, required):
    # E1 lasts 3 and the solution leaves it out: one sub-event of 3 without a time, deviation 3
    ins = tiny(tmp_path, [event("E1", 3)],
               [constraint("AssignTime", "", E, weight=2, cost=cost, required=required)])
    ev = evaluate(ins, solution())
    assert (ev.infeasibility, ev.objective) == ((expected, 0) if required else (0, expected))
    assert ev.constraints[0].points[0].deviation == 3


def test_quadratic_squares_the_sum_of_a_points_deviations(tmp_path):
    # LimitBusyTimes min 2 max 3 on T1: Mo busy 4 times (1 too many), Tu busy once (1 too few):
    # one point, deviation 1 + 1 = 2, Quadratic cost 2 * 2 = 4 (not 1 + 1)
    ins = tiny(tmp_path, [event("E1", 4), event("E2", 1)],
               [constraint("LimitBusyTimes", f"{DAYS}<Minimum>2</Minimum><Maximum>3</Maximum>", T1,
                           cost="Quadratic")])
    ev = evaluate(ins, solution(sub("E1", "Mo1"), sub("E2", "Tu2")))
    assert ev.infeasibility == 4 and ev.constraints[0].points[0].deviation == 2


# --- event constraints ---------------------------------------------------------------------

def test_assign_time_counts_the_duration_without_a_time(tmp_path):
    ins = tiny(tmp_path, [event("E1", 3)], [constraint("AssignTime", "", E)])
    # E1 = Mo1 (1) + untimed (2): deviation 2
    assert deviations(ins, solution(sub("E1", "Mo1", 1), sub("E1", None, 2))) == {"E1": 2}
    # all timed: nothing
    assert deviations(ins, solution(sub("E1", "Mo1", 1), sub("E1", "Tu1", 2))) == {}


def test_assign_time_takes_a_preassigned_time_as_assigned(tmp_path):
    ins = tiny(tmp_path, [event("E1", 2, time="Tu2")], [constraint("AssignTime", "", E)])
    assert deviations(ins, solution()) == {}


def test_assign_resource_counts_the_duration_with_the_role_empty(tmp_path):
    ins = tiny(tmp_path, [event("E1", 3, room_role=True)],
               [constraint("AssignResource", "<Role>Room</Role>", E)])
    # Mo1 (1, room R1) + Tu1 (2, no room): deviation 2
    assert deviations(ins, solution(sub("E1", "Mo1", 1, Room="R1"), sub("E1", "Tu1", 2))) == {"E1": 2}
    # left out entirely: one sub-event of 3 without a room
    assert deviations(ins, solution()) == {"E1": 3}


def test_split_events_counts_bad_durations_and_amounts(tmp_path):
    body = ("<MinimumDuration>1</MinimumDuration><MaximumDuration>2</MaximumDuration>"
            "<MinimumAmount>2</MinimumAmount><MaximumAmount>2</MaximumAmount>")
    ins = tiny(tmp_path, [event("E1", 5)], [constraint("SplitEvents", body, E)])
    # 3 + 1 + 1: one sub-event longer than 2, and 3 sub-events where at most 2: 1 + 1
    assert deviations(ins, solution(sub("E1", None, 3), sub("E1", None, 1), sub("E1", None, 1))) == {"E1": 2}
    # unsplit (left out): one sub-event of 5 (too long) and 1 sub-event where at least 2: 1 + 1
    assert deviations(ins, solution()) == {"E1": 2}
    # 2 + 3 is 2 sub-events, one too long: 1
    assert deviations(ins, solution(sub("E1", None, 2), sub("E1", None, 3))) == {"E1": 1}


def test_distribute_split_events_counts_sub_events_of_the_duration(tmp_path):
    body = "<Duration>2</Duration><Minimum>1</Minimum><Maximum>1</Maximum>"
    ins = tiny(tmp_path, [event("E1", 6)], [constraint("DistributeSplitEvents", body, E)])
    # 2+2+2: three of duration 2 where at most one: 2
    assert deviations(ins, solution(*[sub("E1", None, 2)] * 3)) == {"E1": 2}
    # 1+1+4: none where at least one: 1
    assert deviations(ins, solution(sub("E1", None, 1), sub("E1", None, 1), sub("E1", None, 4))) == {"E1": 1}


def test_prefer_resources_counts_the_duration_with_another_resource(tmp_path):
    chosen = '<Resources><Resource Reference="R1"/></Resources>'
    ins = tiny(tmp_path, [event("E1", 4, room_role=True)],
               [constraint("PreferResources", f"<Role>Room</Role>{chosen}", E)])
    # Mo1 (1, R2: not preferred) + Tu1 (2, R1) + untimed 1 without a room (not this one's business)
    sol = solution(sub("E1", "Mo1", 1, Room="R2"), sub("E1", "Tu1", 2, Room="R1"), sub("E1", None, 1))
    assert deviations(ins, sol) == {"E1": 1}
    group = '<ResourceGroups><ResourceGroup Reference="gr_Rooms"/></ResourceGroups>'
    ins = tiny(tmp_path, [event("E1", 4, room_role=True)],
               [constraint("PreferResources", f"<Role>Room</Role>{group}", E)])
    assert deviations(ins, sol) == {}


@pytest.mark.parametrize("duration,expected", [(None, 3), (1, 1), (2, 2)])
def test_prefer_times_counts_the_duration_at_other_times(tmp_path, duration, expected):
    times = '<TimeGroups><TimeGroup Reference="gr_First"/></TimeGroups><Times><Time Reference="Mo2"/></Times>'
    body = times + (f"<Duration>{duration}</Duration>" if duration else "")
    ins = tiny(tmp_path, [event("E1", 5)], [constraint("PreferTimes", body, E)])
    # preferred: Mo1, Tu1, Mo2. Mo1 (1) fine; Mo3 (2) and Tu3 (1) not; untimed (1) not counted:
    # all durations 2 + 1 = 3; only duration 1: Tu3 = 1; only duration 2: Mo3 = 2
    sol = solution(sub("E1", "Mo1", 1), sub("E1", "Mo3", 2), sub("E1", "Tu3", 1), sub("E1", None, 1))
    assert deviations(ins, sol) == {"E1": expected}


# --- event group constraints ---------------------------------------------------------------

def test_avoid_split_assignments_counts_distinct_resources_less_one(tmp_path):
    events = [event("E1", 2, room_role=True, groups=("gr_Pair",)),
              event("E2", 2, room_role=True, groups=("gr_Pair",))]
    ins = tiny(tmp_path, events, [constraint("AvoidSplitAssignments", "<Role>Room</Role>", PAIR)])
    # rooms R1, R2, R1 and one empty slot: 2 distinct, deviation 1
    sol = solution(sub("E1", "Mo1", 1, Room="R1"), sub("E1", "Mo2", 1, Room="R2"),
                   sub("E2", "Tu1", 1, Room="R1"), sub("E2", "Tu2", 1))
    assert deviations(ins, sol) == {"gr_Pair": 1}
    assert deviations(ins, solution(sub("E1", "Mo1", Room="R1"), sub("E2", "Tu1", Room="R1"))) == {}


def test_spread_events_counts_starts_per_time_group(tmp_path):
    limits = ('<TimeGroups><TimeGroup Reference="gr_Mo"><Minimum>1</Minimum><Maximum>1</Maximum>'
              '</TimeGroup><TimeGroup Reference="gr_Tu"><Minimum>1</Minimum><Maximum>2</Maximum>'
              "</TimeGroup></TimeGroups>")
    events = [event("E1", 4, groups=("gr_Pair",)), event("E2", 1, groups=("gr_Pair",))]
    ins = tiny(tmp_path, events, [constraint("SpreadEvents", limits, PAIR, cost="Quadratic")])
    # E1 starts at Mo1, Mo2 and Mo4 (the last of duration 2 runs into Tu1, but only starts count):
    # Mo 3 where at most 1 (2), Tu 0 where at least 1 (1); E2 untimed. Deviation 3, cost 9
    sol = solution(sub("E1", "Mo1", 1), sub("E1", "Mo2", 1), sub("E1", "Mo4", 2))
    ev = evaluate(ins, sol)
    assert ev.constraints[0].points[0].deviation == 3 and ev.infeasibility == 9


def test_link_events_counts_times_where_some_but_not_all_run(tmp_path):
    events = [event("E1", 2, groups=("gr_Pair",)), event("E2", 2, teacher="T2", groups=("gr_Pair",))]
    ins = tiny(tmp_path, events, [constraint("LinkEvents", "", PAIR)])
    # E1 at Mo1-Mo2, E2 at Mo2-Mo3: Mo1 and Mo3 have one of two: 2
    assert deviations(ins, solution(sub("E1", "Mo1"), sub("E2", "Mo2"))) == {"gr_Pair": 2}
    assert deviations(ins, solution(sub("E1", "Mo1"), sub("E2", "Mo1"))) == {}
    # E2 untimed: Mo1 and Mo2 have one of two: 2
    assert deviations(ins, solution(sub("E1", "Mo1"))) == {"gr_Pair": 2}


def test_order_events_measures_the_gap(tmp_path):
    pairs = ('<EventPairs><EventPair><FirstEvent Reference="E1"/><SecondEvent Reference="E2"/>'
             "<MinSeparation>1</MinSeparation><MaxSeparation>2</MaxSeparation></EventPair></EventPairs>")
    ins = tiny(tmp_path, [event("E1", 2), event("E2", 1, teacher="T2")],
               [constraint("OrderEvents", "", pairs)])
    # E1 Mo1-Mo2 ends at 2; E2 at Mo2 (1): gap -1, 2 short of 1
    assert deviations(ins, solution(sub("E1", "Mo1"), sub("E2", "Mo2"))) == {"E1>E2": 2}
    # E2 at Tu4 (7): gap 5, 3 over 2
    assert deviations(ins, solution(sub("E1", "Mo1"), sub("E2", "Tu4"))) == {"E1>E2": 3}
    # E2 at Mo4 (3): gap 1
    assert deviations(ins, solution(sub("E1", "Mo1"), sub("E2", "Mo4"))) == {}
    # E2 without a time: nothing to measure
    assert deviations(ins, solution(sub("E1", "Mo1"))) == {}


# --- resource constraints ------------------------------------------------------------------

def test_avoid_clashes_counts_extra_sub_events_per_time(tmp_path):
    ins = tiny(tmp_path, [event("E1", 2), event("E2", 1), event("E3", 1)],
               [constraint("AvoidClashes", "", TEACHERS)])
    # T1: Mo1 one, Mo2 three (E1's second time, E2, E3): 2. T2 free.
    assert deviations(ins, solution(sub("E1", "Mo1"), sub("E2", "Mo2"), sub("E3", "Mo2"))) == {"T1": 2}


def test_avoid_unavailable_times_counts_busy_times_once(tmp_path):
    times = '<TimeGroups><TimeGroup Reference="gr_First"/></TimeGroups><Times><Time Reference="Mo2"/></Times>'
    ins = tiny(tmp_path, [event("E1", 2), event("E2", 1), event("E3", 1)],
               [constraint("AvoidUnavailableTimes", times, T1)])
    # busy at Mo1 (twice: a clash), Mo2, Mo3; unavailable Mo1, Tu1, Mo2: Mo1 and Mo2 = 2
    assert deviations(ins, solution(sub("E1", "Mo1"), sub("E2", "Mo1"), sub("E3", "Mo3"))) == {"T1": 2}


def test_limit_idle_times_sums_idle_times_over_the_days(tmp_path):
    body = f"{DAYS}<Minimum>0</Minimum><Maximum>1</Maximum>"
    events = [event(f"E{i}", 1) for i in range(1, 5)]
    ins = tiny(tmp_path, events, [constraint("LimitIdleTimes", body, T1)])
    # Mo1 and Mo4: Mo2, Mo3 idle (2); Tu1 and Tu3: Tu2 idle (1); 3 where at most 1: 2
    sol = solution(sub("E1", "Mo1"), sub("E2", "Mo4"), sub("E3", "Tu1"), sub("E4", "Tu3"))
    assert deviations(ins, sol) == {"T1": 2}
    ins = tiny(tmp_path, events, [constraint("LimitIdleTimes", f"{DAYS}<Minimum>4</Minimum><Maximum>9</Maximum>", T1)])
    assert deviations(ins, sol) == {"T1": 1}


def test_idle_times_follow_time_order_not_sub_event_order(tmp_path):
    body = f"{DAYS}<Minimum>0</Minimum><Maximum>0</Maximum>"
    ins = tiny(tmp_path, [event("E1", 1), event("E2", 2)], [constraint("LimitIdleTimes", body, T1)])
    # E2 (2) at Mo4 runs into Tu1: Mo busy Mo1 and Mo4 (idle Mo2, Mo3), Tu busy Tu1 only: 2
    assert deviations(ins, solution(sub("E2", "Mo4"), sub("E1", "Mo1"))) == {"T1": 2}


def test_cluster_busy_times_counts_busy_days_and_free_resources_too(tmp_path):
    body = f"{DAYS}<Minimum>2</Minimum><Maximum>2</Maximum>"
    ins = tiny(tmp_path, [event("E1", 2)], [constraint("ClusterBusyTimes", body, TEACHERS)])
    # T1 busy on Mo only (1 where at least 2): 1; T2 never busy (0 where at least 2): 2
    assert deviations(ins, solution(sub("E1", "Mo1"))) == {"T1": 1, "T2": 2}


def test_limit_busy_times_skips_free_time_groups(tmp_path):
    body = f"{DAYS}<Minimum>2</Minimum><Maximum>3</Maximum>"
    ins = tiny(tmp_path, [event("E1", 4), event("E2", 1)], [constraint("LimitBusyTimes", body, TEACHERS)])
    # T1: Mo 4 busy (1 over 3), Tu free (nothing); T2 free everywhere
    assert deviations(ins, solution(sub("E1", "Mo1"))) == {"T1": 1}


def test_limit_workload_shares_a_slots_workload_over_its_sub_events(tmp_path):
    body = "<Minimum>0</Minimum><Maximum>1</Maximum>"
    events = [event("E1", 3, teacher=None), event("E2", 3, teacher=None, workload=1)]
    ins = tiny(tmp_path, events, [constraint("LimitWorkload", body, TEACHERS)])
    # E1 (workload 3): T1 1 of 3 -> 1, T2 2 of 3 -> 2. E2 (workload 1): T1 1/3, T2 2/3.
    # T1 4/3: 1/3 over 1, rounded up 1; T2 8/3: 5/3 over, rounded up 2. An untimed sub-event counts.
    sol = solution(sub("E1", "Mo1", 1, Teacher="T1"), sub("E1", None, 2, Teacher="T2"),
                   sub("E2", "Tu1", 1, Teacher="T1"), sub("E2", "Tu2", 2, Teacher="T2"))
    assert deviations(ins, sol) == {"T1": 1, "T2": 2}


def test_limit_workload_uses_the_slots_own_workload(tmp_path):
    body = "<Minimum>5</Minimum><Maximum>6</Maximum>"
    ins = tiny(tmp_path, [event("E1", 2, teacher_workload=4), event("E2", 1)],
               [constraint("LimitWorkload", body, T1)])
    # E1's T1 slot has workload 4 (not 2), E2's 1: 5, within [5, 6]; left out: still 5
    assert deviations(ins, solution()) == {}
    ins = tiny(tmp_path, [event("E1", 2), event("E2", 1)], [constraint("LimitWorkload", body, T1)])
    assert deviations(ins, solution()) == {"T1": 2}  # 2 + 1 = 3, 2 short of 5


# --- solutions that do not fit the instance ------------------------------------------------------

@pytest.mark.parametrize("subs,message", [
    ([sub("E1", None, 2), sub("E1", None, 2)], "last 4 in all, more than the event's duration 3"),
    ([sub("E1", "Tu4", 3)], "past the last time"),
    ([sub("E1", "Mo1", Room="R1")], "no resource of role \"Room\""),
    ([sub("E1", "Mo1", Teacher="R1")], "takes Teacher"),
    ([sub("E1", "Mo1", Teacher="T2")], "preassigned T1"),
    ([sub("E9", "Mo1")], "names no event"),
])
def test_a_solution_that_does_not_fit_is_refused(tmp_path, subs, message):
    ins = tiny(tmp_path, [event("E1", 3)], [constraint("AssignTime", "", E)])
    with pytest.raises(XhsttFormatError, match=message):
        evaluate(ins, solution(*subs))


def test_a_time_other_than_the_preassigned_one_is_refused(tmp_path):
    ins = tiny(tmp_path, [event("E1", 1, time="Mo2")], [constraint("AssignTime", "", E)])
    with pytest.raises(XhsttFormatError, match="preassigned time Mo2"):
        evaluate(ins, solution(sub("E1", "Mo3")))
