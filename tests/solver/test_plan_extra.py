"""Reference checks of extra constraints, co-teachers and lessons without a teacher (solver/domain)."""

from __future__ import annotations

import pytest

from solver.domain import PlanError, parse_plan
from tests.solver.factories import lesson, make_plan


def plan_data(*constraints: dict, lessons=None) -> dict:
    """A valid plan (lessons A, B x2; teachers T1, T2; groups 1A, 1B) as JSON, with these constraints / lessons."""
    base = [lesson("A", "T1", ["1A"]), lesson("B", "T2", ["1B"], count=2)]
    data = make_plan(lessons=base).model_dump(mode="json")
    data["constraints"] = list(constraints)
    if lessons is not None:
        data["lessons"] = lessons
    return data


def issues(data: dict) -> list[str]:
    with pytest.raises(PlanError) as error:
        parse_plan(data)
    return [str(issue) for issue in error.value.issues]


def test_unknown_lesson_is_named_by_field_path():
    """A constraint naming a lesson that does not exist points at the list entry."""
    data = plan_data({"type": "not_overlapping", "lessons": ["A", "A17"]})
    assert issues(data) == ["constraints[0].lessons[1]: unknown lesson 'A17'"]


def test_consecutive_unknown_second_and_slot_and_teacher():
    """first/second, slots, teachers and groups are each checked against the plan."""
    data = plan_data(
        {"type": "consecutive", "first": "A", "second": "Z"},
        {"type": "preferred_starts", "lessons": ["A"], "slots": [{"day": "mon", "period": 9}]},
        {"type": "max_gaps_per_day", "teachers": ["T9"], "groups": ["9Z"], "max_gaps": 0},
        {"type": "preferred_rooms", "lessons": ["A"], "rooms": ["R7"], "weight": 1},
    )
    assert issues(data) == [
        "constraints[0].second: unknown lesson 'Z'",
        "constraints[1].slots[0]: school 'S' has no lesuur 9 on mon",
        "constraints[2].teachers[0]: unknown teacher 'T9'",
        "constraints[2].groups[0]: unknown group '9Z'",
        "constraints[3].rooms[0]: unknown room 'R7' at school 'S'",
    ]


def test_copywise_types_need_equal_counts_and_no_repeats():
    """same_starting_time ties copy k to copy k, so counts must match; a lesson named twice is an error."""
    data = plan_data({"type": "same_starting_time", "lessons": ["A", "B"]},
                     {"type": "min_days_between", "lessons": ["B", "B"], "min_days": 1})
    assert issues(data) == [
        "constraints[0]: the lessons must be given equally often a week (copy k goes with copy k)",
        "constraints[1].lessons[1]: lesson 'B' is named twice",
    ]


def test_interval_must_be_non_empty():
    """interval_max_days_per_week needs end_period after first_period."""
    data = plan_data({"type": "interval_max_days_per_week", "teachers": ["T1"], "first_period": 4,
                      "end_period": 3, "max_days": 1})
    assert issues(data) == [
        "constraints[0].end_period: must be after first_period (the interval is [first_period, end_period))"]


def test_a_valid_set_of_constraints_loads():
    """Known lessons, slots, teachers and groups load; an empty scope is allowed (it is about nobody)."""
    plan = parse_plan(plan_data(
        {"type": "min_days_between", "lessons": ["A", "B"], "min_days": 2, "weight": 3},
        {"type": "preferred_slots", "lessons": ["B"], "slots": [{"day": "fri", "period": 8}]},
        {"type": "max_gaps_per_week", "max_gaps": 0},
    ))
    assert [c.type for c in plan.constraints] == ["min_days_between", "preferred_slots", "max_gaps_per_week"]


def test_lesson_without_teacher_needs_teacherless_or_co_teachers():
    """A lesson with no teacher at all must say so; co-teachers alone are enough."""
    bare = plan_data(lessons=[lesson("A", None, ["1A"])])
    assert issues(bare) == ["lessons[0]: has no teacher and no candidates (set teacherless: true for a lesson "
                            "without one)"]
    parse_plan(plan_data(lessons=[lesson("A", None, ["1A"], teacherless=True)]))
    parse_plan(plan_data(lessons=[lesson("A", None, ["1A"], co_teachers=["T1"])]))


def test_co_teachers_are_checked():
    """Co-teachers must exist, be listed once, and not be the lesson's teacher; teacherless takes no teacher."""
    data = plan_data(lessons=[lesson("A", "T1", ["1A"], co_teachers=["T9", "T2", "T2", "T1"]),
                              lesson("B", "T2", ["1B"], teacherless=True)])
    assert issues(data) == [
        "lessons[0].co_teachers[0]: unknown teacher 'T9'",
        "lessons[0].co_teachers[2]: teacher 'T2' is listed twice",
        "lessons[0].co_teachers[3]: teacher 'T1' is also the lesson's teacher or a candidate",
        "lessons[1].teacherless: a lesson without a teacher may not name a teacher or candidates",
    ]
