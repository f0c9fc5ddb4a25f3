"""Validator tests for the Arbeidstijdenwet on the merged week (company shifts + lessons + travel)."""

from __future__ import annotations

from solver.validate import validate
from tests.solver.factories import (
    WEEKDAYS, current_rosters, employer, hto, lesson, make_plan, make_timetable, place, shift, staff, work,
)

ALL_DAYS = [*WEEKDAYS, "sat", "sun"]
SHIFTS = [shift("early", "06:00", "14:00", ALL_DAYS), shift("late", "14:00", "22:00", ALL_DAYS),
          shift("night", "22:00", "06:00", ALL_DAYS), shift("evening", "18:00", "02:00", ALL_DAYS),
          shift("day12", "06:00", "18:00", ALL_DAYS, pauses=[]), shift("short", "06:00", "08:00", ALL_DAYS)]
SHIFTS += [shift("split", "07:00", "15:00", ALL_DAYS, pauses=[{"start": "10:00", "end": "10:15"},
                                                                {"start": "12:30", "end": "12:45"}]),
           shift("single15", "07:00", "15:00", ALL_DAYS, pauses=[{"start": "12:00", "end": "12:15"}])]
# the weekly-total tests work 12 h without a pause: the pause rule (atw_breaks) is off for them
NO_BREAKS = {"break_minutes": 0, "long_break_minutes": 0}


def _check(roster, placements=(), *, n_lessons=0, may_reroster=False, policy=None, days=WEEKDAYS,
           hto_teacher=True):
    """Hto'er JDV (staff jdv) with the given current roster, kept unchanged, and lessons L1.. placed."""
    lessons = [lesson(f"L{k}", "JDV", [f"G{k}"]) for k in range(1, n_lessons + 1)]
    people = [staff("jdv", roster, may_reroster=may_reroster)]
    plan = make_plan(lessons=lessons, employers=[employer("E", SHIFTS, people)], days=days,
                     htos=[hto("JDV", "JDV", "jdv", qualification="qualified",
                               release={"allowed_days": ALL_DAYS})] if hto_teacher else [],
                     policy=policy, teachers=["JDV"], periods_per_day=11)
    return validate(plan, make_timetable(list(placements), current_rosters(plan)))


def _lessons(day, numbers):
    return [place(f"L{k + 1}", day, n, "JDV") for k, n in enumerate(numbers)]


def test_lesson_the_morning_after_a_night_shift():
    """A night shift Mon 22:00-Tue 06:00 needs 14 h rest, so a lesson on Tuesday at 08:30 is too soon."""
    report = _check([("night", "mon")], _lessons("tue", [1]), n_lessons=1)
    # and 22:00-09:20 is one night dienst of 11 h 20 (the 2 h 30 gap is no rest), more than 10 h
    assert report.hard_by_rule() == {"atw_rest_after_night": 1, "atw_night_shift_duration": 1}
    assert report.hard("atw_rest_after_night")[0].amount == 50  # 08:30-09:20 inside tue 06:00-20:00


def test_lesson_the_day_after_next_is_clean():
    """The same night shift and a lesson on Wednesday at 08:30 is fine."""
    assert _check([("night", "mon")], _lessons("wed", [1]), n_lessons=1).ok


def test_night_ending_at_two_needs_no_fourteen_hours():
    """An evening shift 18:00-02:00 is a night shift (2 h in 00:00-06:00) but does not end after 02:00."""
    # rest tue 02:00 -> 12:40 = 640 min: the one short daily rest of the week, and no 14 h rule.
    assert _check([("evening", "mon")], _lessons("tue", [5]), n_lessons=1).ok


def test_series_of_three_nights_needs_46_hours():
    """After nights Mon, Tue and Wed (last ends Thu 06:00) a lesson on Friday 08:30, 26.5 h later, is too soon."""
    roster = [("night", "mon"), ("night", "tue"), ("night", "wed")]
    report = _check(roster, _lessons("fri", [1]), n_lessons=1)
    assert report.hard_by_rule() == {"atw_rest_after_night": 1}
    assert "series of 3 night shifts" in report.hard("atw_rest_after_night")[0].message_en


def test_two_nights_then_a_lesson_26_hours_later_is_clean():
    """Two nights (Mon, Tue) are no series: a lesson 26.5 h after the last one only needs the 14 h."""
    assert _check([("night", "mon"), ("night", "tue")], _lessons("thu", [1]), n_lessons=1).ok


