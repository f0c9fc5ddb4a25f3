"""solver/term/week.py: a dated week of a plan and its timetable, following the cycles (docs/rules.md,
"Cycles and the horizon"), checked by the one-week validator.

Plans with rotations of several weeks are still refused by parse_plan until the model plans them, so the
cycle tests build them with Plan.model_validate (the projection needs no more than that), with timetables
written by hand; every projected week of a timetable meant to hold is certified by the validator."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from solver.domain import Plan, PlanError, Timetable
from solver.domain.cycles import school_cycle, week_of_cycle
from solver.term import horizon_week, project_week
from solver.validate import validate
from tests.solver.solve_helpers import demand, employer, hto, lesson, only, plan_dict, shift, staff

MONDAY = date(2026, 3, 2)


def _rotating_plan(**employer_extra) -> Plan:
    """One hto'er H on a two-week rotation (early in week 1, late in week 2), a colleague F on the same rotation
    and C the other way round; a lesson of H on Tuesday 12:40-14:20; one operator asked for in each shift."""
    data = plan_dict(
        periods={"tue": ["12:40-13:30", "13:30-14:20"], "wed": ["08:30-09:20"]},
        lessons=[lesson("L", teacher="H", duration=2)],
        employers=[employer(
            shifts=[shift("vroeg", "06:00", "14:00"), shift("laat", "14:00", "22:00")],
            staff=[staff("H", may_reroster=False), staff("C"), staff("F")],
            demand=[demand(d, "06:00", "14:00") for d in ("mon", "tue", "wed", "thu", "fri")]
            + [demand(d, "14:00", "22:00") for d in ("mon", "tue", "wed", "thu", "fri")],
        )],
        htos=[hto("H", release={"allowed_days": ["tue"]}, travel_minutes={"S": 10})],
        weights=only(),
    )
    days = ("mon", "tue", "wed", "thu", "fri")
    person = data["employers"][0]["staff"]
    person[0]["roster"] = [{"shift": "vroeg", "day": d, "week": 1} for d in days] + \
        [{"shift": "laat", "day": d, "week": 2} for d in days]
    person[1]["roster"] = [{"shift": "laat", "day": d, "week": 1} for d in days] + \
        [{"shift": "vroeg", "day": d, "week": 2} for d in days]
    person[2]["roster"] = person[0]["roster"]
    data["employers"][0]["cycle"] = {"weeks": 2, "starts": MONDAY.isoformat(), **employer_extra}
    return Plan.model_validate(data)


def _entry(staff_id: str, shift_id: str, day: str, week: int, released=()) -> dict:
    start, end = ("06:00", "14:00") if shift_id == "vroeg" else ("14:00", "22:00")
    return {"employer": "E", "staff": staff_id, "shift": shift_id, "day": day, "week": week, "start": start,
            "end": end, "released": [{"day": day, "start": a, "end": b} for a, b in released]}


def _rotating_timetable(release_week_2: bool = True) -> Timetable:
    """L on Tuesday lesuren 1-2 (12:40-14:20, busy 12:30-14:30 with travel); H released from the early shift
    in week 1 and, unless told otherwise, from the late shift in week 2 (the colleague covers)."""
    days = ("mon", "tue", "wed", "thu", "fri")
    rosters = []
    for d in days:
        rosters.append(_entry("H", "vroeg", d, 1, [("12:30", "14:00")] if d == "tue" else ()))
        rosters.append(_entry("F", "vroeg", d, 1))
        rosters.append(_entry("F", "laat", d, 2))
        rosters.append(_entry("C", "laat", d, 1))
        late_release = [("14:00", "14:30")] if d == "tue" and release_week_2 else ()
        rosters.append(_entry("H", "laat", d, 2, late_release))
        rosters.append(_entry("C", "vroeg", d, 2))
    return Timetable.model_validate({
        "placements": [{"lesson": "L", "copy": 0, "school": "S", "day": "tue", "period": 1, "duration": 2,
                        "start": "12:40", "end": "14:20", "room": "R1", "teacher": "H"}],
        "rosters": rosters,
    })


def test_a_one_week_plan_projects_onto_every_dated_week_unchanged(tmp_path):
    """Without cycles every dated week is horizon week 1 and keeps every placement and roster entry."""
    plan = _rotating_plan(weeks=1)
    plan = plan.model_copy(update={"employers": [plan.employers[0].model_copy(update={
        "staff": [p.model_copy(update={"roster": [i for i in p.roster if i.week == 1]})
                  for p in plan.employers[0].staff]})]})
    timetable = _rotating_timetable()
    timetable = timetable.model_copy(update={"rosters": [r for r in timetable.rosters if r.week == 1]})
    for k in range(3):
        week = project_week(plan, timetable, MONDAY + timedelta(weeks=k))
        assert week.horizon_week == 1
        assert week.timetable.placements == timetable.placements
        assert week.timetable.rosters == timetable.rosters
        assert week.date_of("tue") == MONDAY + timedelta(weeks=k, days=1)
        assert validate(week.plan, week.timetable).hard_violations == 0


def test_a_two_week_rotation_maps_dated_weeks_onto_its_weeks():
    """Week 1 of the rotation starts on MONDAY: the next week is week 2, the one after week 1 again; each
    dated week keeps that week's shifts and roster, and is certified by the one-week validator."""
    plan, timetable = _rotating_plan(), _rotating_timetable()
    for k, (h, shift_of_h) in enumerate([(1, "vroeg"), (2, "laat"), (1, "vroeg"), (2, "laat")]):
        monday = MONDAY + timedelta(weeks=k)
        week = project_week(plan, timetable, monday)
        assert week.horizon_week == h == week_of_cycle(plan.employers[0].cycle, monday)
        assert week.employer_weeks == {"E": h}
        h_roster = next(p for p in week.plan.employers[0].staff if p.id == "H").roster
        assert {item.shift for item in h_roster} == {shift_of_h} and all(item.week == 1 for item in h_roster)
        assert {r.shift for r in week.timetable.rosters if r.staff == "H"} == {shift_of_h}
        assert all(r.week == 1 for r in week.timetable.rosters)
        report = validate(week.plan, week.timetable)
        assert report.hard_violations == 0, [v.message_en for v in report.hard()]


