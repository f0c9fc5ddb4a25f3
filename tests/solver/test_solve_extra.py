"""Tiny certified solves for the extra constraints between lessons (spread, starts, same time, order,
groups, gaps, last of the day, occupied slots, rooms).

Each test has a hand-derived optimum (arithmetic in a comment). Weights of the built-in soft rules
are 0 (`plan_dict` default), rooms are R1-R3; every solve is certified by the validator. The scoped
constraints are in test_solve_extra_scoped.py, exactness and FET as referee in test_solve_extra_exact.py.
"""

from __future__ import annotations

from tests.solver.extra_helpers import BROKEN, L1, L2, L3, L4, L5, away, slot, xplan
from tests.solver.solve_helpers import lesson, locked, placement, slot_of, solve_and_certify


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