def test_early_shift_and_lessons_until_18_30_make_a_long_dienst():
    """Early shift 06:00-14:00 and lessons 14:20-18:30 are one dienst of 12.5 h, over the 12 h."""
    report = _check([("early", "mon")], _lessons("mon", [7, 8, 9, 10, 11]), n_lessons=5)
    assert report.hard_by_rule() == {"atw_max_shift_duration": 1}
    assert report.hard("atw_max_shift_duration")[0].amount == 30  # 750 - 720 minutes


def test_early_shift_and_lessons_until_17_40_is_clean():
    """Early shift and lessons until 17:40 make a dienst of 11 h 40 min."""
    assert _check([("early", "mon")], _lessons("mon", [7, 8, 9, 10]), n_lessons=4).ok


def test_more_than_60_hours_in_the_week():
    """Five 12-hour shifts (3600 min) and two more hours on Saturday are 3720 minutes of work."""
    roster = [("day12", d) for d in WEEKDAYS] + [("short", "sat")]
    report = _check(roster, may_reroster=True, hto_teacher=False, policy=NO_BREAKS)
    assert report.hard_by_rule() == {"atw_max_week": 1}
    assert report.hard("atw_max_week")[0].amount == 120
    assert _check([("day12", d) for d in WEEKDAYS], may_reroster=True, hto_teacher=False, policy=NO_BREAKS).ok


def test_labour_law_is_not_checked_for_fixed_colleagues():
    """A colleague who is neither an hto'er nor re-rosterable is left to the company."""
    roster = [("day12", d) for d in WEEKDAYS] + [("short", "sat")]
    assert _check(roster, may_reroster=False, hto_teacher=False).ok


def test_second_short_daily_rest():
    """Late shifts Mon and Wed each followed by a lesson at 08:30 give two rests of 10.5 h; one is allowed."""
    roster = [("late", "mon"), ("late", "wed")]
    report = _check(roster, _lessons("tue", [1]) + [place("L2", "thu", 1, "JDV")], n_lessons=2)
    assert report.hard_by_rule() == {"atw_daily_rest": 1}
    assert report.hard("atw_daily_rest")[0].amount == 30  # 660 - 630 minutes
    clean = _check(roster, _lessons("tue", [1]) + [place("L2", "thu", 5, "JDV")], n_lessons=2)
    assert clean.ok


def test_short_rest_not_allowed_at_all():
    """With daily_rest_short_per_week 0 even one rest of 10.5 h is too short."""
    report = _check([("late", "mon")], _lessons("tue", [1]), n_lessons=1, policy={"daily_rest_short_per_week": 0})
    assert report.hard_by_rule() == {"atw_daily_rest": 1}


def test_short_rest_below_the_policy_minimum():
    """With daily_rest_short_minutes 640 the one shorter rest of the week (10.5 h = 630) is too short."""
    assert _check([("late", "mon")], _lessons("tue", [1]), n_lessons=1).ok  # default: 480 minimum
    report = _check([("late", "mon")], _lessons("tue", [1]), n_lessons=1,
                    policy={"daily_rest_short_minutes": 640})
    assert report.hard_by_rule() == {"atw_daily_rest": 1}
    assert report.hard("atw_daily_rest")[0].amount == 10  # 640 - 630 minutes
    assert "640" in report.hard("atw_daily_rest")[0].message_en
    assert _check([("late", "mon")], _lessons("tue", [1]), n_lessons=1,
                  policy={"daily_rest_short_minutes": 630}).ok


def test_rest_below_the_minimum_does_not_use_the_shorter_rest():
    """Two rests of 10.5 h under a 640-minute minimum are each a violation; neither is the week's shorter one."""
    roster = [("late", "mon"), ("late", "wed")]
    report = _check(roster, _lessons("tue", [1]) + [place("L2", "thu", 1, "JDV")], n_lessons=2,
                    policy={"daily_rest_short_minutes": 640})
    assert report.hard_by_rule() == {"atw_daily_rest": 2}
    assert [v.amount for v in report.hard("atw_daily_rest")] == [10, 10]


def test_weekly_rest_broken_by_a_saturday_lesson():
    """Early shifts Mon-Fri and a Saturday lesson until 16:00 leave at most 32 h of rest (Sat 16:00-Sun 24:00)."""
    roster = [("early", d) for d in WEEKDAYS]
    report = _check(roster, _lessons("sat", [8]), n_lessons=1, days=[*WEEKDAYS, "sat"])
    assert report.hard_by_rule() == {"atw_weekly_rest": 1}
    assert report.hard("atw_weekly_rest")[0].amount == 2160 - 1920  # 36 h - 32 h
    clean = _check(roster, _lessons("sat", [1]), n_lessons=1, days=[*WEEKDAYS, "sat"])
    assert clean.ok  # Sat 09:20 - Sun 24:00 = 38 h 40 min


