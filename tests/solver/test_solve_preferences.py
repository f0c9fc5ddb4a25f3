"""Availability at two levels (issue 20, item 4): a block forbids, a preference costs (docs/rules.md).

Each plan has one slot left free, inside an unavailable window or mark. As a preference the window is
used at its cost, which the validator recomputes and reports (solve_and_certify); as a hard block the
plan has no timetable and `explain` names the window as a hard block.
"""

from __future__ import annotations

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.validate import validate
from tests.solver.test_explain import explained
from tests.solver.solve_helpers import (
    employer, hto, lesson, locked, only, slot_of, solve_and_certify, staff, tiny_plan,
)

TWO = {"mon": ["08:30-09:20", "09:20-10:10"]}
THREE = {"mon": ["08:30-09:20", "09:20-10:10", "10:30-11:20"]}
SME3 = {"mon": ["08:30-09:20", "09:20-10:10", "13:00-13:50"]}
ALL = only(teacher_unavailable_preference=1, group_unavailable_preference=1, sme_unavailable_preference=1)


def _window(level: str, weight: int | None = 7, **kw) -> dict:
    """mon 09:20-10:10 (lesuur 2 of TWO and THREE), at the given level."""
    out = {"day": "mon", "start": "09:20", "end": "10:10", "level": level, "reason": "ouderavond", **kw}
    if level == "preference" and weight is not None:
        out["weight"] = weight
    return out


def _used(plan, timetable, rule: str) -> list:
    return [v for v in validate(plan, timetable).violations if v.rule == rule]


# --- teacher_unavailable_preference ------------------------------------------------------------------

def _teacher_plan(level: str, weights=ALL, **kw):
    """T1's lesuur 1 is taken by a locked lesson of 1A, so L1 (T1, 1B) can only go to lesuur 2."""
    teacher = {"id": "T1", "name": "Els Smit", "unavailable": [_window(level, **kw)]}
    return tiny_plan(periods=TWO, teachers=[teacher],
                     lessons=[locked("L0", "mon", 1, teacher="T1", groups=["1A"]), lesson("L1", "T1", ["1B"])],
                     weights=weights)


def test_teacher_unavailable_preference_on_the_only_free_slot_is_used_at_its_cost_and_reported():
    outcome = solve_and_certify(_teacher_plan("preference"), expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.result.objective == 7 and outcome.timetable.soft_cost == {"teacher_unavailable_preference": 7}
    (used,) = _used(_teacher_plan("preference"), outcome.timetable, "teacher_unavailable_preference")
    assert used.kind == "soft" and used.entities["reason"] == "ouderavond" and used.entities["cost"] == 7
    assert "would rather not teach mon 09:20-10:10 (ouderavond)" in used.message_en


def test_teacher_unavailable_hard_window_on_the_only_free_slot_is_infeasible_and_explained_as_a_block():
    plan = _teacher_plan("hard")
    solve_and_certify(plan, expect="INFEASIBLE")
    e = explained(plan, {("teacher_unavailable", "T1"), ("teacher_no_clash", "T1"), ("lesson_placed", "L0"),
                         ("lesson_placed", "L1")})
    item = next(i for i in e.items if i.rule == "teacher_unavailable")
    assert item.message_nl == "Els Smit is niet beschikbaar (een harde blokkade): ma 09:20–10:10 (ouderavond)."
    assert item.message_en == "Els Smit is unavailable (a hard block): Mon 09:20–10:10 (ouderavond)."
    assert item.entities["level"] == "hard"


def test_teacher_unavailable_preference_is_avoided_when_a_free_slot_costs_nothing():
    """With lesuur 3 free too, the preference window is left empty (cost 0)."""
    teacher = {"id": "T1", "unavailable": [_window("preference")]}
    plan = tiny_plan(periods=THREE, teachers=[teacher],
                     lessons=[locked("L0", "mon", 1, teacher="T1", groups=["1A"]), lesson("L1", "T1", ["1B"])],
                     weights=ALL)
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 3) and outcome.result.objective == 0


def test_teacher_unavailable_preference_counts_each_lesuur_and_the_default_weight():
    """A blokuur of 2 lesuren in a window of the default weight 5 costs 10; the rule's weight multiplies."""
    teacher = {"id": "T1", "unavailable": [{"day": "mon", "start": "08:30", "end": "10:10", "level": "preference"}]}
    plan = tiny_plan(periods=TWO, teachers=[teacher], lessons=[lesson("L1", "T1", ["1A"], duration=2)],
                     weights=only(teacher_unavailable_preference=3))
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert outcome.result.objective == 3 * 5 * 2


def test_teacher_unavailable_preference_of_a_co_teacher_counts_too():
    teachers = [{"id": "T1"}, {"id": "T2", "unavailable": [_window("preference", 4)]}]
    plan = tiny_plan(periods=TWO, teachers=teachers, weights=ALL,
                     lessons=[locked("L0", "mon", 1, teacher="T2", groups=["1A"]),
                              lesson("L1", "T1", ["1B"], co_teachers=["T2"])])
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert outcome.timetable.soft_cost == {"teacher_unavailable_preference": 4}


