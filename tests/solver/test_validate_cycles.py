"""The validator over the plan's horizon (issue 21, docs/rules.md "Cycles and the horizon"): each week of
a rotation on its own, the Arbeidstijdenwet across week boundaries and from the last week into week 1,
staffing and contracts per week. Hand-made plans and timetables; no solver."""

from __future__ import annotations

from datetime import date

from solver.validate import validate
from tests.solver.cycles_factories import make_cycle_plan, rotating_staff, weeks_rosters, work_in
from tests.solver.factories import WEEKDAYS, demand, employer, hto, lesson, make_timetable, place, shift

ALL_DAYS = [*WEEKDAYS, "sat", "sun"]
SHIFTS = [shift("early", "06:00", "14:00", ALL_DAYS), shift("late", "14:00", "22:00", ALL_DAYS),
          shift("night", "22:00", "06:00", ALL_DAYS), shift("day12", "06:00", "18:00", ALL_DAYS, pauses=[])]
TWO_WEEKS = {"weeks": 2}


def _plan(roster, lessons=(), *, cycle=TWO_WEEKS, may_reroster=False, hto_teacher=True, demands=(),
          others=(), policy=None, **staff_kwargs):
    """Hto'er JDV (staff jdv of employer E, on E's rotation) with `roster` (shift, day, week) and the lessons
    L1 .. placed by the tests."""
    people = [rotating_staff("jdv", roster, may_reroster=may_reroster, **staff_kwargs), *others]
    return make_cycle_plan(
        lessons=[lesson(f"L{k}", "JDV", [f"G{k}"]) for k in range(1, len(lessons) + 1)],
        employers=[employer("E", SHIFTS, people, demand=list(demands), cycle=cycle)],
        htos=[hto("JDV", "JDV", "jdv", qualification="qualified")] if hto_teacher else [],
        teachers=["JDV"], periods_per_day=11, policy=policy)


def _lessons(*slots):
    return [place(f"L{k + 1}", day, period, "JDV") for k, (day, period) in enumerate(slots)]


EARLY_LATE = [("early", d, 1) for d in WEEKDAYS] + [("late", d, 2) for d in WEEKDAYS]


def test_a_clash_in_week_two_only_is_caught_and_week_one_is_fine():
    """Early shifts in week 1 and late shifts in week 2 (wisseldienst); a lesson on Tuesday 15:10-16:00.
    In week 1 it follows the early shift; in week 2 it lies in the late shift, which must release it."""
    plan = _plan(EARLY_LATE, ["L1"])
    placements = _lessons(("tue", 8))
    rosters = weeks_rosters(plan, 2)
    report = validate(plan, make_timetable(placements, rosters))
    assert report.hard_by_rule() == {"hto_no_lesson_during_work": 1}
    (clash,) = report.hard()
    assert clash.entities["week"] == 2 and clash.amount == 50
    assert "in week 2 of the horizon (week 2 of E's rotation)" in clash.message_en
    assert "in week 2 van de horizon (week 2 van de rotatie van E)" in clash.message_nl
    assert "tue 14:00-22:00" in clash.message_en  # the day of the week, not a day of a longer line

    # released from 15:10-16:00 of week 2's Tuesday late shift: certified
    released = [dict(r, released=[{"day": "tue", "start": "15:10", "end": "16:00"}])
                if (r["week"], r["day"]) == (2, "tue") else r for r in rosters]
    assert validate(plan, make_timetable(placements, released)).ok


def test_the_same_release_in_week_one_does_not_cover_week_two():
    """The release is per roster entry, so per horizon week: releasing week 1's (early) Tuesday shift
    leaves week 2's clash."""
    plan = _plan(EARLY_LATE, ["L1"])
    rosters = [dict(r, released=[{"day": "tue", "start": "15:10", "end": "16:00"}])
               if (r["week"], r["day"]) == (1, "tue") else r for r in weeks_rosters(plan, 2)]
    report = validate(plan, make_timetable(_lessons(("tue", 8)), rosters))
    assert [v.entities.get("week") for v in report.hard("hto_no_lesson_during_work")] == [2]


