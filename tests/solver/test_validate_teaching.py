"""Validator: teaching by hto'ers (issue 20, item 3) on hand-made timetables: vacancies left open, the
release's minimum and target, preferred teachers, and the numbers the timetable reports; plan errors."""

from __future__ import annotations

import pytest

from solver.domain import PlanError, Timetable
from solver.validate import validate
from tests.solver.factories import (
    current_rosters, employer, hto, lesson, make_plan, make_timetable, place, shift, staff, work,
)


def _with(timetable: Timetable, **fields) -> Timetable:
    """The timetable with report fields (open_vacancies, hto_teaching, released) given as dicts."""
    return Timetable.model_validate({**timetable.model_dump(mode="json"), **fields})


def _hard(report, rule: str) -> list:
    return [v for v in report.violations if v.kind == "hard" and v.rule == rule]


# --- vacancy_open -------------------------------------------------------------------------------

def _vacancy_plan(**policy):
    return make_plan(lessons=[lesson("L1"), lesson("V", "T2", ["1B"], duration=2, optional=True)], policy=policy)


def test_vacancy_open_costs_its_lesson_minutes():
    """An open copy listed with its school and minutes costs 100 a minute (2 lesuren of 50 = 100 minutes)."""
    tt = _with(make_timetable([place("L1", "mon", 1)]),
               open_vacancies=[{"lesson": "V", "copy": 0, "school": "S", "minutes": 100}])
    report = validate(_vacancy_plan(), tt)
    assert report.ok and report.breakdown["vacancy_open"] == 100 * 100 and report.soft_cost == 10_000
    [soft] = [v for v in report.violations if v.rule == "vacancy_open"]
    assert soft.kind == "soft" and soft.amount == 100 and "stays open" in soft.message_en
    report = validate(_vacancy_plan(vacancy_penalty_per_minute=3), tt)
    assert report.breakdown["vacancy_open"] == 300


def test_vacancy_open_placed_costs_nothing():
    """A vacancy that is placed is no longer open; plans without optional lessons have no such cost."""
    report = validate(_vacancy_plan(), make_timetable([place("L1", "mon", 1), place("V", "mon", 1, "T2", "R2",
                                                                                     duration=2)]))
    assert report.ok and report.breakdown["vacancy_open"] == 0
    plain = validate(make_plan(lessons=[lesson("L1")]), make_timetable([place("L1", "mon", 1)]))
    assert "vacancy_open" not in plain.breakdown


def test_vacancy_open_catches_wrong_lists():
    """Not listed, listed with wrong minutes or school, placed and listed, listed twice, a required lesson
    listed, an unknown copy listed: each a hard violation of vacancy_open."""
    plan = _vacancy_plan()
    missing = validate(plan, make_timetable([place("L1", "mon", 1)]))
    assert [v.message_en for v in _hard(missing, "vacancy_open")] == [
        "Lesson V is missing: neither placed nor listed as an open vacancy"]
    assert missing.breakdown["vacancy_open"] == 10_000  # still open: still costs
    wrong = validate(plan, _with(make_timetable([place("L1", "mon", 1)]),
                                 open_vacancies=[{"lesson": "V", "school": "X", "minutes": 50}]))
    [violation] = _hard(wrong, "vacancy_open")
    assert violation.entities["listed_minutes"] == 50 and violation.entities["minutes"] == 100
    both = validate(plan, _with(make_timetable([place("L1", "mon", 1), place("V", "tue", 1, "T2", duration=2)]),
                                open_vacancies=[{"lesson": "V", "school": "S", "minutes": 100}] * 2
                                + [{"lesson": "L1", "school": "S", "minutes": 50},
                                   {"lesson": "V", "copy": 3, "school": "S", "minutes": 100}]))
    messages = [v.message_en for v in _hard(both, "vacancy_open")]
    assert any("listed twice" in m for m in messages)
    assert any("L1 is listed as an open vacancy, but it is not optional" in m for m in messages)
    assert any("copy 3, which does not exist" in m for m in messages)
    assert any("V is placed and also listed as an open vacancy" in m for m in messages)


def test_optional_lesson_is_not_unplaced():
    """An open copy of an optional lesson belongs in open_vacancies: listed as unplaced it breaks
    lesson_placed; placed twice too."""
    plan = _vacancy_plan()
    tt = _with(make_timetable([place("L1", "mon", 1)], unplaced=[("V", 0)]),
               open_vacancies=[{"lesson": "V", "school": "S", "minutes": 100}])
    assert "optional" in _hard(validate(plan, tt), "lesson_placed")[0].message_en
    twice = make_timetable([place("L1", "mon", 1), place("V", "tue", 1, "T2", duration=2),
                            place("V", "wed", 1, "T2", duration=2)])
    assert "placed 2 times" in _hard(validate(plan, twice), "lesson_placed")[0].message_en


# --- the hto'er's teaching ----------------------------------------------------------------------

EARLY = shift("early", "06:00", "14:00", pauses=[{"start": "13:00", "end": "13:30"}])  # after the lessons


def _hto_plan(release=None, qualification="qualified", weights=None, lessons=None):
    return make_plan(
        lessons=lessons or [lesson("L1", "JDV", ["1A"]), lesson("L2", "JDV", ["1B"])],
        employers=[employer("E", [EARLY], [staff("jdv", [("early", "mon")])])],
        htos=[hto("hto-jdv", "JDV", "jdv", release=release or {}, qualification=qualification)],
        weights=weights)


