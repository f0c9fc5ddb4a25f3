"""Explanations name extra rooms (Lesson.extra_rooms): a missing field is room_fits of the lesson with the
extra room in words, and two lessons that need the one field in the one lesuur are room_no_clash of it."""

from __future__ import annotations

from tests.solver.solve_helpers import lesson, solve_and_certify, tiny_plan
from tests.solver.test_explain import _text, explained

ONE = {"mon": ["08:30-09:20"]}


def test_an_extra_room_of_a_kind_the_school_lacks_is_named():
    def plan_of(rooms):
        return tiny_plan(periods=ONE, rooms=rooms, lessons=[
            lesson("lo", "T1", ["2A"], "Gym", rooms=["G1"], extra_rooms=[{"room_kind": "veld"}])])

    e = explained(plan_of(["G1"]), {("room_fits", "lo"), ("lesson_placed", "lo")})
    assert "heeft tegelijk ook een lokaal van soort 'veld' nodig (extra lokaal)" in _text(e)
    solve_and_certify(plan_of(["G1", {"id": "V1", "kind": "veld"}]), expect="OPTIMAL")


def test_two_lessons_that_need_the_one_field_at_once_clash_in_it():
    def plan_of(fields):
        return tiny_plan(periods=ONE, rooms=["G1", "G2", *fields], lessons=[
            lesson("a", "T1", ["2A"], rooms=["G1"], extra_rooms=[{"rooms": fields}]),
            lesson("b", "T2", ["2B"], rooms=["G2"], extra_rooms=[{"rooms": fields}])])

    e = explained(plan_of(["V1"]), {("room_no_clash", "S", "V1"), ("lesson_placed", "a"), ("lesson_placed", "b")})
    assert "Lokaal V1 heeft hooguit één les tegelijk" in _text(e)
    solve_and_certify(plan_of(["V1", "V2"]), expect="OPTIMAL")
