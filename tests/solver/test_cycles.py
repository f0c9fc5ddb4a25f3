"""Cycles of several weeks in the plan (solver/domain/cycles.py): dates, weeks of a cycle, the horizon and
the messages for weeks outside a cycle (issue 21)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from solver.domain import Plan, PlanError, parse_plan
from solver.domain.cycles import Cycle, check_horizon, plan_horizon, week_of_cycle

DEMO = json.loads((Path(__file__).parents[2] / "scenarios" / "demo" / "plan.json").read_text(encoding="utf-8"))


def _issues(data: dict) -> list[tuple[str, str]]:
    with pytest.raises(PlanError) as error:
        parse_plan(data)
    return [(i.path, i.message) for i in error.value.issues]


def test_a_cycle_starts_on_a_monday():
    assert Cycle(weeks=2, starts=date(2027, 1, 4)).starts.weekday() == 0
    with pytest.raises(ValueError, match="2027-01-05 is a Tuesday; a cycle starts on a Monday"):
        Cycle(weeks=2, starts=date(2027, 1, 5))


@pytest.mark.parametrize("day, week", [
    (date(2027, 1, 4), 1), (date(2027, 1, 10), 1), (date(2027, 1, 11), 2), (date(2027, 1, 18), 3),
    (date(2027, 1, 25), 1), (date(2026, 12, 28), 3),  # the week before week 1 is the cycle's last
])
def test_week_of_a_dated_week(day, week):
    assert week_of_cycle(Cycle(weeks=3, starts=date(2027, 1, 4)), day) == week


def test_week_of_a_horizon_week_without_dates():
    cycle = Cycle(weeks=2)
    assert [week_of_cycle(cycle, None, w) for w in range(1, 6)] == [1, 2, 1, 2, 1]
    assert week_of_cycle(Cycle(), date(2027, 3, 3)) == 1


def test_the_horizon_is_the_least_common_multiple_of_the_cycles():
    """The school's A/B weeks (2) and a 3-week rotation make a horizon of 6 weeks; its week 1 is the
    school's A-week, so the rotation that started a week earlier is in its week 2 then."""
    data = copy.deepcopy(DEMO)
    school = data["schools"][0]
    school["cycle_starts"] = "2027-01-04"
    school["periods"] += [dict(p, day=p["day"] + "2") for p in school["periods"]]
    data["employers"][0]["cycle"] = {"weeks": 3, "starts": "2026-12-28"}
    horizon = plan_horizon(_plain(data))
    assert horizon.weeks == 6 and horizon.reference == date(2027, 1, 4)
    rotation = _plain(data).employers[0].cycle
    assert [horizon.week_of(rotation, w) for w in range(1, 7)] == [2, 3, 1, 2, 3, 1]
    assert horizon.monday(3) == date(2027, 1, 18)


def _plain(data: dict) -> Plan:
    """The plan without the checks of parse_plan (which refuse what this version cannot plan yet)."""
    return Plan.model_validate(data)


def test_a_horizon_over_eight_weeks_is_refused_naming_the_cycles():
    data = copy.deepcopy(DEMO)
    data["employers"][0]["cycle"] = {"weeks": 5}
    data["employers"][1]["cycle"] = {"weeks": 3}
    (issue,) = check_horizon(_plain(data))
    assert issue.path == "employers[2].cycle"  # the last cycle of more than one week: the demo's maintenance
    assert "employer 'metaal-hengelo' 5 weeks, employer 'vdveen-installatie' 3 weeks" in issue.message
    assert "only after 15 weeks" in issue.message and "at most 8" in issue.message
    assert ("employers[2].cycle", issue.message) in _issues(data)


def test_weeks_outside_their_cycle_are_named():
    data = copy.deepcopy(DEMO)
    employer = data["employers"][0]
    employer["cycle"] = {"weeks": 2}
    employer["demand"][0]["weeks"] = [3]
    employer["staff"][0]["roster"][0]["week"] = 4
    employer["shifts"][0]["weeks"] = [1]
    found = dict(_issues(data))
    assert found["employers[0].demand[0].weeks[0]"] == ("week 3 is not in the employer's cycle of 2 weeks "
                                                         "(cycle.weeks); weeks are 1 ... 2")
    assert found["employers[0].staff[0].roster[0].week"] == ("week 4 is not in the employer's cycle of 2 weeks; "
                                                              "weeks are 1 ... 2")


def test_a_roster_item_may_repeat_its_shift_and_day_in_another_week_only():
    data = copy.deepcopy(DEMO)
    person = data["employers"][0]["staff"][0]
    person["roster"].append(dict(person["roster"][0]))
    assert any(path == "employers[0].staff[0].roster[" + str(len(person["roster"]) - 1) + "]"
               and "is listed twice" in message for path, message in _issues(data))
