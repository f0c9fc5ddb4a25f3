"""The horizon (issue 21): A/B school weeks with an hto'er on a rotation, the rest across the boundary
between two weeks and round the horizon's end, a horizon too long, and the explanation keys per week.

Timetables are certified week by week (tests/solver/test_solve_cycles.py, `certify`)."""

from __future__ import annotations

import pytest

from solver.compile import compile_plan
from solver.cpsat.builder import build_model
from solver.domain import PlanError, parse_plan
from solver.domain.cycles import plan_horizon
from tests.solver.solve_helpers import employer, hto, lesson, only, plan_dict, shift, tiny_plan
from tests.solver.test_solve_cycles import certify, entries, rotation, slots, solve

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
DAY = ["08:30-09:20", "09:20-10:10", "10:30-11:20"]


def test_ab_school_weeks_and_a_three_week_rotation_plan_over_six_weeks():
    """The school plans A/B weeks (mon ... fri, mon2 ... fri2) from Monday 4 January 2027; H rotates over
    three weeks from 28 December 2026, working one day shift (08:00-16:00) on Monday of rotation week 1
    only. The horizon is 6 weeks from 4 January; rotation week 1 falls in horizon weeks 3 and 6 (4 January
    is rotation week 2). Lesson A is locked on Monday lesuur 1 of week A, lesson B on Monday lesuur 2 of
    week B. Week A is taught in horizon weeks 1, 3, 5 and week B in 2, 4, 6, so H is released for A
    (08:30-09:20) in horizon week 3 and for B (09:20-10:10) in horizon week 6, and nowhere else."""
    data = plan_dict(
        periods={d: DAY for d in WEEKDAYS + tuple(f"{d}2" for d in WEEKDAYS)},
        lessons=[lesson("A", "H", lock={"slot": True}, current=[{"copy": 0, "day": "mon", "period": 1}]),
                 lesson("B", "H", lock={"slot": True}, current=[{"copy": 0, "day": "mon2", "period": 2}])],
        employers=[dict(employer([shift("day", "08:00", "16:00", pauses=[])],
                                 [rotation("H", {1: [("day", "mon")]})]),
                        cycle={"weeks": 3, "starts": "2026-12-28"})],
        htos=[hto("H", "H")],
        weights=only(),
        policy={"break_minutes": 0, "long_break_minutes": 0},
    )
    data["schools"][0]["cycle_starts"] = "2027-01-04"
    plan = parse_plan(data)
    assert plan_horizon(plan).weeks == 6
    outcome = solve(plan)
    assert [(r.week, r.day) for r in entries(outcome, "H")] == [(3, "mon"), (6, "mon")]
    released = {r.week: [(w.day, w.start, w.end) for w in r.released] for r in entries(outcome, "H")}
    assert released == {3: [("mon", "08:30", "09:20")], 6: [("mon", "09:20", "10:10")]}
    assert outcome.timetable.released[0].person_minutes == 100


def test_a_five_and_a_three_week_cycle_are_refused_naming_both():
    """5 and 3 weeks repeat together only after 15 weeks, over the 8 a plan covers."""
    data = plan_dict(
        periods={"mon": DAY},
        employers=[dict(employer([shift("day", "08:00", "16:00")],
                                 [rotation("P", {1: [("day", "mon")]}, cycle={"weeks": 3})]),
                        cycle={"weeks": 5})],
    )
    with pytest.raises(PlanError) as error:
        parse_plan(data)
    (issue,) = [i for i in error.value.issues if "least common multiple" in i.message]
    assert "employer 'E' 5 weeks" in issue.message and "staff 'P' of 'E' 3 weeks" in issue.message
    assert "15 weeks" in issue.message and issue.path == "employers[0].staff[0].cycle"


# --- the rest across the boundary between weeks --------------------------------------------------------

NIGHT = shift("night", "22:00", "06:00", days=["sun"])


