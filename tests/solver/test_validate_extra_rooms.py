"""Validator tests for Lesson.extra_rooms: every room a placement holds is checked by room_no_clash,
room_unavailable and room_fits (listed, of its kind, one per entry, none held twice), with a clean twin."""

from __future__ import annotations

import pytest

from solver.domain import PlanError
from solver.validate import validate
from tests.solver.factories import lesson, make_plan, make_timetable, place

ROOMS = ["R1", "R2", "R3", {"id": "GYM", "kind": "gym"}]


def _plan(other: bool = False, **extra):
    gym = lesson("PE", "T1", ["1A"], rooms=["R1"], extra_rooms=[{"rooms": ["R2", "R3"], **extra}])
    return make_plan(lessons=[gym, lesson("L2", "T2", ["1B"])] if other else [gym], rooms=ROOMS)


def _with_extra(placement: dict, *rooms: str) -> dict:
    return {**placement, "extra_rooms": list(rooms)}


def test_a_clash_in_the_extra_room_is_room_no_clash():
    plan = _plan(other=True)
    clash = validate(plan, make_timetable([_with_extra(place("PE", "mon", 1, "T1", "R1"), "R2"),
                                           place("L2", "mon", 1, "T2", "R2")]))
    assert clash.hard_by_rule() == {"room_no_clash": 1}
    assert clash.hard("room_no_clash")[0].entities["room"] == "R2"
    clean = validate(plan, make_timetable([_with_extra(place("PE", "mon", 1, "T1", "R1"), "R3"),
                                           place("L2", "mon", 1, "T2", "R2")]))
    assert clean.ok and clean.hard_violations == 0


def test_an_extra_room_not_from_its_list_or_of_another_kind_or_missing_is_room_fits():
    plan = _plan()
    report = validate(plan, make_timetable([_with_extra(place("PE", "mon", 1, "T1", "R1"), "GYM")]))
    assert report.hard_by_rule() == {"room_fits": 1}
    assert "not one of R2, R3" in report.hard("room_fits")[0].message_en
    missing = validate(plan, make_timetable([place("PE", "mon", 1, "T1", "R1")]))
    assert missing.hard_by_rule() == {"room_fits": 1}
    assert "needs 1 extra room but has 0" in missing.hard("room_fits")[0].message_en
    assert "1 extra lokaal nodig" in missing.hard("room_fits")[0].message_nl
    kind = validate(_plan(rooms=None, room_kind="gym"),
                    make_timetable([_with_extra(place("PE", "mon", 1, "T1", "R1"), "R2")]))
    assert kind.hard_by_rule() == {"room_fits": 1}
    assert validate(_plan(rooms=None, room_kind="gym"),
                    make_timetable([_with_extra(place("PE", "mon", 1, "T1", "R1"), "GYM")])).ok


def test_a_room_held_twice_by_one_lesson_is_room_fits_not_a_clash_with_itself():
    plan = make_plan(lessons=[lesson("PE", "T1", ["1A"], rooms=["R1", "R2"], extra_rooms=[{"rooms": ["R1", "R2"]}])],
                     rooms=ROOMS)
    report = validate(plan, make_timetable([_with_extra(place("PE", "mon", 1, "T1", "R1"), "R1")]))
    assert report.hard_by_rule() == {"room_fits": 1}
    assert "holds room R1 twice" in report.hard("room_fits")[0].message_en


def test_an_unavailable_extra_room_is_room_unavailable():
    rooms = ["R1", {"id": "R2", "unavailable": [{"day": "mon", "start": "08:00", "end": "12:00"}]}, "R3"]
    plan = make_plan(lessons=[lesson("PE", "T1", ["1A"], rooms=["R1"], extra_rooms=[{"rooms": ["R2", "R3"]}])],
                     rooms=rooms)
    report = validate(plan, make_timetable([_with_extra(place("PE", "mon", 1, "T1", "R1"), "R2")]))
    assert report.hard_by_rule() == {"room_unavailable": 1}
    assert validate(plan, make_timetable([_with_extra(place("PE", "mon", 1, "T1", "R1"), "R3")])).ok


def test_the_plan_refuses_an_unknown_extra_room_and_extra_rooms_without_a_room():
    with pytest.raises(PlanError) as bad:
        make_plan(lessons=[lesson("PE", rooms=["R1"], extra_rooms=[{"rooms": ["NOPE"]}])], rooms=ROOMS)
    assert "lessons[0].extra_rooms[0].rooms[0]" in str(bad.value)
    with pytest.raises(PlanError) as none:
        make_plan(lessons=[lesson("PE", room_kind=None, extra_rooms=[{"rooms": ["R1"]}])], rooms=ROOMS)
    assert "lessons[0].extra_rooms" in str(none.value)
