""""Why is this lesson here?": each other slot judged by the validator, sorted, with NL and EN words.

Timetables here are either hand-made (and checked by the validator before asking why) or solved and
certified by `solve_and_certify`.
"""

from __future__ import annotations

import pytest

from solver.domain import Timetable
from solver.validate import validate
from solver.explain.why import WhyError, why, why_report
from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, only, shift, solve_and_certify, staff, tiny_plan,
)

THREE = {"mon": ["08:30-09:20", "09:20-10:10", "10:10-11:00"]}


def _timetable(*rows, rosters=()) -> Timetable:
    """Placements (lesson, day, period, teacher, room) at school S, start/end left to the validator."""
    return Timetable(
        placements=[{"lesson": l, "school": "S", "day": d, "period": p, "teacher": t, "room": r}
                    for l, d, p, t, r in rows],
        rosters=list(rosters),
    )


def _certified(plan, timetable) -> Timetable:
    report = validate(plan, timetable)
    assert report.ok, [v.message_en for v in report.hard()]
    return timetable


def _at(alternatives, day, period, teacher=None):
    return next(a for a in alternatives if a.day == day and a.period == period
                and (teacher is None or a.teacher == teacher))


def test_cheaper_slot_comes_first_and_is_called_out():
    """A slot that closes a student gap is allowed and cheaper, sorted first, and the summary says the timetable is not optimal."""
    plan = tiny_plan(periods=THREE, lessons=[lesson("L1", "T1"), lesson("L2", "T2")], weights=only(student_gaps=20))
    timetable = _certified(plan, _timetable(("L1", "mon", 1, "T1", "R1"), ("L2", "mon", 3, "T2", "R2")))
    report = why_report(plan, timetable, "L1")
    first = report.alternatives[0]
    assert (first.day, first.period, first.verdict) == ("mon", 2, "cheaper")
    assert first.cost_delta == {"student_gaps": -20} and first.total_delta == -20
    assert "not optimal" in report.summary_en and "niet optimaal" in report.summary_nl
    assert "\u221220 student_gaps" in first.summary_en
    assert not report.optimal_here


def test_forbidden_slot_names_the_rule_and_the_validators_words():
    """The slot of another lesson of the same group is forbidden by group_no_clash, in NL and EN."""
    plan = tiny_plan(periods=THREE, lessons=[lesson("L1", "T1"), lesson("L2", "T2")], weights=only(student_gaps=20))
    timetable = _certified(plan, _timetable(("L1", "mon", 1, "T1", "R1"), ("L2", "mon", 3, "T2", "R2")))
    alternatives = why(plan, timetable, "L1")
    clash = _at(alternatives, "mon", 3)
    assert not clash.allowed and clash.rules == ["group_no_clash"]
    assert clash.broken[0].message_en in clash.summary_en
    assert clash.broken[0].message_nl in clash.summary_nl and "niet toegestaan" in clash.summary_nl
    assert alternatives[-1] is clash  # forbidden last


def test_costlier_slots_come_between_cheaper_and_forbidden():
    """Order: allowed-and-cheaper, then allowed-and-dearer, then forbidden."""
    periods = {"mon": ["08:30-09:20", "09:20-10:10", "10:10-11:00", "11:00-11:50", "11:50-12:40"]}
    lessons = [lesson("L1", "T1"), lesson("L2", "T2"), lesson("L3", "T1", groups=["B"])]
    plan = tiny_plan(periods=periods, lessons=lessons, weights=only(student_gaps=20, teacher_gaps=2))
    timetable = _certified(plan, _timetable(("L3", "mon", 1, "T1", "R1"), ("L1", "mon", 4, "T1", "R1"),
                                            ("L2", "mon", 2, "T2", "R2")))
    # now: A at 2, 4 (1 gap, 20), T1 at 1, 4 (2 gaps, 4) = 24
    # L1 at 3: A 2-3 (0), T1 1, 3 (1 gap, 2) = 2 -> -22;  at 5: A 2, 5 (40), T1 1, 5 (6) = 46 -> +22
    # at 1: T1 teaches L3 then; at 2: group A has L2 then
    alternatives = why(plan, timetable, "L1")
    assert [(a.period, a.verdict, a.total_delta) for a in alternatives[:2]] == [(3, "cheaper", -22), (5, "costlier", 22)]
    assert [(a.period, a.rules) for a in alternatives[2:]] == [(1, ["teacher_no_clash"]), (2, ["group_no_clash"])]


