"""Validator tests for the extra constraints (Plan.constraints), co-teachers and lessons without a teacher.

Each extra constraint type is broken by 2-3 hand-made lessons and has a clean twin; a weighted one
costs weight x units (docs/rules.md, 'Extra constraints'). The default day has 8 lesuren with
breaks before lesuur 3 and 5 (marked only with marked_breaks=True).
"""

from __future__ import annotations

from solver.domain import Plan, parse_plan
from solver.validate import validate
from tests.solver.factories import lesson, make_plan, make_timetable, place


def cplan(*constraints: dict, **kw) -> Plan:
    """make_plan(**kw) with these extra constraints."""
    data = make_plan(**kw).model_dump(mode="json")
    data["constraints"] = list(constraints)
    return parse_plan(data)


def run(plan: Plan, *placements: dict):
    return validate(plan, make_timetable(list(placements)))


def slot(day: str, period: int) -> dict:
    return {"day": day, "period": period}


# three one-period lessons of groups 1A / 1B / 1C by teachers T1 / T2 / T3
ABC = [lesson("A", "T1", ["1A"]), lesson("B", "T2", ["1B"]), lesson("C", "T3", ["1C"])]


def pa(day: str, period: int, **kw) -> dict:
    return place("A", day, period, "T1", "R1", **kw)


def pb(day: str, period: int, **kw) -> dict:
    return place("B", day, period, "T2", "R2", **kw)


def pc(day: str, period: int, **kw) -> dict:
    return place("C", day, period, "T3", "R3", **kw)


# --- min_days_between ---------------------------------------------------------------------------

def test_min_days_between_too_close_is_hard():
    """A on Monday and B on Tuesday are one day apart where two are wanted."""
    plan = cplan({"type": "min_days_between", "lessons": ["A", "B"], "min_days": 2}, lessons=ABC)
    report = run(plan, pa("mon", 1), pb("tue", 1), pc("mon", 1))
    assert report.hard_by_rule() == {"min_days_between": 1}
    assert report.hard("min_days_between")[0].entities["lessons"] == ["A#0", "B#0"]


def test_min_days_between_clean_and_counts_copies():
    """Three copies of one lesson on Mon, Wed, Fri are two days apart pairwise: clean."""
    plan = cplan({"type": "min_days_between", "lessons": ["A"], "min_days": 2},
                 lessons=[lesson("A", "T1", ["1A"], count=3)])
    report = run(plan, pa("mon", 1, copy=0), pa("wed", 1, copy=1), pa("fri", 1, copy=2))
    assert report.ok and report.soft_cost == 0


def test_min_days_between_soft_costs_per_pair():
    """Weighted: three copies on Mon, Mon, Tue are three pairs too close (x 5 = 15)."""
    plan = cplan({"type": "min_days_between", "lessons": ["A"], "min_days": 2, "weight": 5},
                 lessons=[lesson("A", "T1", ["1A"], count=3)])
    report = run(plan, pa("mon", 1, copy=0), pa("mon", 2, copy=1), pa("tue", 1, copy=2))
    assert report.ok and report.breakdown["min_days_between"] == 15


def test_min_days_between_consecutive_if_same_day_stays_hard():
    """Weighted with consecutive_if_same_day: same day costs the pair, and not back to back is hard."""
    plan = cplan({"type": "min_days_between", "lessons": ["A", "B"], "min_days": 1, "weight": 3,
                  "consecutive_if_same_day": True}, lessons=ABC, marked_breaks=True)
    adjacent = run(plan, pa("mon", 1), pb("mon", 2), pc("mon", 1))
    assert adjacent.ok and adjacent.breakdown["min_days_between"] == 3
    apart = run(plan, pa("mon", 1), pb("mon", 4), pc("mon", 1))
    assert apart.hard_by_rule() == {"min_days_between": 1}
    over_break = run(plan, pa("mon", 2), pb("mon", 3), pc("mon", 1))  # a marked break before lesuur 3
    assert over_break.hard_by_rule() == {"min_days_between": 1}


# --- preferred_starts / preferred_slots ---------------------------------------------------------

def test_preferred_starts_elsewhere_is_hard_and_clean_when_listed():
    """A starting at Monday 2 is not one of its listed starts (Mon 1, Tue 1); at Tue 1 it is fine."""
    plan = cplan({"type": "preferred_starts", "lessons": ["A"], "slots": [slot("mon", 1), slot("tue", 1)]},
                 lessons=ABC[:1])
    assert run(plan, pa("mon", 2)).hard_by_rule() == {"preferred_starts": 1}
    assert run(plan, pa("tue", 1)).ok


