"""Validator tests for the school rules: each rule broken by 2-3 hand-made lessons, and a clean twin."""

from __future__ import annotations

from solver.validate import validate
from tests.solver.factories import employer, hto, lesson, make_plan, make_timetable, place, staff


def test_all_placed_is_clean():
    """Two lessons placed once each give no hard violation."""
    plan = make_plan(lessons=[lesson("L1"), lesson("L2", groups=["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 1), place("L2", "mon", 2)]))
    assert report.ok and report.hard_violations == 0


def test_missing_copy_is_lesson_placed():
    """A lesson given twice a week with one copy placed misses its second copy."""
    plan = make_plan(lessons=[lesson("L1", count=2)])
    report = validate(plan, make_timetable([place("L1", "mon", 1)]))
    assert report.hard_by_rule() == {"lesson_placed": 1}
    assert report.hard("lesson_placed")[0].entities == {"lesson": "L1", "copy": 1}


def test_doubly_placed_copy_is_lesson_placed():
    """The same copy placed on two days is one lesson_placed violation."""
    plan = make_plan(lessons=[lesson("L1")])
    report = validate(plan, make_timetable([place("L1", "mon", 1), place("L1", "tue", 1)]))
    assert report.hard_by_rule() == {"lesson_placed": 1}


def test_unknown_lesson_and_copy_are_lesson_placed():
    """A placement of a lesson not in the plan and one of a copy beyond count are both reported."""
    plan = make_plan(lessons=[lesson("L1")])
    report = validate(plan, make_timetable([
        place("L1", "mon", 1), place("NOPE", "mon", 2), place("L1", "tue", 1, copy=3),
    ]))
    assert report.hard_by_rule() == {"lesson_placed": 2}


def test_unplaced_without_permission_is_hard():
    """A copy listed as unplaced is a hard violation when the policy does not allow it."""
    plan = make_plan(lessons=[lesson("L1")])
    report = validate(plan, make_timetable(unplaced=[("L1", 0)]))
    assert report.hard_by_rule() == {"lesson_placed": 1}
    assert "lesson_placed" not in report.breakdown


def test_unplaced_with_permission_costs_the_penalty():
    """With allow_unplaced_lessons an unplaced copy costs unplaced_lesson_penalty and is no hard violation."""
    plan = make_plan(lessons=[lesson("L1"), lesson("L2", groups=["1B"])],
                     policy={"allow_unplaced_lessons": True, "unplaced_lesson_penalty": 1000})
    report = validate(plan, make_timetable([place("L1", "mon", 1)], unplaced=[("L2", 0)]))
    assert report.ok
    # 1 unplaced copy x 1000
    assert report.breakdown["lesson_placed"] == 1000 and report.soft_cost == 1000


def test_placed_and_unplaced_is_hard_even_when_allowed():
    """A copy both placed and listed as unplaced is hard even when unplaced copies are allowed."""
    plan = make_plan(lessons=[lesson("L1")], policy={"allow_unplaced_lessons": True})
    report = validate(plan, make_timetable([place("L1", "mon", 1)], unplaced=[("L1", 0)]))
    assert report.hard_by_rule() == {"lesson_placed": 1}
    assert report.breakdown["lesson_placed"] == 0


def test_blokuur_over_unmarked_break_is_clean():
    """A blokuur over a break that is not marked as break_before is allowed."""
    plan = make_plan(lessons=[lesson("L1", duration=2)])
    report = validate(plan, make_timetable([place("L1", "mon", 2, duration=2)]))
    assert report.ok


def test_blokuur_over_marked_break_is_block_consecutive():
    """A blokuur at periods 2-3 spans the marked break before period 3."""
    plan = make_plan(lessons=[lesson("L1", duration=2)], marked_breaks=True)
    report = validate(plan, make_timetable([place("L1", "mon", 2, duration=2)]))
    assert report.hard_by_rule() == {"block_consecutive": 1}
    clean = validate(plan, make_timetable([place("L1", "mon", 3, duration=2)]))
    assert clean.ok


def test_blokuur_past_the_day_is_block_consecutive():
    """A two-period lesson starting at the last period of an 8-period day runs out of the day."""
    plan = make_plan(lessons=[lesson("L1", duration=2)])
    report = validate(plan, make_timetable([place("L1", "mon", 8, duration=2)]))
    assert report.hard_by_rule() == {"block_consecutive": 1}


def test_period_or_day_that_does_not_exist_is_block_consecutive():
    """Period 12 of an 8-period day and any period on a Saturday without lessons do not exist."""
    plan = make_plan(lessons=[lesson("L1"), lesson("L2", groups=["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 12), place("L2", "sat", 1)]))
    assert report.hard_by_rule() == {"block_consecutive": 2}


def test_wrong_duration_in_placement_is_block_consecutive():
    """The plan's duration is the truth: a placement that claims another duration is reported."""
    plan = make_plan(lessons=[lesson("L1")])
    report = validate(plan, make_timetable([place("L1", "mon", 1, duration=2)]))
    assert report.hard_by_rule() == {"block_consecutive": 1}


def test_teacher_clash_and_its_messages():
    """One teacher with two lessons in the same period is one teacher_no_clash, in plain words."""
    plan = make_plan(lessons=[lesson("L1", "JDV"), lesson("L2", "JDV", groups=["1B"])])
    report = validate(plan, make_timetable([
        place("L1", "mon", 3, "JDV", "R1"), place("L2", "mon", 3, "JDV", "R2"),
    ]))
    assert report.hard_by_rule() == {"teacher_no_clash": 1}
    violation = report.hard("teacher_no_clash")[0]
    assert violation.message_en == "Teacher JDV has two lessons at once: L1 (mon lesuur 3) and L2 (mon lesuur 3)"
    assert violation.message_nl == "Docent JDV heeft twee lessen tegelijk: L1 (ma 3e uur) en L2 (ma 3e uur)"
    assert violation.entities == {"teacher": "JDV", "lessons": ["L1#0", "L2#0"]}


def test_teacher_in_consecutive_periods_is_clean():
    """Periods 3 and 4 touch but do not overlap."""
    plan = make_plan(lessons=[lesson("L1"), lesson("L2", groups=["1B"])])
    report = validate(plan, make_timetable([place("L1", "mon", 3), place("L2", "mon", 4, room="R2")]))
    assert report.ok


def test_teacher_clash_across_schools_by_minutes():
    """Lessons at two schools clash when their minutes overlap, though the period numbers differ."""
    other = {"id": "S2", "periods": [{"day": "mon", "start": "07:45", "end": "08:35"},
                                    {"day": "mon", "start": "09:00", "end": "10:00"}],
             "groups": [{"id": "2A"}], "rooms": [{"id": "X1"}]}
    plan = make_plan(lessons=[lesson("L1", school="S"), lesson("L2", groups=["2A"], school="S2")],
                     extra_schools=[other])
    report = validate(plan, make_timetable([
        place("L1", "mon", 1), place("L2", "mon", 2, room="X1", school="S2"),
    ]))
    assert report.hard_by_rule() == {"teacher_no_clash": 1}
    clean = validate(plan, make_timetable([
        place("L1", "mon", 2), place("L2", "mon", 1, room="X1", school="S2"),
    ]))
    assert clean.ok


def test_group_clash_through_a_shared_student_set():
    """A class and a cluster that share student set a2 may not have lessons at the same time."""
    groups = [{"id": "1A", "student_sets": ["a1", "a2"]}, {"id": "X", "student_sets": ["a2", "b1"]},
              {"id": "1B", "student_sets": ["b2"]}]
    plan = make_plan(lessons=[lesson("L1", "T1", ["1A"]), lesson("L2", "T2", ["X"]), lesson("L3", "T3", ["1B"])],
                     groups=groups, student_sets=["a1", "a2", "b1", "b2"])
    report = validate(plan, make_timetable([
        place("L1", "mon", 1, "T1", "R1"), place("L2", "mon", 1, "T2", "R2"),
    ] + [place("L3", "tue", 1, "T3", "R1")]))
    assert report.hard_by_rule() == {"group_no_clash": 1}
    assert report.hard("group_no_clash")[0].entities["student_sets"] == ["a2"]
    clean = validate(plan, make_timetable([
        place("L1", "mon", 1, "T1", "R1"), place("L2", "mon", 2, "T2", "R2"), place("L3", "mon", 1, "T3", "R3"),
    ]))
    assert clean.ok


def test_room_clash():
    """Two lessons of different teachers and groups in one room at once clash."""
    plan = make_plan(lessons=[lesson("L1", "T1", ["1A"]), lesson("L2", "T2", ["1B"])])
    report = validate(plan, make_timetable([place("L1", "wed", 2, "T1", "R1"), place("L2", "wed", 2, "T2", "R1")]))
    assert report.hard_by_rule() == {"room_no_clash": 1}
    clean = validate(plan, make_timetable([place("L1", "wed", 2, "T1", "R1"), place("L2", "wed", 2, "T2", "R2")]))
    assert clean.ok


def test_room_of_the_wrong_kind_or_not_allowed_or_unknown():
    """A lab lesson in a classroom, a lesson outside its room list, and an unknown room each break room_fits."""
    rooms = ["R1", "R2", {"id": "LAB", "kind": "lab"}]
    plan = make_plan(lessons=[lesson("L1", room_kind="lab"), lesson("L2", groups=["1B"], rooms=["R2"]),
                              lesson("L3", groups=["1C"])], rooms=rooms)
    report = validate(plan, make_timetable([
        place("L1", "mon", 1, room="R1"), place("L2", "mon", 2, room="R1"), place("L3", "mon", 3, room="R9"),
    ]))
    assert report.hard_by_rule() == {"room_fits": 3}
    clean = validate(plan, make_timetable([
        place("L1", "mon", 1, room="LAB"), place("L2", "mon", 2, room="R2"), place("L3", "mon", 3, room="R1"),
    ]))
    assert clean.ok


def test_room_too_small_for_the_student_sets():
    """A group of sets of 20 and 15 pupils (35) does not fit a room for 30."""
    plan = make_plan(lessons=[lesson("L1")], groups=[{"id": "1A", "student_sets": ["a", "b"]}],
                     student_sets=[{"id": "a", "size": 20}, {"id": "b", "size": 15}],
                     rooms=["R1", {"id": "AULA", "capacity": 120}])
    report = validate(plan, make_timetable([place("L1", "mon", 1, room="R1")]))
    assert report.hard_by_rule() == {"room_fits": 1}
    assert validate(plan, make_timetable([place("L1", "mon", 1, room="AULA")])).ok


def test_room_missing_or_superfluous():
    """A lesson that needs a room has none; a lesson that needs none (room_kind null) is given one."""
    plan = make_plan(lessons=[lesson("L1"), lesson("L2", groups=["1B"], room_kind=None)])
    report = validate(plan, make_timetable([place("L1", "mon", 1, room=None), place("L2", "mon", 2, room="R1")]))
    assert report.hard_by_rule() == {"room_fits": 2}
    clean = validate(plan, make_timetable([place("L1", "mon", 1, room="R1"), place("L2", "mon", 2, room=None)]))
    assert clean.ok


def test_teacher_unavailable_in_an_occupied_period():
    """A teacher unavailable Monday 08:30-09:20 cannot teach period 1 that day."""
    plan = make_plan(lessons=[lesson("L1")],
                     teachers=[{"id": "T1", "unavailable": [{"day": "mon", "start": "08:30", "end": "09:20"}]}])
    report = validate(plan, make_timetable([place("L1", "mon", 1)]))
    assert report.hard_by_rule() == {"teacher_unavailable": 1}
    assert validate(plan, make_timetable([place("L1", "mon", 2)])).ok


def test_unavailable_window_inside_a_break_blocks_nothing():
    """A window 10:10-10:30 lies in the break inside a blokuur 2-3 and so blocks no occupied period."""
    plan = make_plan(lessons=[lesson("L1", duration=2)],
                     teachers=[{"id": "T1", "unavailable": [{"day": "mon", "start": "10:10", "end": "10:30"}]}])
    report = validate(plan, make_timetable([place("L1", "mon", 2, duration=2)]))
    assert report.ok


def test_group_unavailable():
    """Group 1A is away Tuesday afternoon, so a lesson in period 5 (12:40) is not allowed."""
    plan = make_plan(lessons=[lesson("L1")],
                     groups=[{"id": "1A", "unavailable": [{"day": "tue", "start": "12:30", "end": "16:00"}]}])
    report = validate(plan, make_timetable([place("L1", "tue", 5)]))
    assert report.hard_by_rule() == {"group_unavailable": 1}
    assert validate(plan, make_timetable([place("L1", "tue", 4)])).ok


def test_room_unavailable():
    """Room R1 is closed all Wednesday; room R2 is not."""
    plan = make_plan(lessons=[lesson("L1")],
                     rooms=[{"id": "R1", "unavailable": [{"day": "wed", "start": "00:00", "end": "24:00"}]}, "R2"])
    report = validate(plan, make_timetable([place("L1", "wed", 3, room="R1")]))
    assert report.hard_by_rule() == {"room_unavailable": 1}
    assert validate(plan, make_timetable([place("L1", "wed", 3, room="R2")])).ok


def _locked(**lock) -> dict:
    current = [{"copy": 0, "day": "mon", "period": 1, "room": "R1", "teacher": "T1"}]
    return lesson("L1", None, candidates=["T1", "T2"], lock=lock, current=current)


def test_locked_slot_room_and_teacher():
    """A copy locked in slot, room and teacher that moves all three breaks lesson_locked three times."""
    plan = make_plan(lessons=[_locked(slot=True, room=True, teacher=True)])
    report = validate(plan, make_timetable([place("L1", "tue", 2, "T2", "R2")]))
    assert report.hard_by_rule() == {"lesson_locked": 3}
    assert validate(plan, make_timetable([place("L1", "mon", 1, "T1", "R1")])).ok


def test_lock_on_room_only_lets_the_slot_move():
    """With only the room locked, moving the day is fine (it costs lesson_move, no hard violation)."""
    plan = make_plan(lessons=[_locked(room=True)])
    report = validate(plan, make_timetable([place("L1", "tue", 2, "T1", "R1")]))
    assert report.ok and report.breakdown["lesson_move"] == 3  # 1 moved copy x weight 3


def test_min_days_apart():
    """Two copies that must be 2 days apart may not be on Monday and Tuesday."""
    plan = make_plan(lessons=[lesson("L1", count=2, min_days_apart=2)])
    report = validate(plan, make_timetable([place("L1", "mon", 1), place("L1", "tue", 1, copy=1)]))
    assert report.hard_by_rule() == {"min_days_apart": 1}
    assert validate(plan, make_timetable([place("L1", "mon", 1), place("L1", "wed", 1, copy=1)])).ok


def test_teacher_max_periods_per_day_counts_blokuren():
    """A teacher with at most 2 periods a day cannot teach a blokuur and another lesson on one day."""
    plan = make_plan(lessons=[lesson("L1", duration=2), lesson("L2", groups=["1B"])],
                     teachers=[{"id": "T1", "max_periods_per_day": 2}])
    report = validate(plan, make_timetable([place("L1", "mon", 1, duration=2), place("L2", "mon", 3)]))
    assert report.hard_by_rule() == {"teacher_max_periods_per_day": 1}
    assert report.hard("teacher_max_periods_per_day")[0].amount == 1  # 3 periods, 2 allowed
    assert validate(plan, make_timetable([place("L1", "mon", 1, duration=2), place("L2", "tue", 3)])).ok


def test_teacher_max_days_per_week():
    """A teacher who may come one day a week cannot teach on Monday and Tuesday."""
    plan = make_plan(lessons=[lesson("L1"), lesson("L2", groups=["1B"])],
                     teachers=[{"id": "T1", "max_days_per_week": 1}])
    report = validate(plan, make_timetable([place("L1", "mon", 1), place("L2", "tue", 1)]))
    assert report.hard_by_rule() == {"teacher_max_days_per_week": 1}
    assert validate(plan, make_timetable([place("L1", "mon", 1), place("L2", "mon", 2)])).ok


def test_teacher_not_fixed_nor_candidate_nor_known():
    """Another teacher than the fixed one, a non-candidate, and an unknown teacher break teacher_qualified."""
    plan = make_plan(lessons=[lesson("L1", "T1"), lesson("L2", None, ["1B"], candidates=["T1", "T2"]),
                              lesson("L3", "T3", ["1C"])])
    report = validate(plan, make_timetable([
        place("L1", "mon", 1, "T2"), place("L2", "mon", 2, "T3"), place("L3", "mon", 3, "GHOST"),
    ]))
    assert report.hard_by_rule() == {"teacher_qualified": 3}
    clean = validate(plan, make_timetable([
        place("L1", "mon", 1, "T1"), place("L2", "mon", 2, "T2"), place("L3", "mon", 3, "T3"),
    ]))
    assert clean.ok


def test_candidate_without_the_subject_is_not_qualified():
    """A candidate whose subjects do not include the lesson's subject may not teach it."""
    plan = make_plan(lessons=[lesson("L1", None, candidates=["T1", "T2"], subject="wiskunde")],
                     teachers=[{"id": "T1", "subjects": ["natuurkunde"]}, {"id": "T2", "subjects": ["wiskunde"]}])
    report = validate(plan, make_timetable([place("L1", "mon", 1, "T1")]))
    assert report.hard_by_rule() == {"teacher_qualified": 1}
    assert validate(plan, make_timetable([place("L1", "mon", 1, "T2")])).ok


def test_hto_subjects_replace_the_teacher_subjects():
    """An hto'er whose hto subjects are only 'techniek' may not teach 'wiskunde', whatever the teacher record says."""
    plan = make_plan(lessons=[lesson("L1", None, candidates=["T1", "H1"], subject="wiskunde")],
                     teachers=["T1", {"id": "H1", "subjects": ["wiskunde"]}],
                     employers=[employer("E", staff=[staff("h1")])],
                     htos=[hto("H", "H1", "h1", subjects=["techniek"])])
    report = validate(plan, make_timetable([place("L1", "mon", 1, "H1")]))
    assert report.hard_by_rule() == {"teacher_qualified": 1}
    assert validate(plan, make_timetable([place("L1", "mon", 1, "T1")])).ok


def test_empty_room_list_means_no_room_is_allowed():
    """`rooms: []` is set: the lesson needs a room and none is allowed, so any placement breaks room_fits."""
    plan = make_plan(lessons=[lesson("L1", room_kind=None, rooms=[])])
    assert validate(plan, make_timetable([place("L1", "mon", 1, room="R1")])).hard_by_rule() == {"room_fits": 1}
    assert validate(plan, make_timetable([place("L1", "mon", 1, room=None)])).hard_by_rule() == {"room_fits": 1}
