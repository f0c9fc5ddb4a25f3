"""Tiny solves, one or more per school rule, each with a hand-derived optimum (docs/rules.md).

Unless a test says otherwise, weights are all 0 (`only(...)` switches single soft rules on) and
rooms are three classrooms R1-R3 for 30. Every solve is certified by the validator.
"""

from __future__ import annotations

from tests.solver.solve_helpers import (
    employer, hto, lesson, locked, only, placement, slot_of, solve_and_certify, staff, tiny_plan,
)

MON3 = {"mon": ["08:30-09:20", "09:20-10:10", "10:30-11:20"]}
MON4 = {"mon": ["08:30-09:20", "09:20-10:10", "10:30-11:20", "11:20-12:10"]}
P2 = ("mon", "09:20", "10:10")  # lesuur 2 of MON3 / MON4


def window(day: str, start: str, end: str) -> dict:
    return {"day": day, "start": start, "end": end}


# --- lesson_placed ------------------------------------------------------------------------------

def test_lesson_placed_is_hard_by_default():
    """Two lessons of one group and a single lesuur: one cannot be placed, so no timetable exists."""
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]},
                     lessons=[lesson("L1", "T1"), lesson("L2", "T2")])
    solve_and_certify(plan, expect="INFEASIBLE")


def test_lesson_placed_tier_penalty_when_allowed():
    """With allow_unplaced_lessons the copy that does not fit is listed as unplaced at the tier-1 penalty."""
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]},
                     lessons=[lesson("L1", "T1"), lesson("L2", "T2")],
                     policy={"allow_unplaced_lessons": True, "unplaced_lesson_penalty": 1000})
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # one lesson in the only lesuur, the other unplaced: 1 x 1000
    assert outcome.result.objective == 1000
    assert len(outcome.timetable.placements) == 1 and len(outcome.timetable.unplaced) == 1


# --- block_consecutive --------------------------------------------------------------------------

def test_block_consecutive_skips_a_marked_break():
    """A blokuur may not span a marked break, so with lesuur 1 blocked it goes to lesuren 3-4."""
    periods = {"mon": ["08:30-09:20", "09:20-10:10", ("10:30-11:20", True), "11:20-12:10"]}
    teachers = [{"id": "T1", "unavailable": [window("mon", "08:30", "09:20")]}]
    plan = tiny_plan(periods=periods, teachers=teachers, lessons=[lesson("B", "T1", duration=2)])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # options: 1-2 (teacher away in 1), 2-3 (spans the break), 3-4: only 3-4 is left; cost 0
    assert slot_of(outcome, "B") == ("mon", 3)
    assert outcome.result.objective == 0


def test_block_consecutive_infeasible_when_only_a_spanning_block_is_left():
    """Without lesuur 4 the only free blokuur spans the break: no timetable exists."""
    periods = {"mon": ["08:30-09:20", "09:20-10:10", ("10:30-11:20", True)]}
    teachers = [{"id": "T1", "unavailable": [window("mon", "08:30", "09:20")]}]
    plan = tiny_plan(periods=periods, teachers=teachers, lessons=[lesson("B", "T1", duration=2)])
    solve_and_certify(plan, expect="INFEASIBLE")


def test_block_consecutive_stays_inside_the_day():
    """A blokuur of 3 on a day of 3 lesuren can only start at lesuur 1."""
    plan = tiny_plan(periods={**MON3, "tue": ["08:30-09:20", "09:20-10:10"]},
                     lessons=[lesson("B", "T1", duration=3)])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # tue has 2 lesuren (1+3-1 = 3 > 2), mon 1-3 is the only option
    assert slot_of(outcome, "B") == ("mon", 1)


# --- clashes ------------------------------------------------------------------------------------