def test_preferred_starts_soft_costs_per_copy():
    """Weighted 4: two copies outside the listed start cost 8."""
    plan = cplan({"type": "preferred_starts", "lessons": ["A"], "slots": [slot("mon", 1)], "weight": 4},
                 lessons=[lesson("A", "T1", ["1A"], count=3)])
    report = run(plan, pa("mon", 1, copy=0), pa("tue", 1, copy=1), pa("wed", 1, copy=2))
    assert report.ok and report.breakdown["preferred_starts"] == 8


def test_preferred_slots_blokuur_must_lie_inside():
    """A blokuur at Mon 1-2 with only Mon 1 listed breaks preferred_slots; with Mon 1 and 2 listed it is fine."""
    lessons = [lesson("A", "T1", ["1A"], duration=2)]
    narrow = cplan({"type": "preferred_slots", "lessons": ["A"], "slots": [slot("mon", 1)]}, lessons=lessons)
    wide = cplan({"type": "preferred_slots", "lessons": ["A"], "slots": [slot("mon", 1), slot("mon", 2)]},
                 lessons=lessons)
    assert run(narrow, pa("mon", 1, duration=2)).hard_by_rule() == {"preferred_slots": 1}
    assert run(wide, pa("mon", 1, duration=2)).ok


# --- same_starting_time / same_starting_day -----------------------------------------------------

def test_same_starting_time_counts_pairs():
    """A and B at Mon 1, C at Mon 2: the pairs A-C and B-C do not start together."""
    plan = cplan({"type": "same_starting_time", "lessons": ["A", "B", "C"]}, lessons=ABC)
    report = run(plan, pa("mon", 1), pb("mon", 1), pc("mon", 2))
    assert report.hard_by_rule() == {"same_starting_time": 2}
    assert run(plan, pa("mon", 1), pb("mon", 1), pc("mon", 1)).ok


def test_same_starting_time_is_copywise():
    """Copy 0 of A with copy 0 of B, copy 1 with copy 1: different slots per copy are fine."""
    lessons = [lesson("A", "T1", ["1A"], count=2), lesson("B", "T2", ["1B"], count=2)]
    plan = cplan({"type": "same_starting_time", "lessons": ["A", "B"]}, lessons=lessons)
    clean = run(plan, pa("mon", 1, copy=0), pb("mon", 1, copy=0), pa("tue", 3, copy=1), pb("tue", 3, copy=1))
    assert clean.ok
    crossed = run(plan, pa("mon", 1, copy=0), pb("tue", 3, copy=0), pa("tue", 3, copy=1), pb("mon", 1, copy=1))
    assert crossed.hard_by_rule() == {"same_starting_time": 2}


def test_same_starting_day_soft_costs_per_pair():
    """Weighted 2: A on Mon, B on Mon, C on Tue are two pairs on different days (4)."""
    plan = cplan({"type": "same_starting_day", "lessons": ["A", "B", "C"], "weight": 2}, lessons=ABC)
    report = run(plan, pa("mon", 1), pb("mon", 5), pc("tue", 1))
    assert report.ok and report.breakdown["same_starting_day"] == 4
    assert run(plan, pa("mon", 1), pb("mon", 5), pc("mon", 8)).soft_cost == 0


# --- not_overlapping ----------------------------------------------------------------------------

def test_not_overlapping_counts_extra_copies_per_lesuur():
    """A blokuur Mon 1-2 and B at Mon 2 overlap in one lesuur; B at Mon 3 does not."""
    lessons = [lesson("A", "T1", ["1A"], duration=2), lesson("B", "T2", ["1B"])]
    plan = cplan({"type": "not_overlapping", "lessons": ["A", "B"]}, lessons=lessons)
    assert run(plan, pa("mon", 1, duration=2), pb("mon", 2)).hard_by_rule() == {"not_overlapping": 1}
    assert run(plan, pa("mon", 1, duration=2), pb("mon", 3)).ok


# --- consecutive / grouped ----------------------------------------------------------------------

def test_consecutive_second_right_after_first():
    """B at Mon 2 follows A at Mon 1; B at Mon 1 before A at Mon 2 does not."""
    plan = cplan({"type": "consecutive", "first": "A", "second": "B"}, lessons=ABC[:2])
    assert run(plan, pa("mon", 1), pb("mon", 2)).ok
    assert run(plan, pa("mon", 2), pb("mon", 1)).hard_by_rule() == {"consecutive": 1}


