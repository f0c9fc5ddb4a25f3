"""Validator tests for the soft rules and the objective: exact costs, with the arithmetic in comments."""

from __future__ import annotations

from solver.rules import SOFT_RULES
from solver.validate import validate
from tests.solver.factories import (
    current_rosters, employer, hto, lesson, make_plan, make_timetable, place, shift, staff, work,
)


def test_teacher_gaps():
    """A teacher with lessons in periods 1 and 4 on Monday has 2 free periods between them."""
    plan = make_plan(lessons=[lesson("L1", groups=["1A"]), lesson("L2", groups=["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 1), place("L2", "mon", 4)]))
    assert report.ok
    # (4 - 1 + 1) - 2 occupied = 2 gap periods x weight 2
    assert report.breakdown["teacher_gaps"] == 4 and report.soft_cost == 4
    [violation] = [v for v in report.violations if v.rule == "teacher_gaps"]
    assert violation.kind == "soft" and violation.amount == 2


def test_teacher_gaps_are_per_day():
    """Lessons in period 1 on Monday and period 4 on Tuesday leave no gap."""
    plan = make_plan(lessons=[lesson("L1", groups=["1A"]), lesson("L2", groups=["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 1), place("L2", "tue", 4)]))
    assert report.soft_cost == 0 and report.violations == []


def test_student_gaps_through_student_sets():
    """Set a2 is in class 1A (period 1) and cluster X (period 3): one tussenuur; a1 and b1 have none."""
    groups = [{"id": "1A", "student_sets": ["a1", "a2"]}, {"id": "X", "student_sets": ["a2", "b1"]}]
    plan = make_plan(lessons=[lesson("L1", "T1", ["1A"]), lesson("L2", "T2", ["X"])], groups=groups,
                     student_sets=["a1", "a2", "b1"])
    report = validate(plan, make_timetable([place("L1", "mon", 1, "T1"), place("L2", "mon", 3, "T2")]))
    assert report.ok
    # a2: (3 - 1 + 1) - 2 = 1 gap period x weight 20
    assert report.breakdown["student_gaps"] == 20 and report.soft_cost == 20


def test_student_gaps_for_a_group_without_sets():
    """A group without student sets is its own set: blokuur 1-2 and period 5 leave 2 tussenuren."""
    plan = make_plan(lessons=[lesson("L1", "T1", duration=2), lesson("L2", "T2")])
    report = validate(plan, make_timetable([place("L1", "tue", 1, "T1", duration=2), place("L2", "tue", 5, "T2")]))
    # periods {1, 2, 5}: (5 - 1 + 1) - 3 = 2 gap periods x weight 20
    assert report.breakdown["student_gaps"] == 40 and report.soft_cost == 40


def test_lesson_move():
    """A copy whose current placement is Monday 1 and that now stands Tuesday 1 is one move."""
    plan = make_plan(lessons=[lesson("L1", current=[{"day": "mon", "period": 1}])])
    report = validate(plan, make_timetable([place("L1", "tue", 1)]))
    assert report.breakdown["lesson_move"] == 3  # 1 move x weight 3
    assert validate(plan, make_timetable([place("L1", "mon", 1)])).soft_cost == 0


def test_teacher_change():
    """A copy whose current teacher is T1 and that is now taught by T2 is one teacher change."""
    plan = make_plan(lessons=[lesson("L1", None, candidates=["T1", "T2"],
                                     current=[{"day": "mon", "period": 1, "teacher": "T1"}])])
    report = validate(plan, make_timetable([place("L1", "mon", 1, "T2")]))
    assert report.breakdown["teacher_change"] == 3 and report.soft_cost == 3  # 1 change x weight 3
    no_teacher = make_plan(lessons=[lesson("L1", None, candidates=["T1", "T2"],
                                           current=[{"day": "mon", "period": 1}])])
    assert validate(no_teacher, make_timetable([place("L1", "mon", 1, "T2")])).soft_cost == 0


def test_roster_change():
    """Moving a re-rosterable colleague's early shift from Monday to Tuesday is one shift added and one taken away."""
    people = [staff("ann", [("early", "mon")], may_reroster=True)]
    plan = make_plan(employers=[employer("E", [shift("early", "06:00", "14:00")], people)])
    report = validate(plan, make_timetable(rosters=[work("ann", "early", "tue")]))
    assert report.ok
    assert report.breakdown["roster_change"] == 10  # (1 added + 1 removed) x weight 5
    assert validate(plan, make_timetable(rosters=current_rosters(plan))).soft_cost == 0


def test_release_windows_are_no_roster_change():
    """Releasing part of a kept shift changes nothing in the roster."""
    people = [staff("ann", [("early", "mon")])]
    plan = make_plan(employers=[employer("E", [shift("early", "06:00", "14:00")], people)])
    report = validate(plan, make_timetable(rosters=[work("ann", "early", "mon", released=[("mon", "08:00", "09:00")])]))
    assert report.ok and report.soft_cost == 0


def _hto_plan(lessons, **weights):
    return make_plan(lessons=lessons, employers=[employer("E", staff=[staff("jdv")])],
                     htos=[hto("JDV", "JDV", "jdv")], weights=weights or None)


def test_compact_release_counts_days_and_half_days():
    """An hto'er teaching Monday 1 and Monday 5 (12:40) teaches 1 day and 2 half-days."""
    plan = _hto_plan([lesson("L1", "JDV", ["1A"]), lesson("L2", "JDV", ["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 1, "JDV"), place("L2", "mon", 5, "JDV")]))
    assert report.ok
    # compact_release: (1 day + 2 half-days) x 10 = 30; teacher_gaps: periods 2-4 free = 3 x 2 = 6
    assert report.breakdown["compact_release"] == 30
    assert report.breakdown["teacher_gaps"] == 6
    assert report.soft_cost == 36


def test_compact_release_blokuur_over_the_split_touches_both_halves():
    """A blokuur 4-5 (11:20-12:10, 12:40-13:30) touches the morning and the afternoon."""
    plan = _hto_plan([lesson("L1", "JDV", duration=2)])
    report = validate(plan, make_timetable([place("L1", "thu", 4, "JDV", duration=2)]))
    assert report.breakdown["compact_release"] == 30  # (1 day + 2 half-days) x 10


def test_compact_release_morning_on_two_days():
    """Mornings on Monday and Wednesday cost 2 days + 2 half-days."""
    plan = _hto_plan([lesson("L1", "JDV", ["1A"]), lesson("L2", "JDV", ["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 1, "JDV"), place("L2", "wed", 2, "JDV")]))
    assert report.breakdown["compact_release"] == 40  # (2 days + 2 half-days) x 10


def test_zero_weight_costs_nothing_and_reports_nothing():
    """With every weight 0 the breakdown still names each soft rule, at 0, with no soft violations."""
    plan = _hto_plan([lesson("L1", "JDV", ["1A"]), lesson("L2", "JDV", ["1B"])],
                     **{name: 0 for name in SOFT_RULES})
    report = validate(plan, make_timetable([place("L1", "mon", 1, "JDV"), place("L2", "mon", 5, "JDV")]))
    assert report.breakdown == {name: 0 for name in SOFT_RULES}
    assert report.soft_cost == 0 and report.violations == []


def test_objective_sums_every_soft_rule_and_tier():
    """Gaps, a move, a teacher change and an unplaced copy add up to one objective."""
    plan = make_plan(
        lessons=[lesson("L1", None, ["1A"], candidates=["T1", "T2"],
                        current=[{"day": "mon", "period": 2, "teacher": "T2"}]),
                 lesson("L2", "T1", ["1A"]), lesson("L3", "T1", ["1B"])],
        policy={"allow_unplaced_lessons": True, "unplaced_lesson_penalty": 500},
    )
    report = validate(plan, make_timetable([place("L1", "mon", 1, "T1"), place("L2", "mon", 3, "T1", "R2")],
                                           unplaced=[("L3", 0)]))
    assert report.ok
    # teacher_gaps: T1 mon {1, 3} -> 1 x 2 = 2;  student_gaps: 1A mon {1, 3} -> 1 x 20 = 20
    # lesson_move: L1 mon 2 -> mon 1 = 1 x 3 = 3;  teacher_change: T2 -> T1 = 1 x 3 = 3
    # lesson_placed: 1 unplaced x 500 = 500
    assert report.breakdown == {"teacher_gaps": 2, "student_gaps": 20, "lesson_move": 3, "teacher_change": 3,
                                "roster_change": 0, "compact_release": 0, "release_target_teaching": 0,
                                "teacher_preference": 0, "lesson_placed": 500,
                                "teacher_unavailable_preference": 0, "group_unavailable_preference": 0,
                                "sme_unavailable_preference": 0}
    assert report.soft_cost == 528
