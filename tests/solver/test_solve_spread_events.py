"""Certified solves with spread_events (XHSTT's SpreadEvents: starts per time group between bounds, hard or
soft with a cost function) and min_days_per_week over an interval of lesuren (XHSTT's ClusterBusyTimes over
the first lesuur of each day). Every solve is certified: the model's cost equals the validator's, per rule."""

from __future__ import annotations

import pytest

from tests.solver.extra_helpers import L3, away, slot, xplan
from tests.solver.solve_helpers import lesson, locked, solve_and_certify

DAYS3 = {"mon": L3, "tue": L3, "wed": L3}


def _starts(outcome, lesson_id: str) -> list[tuple[str, int]]:
    return sorted((p.day, p.period) for p in outcome.timetable.placements if p.lesson == lesson_id)


def test_spread_events_places_the_starts_in_their_time_groups_when_hard():
    """Z (3 copies): exactly one start on Monday, two in Tuesday-Wednesday, one at Tuesday lesuur 1, none at
    Wednesday lesuur 1 or 2. Without the rule the solver is free; with it every bound holds."""
    rule = {"type": "spread_events", "lessons": ["Z"], "time_groups": [
        {"days": ["mon"], "min_starts": 1, "max_starts": 1},
        {"days": ["tue", "wed"], "min_starts": 2, "max_starts": 2},
        {"slots": [slot("tue", 1)], "min_starts": 1},
        {"slots": [slot("wed", 1), slot("wed", 2)], "max_starts": 0}]}
    plan = xplan(rule, periods=DAYS3, lessons=[lesson("Z", "T1", count=3)])
    starts = _starts(solve_and_certify(plan, expect="OPTIMAL"), "Z")
    assert [d for d, _ in starts].count("mon") == 1
    assert ("tue", 1) in starts and ("wed", 1) not in starts and ("wed", 2) not in starts


@pytest.mark.parametrize("shape, cost", [("linear", 2 * 3), ("quadratic", 4 * 3), ("step", 1 * 3)])
def test_soft_spread_events_sums_the_time_groups_before_the_cost_function(shape, cost):
    """Z (2 copies) on a Monday of three lesuren: at least 3 starts on Monday (1 short, always) and one start
    in each of lesuren 1, 2 and 3 (2 copies leave one short): 2 units, weight 3."""
    groups = [{"days": ["mon"], "min_starts": 3}] + [{"slots": [slot("mon", n)], "min_starts": 1} for n in (1, 2, 3)]
    plan = xplan({"type": "spread_events", "lessons": ["Z"], "time_groups": groups, "weight": 3,
                  "cost_function": shape}, periods={"mon": L3}, lessons=[lesson("Z", "T1", count=2)])
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == cost


def test_soft_spread_events_is_weighed_against_another_rule():
    """Z (3 copies) wants no start on Monday (weight 2 per start); T1 is away Tuesday and Wednesday but for
    lesuur 3, and a locked lesson of T1 fills Wednesday 3: one copy goes to Tuesday 3, two to Monday, cost 4."""
    teachers = [{"id": "T1", "unavailable": [away("tue", "08:30", "10:10"), away("wed", "08:30", "10:10")]}, "T2"]
    lessons = [lesson("Z", "T1", count=3), locked("Y", "wed", 3, "T1", groups=["B"])]
    plan = xplan({"type": "spread_events", "lessons": ["Z"], "weight": 2,
                  "time_groups": [{"days": ["mon"], "max_starts": 0}]},
                 periods=DAYS3, lessons=lessons, teachers=teachers, groups=["A", "B"])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert outcome.result.objective == 2 * 2
    assert _starts(outcome, "Z")[-1] == ("tue", 3) and [d for d, _ in _starts(outcome, "Z")].count("mon") == 2


def test_min_days_per_week_over_the_first_lesuur_of_each_day():
    """Teacher T1 teaches Z twice; hard: busy in lesuur 1 on at least 2 days, so both copies start the day.
    Soft, with T1 away on Tuesday morning: 1 day short at weight 7, whatever the rest of the day holds."""
    rule = {"type": "min_days_per_week", "teachers": ["T1"], "min_days": 2, "first_period": 1, "end_period": 2}
    plan = xplan(rule, periods={"mon": L3, "tue": L3}, lessons=[lesson("Z", "T1", count=2)])
    assert _starts(solve_and_certify(plan, expect="OPTIMAL"), "Z") == [("mon", 1), ("tue", 1)]
    teachers = [{"id": "T1", "unavailable": [away("tue", "08:30", "09:20")]}]
    soft = xplan({**rule, "weight": 7}, periods={"mon": L3, "tue": L3}, lessons=[lesson("Z", "T1", count=2)],
                 teachers=teachers)
    assert solve_and_certify(soft, expect="OPTIMAL").result.objective == 7