def test_consecutive_may_span_a_marked_break():
    """As in FET, B at Mon 3 follows A at Mon 2 across the marked break; at Mon 4 it costs weight 7."""
    plan = cplan({"type": "consecutive", "first": "A", "second": "B", "weight": 7}, lessons=ABC[:2],
                 marked_breaks=True)
    assert run(plan, pa("mon", 2), pb("mon", 3)).soft_cost == 0
    report = run(plan, pa("mon", 2), pb("mon", 4))
    assert report.ok and report.breakdown["consecutive"] == 7


def test_grouped_three_in_any_order():
    """B, C, A at Mon 1, 2, 4 leave a hole; C, A, B at Mon 1, 2, 3 form one block."""
    plan = cplan({"type": "grouped", "lessons": ["A", "B", "C"]}, lessons=ABC)
    assert run(plan, pb("mon", 1), pc("mon", 2), pa("mon", 4)).hard_by_rule() == {"grouped": 1}
    assert run(plan, pc("mon", 1), pa("mon", 2), pb("mon", 3)).ok


def test_grouped_two_on_different_days_soft():
    """Weighted 6: A on Mon and B on Tue are not grouped (6); B then A on Tue 4-5 are."""
    plan = cplan({"type": "grouped", "lessons": ["A", "B"], "weight": 6}, lessons=ABC[:2])
    assert run(plan, pa("mon", 1), pb("tue", 2)).breakdown["grouped"] == 6
    assert run(plan, pb("tue", 4), pa("tue", 5)).soft_cost == 0


# --- min_gaps_between ---------------------------------------------------------------------------

def test_min_gaps_between_needs_free_lesuren():
    """With 2 free lesuren wanted, A at Mon 1 and B at Mon 3 (one between) are too close; Mon 4 is fine."""
    plan = cplan({"type": "min_gaps_between", "lessons": ["A", "B"], "min_gaps": 2}, lessons=ABC[:2])
    assert run(plan, pa("mon", 1), pb("mon", 3)).hard_by_rule() == {"min_gaps_between": 1}
    assert run(plan, pa("mon", 1), pb("mon", 4)).ok
    assert run(plan, pa("mon", 1), pb("tue", 2)).ok


# --- ends_students_day --------------------------------------------------------------------------

def test_ends_students_day_later_lesson_of_the_group():
    """A at Mon 3 should end 1A's day, but 1A has C at Mon 5; on Tuesday (C at Mon 5) it does."""
    lessons = [lesson("A", "T1", ["1A"]), lesson("C", "T3", ["1A"])]
    plan = cplan({"type": "ends_students_day", "lessons": ["A"]}, lessons=lessons)
    report = run(plan, pa("mon", 3), pc("mon", 5))
    assert report.hard_by_rule() == {"ends_students_day": 1}
    assert report.hard("ends_students_day")[0].entities["student_sets"] == ["1A"]
    assert run(plan, pa("tue", 3), pc("mon", 5)).ok


# --- occupy_max_slots ---------------------------------------------------------------------------

def test_occupy_max_slots_counts_distinct_listed_lesuren():
    """A and B use Mon 1 and Mon 2 of the listed Mon 1-3, one allowed: one too many."""
    c = {"type": "occupy_max_slots", "lessons": ["A", "B"], "slots": [slot("mon", 1), slot("mon", 2), slot("mon", 3)],
         "max_occupied": 1}
    plan = cplan(c, lessons=ABC[:2])
    report = run(plan, pa("mon", 1), pb("mon", 2))
    assert report.hard_by_rule() == {"occupy_max_slots": 1}
    assert run(plan, pa("mon", 1), pb("mon", 1)).ok


# --- preferred_rooms ----------------------------------------------------------------------------

def test_preferred_rooms_other_room_costs_per_copy():
    """Weighted 3: A in R1 while R2 is preferred costs 3; in R2 nothing."""
    plan = cplan({"type": "preferred_rooms", "lessons": ["A"], "rooms": ["R2"], "weight": 3}, lessons=ABC[:1])
    assert run(plan, pa("mon", 1)).breakdown["preferred_rooms"] == 3
    assert run(plan, place("A", "mon", 1, "T1", "R2")).soft_cost == 0


def test_preferred_rooms_hard_and_no_room():
    """Hard: a lesson that needs no room is never in one of the preferred rooms."""
    plan = cplan({"type": "preferred_rooms", "lessons": ["A"], "rooms": ["R2"]},
                 lessons=[lesson("A", "T1", ["1A"], room_kind=None)])
    assert run(plan, place("A", "mon", 1, "T1", None)).hard_by_rule() == {"preferred_rooms": 1}


