"""The validator's cost functions of the scoped extra constraints (docs/rules.md, 'Cost functions'): an
owner's units summed over its days, then linear, squared or a step, times the weight; `days`,
max_periods_per_day's `min_periods`, max_gaps_per_week's `unavailable_gaps`, and the plan's checks."""

from __future__ import annotations

import pytest

from solver.domain import PlanError, parse_plan
from tests.solver.factories import lesson, place
from tests.solver.test_validate_extra import cplan, run

# group 1A: Monday lesuren 1 and 4 (2 gaps), Tuesday 1 and 3 (1 gap)
FOUR = [lesson(f"L{k}", f"T{k}", ["1A"]) for k in range(1, 5)]
GAPPY = [place("L1", "mon", 1, "T1", "R1"), place("L2", "mon", 4, "T2", "R1"),
         place("L3", "tue", 1, "T3", "R1"), place("L4", "tue", 3, "T4", "R1")]


@pytest.mark.parametrize("shape, cost", [("linear", 3 * 3), ("quadratic", 9 * 3), ("step", 3)])
def test_an_owners_gaps_add_up_before_the_cost_function(shape, cost):
    plan = cplan({"type": "max_gaps_per_week", "groups": ["1A"], "max_gaps": 0, "weight": 3, "cost_function": shape},
                 lessons=FOUR)
    report = run(plan, *GAPPY)
    assert report.hard_violations == 0 and report.breakdown["max_gaps_per_week"] == cost
    [violation] = [v for v in report.violations if v.rule == "max_gaps_per_week"]
    assert violation.amount == 3 and (shape == "linear") == ("(" not in violation.message_en)


def test_per_day_units_of_one_owner_are_summed_and_each_owner_squared_apart():
    """max 1 lesuur a day for 1A and for T1: 1A has 2 on Monday and 2 on Tuesday ((1 + 1)² = 4), T1 2 on
    Monday (1² = 1): 5 x 5 = 25."""
    lessons = [lesson("A", "T1", ["1A"]), lesson("B", "T1", ["1A"]), lesson("C", "T2", ["1A"]),
               lesson("D", "T3", ["1A"])]
    plan = cplan({"type": "max_periods_per_day", "groups": ["1A"], "teachers": ["T1"], "max_periods": 1,
                  "weight": 5, "cost_function": "quadratic"}, lessons=lessons)
    report = run(plan, place("A", "mon", 1, "T1", "R1"), place("B", "mon", 2, "T1", "R1"),
                 place("C", "tue", 1, "T2", "R1"), place("D", "tue", 2, "T3", "R1"))
    assert report.breakdown["max_periods_per_day"] == 25


def test_days_count_only_the_named_days():
    plan = cplan({"type": "max_gaps_per_week", "groups": ["1A"], "max_gaps": 0, "weight": 2, "days": ["tue"],
                  "cost_function": "quadratic"}, lessons=FOUR)
    assert run(plan, *GAPPY).breakdown["max_gaps_per_week"] == 2  # Tuesday's one gap, 1² x 2
    hard = cplan({"type": "min_periods_per_day", "groups": ["1A"], "min_periods": 3, "days": ["wed"]}, lessons=FOUR)
    assert run(hard, *GAPPY).hard_violations == 0  # Monday and Tuesday are short, but only Wednesday counts


def test_min_periods_of_max_periods_per_day():
    """Between 2 and 3 a day on a day with any: Monday 1 (1 short), Tuesday 4 (1 over), Wednesday none."""
    lessons = [lesson(f"L{k}", f"T{k}", ["1A"]) for k in range(1, 6)]
    placed = [place("L1", "mon", 1, "T1", "R1")] + [place(f"L{k}", "tue", k - 1, f"T{k}", "R1") for k in range(2, 6)]
    plan = cplan({"type": "max_periods_per_day", "groups": ["1A"], "max_periods": 3, "min_periods": 2}, lessons=lessons)
    report = run(plan, *placed)
    assert sorted(v.entities["day"] for v in report.hard("max_periods_per_day")) == ["mon", "tue"]
    soft = cplan({"type": "max_periods_per_day", "groups": ["1A"], "max_periods": 3, "min_periods": 2, "weight": 1,
                  "cost_function": "quadratic"}, lessons=lessons)
    assert run(soft, *placed).breakdown["max_periods_per_day"] == 4


