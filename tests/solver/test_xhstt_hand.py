"""A hand-made solution for the smallest instance, BR-SA-00, with its costs worked out by hand.

BR-SA-00 (tests/data/xhstt/BR-SA-00.xml): 25 times, Mo_1..Mo_5, Tu_1..Tu_5, ..., Fr_1..Fr_5
(indices 0..24; no break between days: a double at Mo_5 runs on into Tu_1). 63 events, each one
teacher Tn and one class Sn, both preassigned; each event is alone in its course gr_Tn-Sn.
Durations: 4 events of 4 (T1-S1, T1-S3, T2-S6, T5-S6), 25 of 3, 25 of 2, 9 of 1: 150 in all.

Constraints (hard = Required):
  hard AssignTimes            all events, weight 1
  hard SplitEventsConstraint  all events: sub-events of duration 1..2, 1..999 of them
  soft DistributeSplit_1      the 50 events of duration 3 and 2: exactly 1 sub-event of duration 2
  soft DistributeSplit_2      T1-S1, T1-S3, T2-S6, T5-S6 (duration 4): exactly 2 of duration 2
  hard PreferredTimes         sub-events of duration 2 start at a time Xx_1..Xx_4 (not Xx_5)
  hard SpreadEvents_2         each course: at most 1 sub-event starting per day
  hard NoResourceClashes      all teachers and classes
  hard AvoidUnavailableTimes  T2 not on Friday; T4 not on Friday; T14 not Mo, We, Th
  soft noIDLETimesT           weight 3: no idle time of a teacher within a day
  soft MaxNofDays_1..4        weight 9: T3, T9, T14 at most 1 day; T5, T10 at most 2; T1, T2, T4,
                              T11-T13 at most 3; T6-T8 at most 4

The solution places ten events and leaves the other 53 out (each then one sub-event of its whole
duration without a time):
  T1-S1  (4)  Mo_1 (2), Mo_3 (2)        T1 and S1 busy Mo_1..Mo_4
  T1-S2  (3)  Mo_5 (2), We_1 (1)        the double runs Mo_5, Tu_1: T1 and S2 busy then, and We_1
  T1-S3  (4)  Th_2 (4)                  unsplit: T1 and S3 busy Th_2..Th_5
  T14-S1 (1)  Mo_2                      S1 is also in T1-S1 then
  T14-S2 (1)  Fr_5
  T14-S3 (1)  Fr_2
  T2-S2  (1)  Fr_1
  T3-S4  (1)  Tu_3
  T3-S5  (1)  We_3
  T3-S6  (1)  Tu_3                      T3 also in T3-S4 then
Placed: 4+3+4+1+1+1+1+1+1+1 = 18 of the 150.

Hard, by hand:
  AssignTimes          the 53 events left out last 150 - 18 = 132                               132
  SplitEvents          left out and longer than 2: 29 events of 3 or 4, less T1-S1, T1-S2,
                       T1-S3 = 26; T1-S1 (2+2) and T1-S2 (2+1) fine; T1-S3 one sub-event of 4: 1   27
  PreferredTimes       the double of T1-S2 starts at Mo_5: its duration 2                         2
  SpreadEvents_2       T1-S1 starts twice on Monday: 1                                             1
  NoResourceClashes    S1 at Mo_2 (T1-S1 and T14-S1): 1; T3 at Tu_3 (T3-S4, T3-S6): 1               2
  Unavailable_T2       T2 busy Fr_1: 1                                                             1
  Unavailable_T4       T4 never busy                                                               0
  Unavailable_T14      T14 busy Mo_2: 1 (Fr_2 and Fr_5 are allowed)                                1
                                                                                   infeasibility 166
Soft, by hand:
  DistributeSplit_1    24 events of 3 left out: no double, 1 each = 24; T1-S2 has its one double  24
  DistributeSplit_2    T1-S1 two doubles: 0; T1-S3 none: 2; T2-S6, T5-S6 left out: 2 + 2           6
  noIDLETimesT         T14 on Friday busy Fr_2 and Fr_5: idle Fr_3, Fr_4 = 2, x 3; T1 busy
                       Mo_1..Mo_5, Tu_1, We_1, Th_2..Th_5 without a hole; T3 one time a day        6
  MaxNofDays_1         T3 Tu and We: 1 over, x 9; T14 Mo and Fr: 1 over, x 9; T9 free             18
  MaxNofDays_2         T5, T10 free                                                                0
  MaxNofDays_3         T1 Mo, Tu (the double's Tu_1), We, Th: 4, 1 over 3, x 9; T2 Fr only        9
  MaxNofDays_4         T6-T8 free                                                                  0
                                                                                       objective 63
"""

