"""Tiny certified solves for the extra constraints on a teacher's or a student set's week (gaps,
lesuren a day and in a row, tags, days, early starts), and co-teachers and lessons without a teacher.

Each test has a hand-derived optimum (arithmetic in a comment); every solve is certified by the validator.
"""

from __future__ import annotations

from tests.solver.extra_helpers import BROKEN, L1, L2, L3, L4, away, xplan
from tests.solver.solve_helpers import hto, lesson, locked, placement, slot_of, solve_and_certify


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