# --- scoped: gaps -------------------------------------------------------------------------------

def test_max_gaps_per_week_for_a_group_sums_days():
    """1A has one gap on Mon and one on Tue: two gaps where one is allowed."""
    lessons = [lesson(f"L{k}", "T1", ["1A"]) for k in range(4)]
    plan = cplan({"type": "max_gaps_per_week", "groups": ["1A"], "max_gaps": 1}, lessons=lessons)
    week = [place("L0", "mon", 1), place("L1", "mon", 3), place("L2", "tue", 1), place("L3", "tue", 3)]
    report = run(plan, *week)
    assert report.hard_by_rule() == {"max_gaps_per_week": 1}
    assert report.hard("max_gaps_per_week")[0].amount == 1
    assert report.hard("max_gaps_per_week")[0].entities["student_set"] == "1A"


def test_max_gaps_per_week_each_student_set_separately():
    """Group 1A has sets a and b, each judged alone: their own gaps add up, not those of the group."""
    lessons = [lesson("X", "T1", ["1A"]), lesson("Y", "T2", ["1Aa"]), lesson("Z", "T3", ["1A"])]
    groups = [{"id": "1A", "student_sets": ["a", "b"]}, {"id": "1Aa", "student_sets": ["a"]}]
    plan = cplan({"type": "max_gaps_per_week", "groups": ["1A"], "max_gaps": 0, "weight": 10}, lessons=lessons,
                 groups=groups, student_sets=["a", "b"])
    # set a: X 1, Y 2, Z 4 -> 1 gap; set b: X 1, Z 4 -> 2 gaps; (3 - 0) x 10 = 30
    # (the group as a whole, lesuren 1, 2, 4, would have only 1 gap)
    report = run(plan, place("X", "mon", 1), place("Y", "mon", 2, "T2", "R2"), place("Z", "mon", 4, "T3"))
    assert report.breakdown["max_gaps_per_week"] == 30


def test_max_gaps_per_day_teacher_with_co_teaching():
    """T2 co-teaches A at Mon 1 and teaches B at Mon 3: one gap where none is allowed."""
    lessons = [lesson("A", "T1", ["1A"], co_teachers=["T2"]), lesson("B", "T2", ["1B"])]
    plan = cplan({"type": "max_gaps_per_day", "teachers": ["T2"], "max_gaps": 0}, lessons=lessons)
    assert run(plan, pa("mon", 1), pb("mon", 3)).hard_by_rule() == {"max_gaps_per_day": 1}
    assert run(plan, pa("mon", 1), pb("mon", 2)).ok


# --- scoped: periods per day, in a row, with a tag ----------------------------------------------

def test_max_periods_per_day_counts_lesuren():
    """T1 has a blokuur and a single on Monday: 3 lesuren where 2 are allowed."""
    lessons = [lesson("A", "T1", ["1A"], duration=2), lesson("B", "T1", ["1B"])]
    plan = cplan({"type": "max_periods_per_day", "teachers": ["T1"], "max_periods": 2}, lessons=lessons)
    assert run(plan, pa("mon", 1, duration=2), place("B", "mon", 4)).hard_by_rule() == {"max_periods_per_day": 1}
    assert run(plan, pa("mon", 1, duration=2), place("B", "tue", 4)).ok


def test_min_periods_per_day_with_and_without_empty_days():
    """1A has one lesuur on Monday and none on other days; 2 wanted per day."""
    lessons = [lesson("A", "T1", ["1A"])]
    allow = cplan({"type": "min_periods_per_day", "groups": ["1A"], "min_periods": 2, "weight": 1},
                  lessons=lessons, days=["mon", "tue"])
    strict = cplan({"type": "min_periods_per_day", "groups": ["1A"], "min_periods": 2, "allow_empty_days": False,
                    "weight": 1}, lessons=lessons, days=["mon", "tue"])
    # empty Tuesday allowed: Monday short 1; not allowed: Monday 1 + Tuesday 2
    assert run(allow, pa("mon", 1)).breakdown["min_periods_per_day"] == 1
    assert run(strict, pa("mon", 1)).breakdown["min_periods_per_day"] == 3