def test_preference_weight_zero_builds_the_model_of_a_plan_without_the_window():
    """Switched off (weights 0), a preference window adds no term and prunes nothing: the same model."""
    with_window = _teacher_plan("preference", weights=only())
    without = tiny_plan(periods=TWO, teachers=[{"id": "T1", "name": "Els Smit"}], weights=only(),
                        lessons=[locked("L0", "mon", 1, teacher="T1", groups=["1A"]), lesson("L1", "T1", ["1B"])])
    assert compile_plan(with_window).preferences == ()
    a, b = build_model(compile_plan(with_window)).model, build_model(compile_plan(without)).model
    assert str(a.Proto()) == str(b.Proto())
    assert solve_and_certify(with_window, expect="OPTIMAL").result.objective == 0


# --- group_unavailable_preference --------------------------------------------------------------------

def _group_plan(level: str):
    """1A's lesuur 1 is taken (T2), so L1 (T1, 1A) can only go to lesuur 2, where 1A would rather not."""
    return tiny_plan(periods=TWO, groups=[{"id": "1A", "unavailable": [_window(level, 6)]}],
                     lessons=[locked("L0", "mon", 1, teacher="T2", groups=["1A"]), lesson("L1", "T1", ["1A"])],
                     weights=ALL)


def test_group_unavailable_preference_on_the_only_free_slot_is_used_at_its_cost_and_reported():
    plan = _group_plan("preference")
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.timetable.soft_cost == {"group_unavailable_preference": 6}
    (used,) = _used(plan, outcome.timetable, "group_unavailable_preference")
    assert used.entities["group"] == "1A" and used.entities["cost"] == 6
    assert "Groep 1A heeft liever geen les ma 09:20-10:10 (ouderavond)" in used.message_nl


def test_group_unavailable_hard_window_on_the_only_free_slot_is_infeasible_and_explained_as_a_block():
    plan = _group_plan("hard")
    solve_and_certify(plan, expect="INFEASIBLE")
    e = explained(plan, {("group_unavailable", "1A"), ("group_no_clash", "1A"), ("lesson_placed", "L0"),
                         ("lesson_placed", "L1")})
    item = next(i for i in e.items if i.rule == "group_unavailable")
    assert "Groep 1A is niet beschikbaar (een harde blokkade): ma 09:20–10:10 (ouderavond)." == item.message_nl


# --- sme_unavailable_preference ----------------------------------------------------------------------

def _sme_plan(level: str, weight: int | None = 9, travel: int = 0, periods=TWO):
    """1A's lesuur 1 is taken (T2), so H teaches L1 at lesuur 2 (09:20-10:10), or 3 (13:00) when there is one;
    the company would rather keep H mon 10:00-11:00."""
    mark = {"staff": "H", "day": "mon", "start": "10:00", "end": "11:00", "reason": "audit", "level": level}
    if level == "preference" and weight is not None:
        mark["weight"] = weight
    return tiny_plan(periods=periods,
                     lessons=[locked("L0", "mon", 1, teacher="T2", groups=["1A"]), lesson("L1", "H", ["1A"])],
                     marks=[mark], employers=[employer([], [staff("H")])],
                     htos=[hto(travel_minutes={"S": travel})], weights=ALL)


def test_sme_unavailable_preference_on_the_only_free_slot_is_used_at_its_cost_and_reported():
    plan = _sme_plan("preference")
    outcome = solve_and_certify(plan, expect="OPTIMAL")
    assert slot_of(outcome, "L1") == ("mon", 2)
    assert outcome.timetable.soft_cost == {"sme_unavailable_preference": 9}
    (used,) = _used(plan, outcome.timetable, "sme_unavailable_preference")
    assert used.entities["staff"] == "H" and used.entities["reason"] == "audit" and used.entities["cost"] == 9
    assert "The company would rather keep H mon 10:00-11:00 (audit)" in used.message_en


def test_sme_unavailable_preference_counts_travel():
    """A free lesuur at 13:00 is clear of the mark with 60 minutes of travel (away from 12:00), so the mark
    is left alone; with 130 minutes it is away from 10:50, and the mark is used either way, once: 9.
    (Travel counts as work: 130 + 50 + 130 = 310 minutes stays within the 5.5 h after which atw_breaks
    asks for a break, which a dienst of travel, a lesson and travel has no room for.)"""
    near = solve_and_certify(_sme_plan("preference", travel=60, periods=SME3), expect="OPTIMAL")
    assert slot_of(near, "L1") == ("mon", 3) and near.result.objective == 0
    far = solve_and_certify(_sme_plan("preference", travel=130, periods=SME3), expect="OPTIMAL")
    assert far.result.objective == 9


def test_sme_unavailable_mark_hard_on_the_only_free_slot_is_infeasible_and_explain_names_it():
    plan = _sme_plan("hard")
    solve_and_certify(plan, expect="INFEASIBLE")
    e = explained(plan, {("sme_unavailable_mark", 0), ("group_no_clash", "1A"), ("lesson_locked", "L0"),
                         ("lesson_placed", "L0"), ("lesson_placed", "L1")})
    item = next(i for i in e.items if i.rule == "sme_unavailable_mark")
    assert "ma 10:00–11:00 (audit): een harde blokkade, geen voorkeur." in item.message_nl
    assert "Mon 10:00–11:00 (audit): a hard block, not a preference." in item.message_en
    assert item.entities["level"] == "hard" and item.entities["reason"] == "audit"
