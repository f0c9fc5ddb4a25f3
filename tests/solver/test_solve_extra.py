"""Tiny certified solves for the extra constraints, co-teachers and lessons without a teacher.

Each test has a hand-derived optimum (arithmetic in a comment). Weights of the built-in soft rules
are 0 (`plan_dict` default), rooms are R1-R3; every solve is certified by the validator.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from benchmarks.fet_result import read_fet_timetable
from benchmarks.fet_run import fet_cl, run_fet_cl
from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.cpsat.solve import _extract
from solver.decode import decode
from solver.domain import parse_plan
from solver.io.fet_import import import_fet
from solver.result import Result
from solver.timeline import DAYS
from solver.validate import validate
from tests.solver.solve_helpers import hto, lesson, locked, placement, plan_dict, slot_of, solve_and_certify

L1 = ["08:30-09:20"]
L2 = ["08:30-09:20", "09:20-10:10"]
L3 = ["08:30-09:20", "09:20-10:10", "10:30-11:20"]
L4 = L3 + ["11:20-12:10"]
L5 = L4 + ["12:10-13:00"]
BROKEN = ["08:30-09:20", "09:20-10:10", ("10:30-11:20", True)]  # a marked break before lesuur 3


def xplan(*constraints: dict, **kw):
    """tiny_plan(**kw) with these extra constraints."""
    data = plan_dict(**kw)
    data["constraints"] = list(constraints)
    return parse_plan(data)


def away(day: str, start: str, end: str) -> dict:
    return {"day": day, "start": start, "end": end}


def slot(day: str, period: int) -> dict:
    return {"day": day, "period": period}


def cost(outcome, rule: str) -> int:
    return outcome.timetable.soft_cost.get(rule, 0)


# --- min_days_between ---------------------------------------------------------------------------

def test_min_days_between_hard_puts_lessons_two_days_apart():
    """Min 2 days between A and B over Mon-Wed (one lesuur a day): Monday and Wednesday."""
    plan = xplan({"type": "min_days_between", "lessons": ["A", "B"], "min_days": 2},
                 periods={"mon": L1, "tue": L1, "wed": L1},
                 lessons=[lesson("A", "T1", ["A"]), lesson("B", "T2", ["B"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # the only two days 2 apart are Mon and Wed; cost 0
    assert {slot_of(outcome, "A")[0], slot_of(outcome, "B")[0]} == {"mon", "wed"}


def test_min_days_between_soft_three_copies_on_two_days():
    """Three copies on two days, one day apart wanted, weight 5: one pair shares a day, 5."""
    c = {"type": "min_days_between", "lessons": ["A"], "min_days": 1, "weight": 5}
    plan = xplan(c, periods={"mon": L2, "tue": L2}, lessons=[lesson("A", "T1", ["A"], count=3)])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # 2 + 1 copies per day: the pair on the same day is 0 < 1 days apart: 1 x 5 = 5
    assert outcome.result.objective == 5
    hard = xplan(c | {"weight": None}, periods={"mon": L2, "tue": L2}, lessons=[lesson("A", "T1", ["A"], count=3)])
    solve_and_certify(hard, expect="INFEASIBLE")


def test_min_days_between_consecutive_if_same_day_is_hard():
    """Two copies on one Monday with lesuur 2 taken by the group: they cannot be back to back."""
    lessons = [lesson("A", "T1", ["A"], count=2), locked("X", "mon", 2, "T2", ["A"])]
    c = {"type": "min_days_between", "lessons": ["A"], "min_days": 1, "weight": 5}
    # without the flag: both copies on Monday (1 and 3), one pair on the same day: 5
    assert solve_and_certify(xplan(c, periods={"mon": L3}, lessons=lessons), expect="OPTIMAL").result.objective == 5
    flagged = xplan(c | {"consecutive_if_same_day": True}, periods={"mon": L3}, lessons=lessons)
    solve_and_certify(flagged, expect="INFEASIBLE")


# --- preferred_starts / preferred_slots ---------------------------------------------------------

def test_preferred_starts_hard_prunes_to_the_listed_start():
    """A may start only at Tue 2: it is placed there."""
    plan = xplan({"type": "preferred_starts", "lessons": ["A"], "slots": [slot("tue", 2)]},
                 periods={"mon": L3, "tue": L3}, lessons=[lesson("A")])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert slot_of(outcome, "A") == ("tue", 2)
    assert all((o.day, o.first) == (1, 2) for o in outcome.data.copies[0].options)  # pruned in compile


def test_preferred_starts_soft_when_the_start_is_taken():
    """The group's lesuur Mon 1 is locked by X, so A cannot start at its preferred Mon 1: weight 3."""
    plan = xplan({"type": "preferred_starts", "lessons": ["A"], "slots": [slot("mon", 1)], "weight": 3},
                 periods={"mon": L2}, lessons=[lesson("A"), locked("X", "mon", 1)])
    # A at Mon 2, not a preferred start: 1 x 3 = 3
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == 3