def test_max_periods_continuously_run_split_by_marked_break():
    """1A at Mon 1-4 is a run of 2, break, run of 2 with marked breaks, but one run of 4 without."""
    lessons = [lesson(f"L{k}", "T1", ["1A"]) for k in range(4)]
    c = {"type": "max_periods_continuously", "groups": ["1A"], "max_periods": 2, "weight": 1}
    week = [place(f"L{k}", "mon", k + 1) for k in range(4)]
    assert run(cplan(c, lessons=lessons, marked_breaks=True), *week).soft_cost == 0
    # unmarked: one run of 4, two lesuren beyond 2
    assert run(cplan(c, lessons=lessons), *week).breakdown["max_periods_continuously"] == 2


def test_max_periods_continuously_with_tag_counts_only_tagged():
    """Only tagged lessons count: gym, gym, maths in a row is a run of 2 tagged lesuren, limit 1."""
    lessons = [lesson("G1", "T1", ["1A"], tags=["gym"]), lesson("G2", "T1", ["1A"], tags=["gym"]),
               lesson("M", "T1", ["1A"])]
    plan = cplan({"type": "max_periods_continuously", "groups": ["1A"], "max_periods": 1, "tag": "gym"},
                 lessons=lessons)
    assert run(plan, place("G1", "mon", 1), place("G2", "mon", 2), place("M", "mon", 3)).hard_by_rule() == {
        "max_periods_continuously": 1}
    assert run(plan, place("G1", "mon", 1), place("M", "mon", 2), place("G2", "mon", 3)).ok


def test_tag_max_periods_per_day_counts_tagged_lesuren():
    """Two gym lesuren on one day where one is allowed; spread over two days it is fine."""
    lessons = [lesson("G1", "T1", ["1A"], tags=["gym"]), lesson("G2", "T2", ["1A"], tags=["gym"])]
    plan = cplan({"type": "tag_max_periods_per_day", "groups": ["1A"], "tag": "gym", "max_periods": 1},
                 lessons=lessons)
    assert run(plan, place("G1", "mon", 1), place("G2", "mon", 5, "T2")).hard_by_rule() == {
        "tag_max_periods_per_day": 1}
    assert run(plan, place("G1", "mon", 1), place("G2", "tue", 5, "T2")).ok


# --- scoped: days ---------------------------------------------------------------------------------

def test_min_days_per_week_counts_days_with_lessons():
    """T1 teaches on one day where two are wanted: one day short (x 4 when weighted)."""
    lessons = [lesson("A", "T1", ["1A"]), lesson("B", "T1", ["1B"])]
    plan = cplan({"type": "min_days_per_week", "teachers": ["T1"], "min_days": 2, "weight": 4}, lessons=lessons)
    assert run(plan, pa("mon", 1), place("B", "mon", 2)).breakdown["min_days_per_week"] == 4
    assert run(plan, pa("mon", 1), place("B", "tue", 2)).soft_cost == 0


def test_interval_max_days_per_week_counts_days_in_the_interval():
    """T1 teaches in lesuren 5-6 on Mon and Tue, one such day allowed; Tue lesuur 4 lies outside."""
    lessons = [lesson("A", "T1", ["1A"]), lesson("B", "T1", ["1B"])]
    plan = cplan({"type": "interval_max_days_per_week", "teachers": ["T1"], "first_period": 5, "end_period": 7,
                  "max_days": 1}, lessons=lessons)
    assert run(plan, pa("mon", 6), place("B", "tue", 5)).hard_by_rule() == {"interval_max_days_per_week": 1}
    assert run(plan, pa("mon", 6), place("B", "tue", 4)).ok


def test_early_max_beginnings_at_second_period():
    """1A starts at lesuur 2 on Mon and Tue (one allowed) and at 3 on Wed: two violations."""
    lessons = [lesson(f"L{k}", "T1", ["1A"]) for k in range(3)]
    plan = cplan({"type": "early_max_beginnings_at_second_period", "groups": ["1A"], "max_beginnings": 1},
                 lessons=lessons)
    report = run(plan, place("L0", "mon", 2), place("L1", "tue", 2), place("L2", "wed", 3))
    assert report.hard_by_rule() == {"early_max_beginnings_at_second_period": 2}
    assert run(plan, place("L0", "mon", 2), place("L1", "tue", 1), place("L2", "wed", 1)).ok


def test_weight_zero_switches_a_constraint_off():
    """A constraint with weight 0 is neither hard nor charged."""
    plan = cplan({"type": "min_days_between", "lessons": ["A", "B"], "min_days": 2, "weight": 0}, lessons=ABC[:2])
    report = run(plan, pa("mon", 1), pb("mon", 2))
    assert report.ok and report.soft_cost == 0 and not report.violations


