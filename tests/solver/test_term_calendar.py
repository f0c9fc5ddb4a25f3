"""The calendar (solver/term/calendar.py) and check-term (solver/term/apply.py, check.py): peak and shutdown
weeks, leave and holidays, week by week. The timetables are written by hand and certified first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from solver.domain import PlanError, Timetable
from solver.term import check_term, parse_calendar
from solver.term.check import term_weeks
from solver.validate import validate
from tests.solver.solve_helpers import demand, employer, hto, lesson, only, shift, staff, tiny_plan

MONDAY = date(2026, 3, 2)
TUESDAY = MONDAY + timedelta(days=1)
DAYS = ("mon", "tue", "wed", "thu", "fri")


@pytest.fixture(scope="module")
def plan():
    """Hto'er H (early shift) teaches L on Tuesday 12:40-14:20; colleague C (early too) covers the one
    operator the early shift needs while H is away."""
    return tiny_plan(
        periods={"tue": ["12:40-13:30", "13:30-14:20"], "wed": ["12:40-13:30", "13:30-14:20"]},
        lessons=[lesson("L", teacher="H", duration=2)],
        employers=[employer(
            shifts=[shift("vroeg", "06:00", "14:00")],
            staff=[staff("H", [("vroeg", d) for d in DAYS]), staff("C", [("vroeg", d) for d in DAYS])],
            demand=[demand(d, "06:00", "14:00", name="vroeg") for d in DAYS],
        )],
        htos=[hto("H", release={"allowed_days": ["tue", "wed"]}, travel_minutes={"S": 10})],
        weights=only(),
    )


@pytest.fixture(scope="module")
def timetable(plan):
    rosters = [{"employer": "E", "staff": p, "shift": "vroeg", "day": d, "start": "06:00", "end": "14:00",
                "released": [{"day": "tue", "start": "12:30", "end": "14:00"}] if (p, d) == ("H", "tue") else []}
               for p in ("H", "C") for d in DAYS]
    out = Timetable.model_validate({
        "placements": [{"lesson": "L", "copy": 0, "school": "S", "day": "tue", "period": 1, "duration": 2,
                        "start": "12:40", "end": "14:20", "room": "R1", "teacher": "H"}],
        "rosters": rosters,
    })
    assert validate(plan, out).hard_violations == 0  # certified before it is used
    return out


def _calendar(plan, employers=(), schools=()):
    return parse_calendar({"employers": list(employers), "schools": list(schools)}, plan)


def test_without_a_calendar_every_week_holds(plan, timetable):
    report = check_term(plan, timetable, MONDAY, MONDAY + timedelta(weeks=2))
    assert [w.monday for w in report.weeks] == [MONDAY + timedelta(weeks=k) for k in range(3)]
    assert report.ok and report.failures == 0


def test_leave_of_the_hto_er_names_the_lesson_date_time_person_and_reason(plan, timetable):
    calendar = _calendar(plan, [{"employer": "E", "leave": [
        {"staff": "H", "first_day": "2026-03-09", "last_day": "2026-03-13", "reason": "verlof"}]}])
    report = check_term(plan, timetable, MONDAY, MONDAY + timedelta(weeks=1), calendar)
    first, second = report.weeks
    assert first.failures == 0
    (item,) = second.untaught
    assert (item.lesson, item.copy, item.date, item.start, item.end, item.staff, item.reason) == (
        "L", 0, TUESDAY + timedelta(weeks=1), "12:40", "14:20", "H", "leave")
    assert "Tue 10 Mar 2026 12:40-14:20" in item.message_en and "verlof" in item.message_en
    assert "di 10 mrt 2026" in item.message_nl
    assert not second.shortfalls  # C still covers the early shift
    assert report.failures == 1 and not report.ok


def test_leave_of_the_colleague_leaves_the_release_uncovered(plan, timetable):
    """C away on Tuesday: while H teaches (released 12:30-14:00) nobody is there; the shortfall names who is
    away with the skill."""
    calendar = _calendar(plan, [{"employer": "E", "leave": [{"staff": "C", "first_day": TUESDAY.isoformat()}]}])
    (week,) = check_term(plan, timetable, MONDAY, MONDAY, calendar).weeks
    assert not week.untaught
    (short,) = week.shortfalls
    assert (short.date, short.person_minutes) == (TUESDAY, 90)
    assert short.away == ["C (leave)", "H (teaching)"]
    assert "C (verlof)" in short.message_nl


def test_a_peak_week_releases_nobody_and_asks_more(plan, timetable):
    """In a peak week H is not released, so L cannot be taught; with one more person per window the early
    shift is short every day."""
    peak = {"week": "2026-03-09", "reason": "jaarafsluiting"}
    calendar = _calendar(plan, [{"employer": "E", "peak_weeks": [peak]}])
    first, second = check_term(plan, timetable, MONDAY, MONDAY + timedelta(weeks=1), calendar).weeks
    assert first.failures == 0
    (item,) = second.untaught
    assert item.reason == "peak" and "not released from shift vroeg" in item.message_en
    assert not second.shortfalls  # H works the whole shift: both are there
    calendar = _calendar(plan, [{"employer": "E", "peak_weeks": [{**peak, "extra_min_staff": 1}]}])
    week = check_term(plan, timetable, MONDAY + timedelta(weeks=1), MONDAY + timedelta(weeks=1), calendar).weeks[0]
    assert not week.shortfalls
    calendar = _calendar(plan, [{"employer": "E", "peak_weeks": [{**peak, "demand_factor": 2.5}]}])
    week = check_term(plan, timetable, MONDAY + timedelta(weeks=1), MONDAY + timedelta(weeks=1), calendar).weeks[0]
    assert [s.date.weekday() for s in week.shortfalls] == [0, 1, 2, 3, 4]  # 3 asked, 2 there
    assert all(s.person_minutes == 480 for s in week.shortfalls)


def test_a_shutdown_week_has_no_demand_and_its_hto_er_is_free(plan, timetable):
    calendar = _calendar(plan, [{"employer": "E", "shutdown_weeks": [{"week": MONDAY.isoformat(), "reason": "bouwvak"}]}])
    (week,) = check_term(plan, timetable, MONDAY, MONDAY, calendar).weeks
    assert week.failures == 0
    assert week.notes_en == ["E: closed this week (bouwvak)"]


def test_school_holidays_skip_the_week_or_the_day(plan, timetable):
    """A week whose school days are all holidays is skipped; a holiday on Tuesday only means L is not
    given that day, which is no failure, even in a peak week."""
    calendar = _calendar(plan, [{"employer": "E", "peak_weeks": [{"week": "2026-03-09"}]}], [{"school": "S", "holidays": [
        {"first_day": "2026-03-02", "last_day": "2026-03-06", "name": "voorjaarsvakantie"},
        {"first_day": "2026-03-10", "name": "studiedag"}]}])
    first, second = check_term(plan, timetable, MONDAY, MONDAY + timedelta(weeks=1), calendar).weeks
    assert first.holiday and first.failures == 0
    assert first.notes_en == ["S: no lessons Mon 2 Mar 2026 - Fri 6 Mar 2026 (voorjaarsvakantie)"]
    assert not second.holiday and second.failures == 0
    assert "S: no lessons on Tue 10 Mar 2026 (studiedag)" in second.notes_en


@pytest.mark.parametrize(("data", "path", "message"), [
    ({"employers": [{"employer": "X"}]}, "employers[0].employer", "unknown employer 'X'"),
    ({"employers": [{"employer": "E", "leave": [{"staff": "Z", "first_day": "2026-03-02"}]}]},
     "employers[0].leave[0].staff", "unknown staff member 'Z'"),
    ({"employers": [{"employer": "E", "leave": [{"staff": "H", "first_day": "2-3-2026"}]}]},
     "employers[0].leave[0].first_day", "is not a date: write it as YYYY-MM-DD"),
    ({"employers": [{"employer": "E", "peak_weeks": [{"week": "2026-03-03"}]}]},
     "employers[0].peak_weeks[0].week", "is a Tuesday; a week is named by its Monday"),
    ({"employers": [{"employer": "E", "leave": [{"staff": "H", "first_day": "2026-03-05", "last_day": "2026-03-02"}]}]},
     "employers[0].leave[0]", "last_day (2026-03-02) is before first_day (2026-03-05)"),
    ({"employers": [{"employer": "E", "peak_weeks": [{"week": "2026-03-02"}],
                     "shutdown_weeks": [{"week": "2026-03-02"}]}]},
     "employers[0].shutdown_weeks[0].week", "also a peak week"),
    ({"employers": [{"employer": "E", "peak_weeks": [{"week": "2026-03-02", "demand_factor": 0.5}]}]},
     "employers[0].peak_weeks[0].demand_factor", "greater than or equal to 1"),
    ({"schools": [{"school": "Q"}]}, "schools[0].school", "unknown school 'Q'"),
    ({"schools": [{"school": "S", "holiday": []}]}, "schools[0].holiday", "unknown field"),
    ({"schools": [{"school": "S", "region": "oost"}]}, "schools[0].region", "'noord', 'midden' or 'zuid'"),
    ({"regions": {"west": []}}, "regions.west", "unknown field"),
])
def test_a_wrong_calendar_names_the_field(plan, data, path, message):
    with pytest.raises(PlanError) as error:
        parse_calendar(data, plan, "CAL.json")
    assert error.value.source == "CAL.json"
    assert any(i.path == path and message in i.message for i in error.value.issues), error.value.issues


def test_a_school_has_its_region_s_holidays_and_its_own(plan, timetable):
    """S is in region zuid: the week of zuid's holiday is off, the week of noord's holiday is an ordinary
    week, and the school's own study day takes out Tuesday of the third week."""
    calendar = parse_calendar({
        "regions": {"noord": [{"first_day": "2026-03-02", "last_day": "2026-03-06", "name": "voorjaar noord"}],
                    "zuid": [{"first_day": "2026-03-09", "last_day": "2026-03-13", "name": "voorjaar zuid"}]},
        "schools": [{"school": "S", "region": "zuid", "holidays": [{"first_day": "2026-03-17", "name": "studiedag"}]}],
    }, plan)
    weeks = check_term(plan, timetable, MONDAY, MONDAY + timedelta(weeks=2), calendar).weeks
    assert [w.holiday for w in weeks] == [False, True, False]
    assert not any("voorjaar noord" in note for w in weeks for note in w.notes_en)
    assert weeks[1].notes_en == ["S: no lessons Mon 9 Mar 2026 - Fri 13 Mar 2026 (voorjaar zuid)"]
    assert "S: no lessons on Tue 17 Mar 2026 (studiedag)" in weeks[2].notes_en
    without_region = parse_calendar({"regions": {"zuid": [{"first_day": "2026-03-09", "last_day": "2026-03-13"}]},
                                     "schools": [{"school": "S"}]}, plan)
    assert not any(w.holiday for w in check_term(plan, timetable, MONDAY, MONDAY + timedelta(weeks=2),
                                                without_region).weeks)


def test_the_weeks_of_a_term_are_mondays_in_order():
    assert term_weeks(MONDAY, MONDAY + timedelta(weeks=2)) == [MONDAY + timedelta(weeks=k) for k in range(3)]
    with pytest.raises(PlanError, match="is before --from"):
        term_weeks(MONDAY + timedelta(weeks=1), MONDAY)
    with pytest.raises(PlanError, match="a week is named by its Monday"):
        term_weeks(TUESDAY, MONDAY + timedelta(weeks=1))
    with pytest.raises(PlanError, match="at most 104"):
        term_weeks(MONDAY, MONDAY + timedelta(weeks=200))


def test_a_release_falls_away_with_its_lesson(plan, timetable):
    """On a school holiday H does not teach, so H is not released and covers for C on leave: no shortfall,
    where the same leave on a school day leaves 90 person-minutes open (see above)."""
    calendar = _calendar(plan, [{"employer": "E", "leave": [{"staff": "C", "first_day": TUESDAY.isoformat()}]}],
                         [{"school": "S", "holidays": [{"first_day": TUESDAY.isoformat(), "name": "studiedag"}]}])
    (week,) = check_term(plan, timetable, MONDAY, MONDAY, calendar).weeks
    assert not week.holiday and week.failures == 0