def test_preferred_slots_blokuur_inside_the_listed_lesuren():
    """A blokuur with lesuren 2 and 3 listed must take 2-3; with only 1 listed it costs its weight."""
    lessons = [lesson("A", duration=2)]
    hard = xplan({"type": "preferred_slots", "lessons": ["A"], "slots": [slot("mon", 2), slot("mon", 3)]},
                 periods={"mon": L3}, lessons=lessons)
    assert slot_of(solve_and_certify(hard, expect="OPTIMAL"), "A") == ("mon", 2)
    soft = xplan({"type": "preferred_slots", "lessons": ["A"], "slots": [slot("mon", 1)], "weight": 4},
                 periods={"mon": L3}, lessons=lessons)
    # every blokuur has a lesuur outside {1}: 1 x 4 = 4
    assert solve_and_certify(soft, expect="OPTIMAL").result.objective == 4


# --- same_starting_time / same_starting_day -----------------------------------------------------

def test_same_starting_time_follows_the_constrained_lesson():
    """A's teacher is away in lesuren 1-2, so A and B both start at lesuur 3."""
    teachers = [{"id": "T1", "unavailable": [away("mon", "08:30", "10:10")]}, "T2"]
    plan = xplan({"type": "same_starting_time", "lessons": ["A", "B"]}, periods={"mon": L3}, teachers=teachers,
                 lessons=[lesson("A", "T1", ["A"]), lesson("B", "T2", ["B"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert slot_of(outcome, "A") == slot_of(outcome, "B") == ("mon", 3)


def test_same_starting_time_copywise_and_soft():
    """Copies pair up: B#k with A#k; with one shared teacher they can never start together (weight 2)."""
    lessons = [lesson("A", "T1", ["A"], count=2, lock={"slot": True},
                      current=[{"copy": 0, "day": "mon", "period": 1}, {"copy": 1, "day": "tue", "period": 2}]),
               lesson("B", "T2", ["B"], count=2)]
    plan = xplan({"type": "same_starting_time", "lessons": ["A", "B"]}, periods={"mon": L3, "tue": L3},
                 lessons=lessons)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert {slot_of(outcome, "B", 0), slot_of(outcome, "B", 1)} == {("mon", 1), ("tue", 2)}
    shared = xplan({"type": "same_starting_time", "lessons": ["A", "B"], "weight": 2}, periods={"mon": L2},
                   lessons=[lesson("A", "T1", ["A"]), lesson("B", "T1", ["B"])])
    # one teacher, so A and B start apart: 1 pair x 2 = 2
    assert solve_and_certify(shared, expect="OPTIMAL").result.objective == 2


def test_same_starting_day_soft_when_one_lesuur_a_day():
    """A and B share a group and each day has one lesuur: they are on different days, weight 6."""
    plan = xplan({"type": "same_starting_day", "lessons": ["A", "B"], "weight": 6},
                 periods={"mon": L1, "tue": L1}, lessons=[lesson("A", "T1"), lesson("B", "T2")])
    # 1 pair on different days x 6 = 6
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == 6
    hard = xplan({"type": "same_starting_day", "lessons": ["A", "B"]},
                 periods={"mon": L2, "tue": L1}, lessons=[lesson("A", "T1"), lesson("B", "T2")])
    outcome = solve_and_certify(hard, expect="OPTIMAL")
    assert slot_of(outcome, "A")[0] == slot_of(outcome, "B")[0] == "mon"


# --- not_overlapping ----------------------------------------------------------------------------

def test_not_overlapping_hard_and_soft():
    """Two unrelated lessons in a one-lesuur week: hard is infeasible, weight 7 costs 7."""
    lessons = [lesson("A", "T1", ["A"]), lesson("B", "T2", ["B"])]
    c = {"type": "not_overlapping", "lessons": ["A", "B"]}
    solve_and_certify(xplan(c, periods={"mon": L1}, lessons=lessons), expect="INFEASIBLE")
    # both in the one lesuur: 1 copy beyond the first x 7 = 7
    outcome = solve_and_certify(xplan(c | {"weight": 7}, periods={"mon": L1}, lessons=lessons), expect="OPTIMAL")
    assert outcome.result.objective == 7


# --- consecutive / grouped ----------------------------------------------------------------------

def test_consecutive_second_right_after_first():
    """A is locked at Mon 2, so B (another group) goes to Mon 3."""
    plan = xplan({"type": "consecutive", "first": "A", "second": "B"}, periods={"mon": L3},
                 lessons=[locked("A", "mon", 2, "T1", ["A"]), lesson("B", "T2", ["B"])])
    assert slot_of(solve_and_certify(plan, expect="OPTIMAL"), "B") == ("mon", 3)


def test_consecutive_across_a_marked_break_and_soft():
    """A locked at Mon 2: B follows at 3 across the marked break; with A at the last lesuur B costs weight 4."""
    lessons = [locked("A", "mon", 2, "T1", ["A"]), lesson("B", "T2", ["B"])]
    c = {"type": "consecutive", "first": "A", "second": "B"}
    outcome = solve_and_certify(xplan(c, periods={"mon": BROKEN}, lessons=lessons), expect="OPTIMAL")
    assert slot_of(outcome, "B") == ("mon", 3)
    last = [locked("A", "mon", 3, "T1", ["A"]), lesson("B", "T2", ["B"])]
    solve_and_certify(xplan(c, periods={"mon": BROKEN}, lessons=last), expect="INFEASIBLE")
    # nothing after lesuur 3: B anywhere costs 1 x 4 = 4
    outcome = solve_and_certify(xplan(c | {"weight": 4}, periods={"mon": BROKEN}, lessons=last), expect="OPTIMAL")
    assert outcome.result.objective == 4


def test_grouped_three_form_one_block():
    """A locked at 3, B away at 1-2, C away at 4-5: the only block is C 2, A 3, B 4."""
    teachers = ["T1", {"id": "T2", "unavailable": [away("mon", "08:30", "10:10")]},
                {"id": "T3", "unavailable": [away("mon", "11:20", "13:00")]}]
    plan = xplan({"type": "grouped", "lessons": ["A", "B", "C"]}, periods={"mon": L5}, teachers=teachers,
                 lessons=[locked("A", "mon", 3, "T1", ["A"]), lesson("B", "T2", ["B"]), lesson("C", "T3", ["C"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert [slot_of(outcome, x)[1] for x in "CAB"] == [2, 3, 4]


def test_grouped_soft_when_split_over_days():
    """A locked on Monday, B's teacher away on Monday: not grouped, weight 5."""
    teachers = ["T1", {"id": "T2", "unavailable": [away("mon", "08:00", "12:00")]}]
    plan = xplan({"type": "grouped", "lessons": ["A", "B"], "weight": 5}, periods={"mon": L2, "tue": L2},
                 teachers=teachers, lessons=[locked("A", "mon", 1, "T1", ["A"]), lesson("B", "T2", ["B"])])
    # B on Tuesday, apart from A: 1 group x 5 = 5
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == 5


# --- min_gaps_between ---------------------------------------------------------------------------

def test_min_gaps_between_hard_and_soft():
    """A locked at Mon 2 of 4, two free lesuren wanted: B moves to Tuesday; on Monday alone it costs 3."""
    lessons = [locked("A", "mon", 2, "T1", ["A"]), lesson("B", "T2", ["B"])]
    c = {"type": "min_gaps_between", "lessons": ["A", "B"], "min_gaps": 2}
    outcome = solve_and_certify(xplan(c, periods={"mon": L4, "tue": L1}, lessons=lessons), expect="OPTIMAL")
    assert slot_of(outcome, "B") == ("tue", 1)
    # Monday only: B at 1, 3 or 4 has 0, 0 or 1 lesuren between: 1 pair x 3 = 3
    outcome = solve_and_certify(xplan(c | {"weight": 3}, periods={"mon": L4}, lessons=lessons), expect="OPTIMAL")
    assert outcome.result.objective == 3


# --- ends_students_day --------------------------------------------------------------------------

def test_ends_students_day_hard_and_soft():
    """B of the same group is locked at 2: A must take 3; with B locked at 3 instead, A costs weight 2."""
    c = {"type": "ends_students_day", "lessons": ["A"]}
    plan = xplan(c, periods={"mon": L3}, lessons=[lesson("A", "T1"), locked("B", "mon", 2)])
    assert slot_of(solve_and_certify(plan, expect="OPTIMAL"), "A") == ("mon", 3)
    soft = xplan(c | {"weight": 2}, periods={"mon": L3}, lessons=[lesson("A", "T1"), locked("B", "mon", 3)])
    # A at 1 or 2, B later: 1 copy x 2 = 2
    assert solve_and_certify(soft, expect="OPTIMAL").result.objective == 2


# --- occupy_max_slots ---------------------------------------------------------------------------

def test_occupy_max_slots_hard_and_soft():
    """Of Mon 1-2 at most one lesuur: A and B share it; with one teacher they cannot (weight 3)."""
    c = {"type": "occupy_max_slots", "lessons": ["A", "B"], "slots": [slot("mon", 1), slot("mon", 2)],
         "max_occupied": 1}
    outcome = solve_and_certify(xplan(c, periods={"mon": L2}, lessons=[lesson("A", "T1", ["A"]),
                                                                      lesson("B", "T2", ["B"])]), expect="OPTIMAL")
    assert slot_of(outcome, "A") == slot_of(outcome, "B")
    soft = xplan(c | {"weight": 3}, periods={"mon": L2}, lessons=[lesson("A", "T1", ["A"]), lesson("B", "T1", ["B"])])
    # both listed lesuren used: 2 - 1 = 1 x 3 = 3
    assert solve_and_certify(soft, expect="OPTIMAL").result.objective == 3


# --- preferred_rooms ----------------------------------------------------------------------------

def test_preferred_rooms_soft_splits_the_room_pool():
    """R2 is preferred; A alone gets R2 (0); when X holds R2 at the only lesuur, A pays weight 5."""
    c = {"type": "preferred_rooms", "lessons": ["A"], "rooms": ["R2"], "weight": 5}
    outcome = solve_and_certify(xplan(c, periods={"mon": L1}, lessons=[lesson("A", "T1", ["A"])]), expect="OPTIMAL")
    assert placement(outcome, "A").room == "R2" and outcome.result.objective == 0
    x = locked("X", "mon", 1, "T2", ["B"], rooms=["R2"])
    outcome = solve_and_certify(xplan(c, periods={"mon": L1}, lessons=[lesson("A", "T1", ["A"]), x]),
                                expect="OPTIMAL")
    # A in R1 or R3: 1 copy x 5 = 5
    assert outcome.result.objective == 5
    solve_and_certify(xplan(c | {"weight": None}, periods={"mon": L1}, lessons=[lesson("A", "T1", ["A"]), x]),
                      expect="INFEASIBLE")


# --- scoped: gaps -------------------------------------------------------------------------------

def test_max_gaps_per_week_fills_the_hole():
    """A at Mon 1 and B at Mon 3 are locked; no gaps allowed, so C goes to Mon 2 (not Tuesday)."""
    lessons = [locked("A", "mon", 1, "T1"), locked("B", "mon", 3, "T2"), lesson("C", "T3")]
    plan = xplan({"type": "max_gaps_per_week", "groups": ["A"], "max_gaps": 0}, periods={"mon": L3, "tue": L3},
                 lessons=lessons)
    assert slot_of(solve_and_certify(plan, expect="OPTIMAL"), "C") == ("mon", 2)


def test_max_gaps_per_week_soft_when_the_hole_is_blocked():
    """As above but C's teacher is away on Monday: the gap stays, weight 7."""
    lessons = [locked("A", "mon", 1, "T1"), locked("B", "mon", 3, "T2"), lesson("C", "T3")]
    teachers = ["T1", "T2", {"id": "T3", "unavailable": [away("mon", "08:00", "12:00")]}]
    plan = xplan({"type": "max_gaps_per_week", "groups": ["A"], "max_gaps": 0, "weight": 7},
                 periods={"mon": L3, "tue": L3}, lessons=lessons, teachers=teachers)
    # Monday has 1 gap, C on Tuesday alone has none: (1 - 0) x 7 = 7
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == 7


def test_max_gaps_per_day_counts_a_co_teachers_day():
    """T2 co-teaches A at Mon 1 and teaches B locked at Mon 4: 2 gaps, 1 allowed per day, weight 3."""
    lessons = [locked("A", "mon", 1, "T1", ["A"], co_teachers=["T2"]), locked("B", "mon", 4, "T2", ["B"])]
    plan = xplan({"type": "max_gaps_per_day", "teachers": ["T2"], "max_gaps": 1, "weight": 3},
                 periods={"mon": L4}, lessons=lessons)
    # gaps at 2 and 3: (2 - 1) x 3 = 3
    assert solve_and_certify(plan, expect="OPTIMAL").result.objective == 3


# --- scoped: periods a day, in a row, tags --------------------------------------------------------

def test_max_periods_per_day_moves_a_lesson_to_tuesday():
    """Two lessons locked on Monday, at most 2 lesuren a day: the third goes to Tuesday; Monday only costs 2."""
    lessons = [locked("A", "mon", 1, "T1"), locked("B", "mon", 2, "T2"), lesson("C", "T3")]
    c = {"type": "max_periods_per_day", "groups": ["A"], "max_periods": 2}
    outcome = solve_and_certify(xplan(c, periods={"mon": L3, "tue": L3}, lessons=lessons), expect="OPTIMAL")
    assert slot_of(outcome, "C")[0] == "tue"
    # Monday only: 3 lesuren, (3 - 2) x 2 = 2
    outcome = solve_and_certify(xplan(c | {"weight": 2}, periods={"mon": L3}, lessons=lessons), expect="OPTIMAL")
    assert outcome.result.objective == 2


def test_min_periods_per_day_pulls_lessons_together():
    """A is locked Monday; at least 2 lesuren on a day with any: B joins it; B's teacher away Monday costs 2 x 4."""
    c = {"type": "min_periods_per_day", "groups": ["A"], "min_periods": 2}
    lessons = [locked("A", "mon", 1, "T1"), lesson("B", "T2")]
    outcome = solve_and_certify(xplan(c, periods={"mon": L2, "tue": L2}, lessons=lessons), expect="OPTIMAL")
    assert slot_of(outcome, "B") == ("mon", 2)
    teachers = ["T1", {"id": "T2", "unavailable": [away("mon", "08:00", "12:00")]}]
    soft = xplan(c | {"weight": 4}, periods={"mon": L2, "tue": L2}, lessons=lessons, teachers=teachers)
    # Monday 1 lesuur, Tuesday 1 lesuur: each 1 short: 2 x 4 = 8
    assert solve_and_certify(soft, expect="OPTIMAL").result.objective == 8


def test_max_periods_continuously_hard_and_soft():
    """At most 2 in a row: with A at 1 and B at 2 locked, C takes 4; on a 3-lesuur day it costs weight 5."""
    lessons = [locked("A", "mon", 1, "T1"), locked("B", "mon", 2, "T2"), lesson("C", "T3")]
    c = {"type": "max_periods_continuously", "groups": ["A"], "max_periods": 2}
    assert slot_of(solve_and_certify(xplan(c, periods={"mon": L4}, lessons=lessons), expect="OPTIMAL"), "C") == \
        ("mon", 4)
    # 3 lesuren in a row, one beyond 2: 1 x 5 = 5; with a marked break before 3 there is no run of 3: 0
    assert solve_and_certify(xplan(c | {"weight": 5}, periods={"mon": L3}, lessons=lessons),
                             expect="OPTIMAL").result.objective == 5
    assert solve_and_certify(xplan(c | {"weight": 5}, periods={"mon": BROKEN}, lessons=lessons),
                             expect="OPTIMAL").result.objective == 0


def test_max_periods_continuously_with_a_tag():
    """Only gym counts: G1 locked at 1, so G2 avoids lesuur 2 and M takes it."""
    lessons = [locked("G1", "mon", 1, "T1", tags=["gym"]), lesson("G2", "T2", tags=["gym"]), lesson("M", "T3")]
    plan = xplan({"type": "max_periods_continuously", "groups": ["A"], "max_periods": 1, "tag": "gym"},
                 periods={"mon": L3}, lessons=lessons)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert slot_of(outcome, "G2") == ("mon", 3) and slot_of(outcome, "M") == ("mon", 2)


def test_tag_max_periods_per_day_hard_and_soft():
    """One gym lesuur a day: G2 goes to Tuesday; on Monday alone it costs weight 6."""
    lessons = [locked("G1", "mon", 1, "T1", tags=["gym"]), lesson("G2", "T2", tags=["gym"])]
    c = {"type": "tag_max_periods_per_day", "groups": ["A"], "tag": "gym", "max_periods": 1}
    outcome = solve_and_certify(xplan(c, periods={"mon": L2, "tue": L2}, lessons=lessons), expect="OPTIMAL")
    assert slot_of(outcome, "G2")[0] == "tue"
    # 2 gym lesuren on Monday: (2 - 1) x 6 = 6
    assert solve_and_certify(xplan(c | {"weight": 6}, periods={"mon": L2}, lessons=lessons),
                             expect="OPTIMAL").result.objective == 6


# --- scoped: days ---------------------------------------------------------------------------------

def test_min_days_per_week_spreads_a_teacher():
    """T1 on at least 2 days: with A locked Monday, B goes to Tuesday; a Monday-only week is 1 day short (x 3)."""
    lessons = [locked("A", "mon", 1, "T1", ["A"]), lesson("B", "T1", ["B"])]
    c = {"type": "min_days_per_week", "teachers": ["T1"], "min_days": 2}
    outcome = solve_and_certify(xplan(c, periods={"mon": L2, "tue": L2}, lessons=lessons), expect="OPTIMAL")
    assert slot_of(outcome, "B")[0] == "tue"
    # 1 day with lessons, 2 wanted: 1 x 3 = 3
    assert solve_and_certify(xplan(c | {"weight": 3}, periods={"mon": L2}, lessons=lessons),
                             expect="OPTIMAL").result.objective == 3


def test_interval_max_days_per_week_keeps_lesuur_3_to_one_day():
    """T1 teaches lesuur 3 on Monday (locked); at most one such day, so B avoids Tuesday 3; forced there it costs 2."""
    c = {"type": "interval_max_days_per_week", "teachers": ["T1"], "first_period": 3, "end_period": 4,
         "max_days": 1}
    lessons = [locked("A", "mon", 3, "T1", ["A"]), lesson("B", "T1", ["B"])]
    groups = ["A", {"id": "B", "unavailable": [away("mon", "08:00", "12:00"), away("tue", "08:30", "09:20")]}]
    outcome = solve_and_certify(xplan(c, periods={"mon": L3, "tue": L3}, lessons=lessons, groups=groups),
                                expect="OPTIMAL")
    assert slot_of(outcome, "B") == ("tue", 2)
    groups[1]["unavailable"].append(away("tue", "09:20", "10:10"))
    # B only at Tue 3: lesuur 3 on 2 days, (2 - 1) x 2 = 2
    assert solve_and_certify(xplan(c | {"weight": 2}, periods={"mon": L3, "tue": L3}, lessons=lessons, groups=groups),
                             expect="OPTIMAL").result.objective == 2


def test_early_max_beginnings_at_second_period_hard_and_soft():
    """Monday starts at lesuur 2 unless B fills lesuur 1; with B's teacher away then, the best costs 4."""
    c = {"type": "early_max_beginnings_at_second_period", "groups": ["A"], "max_beginnings": 0}
    lessons = [locked("A", "mon", 2, "T1"), lesson("B", "T2")]
    outcome = solve_and_certify(xplan(c, periods={"mon": L3, "tue": L3}, lessons=lessons), expect="OPTIMAL")
    assert slot_of(outcome, "B") == ("mon", 1)
    teachers = ["T1", {"id": "T2", "unavailable": [away("mon", "08:30", "09:20")]}]
    soft = xplan(c | {"weight": 4}, periods={"mon": L3, "tue": L3}, lessons=lessons, teachers=teachers)
    # B at Mon 3 or Tue 1: Monday begins at 2 (1 beyond 0) = 4; Tue 2: 2 such days = 8; Tue 3: late + 1 = 8
    assert solve_and_certify(soft, expect="OPTIMAL").result.objective == 4


# --- co-teachers and lessons without a teacher ----------------------------------------------------

def test_co_teacher_cannot_be_in_two_places():
    """T2 co-teaches A and teaches B: in a one-lesuur week they clash, in a two-lesuur week they part."""
    lessons = [lesson("A", "T1", ["A"], co_teachers=["T2"]), lesson("B", "T2", ["B"])]
    solve_and_certify(xplan(periods={"mon": L1}, lessons=lessons), expect="INFEASIBLE")
    outcome = solve_and_certify(xplan(periods={"mon": L2}, lessons=lessons), expect="OPTIMAL")
    assert slot_of(outcome, "A") != slot_of(outcome, "B")


def test_teacherless_lesson_is_placed_without_a_teacher():
    """A lesson without a teacher is placed with teacher '' and clashes only with its group."""
    lessons = [lesson("A", None, ["A"], teacherless=True), lesson("B", "T1", ["A"])]
    outcome = solve_and_certify(xplan(periods={"mon": L2}, lessons=lessons), expect="OPTIMAL")
    assert placement(outcome, "A").teacher == "" and slot_of(outcome, "A") != slot_of(outcome, "B")


def test_hto_co_teacher_avoids_an_sme_mark():
    """An hto'er co-teaching A cannot leave the company in a marked Monday lesuur 1: A takes lesuur 2."""
    lessons = [lesson("A", "T1", ["A"], co_teachers=["H"])]
    marks = [{"staff": "H", "day": "mon", "start": "08:30", "end": "09:20"}]
    employer = {"id": "E", "shifts": [], "staff": [{"id": "H", "skills": []}], "demand": []}
    plan = xplan(periods={"mon": L2}, lessons=lessons, teachers=["T1", "H"], htos=[hto("H", "H")],
                 employers=[employer], marks=marks)
    assert slot_of(solve_and_certify(plan, expect="OPTIMAL"), "A") == ("mon", 2)


# --- exactness ------------------------------------------------------------------------------------

def test_penalties_are_exact_in_any_solution():
    """With a random objective over the lesson variables, the booked extra costs still equal the validator's."""
    rng = random.Random(3)
    w = {"weight": 1}
    constraints = [
        {"type": "min_days_between", "lessons": ["A", "B", "C"], "min_days": 2, **w},
        {"type": "same_starting_time", "lessons": ["A", "D"], **w},
        {"type": "grouped", "lessons": ["B", "C", "D"], **w},
        {"type": "min_gaps_between", "lessons": ["A", "C", "E"], "min_gaps": 1, **w},
        {"type": "ends_students_day", "lessons": ["E"], **w},
        {"type": "not_overlapping", "lessons": ["B", "E"], **w},
        {"type": "occupy_max_slots", "lessons": ["A", "B"], "slots": [slot("mon", 1), slot("tue", 1)],
         "max_occupied": 1, **w},
        {"type": "max_gaps_per_week", "groups": ["A", "B"], "max_gaps": 0, **w},
        {"type": "min_periods_per_day", "groups": ["A"], "min_periods": 2, **w},
        {"type": "max_periods_continuously", "teachers": ["T1"], "max_periods": 1, **w},
        {"type": "early_max_beginnings_at_second_period", "groups": ["B"], "max_beginnings": 0, **w},
        {"type": "interval_max_days_per_week", "groups": ["A"], "first_period": 2, "end_period": 4, "max_days": 0,
         **w},
    ]
    lessons = [lesson("A", "T1", ["A"]), lesson("B", "T1", ["B"], duration=2), lesson("C", "T2", ["A", "B"]),
               lesson("D", "T3", ["B"], co_teachers=["T1"]), lesson("E", None, ["A"], teacherless=True)]
    plan = xplan(*constraints, periods={"mon": BROKEN + ["11:20-12:10"], "tue": L4}, lessons=lessons)
    data = compile_plan(plan)
    for _ in range(5):
        built = build_model(data)
        built.model.clear_objective()
        built.model.minimize(sum(rng.randint(0, 9) * x for row in built.x for x in row if x is not False))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(built.model) == cp_model.OPTIMAL
        solution = _extract(solver, built)
        timetable = decode(plan, data, Result(status="FEASIBLE", objective=0, solution=solution))
        report = validate(plan, timetable)
        assert report.ok
        assert {k: v for k, v in solution.costs.items() if v} == {k: v for k, v in report.breakdown.items() if v}


def test_copywise_tie_keeps_copies_apart_from_symmetry_breaking():
    """A's copies are locked in reverse slot order; B's copies follow them copy by copy all the same."""
    lessons = [lesson("A", "T1", ["A"], count=2, lock={"slot": True},
                      current=[{"copy": 0, "day": "tue", "period": 2}, {"copy": 1, "day": "mon", "period": 1}]),
               lesson("B", "T2", ["B"], count=2)]
    plan = xplan({"type": "same_starting_time", "lessons": ["A", "B"]}, periods={"mon": L3, "tue": L3},
                 lessons=lessons)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # B#0 with A#0 at Tue 2, B#1 with A#1 at Mon 1 (ordering B's copies by slot would forbid this)
    assert (slot_of(outcome, "B", 0), slot_of(outcome, "B", 1)) == (("tue", 2), ("mon", 1))


def test_early_max_beginnings_skips_an_unavailable_first_lesuur():
    """The group is away in Monday lesuur 1, so starting at 2 is on time; weight 4 charges nothing."""
    groups = [{"id": "A", "unavailable": [away("mon", "08:30", "09:20")]}]
    plan = xplan({"type": "early_max_beginnings_at_second_period", "groups": ["A"], "max_beginnings": 0,
                  "weight": 4}, periods={"mon": L3}, lessons=[lesson("A", "T1"), locked("B", "mon", 3)], groups=groups)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # A at 2 gives Monday 2-3: no available lesuur before it, 0; A elsewhere is impossible (1 is away)
    assert slot_of(outcome, "A") == ("mon", 2) and outcome.result.objective == 0


def test_max_gaps_per_week_ignores_a_teachers_unavailable_lesuur():
    """T1 is away in lesuur 2, so A at 1 and B at 3 leave no gap: zero gaps allowed still holds."""
    teachers = [{"id": "T1", "unavailable": [away("mon", "09:20", "10:10")]}]
    lessons = [locked("A", "mon", 1, "T1", ["A"]), lesson("B", "T1", ["B"])]
    groups = ["A", {"id": "B", "unavailable": [away("mon", "11:20", "12:10")]}]
    plan = xplan({"type": "max_gaps_per_week", "teachers": ["T1"], "max_gaps": 0}, periods={"mon": L4},
                 lessons=lessons, teachers=teachers, groups=groups)
    # B cannot be at 2 (T1 away) or 4 (group away): at 3, lesuur 2 is no gap
    assert slot_of(solve_and_certify(plan, expect="OPTIMAL"), "B") == ("mon", 3)


def test_min_gaps_between_a_marked_break_is_enough():
    """A locked at Mon 2, one free place wanted: B may take lesuur 3 right after the marked break."""
    teachers = ["T1", {"id": "T2", "unavailable": [away("mon", "08:30", "09:20")]}]
    plan = xplan({"type": "min_gaps_between", "lessons": ["A", "B"], "min_gaps": 1}, periods={"mon": BROKEN},
                 lessons=[locked("A", "mon", 2, "T1", ["A"]), lesson("B", "T2", ["B"])], teachers=teachers)
    # B cannot be at 1 (T2 away) or 2 (overlap); at 3 the break is the free place: cost 0
    assert slot_of(solve_and_certify(plan, expect="OPTIMAL"), "B") == ("mon", 3)


def test_min_days_between_consecutive_if_same_day_holds_at_weight_zero():
    """As in FET, weight 0 with consecutive_if_same_day still keeps same-day copies back to back."""
    lessons = [lesson("A", "T1", ["A"], count=2), locked("X", "mon", 2, "T2", ["A"])]
    c = {"type": "min_days_between", "lessons": ["A"], "min_days": 1, "weight": 0, "consecutive_if_same_day": True}
    # only Monday, lesuur 2 taken: the copies at 1 and 3 are not back to back
    solve_and_certify(xplan(c, periods={"mon": L3}, lessons=lessons), expect="INFEASIBLE")


# --- FET as referee -------------------------------------------------------------------------------

FET_EXAMPLES = Path("/usr/share/doc/fet-data/examples/FET-5-official")


@pytest.mark.slow
@pytest.mark.skipif(fet_cl() is None or not FET_EXAMPLES.is_dir(), reason="fet (fet-cl) is not installed")
@pytest.mark.parametrize("name", [
    "Algeria/Mechanical-Batna_Univ/ET2012-2013-S1.fet",  # grouped, same starting time, min days
    "Greece/Didymoteicho/6th-Primary-School.fet",  # ends students day, preferred starts / slots
    "Belize/Sacred-Heart-College/shc-2013/shc-2013.fet",  # consecutive, continuously, tags, not overlapping
    "India/Chennai/Anna-University/timetable_July_Nov_09_9.fet",  # early, interval, max periods a day
    "India/REVA-University/REVA-UNIVERSITY_JANUARY2016.fet",  # min gaps over a break, min days a week
    "Italy/2007/simple/simpler-Italian.fet",  # max gaps, min periods a day
])
def test_fets_timetable_meets_our_extra_constraints_and_fits_our_model(name, tmp_path):
    """FET's own timetable breaks no extra constraint, and our model fixed to its slots is feasible at equal cost."""
    imported = import_fet(FET_EXAMPLES / name)
    run = run_fet_cl(FET_EXAMPLES / name, time_limit=60, output_dir=tmp_path / "fet")
    assert run.status == "solved" and run.activities_xml is not None, run.message
    plan = imported.plan
    timetable = read_fet_timetable(run.activities_xml, plan, imported.mapping)
    report = validate(plan, timetable)
    assert report.hard_by_rule() == {}
    data = compile_plan(plan)
    built = build_model(data)
    slots = {(p.lesson, p.copy): (p.day, p.period) for p in timetable.placements}
    for c, copy in enumerate(data.copies):
        day, period = slots[(data.lessons[copy.lesson].id, copy.copy)]
        here = [x for o, x in zip(copy.options, built.x[c]) if x is not False and (DAYS[o.day], o.first) == (day, period)]
        assert here, f"our model has no option for {data.lessons[copy.lesson].id} at {day} {period}"
        built.model.add(sum(here) == 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 60
    assert solver.solve(built.model) == cp_model.OPTIMAL
    costs = {k: v for k, v in _extract(solver, built).costs.items() if v and k != "preferred_rooms"}
    assert costs == {k: v for k, v in report.breakdown.items() if v and k != "preferred_rooms"}