def test_teacher_no_clash_same_school():
    """One teacher, two lessons for two groups, two lesuren: they take different lesuren."""
    plan = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10"]},
                     lessons=[lesson("L1", "T1", ["A"]), lesson("L2", "T1", ["B"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert slot_of(outcome, "L1") != slot_of(outcome, "L2")
    one = tiny_plan(periods={"mon": ["08:30-09:20"]},
                    lessons=[lesson("L1", "T1", ["A"]), lesson("L2", "T1", ["B"])])
    solve_and_certify(one, expect="INFEASIBLE")


def test_teacher_no_clash_across_schools():
    """A teacher at two schools whose lesuren overlap in time is placed at the one that does not overlap."""
    s2 = {"id": "S2", "periods": [{"day": "mon", "start": "09:00", "end": "09:50"}],
          "groups": [{"id": "B"}], "rooms": [{"id": "R1"}]}
    plan = tiny_plan(periods={"mon": ["08:30-09:20", "10:00-10:50"]}, extra_schools=[s2], groups=["A"],
                     lessons=[lesson("L1", "T1", ["A"], school="S"), lesson("L2", "T1", ["B"], school="S2")])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # L2 has only S2 09:00-09:50, which overlaps S lesuur 1 (08:30-09:20): L1 must take 10:00
    assert slot_of(outcome, "L2") == ("mon", 1)
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.result.objective == 0


def test_group_no_clash_via_a_shared_student_set():
    """Groups sharing a student set never meet at once; a group with other sets may."""
    sets = ["a", "b", "c"]
    groups = [{"id": "1A", "student_sets": ["a", "b"]}, {"id": "Xb", "student_sets": ["b"]},
              {"id": "Yc", "student_sets": ["c"]}]
    lessons = [lesson("L1", "T1", ["1A"]), lesson("L2", "T2", ["Xb"]), lesson("L3", "T3", ["Yc"])]
    one = tiny_plan(periods={"mon": ["08:30-09:20"]}, student_sets=sets, groups=groups, lessons=lessons)
    solve_and_certify(one, expect="INFEASIBLE")  # L1 and L2 share set b
    apart = tiny_plan(periods={"mon": ["08:30-09:20"]}, student_sets=sets, groups=groups,
                      lessons=[lessons[0], lessons[2]])
    outcome = solve_and_certify(apart, expect="OPTIMAL")  # 1A and Yc share nothing: both in lesuur 1
    assert slot_of(outcome, "L1") == slot_of(outcome, "L3") == ("mon", 1)
    two = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10"]}, student_sets=sets, groups=groups,
                    lessons=lessons, weights=only(student_gaps=20))
    outcome = solve_and_certify(two, expect="OPTIMAL")
    # L1, L2 in lesuren 1 and 2 (either order): set b has no gap, a and c one lesson each: cost 0
    assert slot_of(outcome, "L1") != slot_of(outcome, "L2")
    assert outcome.result.objective == 0


def test_room_no_clash_single_room():
    """With one room, two lessons of different groups and teachers take different lesuren."""
    lessons = [lesson("L1", "T1", ["A"]), lesson("L2", "T2", ["B"])]
    plan = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10"]}, rooms=["R1"], lessons=lessons)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert slot_of(outcome, "L1") != slot_of(outcome, "L2")
    one = tiny_plan(periods={"mon": ["08:30-09:20"]}, rooms=["R1"], lessons=lessons)
    solve_and_certify(one, expect="INFEASIBLE")
    two_rooms = tiny_plan(periods={"mon": ["08:30-09:20"]}, rooms=["R1", "R2"], lessons=lessons)
    outcome = solve_and_certify(two_rooms, expect="OPTIMAL")
    assert {placement(outcome, "L1").room, placement(outcome, "L2").room} == {"R1", "R2"}


# --- rooms fit ----------------------------------------------------------------------------------

def test_room_fits_kind_capacity_and_list():
    """Each lesson gets a room of its kind, big enough and from its list; a lesson without kind gets none."""
    rooms = [{"id": "R1", "capacity": 20}, {"id": "R2", "capacity": 30},
             {"id": "LAB", "kind": "lab", "capacity": 30}]
    lessons = [
        lesson("big", "T1", ["A"], size=25),                       # classroom for 25: only R2
        lesson("lab", "T2", ["B"], room_kind="lab"),               # only LAB
        lesson("none", "T3", ["C"], room_kind=None),               # needs no room
        lesson("listed", "T4", ["D"], rooms=["R1"], size=10),      # only R1
    ]
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, rooms=rooms, lessons=lessons)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert placement(outcome, "big").room == "R2"
    assert placement(outcome, "lab").room == "LAB"
    assert placement(outcome, "none").room is None
    assert placement(outcome, "listed").room == "R1"
    too_big = tiny_plan(periods={"mon": ["08:30-09:20"]}, rooms=rooms, lessons=[lesson("big", "T1", size=31)])
    solve_and_certify(too_big, expect="INFEASIBLE")


# --- unavailability -----------------------------------------------------------------------------

def test_teacher_unavailable_forces_a_gap():
    """The teacher is away in lesuur 2, so the group's second lesson goes to lesuur 3 at one tussenuur."""
    teachers = ["T2", {"id": "T1", "unavailable": [window(*P2)]}]
    plan = tiny_plan(periods=MON3, teachers=teachers, weights=only(student_gaps=20),
                     lessons=[locked("L0", "mon", 1), lesson("L1", "T1")])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # L0 fixed in 1; L1 in 2 is blocked, so 3: group A has lesuren {1, 3}: 1 gap x 20 = 20
    assert slot_of(outcome, "L1") == ("mon", 3)
    assert outcome.result.objective == 20


def test_teacher_unavailable_window_inside_a_break_blocks_nothing():
    """A window that lies only in the break between lesuren 2 and 3 blocks no lesuur."""
    teachers = ["T2", {"id": "T1", "unavailable": [window("mon", "10:10", "10:30")]}]
    plan = tiny_plan(periods=MON3, teachers=teachers, weights=only(student_gaps=20),
                     lessons=[locked("L0", "mon", 1), lesson("L1", "T1")])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # L1 in 2 right after L0: no gap, cost 0
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.result.objective == 0


def test_group_unavailable_forces_a_gap():
    """The group is away in lesuur 2, so its second lesson goes to lesuur 3 at one tussenuur."""
    plan = tiny_plan(periods=MON3, groups=[{"id": "A", "unavailable": [window(*P2)]}],
                     weights=only(student_gaps=20), lessons=[locked("L0", "mon", 1), lesson("L1", "T1")])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # {1, 3}: 1 gap x 20 = 20
    assert slot_of(outcome, "L1") == ("mon", 3)
    assert outcome.result.objective == 20


def test_room_unavailable_forces_a_gap():
    """The only room is closed in lesuur 2, so the second lesson goes to lesuur 3 at one tussenuur."""
    plan = tiny_plan(periods=MON3, rooms=[{"id": "R1", "unavailable": [window(*P2)]}],
                     weights=only(student_gaps=20), lessons=[locked("L0", "mon", 1), lesson("L1", "T1")])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # {1, 3}: 1 gap x 20 = 20
    assert slot_of(outcome, "L1") == ("mon", 3)
    assert placement(outcome, "L1").room == "R1"
    assert outcome.result.objective == 20


# --- locks --------------------------------------------------------------------------------------

def test_lesson_locked_slot_beats_a_cheaper_move():
    """A locked slot stays even though moving it would save a tussenuur."""
    def make(lock: bool):
        l1 = lesson("L1", "T1", lock={"slot": lock}, current=[{"copy": 0, "day": "mon", "period": 3}])
        return tiny_plan(periods=MON3, weights=only(student_gaps=20, lesson_move=3),
                         lessons=[locked("L0", "mon", 1), l1])
    outcome = solve_and_certify(make(True), expect="OPTIMAL")
    # locked in 3: group A {1, 3} = 1 gap x 20 = 20, no move
    assert slot_of(outcome, "L1") == ("mon", 3)
    assert outcome.result.objective == 20
    outcome = solve_and_certify(make(False), expect="OPTIMAL")
    # unlocked: move to 2 for 1 x 3 = 3 < 20
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.result.objective == 3


def test_lesson_locked_room():
    """A locked room is kept, which pushes another lesson that needs that room to the other lesuur."""
    l1 = lesson("L1", "T1", ["A"], lock={"room": True}, current=[{"copy": 0, "day": "mon", "period": 1, "room": "R2"}])
    l2 = lesson("L2", "T2", ["B"], rooms=["R2"])
    plan = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10"]}, rooms=["R1", "R2"], lessons=[l1, l2])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert placement(outcome, "L1").room == "R2"
    assert slot_of(outcome, "L1") != slot_of(outcome, "L2")


def test_lesson_locked_teacher_forces_a_move():
    """A locked teacher who is now away in the current lesuur forces the lesson to move (cost 3)."""
    l1 = lesson("L1", None, candidates=["T1", "T2"], lock={"teacher": True},
                current=[{"copy": 0, "day": "mon", "period": 1, "teacher": "T2"}])
    teachers = ["T1", {"id": "T2", "unavailable": [window("mon", "08:30", "09:20")]}]
    plan = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10"]}, teachers=teachers, lessons=[l1],
                     weights=only(lesson_move=3, teacher_change=3))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # T2 locked and away in 1: lesuur 2 with T2 = 1 move x 3 = 3 (T1 in 1 would cost 3 but is not allowed)
    assert placement(outcome, "L1").teacher == "T2"
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.result.objective == 3