def _night_then_monday(night_week: int, *, lock_monday: bool):
    """H works a Sunday night (22:00-06:00) in week `night_week` of a two-week rotation and teaches one
    lesson, on Monday or Tuesday (lesuur 1, 08:30); locked on Monday when asked."""
    extra = {"lock": {"slot": True}, "current": [{"copy": 0, "day": "mon", "period": 1}]} if lock_monday else {}
    return tiny_plan(
        periods={"mon": DAY, "tue": DAY},
        lessons=[lesson("L", "H", **extra)],
        employers=[dict(employer([NIGHT], [rotation("H", {night_week: [("night", "sun")]})]), cycle={"weeks": 2})],
        htos=[hto("H", "H")],
        weights=only(),
    )


@pytest.mark.parametrize("night_week", [1, 2])
def test_a_sunday_night_then_a_monday_lesson_needs_the_fourteen_hours(night_week):
    """The night of Sunday in week 1 ends Monday 06:00 of week 2, and 14 h of rest follow (it ends after
    02:00: atw_rest_after_night), so a Monday lesson at 08:30 is refused in week 2; the night of week 2
    ends on Monday of week 1, round the horizon's end. The lesson goes to Tuesday; locked on Monday the
    plan is infeasible."""
    outcome = solve(_night_then_monday(night_week, lock_monday=False))
    assert [day for day, _ in slots(outcome, "L")] == ["tue"]
    solve(_night_then_monday(night_week, lock_monday=True), expect="INFEASIBLE")


def test_without_the_night_a_monday_lesson_is_fine():
    """The control: the same plan with the night moved to Saturday of week 1 teaches on Monday."""
    plan = _night_then_monday(1, lock_monday=True)
    data = plan.model_dump(mode="json")
    data["employers"][0]["shifts"][0]["days"] = ["sat"]
    data["employers"][0]["staff"][0]["roster"][0]["day"] = "sat"
    outcome = solve(parse_plan(data))
    assert slots(outcome, "L") == [("mon", 1)]


def test_explain_keys_name_the_horizon_week():
    """In explain mode the guard of a rule instance of one horizon week ends with the week: the rest after
    the night of week 1 is ("atw_rest_after_night", "H", 1), the weekly rest ("atw_weekly_rest", "H", h)."""
    plan = _night_then_monday(1, lock_monday=True)
    built = build_model(compile_plan(plan, explain=True), explain=True)
    assert ("atw_rest_after_night", "H", 1) in built.guards
    assert {("atw_weekly_rest", "H", 1), ("atw_weekly_rest", "H", 2)} <= set(built.guards)
    assert ("atw_rest_after_night", "H") not in built.guards


def test_per_week_rules_certified_in_each_week():
    """A fixed rotation of two weeks that differ: every week's entries come back with their week."""
    plan = tiny_plan(
        periods={"mon": DAY},
        employers=[dict(employer([shift("day", "08:00", "16:00"), NIGHT],
                                 [rotation("P", {1: [("day", d) for d in WEEKDAYS], 2: [("night", "sun")]})]),
                        cycle={"weeks": 2})],
    )
    outcome = solve(plan)
    assert sorted((r.week, r.shift, r.day) for r in outcome.timetable.rosters) == [
        (1, "day", d) for d in sorted(WEEKDAYS)] + [(2, "night", "sun")]
    certify(plan, outcome.timetable)


def test_cycles_of_one_week_build_the_same_model():
    """A plan that spells out cycles of one week (the employer's, a person's own, each roster item's week 1)
    builds the model of the same plan without them, byte for byte: the horizon is one week."""
    from benchmarks.fingerprint import model_digest
    from scenarios.generator import generate_plan_dict

    data = generate_plan_dict(4, lesson_periods=120, n_htos=3, n_employers=2)
    plain = parse_plan(data)
    for e in data["employers"]:
        e["cycle"] = {"weeks": 1, "starts": "2027-01-04"}
        for p in e["staff"]:
            p["cycle"] = {"weeks": 1}
            for item in p["roster"]:
                item["week"] = 1
        for s in e["shifts"]:
            s["weeks"] = [1]
    spelled = parse_plan(data)
    assert plan_horizon(spelled).weeks == 1
    for options in ({}, {"soft": False}):
        assert model_digest(build_model(compile_plan(spelled), **options)) == \
            model_digest(build_model(compile_plan(plain), **options))