def test_a_clash_planted_in_week_2_only_shows_in_the_dated_weeks_of_week_2():
    """Without the release from the late shift, the lesson collides with work in week 2 of the rotation
    only: the projected weeks 1 hold, the weeks 2 break hto_no_lesson_during_work."""
    plan, timetable = _rotating_plan(), _rotating_timetable(release_week_2=False)
    broken = {}
    for k in range(4):
        week = project_week(plan, timetable, MONDAY + timedelta(weeks=k))
        broken[week.horizon_week] = validate(week.plan, week.timetable).hard_by_rule()
    assert broken[1] == {}
    assert broken[2] == {"hto_no_lesson_during_work": 1}


def test_shifts_and_demand_of_other_weeks_of_the_cycle_are_left_out():
    """A shift or demand window with `weeks` runs only in those weeks of the employer's cycle."""
    data = _rotating_plan().model_dump(mode="json")
    company = data["employers"][0]
    company["shifts"].append(shift("nacht", "22:00", "06:00", days=("mon",), weeks=[2]))
    company["demand"].append(demand("mon", "22:00", "06:00", weeks=[2]))
    plan = Plan.model_validate(data)
    one, two = (project_week(plan, _rotating_timetable(), MONDAY + timedelta(weeks=k)) for k in (0, 1))
    assert "nacht" not in {s.id for s in one.plan.employers[0].shifts}
    assert "nacht" in {s.id for s in two.plan.employers[0].shifts}
    assert len(two.plan.employers[0].demand) == len(one.plan.employers[0].demand) + 1
    assert all(not s.weeks for s in two.plan.employers[0].shifts)


def _ab_school_plan() -> Plan:
    """A school with A/B weeks starting on MONDAY and an hto'er on a three-week rotation of their own,
    starting a week later: the horizon is 6 weeks."""
    data = plan_dict(
        periods={"mon": ["08:30-09:20", "09:20-10:10"], "mon2": ["08:30-09:20", "09:20-10:10"]},
        lessons=[lesson("A", teacher="H", count=1), lesson("B", teacher="T", count=2)],
        employers=[employer(shifts=[shift("dag", "12:00", "18:00")], staff=[staff("H")])],
        htos=[hto("H")],
    )
    data["schools"][0]["cycle_starts"] = MONDAY.isoformat()
    person = data["employers"][0]["staff"][0]
    person["cycle"] = {"weeks": 3, "starts": (MONDAY + timedelta(weeks=1)).isoformat()}
    person["roster"] = [{"shift": "dag", "day": "mon", "week": w} for w in (1, 3)]
    return Plan.model_validate(data)