from __future__ import annotations

from pathlib import Path

from solver.io.xhstt.evaluate import evaluate
from solver.io.xhstt.model import Solution, SolutionEvent
from solver.io.xhstt.reader import read_instance

BR_SA_00 = Path(__file__).resolve().parents[1] / "data" / "xhstt" / "BR-SA-00.xml"

PLACED = [
    ("T1-S1", "Mo_1", 2), ("T1-S1", "Mo_3", 2),
    ("T1-S2", "Mo_5", 2), ("T1-S2", "We_1", 1),
    ("T1-S3", "Th_2", 4),
    ("T14-S1", "Mo_2", 1), ("T14-S2", "Fr_5", 1), ("T14-S3", "Fr_2", 1),
    ("T2-S2", "Fr_1", 1),
    ("T3-S4", "Tu_3", 1), ("T3-S5", "We_3", 1), ("T3-S6", "Tu_3", 1),
]

BY_HAND = {
    "AssignTimes": 132, "SplitEventsConstraint": 27, "PreferredTimes": 2, "SpreadEvents_2": 1,
    "NoResourceClashes": 2, "AvoidUnavailableTimes_T2": 1, "AvoidUnavailableTimes_T4": 0,
    "AvoidUnavailableTimes_T14": 1,
    "DistributeSplit_1": 24, "DistributeSplit_2": 6, "noIDLETimesT": 6,
    "MaxNofDaysConstraint_T_days_1": 18, "MaxNofDaysConstraint_T_days_2": 0,
    "MaxNofDaysConstraint_T_days_3": 9, "MaxNofDaysConstraint_T_days_4": 0,
}


def _solution() -> Solution:
    return Solution(instance="BR-SA-00",
                    events=tuple(SolutionEvent(e, d, t) for e, t, d in PLACED))


def test_the_hand_made_solution_costs_what_was_worked_out_by_hand():
    ev = evaluate(read_instance(BR_SA_00), _solution())
    assert {c.id: c.cost for c in ev.constraints} == BY_HAND
    assert (ev.infeasibility, ev.objective) == (166, 63)


def test_the_hand_made_solution_per_point_of_application():
    ev = evaluate(read_instance(BR_SA_00), _solution())
    points = {c.id: {p.point: (p.deviation, p.cost) for p in c.points} for c in ev.constraints}
    assert points["NoResourceClashes"] == {"S1": (1, 1), "T3": (1, 1)}
    assert points["SpreadEvents_2"] == {"gr_T1-S1": (1, 1)}
    assert points["PreferredTimes"] == {"T1-S2": (2, 2)}
    assert points["SplitEventsConstraint"]["T1-S3"] == (1, 1)
    assert "T1-S1" not in points["SplitEventsConstraint"] and "T1-S2" not in points["SplitEventsConstraint"]
    assert points["DistributeSplit_2"] == {"T1-S3": (2, 2), "T2-S6": (2, 2), "T5-S6": (2, 2)}
    assert points["noIDLETimesT"] == {"T14": (2, 6)}
    assert points["MaxNofDaysConstraint_T_days_1"] == {"T3": (1, 9), "T14": (1, 9)}
    assert points["MaxNofDaysConstraint_T_days_3"] == {"T1": (1, 9)}
    assert points["AvoidUnavailableTimes_T14"] == {"T14": (1, 1)}


def test_the_empty_solution_of_br_sa_00():
    # nothing placed: AssignTimes 150; SplitEvents the 29 events of 3 or 4; DistributeSplit_1 the
    # 25 events of 3 (no double); DistributeSplit_2 four events with no double, 2 each = 8
    ev = evaluate(read_instance(BR_SA_00), Solution(instance="BR-SA-00"))
    assert (ev.infeasibility, ev.objective) == (150 + 29, 25 + 8)