# --- spread and teacher limits ------------------------------------------------------------------

def test_min_days_apart():
    """Two copies at least 2 days apart over mon-wed can only be on mon and wed."""
    days = {d: ["08:30-09:20"] for d in ("mon", "tue", "wed")}
    plan = tiny_plan(periods=days, lessons=[lesson("L", "T1", count=2, min_days_apart=2)])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert sorted(p.day for p in outcome.timetable.placements) == ["mon", "wed"]
    far = tiny_plan(periods=days, lessons=[lesson("L", "T1", count=2, min_days_apart=3)])
    solve_and_certify(far, expect="INFEASIBLE")  # mon..wed is only 2 days apart


def test_teacher_max_periods_per_day():
    """A teacher with at most 2 lesuren a day teaches 3 lessons on two days; on one day it cannot be done."""
    teachers = [{"id": "T1", "max_periods_per_day": 2}]
    lessons = [lesson("L1", "T1", ["A"]), lesson("L2", "T1", ["B"]), lesson("L3", "T1", ["C"])]
    day = ["08:30-09:20", "09:20-10:10", "10:30-11:20"]
    plan = tiny_plan(periods={"mon": day, "tue": day}, teachers=teachers, lessons=lessons,
                     weights=only(teacher_gaps=2))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    per_day = sorted(sum(1 for p in outcome.timetable.placements if p.day == d) for d in ("mon", "tue"))
    assert per_day == [1, 2]
    assert outcome.result.objective == 0  # 2 adjacent + 1: no teacher gap
    one_day = tiny_plan(periods={"mon": day}, teachers=teachers, lessons=lessons)
    solve_and_certify(one_day, expect="INFEASIBLE")