def test_a_night_shift_on_sunday_of_week_one_and_a_monday_lesson_of_week_two():
    """Night Sun 22:00 - Mon 06:00 in week 1 ends after 02:00: 14 h of rest, so the lesson on Monday
    08:30 of week 2 is too soon (and 22:00-09:20 is one night dienst of 11 h 20, over 10 h)."""
    plan = _plan([("night", "sun", 1)], ["L1"])
    report = validate(plan, make_timetable(_lessons(("mon", 1)), weeks_rosters(plan, 2)))
    assert report.hard_by_rule() == {"atw_rest_after_night": 1, "atw_night_shift_duration": 1}
    rest = report.hard("atw_rest_after_night")[0]
    assert rest.entities["week"] == 1 and rest.amount == 50
    assert "ending mon 06:00 in week 1 of the horizon" in rest.message_en
    assert report.hard("atw_night_shift_duration")[0].entities["week"] == 1


def test_a_plan_of_one_week_keeps_its_week_line():
    """Without cycles the week is a line, as before issue 21: the Sunday night shift meets no Monday lesson."""
    plan = _plan([("night", "sun", 1)], ["L1"], cycle={"weeks": 1})
    assert validate(plan, make_timetable(_lessons(("mon", 1)), weeks_rosters(plan, 1))).ok


def test_wrap_around_from_the_last_week_into_week_one():
    """The plan repeats: a night shift on Sunday of week 2 (the last) ends on Monday 06:00 of week 1."""
    plan = _plan([("night", "sun", 2)], ["L1"])
    report = validate(plan, make_timetable(_lessons(("mon", 1)), weeks_rosters(plan, 2)))
    assert report.hard_by_rule() == {"atw_rest_after_night": 1, "atw_night_shift_duration": 1}
    assert report.hard("atw_rest_after_night")[0].entities["week"] == 2
    later = _plan([("night", "sun", 2)], ["L1"])  # the lesson on Tuesday: rest enough, certified
    assert validate(later, make_timetable(_lessons(("tue", 1)), weeks_rosters(later, 2))).ok


def test_a_rest_across_the_wrap_is_a_daily_rest():
    """A late shift on Sunday of week 2 and a lesson on Monday 08:30 (every week): 10 h 30 of rest across
    the wrap, the one shorter rest of week 2; a second shorter rest in week 2 is one too many."""
    plan = _plan([("late", "sun", 2)], ["L1"])
    assert validate(plan, make_timetable(_lessons(("mon", 1)), weeks_rosters(plan, 2))).ok
    plan = _plan([("late", "sun", 2), ("late", "tue", 2)], ["L1", "L2"])
    report = validate(plan, make_timetable(_lessons(("mon", 1), ("wed", 1)), weeks_rosters(plan, 2)))
    assert report.hard_by_rule() == {"atw_daily_rest": 1}
    (rest,) = report.hard()
    assert rest.entities["week"] == 2 and rest.amount == 30


def test_staffing_short_in_one_week_only():
    """A Monday window every week, a Tuesday window in week 2 of E's cycle only. The operator works Monday
    and Tuesday early in week 1 and only Tuesday in week 2: Monday of week 2 is 480 person-minutes short."""
    colleague = rotating_staff("op", [("early", "mon", 1), ("early", "tue", 1), ("early", "tue", 2)])
    plan = _plan([], hto_teacher=False, others=[colleague],
                 demands=[demand("operator", "mon", "06:00", "14:00"),
                          demand("operator", "tue", "06:00", "14:00", weeks=[2], name="tue-b")])
    report = validate(plan, make_timetable([], weeks_rosters(plan, 2)))
    assert report.hard_by_rule() == {"staffing_demand": 1}
    (short,) = report.hard()
    assert short.entities["week"] == 2 and short.amount == 480
    assert "(mon 06:00-14:00, 1 x operator) in week 2 of the horizon (week 2 of E's rotation)" in short.message_en
    # the Tuesday window applies in week 2 only: without the Tuesday of week 2 it is short there alone
    rosters = [r for r in weeks_rosters(plan, 2) if (r["day"], r["week"]) != ("tue", 2)]
    report = validate(plan, make_timetable([], rosters))
    found = {(v.entities["day"], v.entities["week"]) for v in report.hard("staffing_demand")}
    assert found == {("mon", 2), ("tue", 2)}


def test_contract_hours_hold_per_week():
    """16 contract hours a week: two 8-hour shifts in week 1 are right, three in week 2 are 480 minutes over."""
    plan = _plan([("early", "mon", 1), ("early", "tue", 1)], may_reroster=True, hto_teacher=False,
                 contract_hours=16)
    rosters = [work_in("jdv", "early", d, 1) for d in ("mon", "tue")]
    rosters += [work_in("jdv", "early", d, 2) for d in ("mon", "tue", "wed")]
    report = validate(plan, make_timetable([], rosters))
    assert report.hard_by_rule() == {"reroster_keeps_contract": 1}
    (over,) = report.hard()
    assert (over.entities["week"], over.entities["worked_minutes"], over.amount) == (2, 1440, 480)