def test_unavailable_gaps_count_an_unavailable_lesuur_between_lessons():
    lessons = [lesson("A", "T1", ["1A"]), lesson("B", "T2", ["1A"])]
    placed = [place("A", "mon", 1, "T1", "R1"), place("B", "mon", 3, "T2", "R1")]
    teachers = {"groups": [{"id": "1A", "unavailable": [{"day": "mon", "start": "09:20", "end": "10:10"}]}]}
    for flag, units in ((False, 0), (True, 1)):
        plan = cplan({"type": "max_gaps_per_week", "groups": ["1A"], "max_gaps": 0, "unavailable_gaps": flag},
                     lessons=lessons)
        data = plan.model_dump(mode="json")
        data["schools"][0]["groups"] = [g | teachers["groups"][0] if g["id"] == "1A" else g
                                        for g in data["schools"][0]["groups"]]
        assert run(parse_plan(data), *placed).hard_violations == units


def test_bad_days_and_bounds_are_named():
    with pytest.raises(PlanError, match=r"constraints\[0\]\.days\[1\].*listed twice"):
        cplan({"type": "max_gaps_per_week", "groups": ["1A"], "max_gaps": 0, "days": ["mon", "mon"]}, lessons=FOUR)
    with pytest.raises(PlanError, match=r"constraints\[0\]\.min_periods.*above max_periods"):
        cplan({"type": "max_periods_per_day", "groups": ["1A"], "max_periods": 2, "min_periods": 3}, lessons=FOUR)
    with pytest.raises(PlanError, match="cost_function"):
        cplan({"type": "max_gaps_per_week", "groups": ["1A"], "max_gaps": 0, "cost_function": "cubic"}, lessons=FOUR)


def test_the_explanation_names_the_days_and_the_minimum():
    from solver.explain.text import describe
    plan = cplan({"type": "max_periods_per_day", "groups": ["1A"], "max_periods": 3, "min_periods": 1,
                  "days": ["mon", "tue", "fri"]}, lessons=FOUR)
    _, nl, en = describe(plan, ("max_periods_per_day", 0), [])
    assert "En minstens 1 lesuur op een dag met les. Alleen op ma, di, vr." in nl
    assert "And at least 1 period on a day with lessons. Only on Mon, Tue, Fri." in en


def test_same_teacher_counts_teachers_beyond_the_first():
    lessons = [lesson("Z", None, ["1A"], candidates=["T1", "T2", "T3"], count=3)]
    placed = [place("Z", "mon", 1, "T1", "R1", copy=0), place("Z", "tue", 1, "T2", "R1", copy=1),
              place("Z", "wed", 1, "T3", "R1", copy=2)]
    report = run(cplan({"type": "same_teacher", "lessons": ["Z"]}, lessons=lessons), *placed)
    [violation] = report.hard("same_teacher")
    assert violation.amount == 2 and violation.entities["teachers"] == ["T1", "T2", "T3"]
    assert run(cplan({"type": "same_teacher", "lessons": ["Z"], "weight": 3}, lessons=lessons),
               *placed).breakdown["same_teacher"] == 6


def test_workload_per_week_rounds_the_share_up():
    """X: 3 copies, workload 2 (2/3 each); T1 has two copies and Y (1): 7/3, at most 1: 4/3 over, 2 units;
    T2 has one copy, at least 1: 1/3 short, 1 unit."""
    lessons = [lesson("X", None, ["1A"], candidates=["T1", "T2"], count=3), lesson("Y", "T1", ["1B"])]
    placed = [place("X", "mon", 1, "T1", "R1", copy=0), place("X", "tue", 1, "T1", "R1", copy=1),
              place("X", "wed", 1, "T2", "R1", copy=2), place("Y", "thu", 1, "T1", "R1")]
    c = {"type": "workload_per_week", "teachers": ["T1", "T2"], "min_workload": 1, "max_workload": 1,
         "workloads": [{"lesson": "X", "workload": 2}], "weight": 5}
    report = run(cplan(c, lessons=lessons), *placed)
    assert sorted(v.amount for v in report.violations if v.rule == "workload_per_week") == [1, 2]
    assert report.breakdown["workload_per_week"] == 15
    with pytest.raises(PlanError, match=r"workloads\[0\]\.lesson: unknown lesson 'Q'"):
        cplan(c | {"workloads": [{"lesson": "Q", "workload": 1}]}, lessons=lessons)