def test_teacher_max_days_per_week():
    """A teacher on at most 1 day teaches both lessons on monday, where each group can still come."""
    teachers = [{"id": "T1", "max_days_per_week": 1}]
    groups = [{"id": "A", "unavailable": [window("tue", "08:00", "12:00")]},
              {"id": "B", "unavailable": [window("mon", "09:20", "10:10")]}]
    periods = {"mon": ["08:30-09:20", "09:20-10:10"], "tue": ["08:30-09:20", "09:20-10:10"]}
    lessons = [lesson("L1", "T1", ["A"]), lesson("L2", "T1", ["B"])]
    plan = tiny_plan(periods=periods, teachers=teachers, groups=groups, lessons=lessons)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # A only on mon; B then also mon, not in 2: B in 1, A in 2
    assert slot_of(outcome, "L2") == ("mon", 1)
    assert slot_of(outcome, "L1") == ("mon", 2)
    groups[1]["unavailable"].append(window("mon", "08:30", "09:20"))
    blocked = tiny_plan(periods=periods, teachers=teachers, groups=groups, lessons=lessons)
    solve_and_certify(blocked, expect="INFEASIBLE")  # B only on tue, A only on mon: 2 days


def test_teacher_qualified_forces_a_teacher_change():
    """Only the candidate who may teach the subject gets the lesson, at the cost of a teacher change."""
    teachers = [{"id": "T1", "subjects": ["du"]}, {"id": "T2", "subjects": ["wi"]}]
    l1 = lesson("L1", None, candidates=["T1", "T2"], current=[{"copy": 0, "day": "mon", "period": 1, "teacher": "T1"}])
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, teachers=teachers, lessons=[l1],
                     weights=only(teacher_change=3))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # T1 teaches du only: T2, one change x 3 = 3
    assert placement(outcome, "L1").teacher == "T2"
    assert outcome.result.objective == 3