def test_release_min_teaching_below_the_minimum():
    """50 minutes taught against a minimum of 100: one hard violation, 50 minutes short; 100 is fine."""
    plan = _hto_plan({"min_teaching_minutes": 100})
    report = validate(plan, make_timetable([place("L1", "tue", 1, "JDV"), place("L2", "tue", 2, "JDV", "R2")],
                                           current_rosters(plan)))
    assert report.ok
    unplaced = make_timetable([place("L1", "tue", 1, "JDV")], current_rosters(plan), unplaced=[("L2", 0)])
    report = validate(plan.model_copy(update={"policy": plan.policy.model_copy(update={"allow_unplaced_lessons": True})}),
                      unplaced)
    [violation] = _hard(report, "release_min_teaching")
    assert violation.amount == 50 and "less than the agreed minimum of 100" in violation.message_en


def test_release_target_teaching_counts_minutes_short():
    """A target of 120 with 50 minutes taught: 70 minutes short, at the weight per minute."""
    plan = _hto_plan({"target_teaching_minutes": 120}, weights={"release_target_teaching": 2},
                     lessons=[lesson("L1", "JDV", ["1A"])])
    report = validate(plan, make_timetable([place("L1", "tue", 1, "JDV")], current_rosters(plan)))
    assert report.ok and report.breakdown["release_target_teaching"] == 140
    [soft] = [v for v in report.violations if v.rule == "release_target_teaching"]
    assert soft.amount == 70 and soft.entities["target"] == 120


def test_teacher_preference_counts_copies_of_other_candidates():
    """Two copies, one taught by the preferred hto'er and one by another candidate: one unit."""
    plan = _hto_plan(lessons=[lesson("L1", None, ["1A"], count=2, candidates=["JDV", "T2"],
                                     preferred_teachers=["JDV"])], weights={"teacher_preference": 50})
    report = validate(plan, make_timetable([place("L1", "tue", 1, "JDV"), place("L1", "wed", 1, "T2", copy=1)],
                                           current_rosters(plan)))
    assert report.ok and report.breakdown["teacher_preference"] == 50
    [soft] = [v for v in report.violations if v.rule == "teacher_preference"]
    assert soft.entities["teacher"] == "T2" and "the school prefers JDV" in soft.message_en


def test_reported_teaching_and_release_numbers_are_checked():
    """hto_teaching that says otherwise than the placements breaks release_agreement; released person-
    minutes that do not add up the released windows break hto_no_lesson_during_work."""
    plan = _hto_plan({"max_teaching_minutes_per_week": 300})
    tt = make_timetable([place("L1", "mon", 3, "JDV"), place("L2", "mon", 4, "JDV", "R2")],
                        [work("jdv", "early", "mon", released=[("mon", "10:30", "12:10")])])
    right = {"hto": "hto-jdv", "teacher": "JDV", "employer": "E", "minutes": 100, "max_minutes": 300}
    good = validate(plan, _with(tt, hto_teaching=[right], released=[{"employer": "E", "person_minutes": 100}]))
    assert good.ok
    bad = validate(plan, _with(tt, hto_teaching=[right | {"minutes": 50}, {**right, "hto": "ghost"}],
                               released=[{"employer": "E", "person_minutes": 90}]))
    assert len(_hard(bad, "release_agreement")) == 2
    [released] = _hard(bad, "hto_no_lesson_during_work")
    assert released.entities["released_minutes"] == 100 and released.entities["person_minutes"] == 90
    wrong_max = validate(plan, _with(tt, hto_teaching=[right | {"max_minutes": None}]))
    assert len(_hard(wrong_max, "release_agreement")) == 1


# --- plan errors --------------------------------------------------------------------------------

@pytest.mark.parametrize("lessons, path, words", [
    ([lesson("L1", None, candidates=["T1", "T2"], preferred_teachers=["T3"])],
     "lessons[0].preferred_teachers[0]", "not one of the lesson's candidates"),
    ([lesson("L1", None, candidates=["T1", "T2"], preferred_teachers=["T1", "T1"])],
     "lessons[0].preferred_teachers[1]", "listed twice"),
    ([lesson("L1", "T1", preferred_teachers=["T1"])], "lessons[0].preferred_teachers", "fixed teacher"),
])
def test_preferred_teachers_must_be_candidates(lessons, path, words):
    with pytest.raises(PlanError) as error:
        make_plan(lessons=lessons, teachers=["T1", "T2", "T3"])
    [issue] = error.value.issues
    assert issue.path == path and words in issue.message


@pytest.mark.parametrize("release, qualification, path, words", [
    ({"min_teaching_minutes": 400, "max_teaching_minutes_per_week": 300}, "qualified", "htos[0].release",
     "min_teaching_minutes (400) is more than max_teaching_minutes_per_week (300)"),
    ({"target_teaching_minutes": 200, "min_teaching_minutes": 250}, "qualified", "htos[0].release",
     "min_teaching_minutes (250) is more than target_teaching_minutes (200)"),
    ({"target_teaching_minutes": 400}, "unqualified", "htos[0].release.target_teaching_minutes",
     "an unqualified hto'er may teach at most 360 minutes a week"),
])
def test_release_teaching_minutes_in_order(release, qualification, path, words):
    with pytest.raises(PlanError) as error:
        _hto_plan(release, qualification)
    [issue] = error.value.issues
    assert issue.path == path and words in issue.message