def test_an_optimal_solve_has_no_cheaper_single_move():
    """In a timetable proven optimal no single move of any lesson is allowed and cheaper."""
    periods = {"mon": ["08:30-09:20", "09:20-10:10", "10:10-11:00"], "tue": ["08:30-09:20", "09:20-10:10"]}
    lessons = [lesson("L1", "T1"), lesson("L2", "T2"), lesson("L3", "T1", groups=["B"]),
               lesson("L4", "T3", groups=["A", "B"])]
    plan = tiny_plan(periods=periods, lessons=lessons, weights=only(student_gaps=20, teacher_gaps=2))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    for item in lessons:
        report = why_report(plan, outcome.timetable, item["id"])
        assert report.optimal_here, report.summary_en
        assert len(report.alternatives) == 4  # five slots, one of them its own


def test_candidates_give_one_alternative_per_teacher():
    """A lesson with candidates lists every (slot, teacher); the same slot with another teacher is an alternative."""
    plan = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10"]}, teachers=["T1", "T2"],
                     lessons=[lesson("L1", None, candidates=["T1", "T2"])],
                     weights=only(teacher_change=3))
    timetable = _certified(plan, _timetable(("L1", "mon", 1, "T1", "R1")))
    alternatives = why(plan, timetable, "L1")
    assert {(a.day, a.period, a.teacher) for a in alternatives} == {
        ("mon", 1, "T2"), ("mon", 2, "T1"), ("mon", 2, "T2")}
    assert all(a.allowed for a in alternatives)


def test_the_room_follows_the_move_to_a_free_room_of_the_kind():
    """Moving into a period where the lesson's room is taken picks a free room of the same kind, else reports the clash."""
    rooms = [{"id": "R1"}, {"id": "R2"}, {"id": "LAB", "kind": "lab"}]
    plan = tiny_plan(periods=THREE, rooms=rooms, lessons=[lesson("L1", "T1"), lesson("L2", "T2", groups=["B"])])
    timetable = _certified(plan, _timetable(("L1", "mon", 1, "T1", "R1"), ("L2", "mon", 2, "T2", "R1")))
    moved = _at(why(plan, timetable, "L1"), "mon", 2)
    assert moved.allowed and moved.room == "R2"
    full = tiny_plan(periods=THREE, rooms=[{"id": "R1"}, {"id": "LAB", "kind": "lab"}],
                     lessons=[lesson("L1", "T1"), lesson("L2", "T2", groups=["B"])])
    timetable = _certified(full, _timetable(("L1", "mon", 1, "T1", "R1"), ("L2", "mon", 2, "T2", "R1")))
    clash = _at(why(full, timetable, "L1"), "mon", 2)
    assert clash.rules == ["room_no_clash"] and clash.room == "R1"


def _hto_plan(min_staff: int):
    """Hto'er H works early (06:00-14:00) on Monday; a colleague C too; demand asks min_staff operators."""
    early = shift("early", "06:00", "14:00", days=["mon"])
    return tiny_plan(
        periods={"mon": ["08:30-09:20", "09:20-10:10", "14:30-15:20"]},
        lessons=[lesson("L1", "H")],
        employers=[employer([early], [staff("H", [("early", "mon")]), staff("C", [("early", "mon")])],
                            [demand("mon", "06:00", "14:00", min_staff=min_staff)])],
        htos=[hto(travel_minutes={"S": 10})], weights=only(compact_release=10),
    )


def _hto_timetable(plan):
    return solve_and_certify(plan, expect="OPTIMAL").timetable


def test_hto_release_is_recomputed_for_the_move():
    """Moving an hto'er's lesson into their shift releases them for it (as decode does), so it is allowed when staffing holds."""
    plan = _hto_plan(min_staff=1)
    timetable = _hto_timetable(plan)
    here = timetable.placements[0]
    others = [a for a in why(plan, timetable, "L1") if (a.day, a.period) != (here.day, here.period)]
    assert others and all(a.allowed for a in others), [a.summary_en for a in others]