def test_a_fixed_roster_is_kept_in_each_week_of_its_cycle():
    """Fixed staff work week 1's roster in week 1 and week 2's in week 2; week 1's roster in both weeks
    differs from week 2's by two shifts (one added, one taken away)."""
    plan = _plan([("early", "mon", 1), ("late", "mon", 2)], hto_teacher=False)
    assert validate(plan, make_timetable([], weeks_rosters(plan, 2))).ok
    rosters = [work_in("jdv", "early", "mon", 1), work_in("jdv", "early", "mon", 2)]
    report = validate(plan, make_timetable([], rosters))
    assert report.hard_by_rule() == {"reroster_keeps_contract": 1}
    assert (report.hard()[0].entities["week"], report.hard()[0].amount) == (2, 2)
    assert report.breakdown["roster_change"] == 2 * plan.weights.roster_change  # per horizon week


def test_a_roster_entry_past_the_horizon_or_in_a_week_its_shift_does_not_run():
    plan = make_cycle_plan(employers=[employer("E", [*SHIFTS, shift("b", "06:00", "14:00", WEEKDAYS, weeks=[2])],
                                               [rotating_staff("jdv", [("b", "mon", 2)])], cycle=TWO_WEEKS)])
    report = validate(plan, make_timetable([], [work_in("jdv", "b", "mon", 2), work_in("jdv", "b", "mon", 1),
                                                work_in("jdv", "early", "mon", 3)]))
    messages = [v.message_en for v in report.hard("reroster_keeps_contract")]
    assert any("shift b in week 1 of the horizon, week 1 of E's rotation, when it does not run" in m for m in messages)
    assert any("shift early in week 3, but the plan's horizon has 2 weeks" in m for m in messages)


def test_the_four_week_average_per_horizon_week():
    """History 3000, 3000, 3600 and 3600 minutes in each horizon week: week 1 reaches 13200 exactly; week 2
    counts 3000 + 3600 + week 1's 3600 before it, 13800 in all, over 4 x 3300."""
    policy = {"break_minutes": 0, "long_break_minutes": 0}
    roster = [("day12", d, w) for d in WEEKDAYS for w in (1, 2)]
    plan = _plan(roster, may_reroster=True, hto_teacher=False, policy=policy,
                 history={"previous_weeks_minutes": [3000, 3000, 3600]})
    report = validate(plan, make_timetable([], weeks_rosters(plan, 2)))
    assert report.hard_by_rule() == {"atw_average_4_weeks": 1}
    (over,) = report.hard()
    assert (over.entities["week"], over.entities["previous_minutes"], over.amount) == (2, 10200, 600)


def test_ab_weeks_with_an_htoer_teach_each_lesson_in_its_own_weeks():
    """A school with A/B weeks and an hto'er on early shifts every week: a lesson on tue (week A) at
    08:30 clashes in horizon week 1 only; the same lesson on tue2 (week B) in week 2 only. Teaching
    100 minutes in week B against an agreed 60 a week breaks the agreement in week 2 only."""
    days = [*WEEKDAYS, *(f"{d}2" for d in WEEKDAYS)]
    plan = make_cycle_plan(
        lessons=[lesson("L1", "JDV", ["G1"]), lesson("L2", "JDV", ["G2"]), lesson("L3", "JDV", ["G3"])],
        employers=[employer("E", SHIFTS, [rotating_staff("jdv", [("early", "thu", 1)])])],
        htos=[hto("JDV", "JDV", "jdv", qualification="qualified",
                  release={"max_teaching_minutes_per_week": 60, "allowed_days": ALL_DAYS})],
        teachers=["JDV"], periods_per_day=11, days=days)
    placements = [place("L1", "thu", 1, "JDV"), place("L2", "mon2", 8, "JDV"), place("L3", "tue2", 8, "JDV")]
    report = validate(plan, make_timetable(placements, weeks_rosters(plan, 2)))
    assert report.hard_by_rule() == {"hto_no_lesson_during_work": 1, "release_agreement": 1}
    clash = report.hard("hto_no_lesson_during_work")[0]
    assert clash.entities["week"] == 1 and "(school week A)" in clash.message_en
    limit = report.hard("release_agreement")[0]
    assert (limit.entities["weeks"], limit.amount) == ([2], 40)
    assert "in week 2 of the horizon (school week B)" in limit.message_en
    assert "in week 2 van de horizon (schoolweek B)" in limit.message_nl