def test_weight_zero_keeps_consecutive_if_same_day():
    """As in FET, 'consecutive if same day' is forced even at weight 0: same day, not back to back, is hard."""
    plan = cplan({"type": "min_days_between", "lessons": ["A", "B"], "min_days": 2, "weight": 0,
                  "consecutive_if_same_day": True}, lessons=ABC[:2])
    assert run(plan, pa("mon", 1), pb("mon", 2)).ok
    report = run(plan, pa("mon", 1), pb("mon", 4))
    assert report.hard_by_rule() == {"min_days_between": 1} and report.soft_cost == 0


# --- co-teachers and lessons without a teacher ----------------------------------------------------

def test_co_teacher_clash_is_teacher_no_clash():
    """T2 co-teaches A at Mon 1 and teaches B at Mon 1: the co-teacher clashes."""
    lessons = [lesson("A", "T1", ["1A"], co_teachers=["T2"]), lesson("B", "T2", ["1B"])]
    report = run(make_plan(lessons=lessons, teachers=["T1", "T2"]), pa("mon", 1), pb("mon", 1))
    assert report.hard_by_rule() == {"teacher_no_clash": 1}
    assert report.hard("teacher_no_clash")[0].entities["teacher"] == "T2"


def test_co_teacher_unavailable_and_unqualified_is_fine():
    """A co-teacher's unavailable window counts; their subjects do not."""
    teachers = ["T1", {"id": "T2", "subjects": ["gym"], "unavailable": [{"day": "mon", "start": "08:00",
                                                                       "end": "09:00"}]}]
    plan = make_plan(lessons=[lesson("A", "T1", ["1A"], co_teachers=["T2"])], teachers=teachers)
    assert run(plan, pa("mon", 1)).hard_by_rule() == {"teacher_unavailable": 1}
    assert run(plan, pa("mon", 2)).ok


def test_teacherless_lesson_has_an_empty_teacher():
    """A lesson without a teacher is placed with teacher ''; giving it one, or leaving a normal one empty, is wrong."""
    lessons = [lesson("A", None, ["1A"], teacherless=True), lesson("B", "T2", ["1B"])]
    plan = make_plan(lessons=lessons, teachers=["T1", "T2"])
    assert run(plan, place("A", "mon", 1, ""), pb("mon", 1)).ok
    report = run(plan, place("A", "mon", 1, "T1"), place("B", "mon", 1, "", "R2"))
    assert report.hard_by_rule() == {"teacher_qualified": 2}


def test_unavailable_lesuren_are_no_gaps_and_no_late_start():
    """As in FET: T1 away in lesuur 2 has no gap between 1 and 3; 1A away in lesuur 1 starting at 2 is on time."""
    teachers = [{"id": "T1", "unavailable": [{"day": "mon", "start": "09:20", "end": "10:10"}]}, "T2"]
    groups = ["1B", {"id": "1A", "unavailable": [{"day": "tue", "start": "08:30", "end": "09:20"}]}]
    lessons = [lesson("A", "T1", ["1A"]), lesson("B", "T1", ["1B"])]
    gaps = cplan({"type": "max_gaps_per_day", "teachers": ["T1"], "max_gaps": 0}, lessons=lessons,
                 teachers=teachers, groups=groups)
    assert run(gaps, pa("mon", 1), place("B", "mon", 3)).ok
    assert run(gaps, pa("mon", 1), place("B", "mon", 4)).hard_by_rule() == {"max_gaps_per_day": 1}
    early = cplan({"type": "early_max_beginnings_at_second_period", "groups": ["1A"], "max_beginnings": 0},
                  lessons=lessons, teachers=teachers, groups=groups)
    assert run(early, pa("tue", 2), place("B", "wed", 1)).ok
    assert run(early, pa("tue", 3), place("B", "wed", 1)).hard_by_rule() == {"early_max_beginnings_at_second_period": 1}


def test_min_gaps_between_counts_a_marked_break_as_a_free_lesuur():
    """As FET's break slots: A at Mon 2 and B at Mon 3 with a marked break between have one free place."""
    c = {"type": "min_gaps_between", "lessons": ["A", "B"], "min_gaps": 1}
    assert run(cplan(c, lessons=ABC[:2], marked_breaks=True), pa("mon", 2), pb("mon", 3)).ok
    assert run(cplan(c, lessons=ABC[:2]), pa("mon", 2), pb("mon", 3)).hard_by_rule() == {"min_gaps_between": 1}