def test_hto_move_that_leaves_a_shift_short_is_forbidden_by_staffing():
    """With both operators needed all shift long the hto'er can only teach after it; morning slots break staffing_demand."""
    plan = _hto_plan(min_staff=2)
    timetable = _hto_timetable(plan)
    assert timetable.placements[0].period == 3
    alternatives = why(plan, timetable, "L1")
    assert all(not a.allowed and "staffing_demand" in a.rules for a in alternatives)
    report = why_report(plan, timetable, "L1")
    assert "No other place is allowed" in report.summary_en and "Geen andere plek" in report.summary_nl


def test_unknown_lesson_or_copy_is_an_error():
    """Asking about a lesson that does not exist, or a copy that is not placed, raises WhyError with a plain message."""
    plan = tiny_plan(periods=THREE, lessons=[lesson("L1", "T1", count=2)])
    timetable = _timetable(("L1", "mon", 1, "T1", "R1"))
    with pytest.raises(WhyError, match="not in the plan"):
        why(plan, timetable, "NOPE")
    with pytest.raises(WhyError, match="not placed"):
        why(plan, timetable, "L1", copy=1)
    with pytest.raises(WhyError, match="no copy 5"):
        why(plan, timetable, "L1", copy=5)


def test_why_tells_a_hard_block_from_a_preference():
    """T1 is blocked at lesuur 2 (parttime) and would rather not teach at lesuur 3 (weight 4): why says the first
    is forbidden by a hard block and the second is allowed, dearer by a preference, naming both."""
    teacher = {"id": "T1", "unavailable": [
        {"day": "mon", "start": "09:20", "end": "10:10", "reason": "parttime"},
        {"day": "mon", "start": "10:10", "end": "11:00", "level": "preference", "weight": 4, "reason": "overleg"}]}
    plan = tiny_plan(periods=THREE, teachers=[teacher], lessons=[lesson("L1", "T1")],
                     weights=only(teacher_unavailable_preference=1))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    alternatives = why(plan, outcome.timetable, "L1")
    blocked, rather_not = _at(alternatives, "mon", 2), _at(alternatives, "mon", 3)
    assert not blocked.allowed and blocked.hard_blocks == ["teacher_unavailable"] and not blocked.preferences
    assert "forbidden, breaks teacher_unavailable (a hard block)" in blocked.summary_en
    assert "(een harde blokkade)" in blocked.summary_nl
    assert rather_not.allowed and rather_not.hard_blocks == [] and rather_not.total_delta == 4
    assert rather_not.cost_delta == {"teacher_unavailable_preference": 4}
    (used,) = rather_not.preferences
    assert used.entities["reason"] == "overleg" and used.entities["cost"] == 4
    assert "allowed but 4 dearer (+4 teacher_unavailable_preference). A preference, not a block: Teacher T1 " \
           "would rather not teach mon 10:10-11:00 (overleg)" in rather_not.summary_en
    assert "Een voorkeur, geen blokkade: Docent T1 geeft liever geen les" in rather_not.summary_nl
    assert rather_not.to_dict()["preferences"][0]["rule"] == "teacher_unavailable_preference"
    assert blocked.to_dict()["hard_blocks"] == ["teacher_unavailable"]


def test_why_weighs_the_schools_preferred_hto_against_their_release():
    """A solved timetable reports each hto'er's teaching and release: the other slots are judged on their
    own placements (not on the original's reported numbers), the regular teacher as 50 dearer in
    teacher_preference and 20 cheaper in compact_release."""
    lessons = [lesson("L1", None, ["A"], candidates=["H", "T"], preferred_teachers=["H"])]
    plan = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10"]}, lessons=lessons,
                     employers=[employer([shift("day", "07:00", "15:00", days=["mon"])], [staff("H", [("day", "mon")])])],
                     htos=[hto(travel_minutes={"S": 15})], weights=only(compact_release=10, teacher_preference=50))
    timetable = solve_and_certify(plan, expect="OPTIMAL").timetable
    assert timetable.hto_teaching[0].minutes == 50 and timetable.released[0].person_minutes == 80
    by_teacher = {a.teacher: a for a in why(plan, timetable, "L1") if a.period != timetable.placements[0].period}
    assert by_teacher["H"].allowed and by_teacher["T"].allowed
    assert by_teacher["T"].cost_delta == {"compact_release": -20, "teacher_preference": 50}
