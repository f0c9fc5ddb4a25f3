"""The validator on spread_events (starts per time group between bounds; soft: units summed over the time
groups, then the cost function) and on min_days_per_week over an interval of lesuren; the plan's checks."""

from __future__ import annotations

import pytest

from solver.domain import PlanError, parse_plan
from tests.solver.factories import lesson, place
from tests.solver.test_validate_extra import cplan, run

Z3 = [lesson("Z", "T1", ["1A"], count=3)]
# Z on Monday 1, Monday 3 and Tuesday 2
PLACED = [place("Z", "mon", 1, copy=0), place("Z", "mon", 3, copy=1), place("Z", "tue", 2, copy=2)]
GROUPS = [{"days": ["mon"], "max_starts": 1},                                      # 2 starts: 1 over
          {"days": ["wed"], "min_starts": 1},                                      # none: 1 short
          {"slots": [{"day": "tue", "period": 2}, {"day": "mon", "period": 1}], "min_starts": 2, "max_starts": 2}]


def test_spread_events_reports_each_time_group_out_of_bounds():
    report = run(cplan({"type": "spread_events", "lessons": ["Z"], "time_groups": GROUPS}, lessons=Z3), *PLACED)
    found = sorted((v.entities["time_group"], v.amount, len(v.entities["lessons"])) for v in report.hard("spread_events"))
    assert found == [(0, 1, 2), (1, 1, 0)]  # the third group holds exactly its two starts
    [over] = [v for v in report.hard("spread_events") if v.entities["time_group"] == 0]
    assert "2 copies start in time group 1, at most 1" in over.message_en and "tijdgroep 1" in over.message_nl


@pytest.mark.parametrize("shape, cost", [("linear", 2 * 5), ("quadratic", 4 * 5), ("step", 5)])
def test_soft_spread_events_sums_its_time_groups_then_the_cost_function(shape, cost):
    plan = cplan({"type": "spread_events", "lessons": ["Z"], "time_groups": GROUPS, "weight": 5,
                  "cost_function": shape}, lessons=Z3)
    report = run(plan, *PLACED)
    assert report.hard_violations == 0 and report.breakdown["spread_events"] == cost


def test_an_unplaced_copy_starts_nowhere():
    report = run(cplan({"type": "spread_events", "lessons": ["Z"], "time_groups": [{"days": ["mon"], "min_starts": 3}]},
                       lessons=Z3), *PLACED[:1])
    assert [v.amount for v in report.hard("spread_events")] == [2]


def test_min_days_per_week_counts_only_its_lesuren():
    """T1 busy Monday 1 and 3 and Tuesday 2: in lesuur 1 on one day only, so 1 short of 2 there (any lesuur: none)."""
    rule = {"type": "min_days_per_week", "teachers": ["T1"], "min_days": 2}
    assert run(cplan(rule, lessons=Z3), *PLACED).hard("min_days_per_week") == []
    [short] = run(cplan({**rule, "first_period": 1, "end_period": 2}, lessons=Z3), *PLACED).hard("min_days_per_week")
    assert short.amount == 1 and "in lesuur 1 on 1 day(s)" in short.message_en
    assert run(cplan({**rule, "first_period": 2}, lessons=Z3), *PLACED).hard("min_days_per_week") == []


@pytest.mark.parametrize("rule, path", [
    ({"type": "spread_events", "lessons": ["Z"], "time_groups": [{"min_starts": 1}]}, "constraints[0].time_groups[0]"),
    ({"type": "spread_events", "lessons": ["Z"], "time_groups": [{"days": ["mon"], "min_starts": 2, "max_starts": 1}]},
     "constraints[0].time_groups[0].min_starts"),
    ({"type": "spread_events", "lessons": ["Z"], "time_groups": [{"slots": [{"day": "mon", "period": 40}]}]},
     "constraints[0].time_groups[0].slots[0]"),
    ({"type": "min_days_per_week", "teachers": ["T1"], "min_days": 1, "first_period": 3, "end_period": 3},
     "constraints[0].end_period"),
])
def test_bad_time_groups_and_intervals_are_named(rule, path):
    with pytest.raises(PlanError) as info:
        cplan(rule, lessons=Z3)
    assert any(issue.path == path for issue in info.value.issues)