def test_dated_cycles_line_up_with_the_horizon():
    """The school's week 1 starts on 2027-01-04 and E's rotation a week earlier, so horizon week 1 is week 2
    of the rotation: the late Monday (the rotation's week 2) belongs in horizon week 1."""
    plan = _plan([("early", "mon", 1), ("late", "mon", 2)], hto_teacher=False,
                 cycle={"weeks": 2, "starts": "2026-12-28"})
    plan = plan.model_copy(update={"schools": [plan.schools[0].model_copy(update={"cycle_starts": date(2027, 1, 4)})]})
    dated = [work_in("jdv", "late", "mon", 1), work_in("jdv", "early", "mon", 2)]
    assert validate(plan, make_timetable([], dated)).ok
    report = validate(plan, make_timetable([], weeks_rosters(plan, 2)))  # as if week 1 were the rotation's week 1
    assert [v.entities["week"] for v in report.hard("reroster_keeps_contract")] == [1, 2]
    assert "in week 1 of the horizon (week 2 of E's rotation)" in report.hard()[0].message_en


def test_the_weekly_rest_is_counted_in_each_horizon_week():
    """Early shifts every day of week 1 leave at most 16 h of rest in it; week 2 is free."""
    plan = _plan([("early", d, 1) for d in ALL_DAYS])
    report = validate(plan, make_timetable([], weeks_rosters(plan, 2)))
    assert report.hard_by_rule() == {"atw_weekly_rest": 1}
    (rest,) = report.hard()
    assert (rest.entities["week"], rest.entities["longest_rest"]) == (1, 16 * 60)
    assert "has at most 960 minutes of uninterrupted rest in week 1 of the horizon" in rest.message_en


def test_marks_hold_in_every_horizon_week():
    """A lesson on Tuesday 15:10-16:00 every week and a preference mark on it: it costs in each horizon
    week (2 x weight 5); a hard mark is broken in each week."""
    mark = {"staff": "jdv", "day": "tue", "start": "15:00", "end": "16:00", "level": "preference"}
    people = [rotating_staff("jdv", [("early", "mon", 1), ("early", "mon", 2)])]
    plan = make_cycle_plan(lessons=[lesson("L1", "JDV", ["G1"])], teachers=["JDV"], unavailable_marks=[mark],
                           employers=[employer("E", SHIFTS, people, cycle=TWO_WEEKS)],
                           htos=[hto("JDV", "JDV", "jdv", qualification="qualified")], periods_per_day=11)
    timetable = make_timetable(_lessons(("tue", 8)), weeks_rosters(plan, 2))
    report = validate(plan, timetable)
    assert report.ok and report.breakdown["sme_unavailable_preference"] == 2 * 5 * plan.weights.sme_unavailable_preference
    hard = plan.model_copy(update={"unavailable_marks": [m.model_copy(update={"level": "hard", "weight": None})
                                                         for m in plan.unavailable_marks]})
    assert [v.entities["week"] for v in validate(hard, timetable).hard("sme_unavailable_mark")] == [1, 2]


def test_release_costs_count_per_school_week():
    """A/B weeks, one 50-minute lesson in each: compact_release counts a day and a half-day in each school
    week (4), and a target of 100 minutes a week is 50 short in each (100)."""
    days = [*WEEKDAYS, *(f"{d}2" for d in WEEKDAYS)]
    plan = make_cycle_plan(
        lessons=[lesson("L1", "JDV", ["G1"]), lesson("L2", "JDV", ["G2"])], teachers=["JDV"], days=days,
        employers=[employer("E", SHIFTS, [rotating_staff("jdv", [("early", "mon", 1)])])], periods_per_day=11,
        htos=[hto("JDV", "JDV", "jdv", qualification="qualified", release={"target_teaching_minutes": 100})])
    report = validate(plan, make_timetable([place("L1", "tue", 8, "JDV"), place("L2", "tue2", 8, "JDV")],
                                           weeks_rosters(plan, 2)))
    assert report.ok
    assert report.breakdown["compact_release"] == 4 * plan.weights.compact_release
    assert report.breakdown["release_target_teaching"] == 100 * plan.weights.release_target_teaching
