"""Validator tests for availability at two levels: a hard window or mark is a hard violation, a preference
is a soft cost, reported with who, when, why and how much (the arithmetic in comments)."""

from __future__ import annotations

import pytest

from solver.domain import PlanError, parse_plan
from solver.domain.policy import Weights
from solver.validate import validate
from tests.solver.factories import employer, hto, lesson, make_plan, make_timetable, place, staff

# Default day of tests.solver.factories: lesuur 1 08:30-09:20, 2 09:20-10:10, 3 10:30-11:20, 4 11:20-12:10.
WINDOW = {"day": "mon", "start": "09:00", "end": "10:30", "reason": "ouderavond"}  # overlaps lesuren 1 and 2


def _weights(**on: int) -> dict:
    return {name: 0 for name in Weights.model_fields} | on


def _teacher_plan(level: str, weight: int | None = None, **weights):
    window = WINDOW | {"level": level} | ({"weight": weight} if weight is not None else {})
    return make_plan(lessons=[lesson("L1", "T1", duration=2)], teachers=[{"id": "T1", "unavailable": [window]}],
                     weights=_weights(**weights))


def test_teacher_unavailable_preference_is_a_soft_cost_per_lesuur_times_its_weight():
    plan = _teacher_plan("preference", 4, teacher_unavailable_preference=3)
    report = validate(plan, make_timetable([place("L1", "mon", 1, duration=2)]))
    assert report.ok
    # 2 lesuren in the window x weight 4 = 8 units; x weights.teacher_unavailable_preference 3 = 24
    assert report.breakdown["teacher_unavailable_preference"] == 24 and report.soft_cost == 24
    (v,) = report.violations
    assert (v.rule, v.kind, v.amount) == ("teacher_unavailable_preference", "soft", 8)
    assert v.entities | {"lessons": None} == {"teacher": "T1", "lessons": None, "day": "mon", "start": "09:00",
                                              "end": "10:30", "reason": "ouderavond", "weight": 4, "lesuren": 2,
                                              "cost": 24}
    assert "weight 4 x 2 lesuren, cost 24" in v.message_en and "gewicht 4 x 2 lesuren, kosten 24" in v.message_nl
    # outside the window: nothing to pay
    assert validate(plan, make_timetable([place("L1", "mon", 3, duration=2)])).soft_cost == 0


def test_teacher_hard_window_is_a_hard_violation_and_no_cost():
    report = validate(_teacher_plan("hard", teacher_unavailable_preference=1),
                      make_timetable([place("L1", "mon", 1, duration=2)]))
    assert report.hard_by_rule() == {"teacher_unavailable": 1} and report.soft_cost == 0


def test_the_default_preference_weight_is_5_and_weight_0_of_the_rule_reports_nothing():
    report = validate(_teacher_plan("preference", teacher_unavailable_preference=1),
                      make_timetable([place("L1", "mon", 1, duration=2)]))
    assert report.breakdown["teacher_unavailable_preference"] == 5 * 2
    off = validate(_teacher_plan("preference"), make_timetable([place("L1", "mon", 1, duration=2)]))
    assert off.soft_cost == 0 and off.violations == []


def test_group_unavailable_preference_counts_per_group_of_the_lesson():
    """A lesson of 1A and 1B, both rather not at lesuur 2 (weights 2 and 3): 2 + 3 = 5."""
    groups = [{"id": "1A", "unavailable": [WINDOW | {"level": "preference", "weight": 2}]},
              {"id": "1B", "unavailable": [WINDOW | {"level": "preference", "weight": 3},
                                           {"day": "tue", "start": "08:00", "end": "17:00"}]}]
    plan = make_plan(lessons=[lesson("L1", "T1", ["1A", "1B"])], groups=groups,
                     weights=_weights(group_unavailable_preference=1))
    report = validate(plan, make_timetable([place("L1", "mon", 2)]))
    assert report.ok and report.breakdown["group_unavailable_preference"] == 5
    assert {v.entities["group"] for v in report.violations} == {"1A", "1B"}
    # 1B's Tuesday window is hard: a hard violation there, and no preference cost
    tuesday = validate(plan, make_timetable([place("L1", "tue", 2)]))
    assert tuesday.hard_by_rule() == {"group_unavailable": 1} and tuesday.soft_cost == 0


def _hto_plan(level: str, travel: int = 30):
    mark = {"staff": "jdv", "day": "mon", "start": "12:00", "end": "12:20", "reason": "audit", "level": level}
    if level == "preference":
        mark["weight"] = 7
    return make_plan(lessons=[lesson("L1", "JDV")], employers=[employer("E", [], [staff("jdv")])],
                     htos=[hto("JDV", "JDV", "jdv", travel_minutes={"S": travel})], unavailable_marks=[mark],
                     weights=_weights(sme_unavailable_preference=2))


def test_sme_unavailable_preference_costs_when_the_hto_is_away_with_travel():
    """Lesuur 5 starts 12:40; with 30 minutes of travel the hto'er is away from 12:10: the mark is used."""
    plan = _hto_plan("preference")
    report = validate(plan, make_timetable([place("L1", "mon", 5, "JDV")]))
    assert report.ok
    (v,) = report.violations
    assert v.rule == "sme_unavailable_preference" and v.amount == 7 and v.entities["cost"] == 14
    assert report.breakdown["sme_unavailable_preference"] == 14  # weight 7 x 2
    assert "(audit)" in v.message_en and "met reistijd" in v.message_nl
    # without travel the lesson (12:40) is clear of the mark
    assert validate(_hto_plan("preference", travel=0), make_timetable([place("L1", "mon", 5, "JDV")])).soft_cost == 0


def test_sme_hard_mark_is_a_hard_violation_and_no_cost():
    report = validate(_hto_plan("hard"), make_timetable([place("L1", "mon", 5, "JDV")]))
    assert report.hard_by_rule() == {"sme_unavailable_mark": 1} and report.soft_cost == 0


def test_a_preference_window_is_available_for_the_gap_rules():
    """A hard window between two lessons is no gap (as in FET); a preference window is: the teacher is
    available there, only rather not."""
    def plan_of(level):
        window = {"day": "mon", "start": "09:20", "end": "10:10", "level": level}
        data = make_plan(lessons=[lesson("L1", "T1", ["1A"]), lesson("L2", "T1", ["1B"])],
                         teachers=[{"id": "T1", "unavailable": [window]}], weights=_weights()).model_dump(mode="json")
        data["constraints"] = [{"type": "max_gaps_per_day", "teachers": ["T1"], "max_gaps": 0}]
        return parse_plan(data)

    timetable = make_timetable([place("L1", "mon", 1), place("L2", "mon", 3)])
    assert validate(plan_of("hard"), timetable).ok
    assert validate(plan_of("preference"), timetable).hard_by_rule() == {"max_gaps_per_day": 1}


@pytest.mark.parametrize("window, path", [
    (WINDOW | {"weight": 3}, "teachers[0].unavailable[0]"),
    (WINDOW | {"level": "preference", "weight": 0}, "teachers[0].unavailable[0].weight"),
    (WINDOW | {"level": "rather"}, "teachers[0].unavailable[0].level"),
])
def test_a_bad_level_or_weight_is_a_plan_error_naming_the_field(window, path):
    data = make_plan(lessons=[lesson("L1", "T1")]).model_dump(mode="json")
    data["teachers"][0]["unavailable"] = [window]
    with pytest.raises(PlanError) as error:
        parse_plan(data)
    assert any(issue.path == path for issue in error.value.issues), error.value.issues