def test_sunday_night_shift_runs_past_the_week():
    """A Sunday night shift counts its 450 minutes of work though it ends after Sunday 24:00."""
    roster = [("day12", d) for d in WEEKDAYS[:4]] + [("night", "sun"), ("early", "fri")]
    report = _check(roster, may_reroster=True, hto_teacher=False, policy=NO_BREAKS)
    # 4 x 720 + 450 + 450 = 3780 > 3600 (the night and the early shift have a 30-minute pause)
    assert report.hard_by_rule() == {"atw_max_week": 1}
    assert report.hard("atw_max_week")[0].amount == 180


def test_series_rest_applies_whatever_time_the_last_night_ends():
    """Three evening shifts 18:00-02:00 are a series of nights: a lesson 10 h 40 min after the last breaks the 46 h."""
    roster = [("evening", "mon"), ("evening", "tue"), ("evening", "wed")]
    report = _check(roster, _lessons("thu", [5]), n_lessons=1)
    assert report.hard_by_rule() == {"atw_rest_after_night": 1}
    assert report.hard("atw_rest_after_night")[0].amount == 50  # 12:40-13:30 inside thu 02:00-sat 00:00


def test_night_dienst_longer_than_ten_hours():
    """Lesson Mon 14:20-15:10, then the evening shift 18:00-02:00: one dienst 14:20-02:00 of 700 minutes,
    120 of them at night (more than 60), so it may last 600: 100 too long. The 12 h limit is kept."""
    report = _check([("evening", "mon")], _lessons("mon", [7]), n_lessons=1)
    assert report.hard_by_rule() == {"atw_night_shift_duration": 1}
    assert report.hard("atw_night_shift_duration")[0].amount == 100


def test_night_dienst_of_exactly_ten_hours_is_clean():
    """Lesson Mon 16:00-16:50, then 18:00-02:00: 600 minutes, not more than 600."""
    assert _check([("evening", "mon")], _lessons("mon", [9]), n_lessons=1).hard_by_rule() == {}


# --- atw_breaks ---------------------------------------------------------------------------------

def test_atw_breaks_twelve_hours_without_a_pause():
    """Five 06:00-18:00 shifts without a pause: each dienst has 720 minutes of work and no break, 45 short."""
    report = _check([("day12", d) for d in WEEKDAYS])
    assert report.hard_by_rule() == {"atw_breaks": 5}
    assert [v.amount for v in report.hard("atw_breaks")] == [45] * 5
    first = report.hard("atw_breaks")[0]
    assert "works 720 minutes" in first.message_en and "0 minutes of break" in first.message_en
    assert "45 needed" in first.message_en and "45 nodig" in first.message_nl
    assert _check([("day12", d) for d in WEEKDAYS], policy=NO_BREAKS).ok


def test_atw_breaks_two_pauses_of_15_minutes_are_enough():
    """07:00-15:00 with pauses of 15 and 15 minutes (450 of work) has its 30 minutes; one pause of 15 is 15 short."""
    assert _check([("split", "mon")]).ok
    report = _check([("single15", "mon")])
    assert report.hard_by_rule() == {"atw_breaks": 1}
    assert report.hard("atw_breaks")[0].amount == 15


def test_atw_breaks_a_lesson_in_the_pause_is_work():
    """Released for a lesson 11:20-12:10, the early shift's pause 12:00-12:30 keeps only 20 free minutes."""
    plan = make_plan(lessons=[lesson("L1", "JDV", ["G1"])], teachers=["JDV"],
                     employers=[employer("E", SHIFTS, [staff("jdv", [("early", "mon")])])],
                     htos=[hto("JDV", "JDV", "jdv", qualification="qualified")])
    released = [work("jdv", "early", "mon", released=[("mon", "11:20", "12:10")])]
    report = validate(plan, make_timetable([place("L1", "mon", 4, "JDV")], released))
    # work 06:00-12:10 and 12:30-14:00 (460 minutes), one break of 20
    assert report.hard_by_rule() == {"atw_breaks": 1}
    assert report.hard("atw_breaks")[0].amount == 10
    assert validate(plan, make_timetable([place("L1", "mon", 3, "JDV")],
                                         [work("jdv", "early", "mon", released=[("mon", "10:30", "11:20")])])).ok