def test_teacher_qualified_uses_the_hto_subjects():
    """An hto'er's own subject list counts, not the (empty, i.e. any) list of their teacher record."""
    l1 = lesson("L1", None, candidates=["H", "T2"], current=[{"copy": 0, "day": "mon", "period": 1, "teacher": "H"}])
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, lessons=[l1], weights=only(teacher_change=3),
                     employers=[employer(staff=[staff("H")])], htos=[hto(subjects=["techniek"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # H may teach techniek only: T2, one change x 3 = 3
    assert placement(outcome, "L1").teacher == "T2"
    assert outcome.result.objective == 3


# --- soft rules ---------------------------------------------------------------------------------

def test_teacher_gaps():
    """The teacher's second group is away in lesuur 2, so lesuur 3 (1 gap) beats lesuur 4 (2 gaps)."""
    groups = ["A", {"id": "B", "unavailable": [window(*P2)]}]
    plan = tiny_plan(periods=MON4, groups=groups, weights=only(teacher_gaps=2),
                     lessons=[locked("L0", "mon", 1, teacher="T1"), lesson("L1", "T1", ["B"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # T1 {1, 3}: 1 gap x 2 = 2 (with 4: 2 gaps = 4)
    assert slot_of(outcome, "L1") == ("mon", 3)
    assert outcome.result.objective == 2


def test_student_gaps_per_student_set():
    """A cluster of set b after the class lesson of sets a+b leaves one tussenuur for b only."""
    groups = [{"id": "1A", "student_sets": ["a", "b"]}, {"id": "Xb", "student_sets": ["b"]}]
    teachers = ["T2", {"id": "T1", "unavailable": [window(*P2)]}]
    plan = tiny_plan(periods=MON4, student_sets=["a", "b"], groups=groups, teachers=teachers,
                     weights=only(student_gaps=20),
                     lessons=[locked("L0", "mon", 1, groups=["1A"]), lesson("L1", "T1", ["Xb"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # b has {1, 3}: 1 gap x 20 = 20; a has {1}: 0
    assert slot_of(outcome, "L1") == ("mon", 3)
    assert outcome.result.objective == 20


def test_lesson_move():
    """A lesson whose teacher is now away in its current lesuur moves (3); the other stays (0)."""
    teachers = ["T2", {"id": "T1", "unavailable": [window("mon", "08:30", "09:20")]}]
    l1 = lesson("L1", "T1", ["A"], current=[{"copy": 0, "day": "mon", "period": 1}])
    l2 = lesson("L2", "T2", ["B"], current=[{"copy": 0, "day": "mon", "period": 2}])
    plan = tiny_plan(periods=MON3, teachers=teachers, lessons=[l1, l2], weights=only(lesson_move=3))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # 1 move x 3 = 3
    assert slot_of(outcome, "L2") == ("mon", 2)
    assert slot_of(outcome, "L1") != ("mon", 1)
    assert outcome.result.objective == 3


def test_teacher_change():
    """The current teacher is away in the only lesuur, so the other candidate teaches it (3)."""
    teachers = ["T2", {"id": "T1", "unavailable": [window("mon", "08:30", "09:20")]}]
    l1 = lesson("L1", None, candidates=["T1", "T2"], current=[{"copy": 0, "day": "mon", "period": 1, "teacher": "T1"}])
    plan = tiny_plan(periods={"mon": ["08:30-09:20"]}, teachers=teachers, lessons=[l1],
                     weights=only(teacher_change=3, lesson_move=3))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    # same slot (no move), other teacher: 1 x 3 = 3
    assert placement(outcome, "L1").teacher == "T2"
    assert outcome.result.objective == 3