def _ab_timetable() -> Timetable:
    place = lambda lid, copy, day, period, teacher: {  # noqa: E731
        "lesson": lid, "copy": copy, "school": "S", "day": day, "period": period, "room": "R1", "teacher": teacher}
    rosters = [{"employer": "E", "staff": "H", "shift": "dag", "day": "mon", "week": h} for h in range(1, 7)
               if week_of_cycle(_ab_school_plan().employers[0].staff[0].cycle, MONDAY + timedelta(weeks=h - 1)) != 2]
    return Timetable.model_validate({
        "placements": [place("A", 0, "mon2", 1, "H"), place("B", 0, "mon", 2, "T"), place("B", 1, "mon2", 2, "T")],
        "rosters": rosters,
    })


def test_a_school_with_ab_weeks_and_a_three_week_rotation_cover_six_weeks():
    """Each dated week is in the school week and the rotation week week_of_cycle gives for its Monday; the
    school's week becomes mon ... sun with its copies renumbered, and the person's roster is their week's."""
    plan, timetable = _ab_school_plan(), _ab_timetable()
    school, person = plan.schools[0], plan.employers[0].staff[0]
    seen = set()
    for k in range(12):
        monday = MONDAY + timedelta(weeks=k)
        week = project_week(plan, timetable, monday)
        assert week.horizon_week == k % 6 + 1
        school_week = week_of_cycle(school_cycle(school), monday)
        own = week_of_cycle(person.cycle, monday)
        assert week.school_weeks == {"S": school_week} and week.staff_weeks == {"H": own}
        seen.add((school_week, own))
        assert {p.day for p in week.plan.schools[0].periods} == {"mon"}
        lessons = {lesson.id: lesson.count for lesson in week.plan.lessons}
        assert lessons == ({"B": 1} if school_week == 1 else {"A": 1, "B": 1})
        assert {(p.lesson, p.copy, p.day) for p in week.timetable.placements} == (
            {("B", 0, "mon")} if school_week == 1 else {("A", 0, "mon"), ("B", 0, "mon")})
        if school_week == 2:
            assert week.original_copy("B", 0) == 1
        assert len(week.plan.employers[0].staff[0].roster) == (0 if own == 2 else 1)
        report = validate(week.plan, week.timetable)
        assert report.hard_violations == 0, [v.message_en for v in report.hard()]
    assert seen == {(s, r) for s in (1, 2) for r in (1, 2, 3)}  # all six combinations, once each in 6 weeks


def test_a_dated_week_must_be_a_monday_in_the_plan():
    """Not a Monday, before the plan's first week, or a plan with rotations but no date: clear errors."""
    plan = _rotating_plan()
    with pytest.raises(PlanError, match="is a Tuesday; a week is named by its Monday"):
        horizon_week(plan, MONDAY + timedelta(days=1))
    with pytest.raises(PlanError, match="before the plan's first week") as error:
        horizon_week(plan, MONDAY - timedelta(weeks=1))
    assert error.value.issues[0].path == "--week"
    undated = _rotating_plan().model_copy(update={"employers": [
        _rotating_plan().employers[0].model_copy(update={"cycle": _rotating_plan().employers[0].cycle.model_copy(
            update={"starts": None})})]})
    with pytest.raises(PlanError, match="have no start date") as error:
        horizon_week(undated, MONDAY)
    assert error.value.issues[0].path == "schools[0].cycle_starts"


def test_check_term_names_the_lesson_in_the_weeks_of_the_rotation_that_break_it():
    """check-term over four weeks of the rotation: the lesson whose hto'er works then, on the dates of week 2."""
    from solver.term import check_term

    report = check_term(_rotating_plan(), _rotating_timetable(release_week_2=False), MONDAY, MONDAY + timedelta(weeks=3))
    assert [w.failures for w in report.weeks] == [0, 1, 0, 1]
    assert [w.employer_weeks for w in report.weeks] == [{"E": 1}, {"E": 2}, {"E": 1}, {"E": 2}]
    dates = [u.date for w in report.weeks for u in w.untaught]
    assert dates == [MONDAY + timedelta(weeks=1, days=1), MONDAY + timedelta(weeks=3, days=1)]
    assert all(u.reason == "hto_no_lesson_during_work" and u.lesson == "L" for w in report.weeks for u in w.untaught)
