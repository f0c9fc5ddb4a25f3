"""Views of a plan with cycles (issue 21): per horizon week the hto'er's merged week and the staffing, and
a week selector in the HTML report (CSS only). A plan of one week looks as before (tests/solver/test_views.py)."""

from __future__ import annotations

from solver.io import views
from solver.validate import validate
from tests.solver.cycles_factories import make_cycle_plan, rotating_staff, weeks_rosters
from tests.solver.factories import WEEKDAYS, demand, employer, hto, lesson, make_timetable, place, shift

SHIFTS = [shift("early", "06:00", "14:00"), shift("late", "14:00", "22:00")]
EARLY_LATE = [("early", d, 1) for d in WEEKDAYS] + [("late", d, 2) for d in WEEKDAYS]


def _rotation():
    """JDV works early shifts in week 1 and late ones in week 2 and teaches Tuesday 15:10-16:00, released
    from week 2's late shift; a Tuesday window 14:00-22:00 asks for one operator, whom nobody else covers."""
    plan = make_cycle_plan(
        lessons=[lesson("L1", "JDV", ["G1"])],
        employers=[employer("E", SHIFTS, [rotating_staff("jdv", EARLY_LATE)], cycle={"weeks": 2},
                            demand=[demand("operator", "tue", "14:00", "22:00")])],
        htos=[hto("JDV", "JDV", "jdv", qualification="qualified")], teachers=["JDV"])
    rosters = [dict(r, released=[{"day": "tue", "start": "15:10", "end": "16:00"}])
               if (r["week"], r["day"]) == (2, "tue") else r for r in weeks_rosters(plan, 2)]
    timetable = make_timetable([place("L1", "tue", 8, "JDV")], rosters)
    return plan, timetable


def test_the_htoer_gets_a_merged_week_per_horizon_week():
    plan, timetable = _rotation()
    first, second = views.hto_weeks(plan, timetable)
    assert (first.week, second.week) == (1, 2)
    assert first.week_label == ("In week 1 van de horizon (week 1 van de rotatie van E) / "
                                "in week 1 of the horizon (week 1 of E's rotation)")
    tuesday = [(views._span(i.start, i.end), i.kind) for i in first.days["tue"]]
    assert tuesday == [("06:00–14:00", "shift"), ("15:10–16:00", "lesson")]
    tuesday = [(views._span(i.start, i.end), i.kind, i.notes) for i in second.days["tue"]]
    assert tuesday == [("14:00–22:00", "shift", ["vrijgesteld / released 15:10–16:00"]), ("15:10–16:00", "lesson", [])]
    assert (first.company_minutes, second.company_minutes) == (5 * 480, 5 * 480 - 50)
    text = views.htos_markdown(plan, timetable)
    assert text.count("## JDV (docent / teacher JDV") == 1  # the hto'er once, then each week
    assert "### In week 2 van de horizon (week 2 van de rotatie van E) / in week 2 of the horizon" in text
    assert "#### di / Tue" in text


def test_staffing_per_horizon_week():
    """Week 1: nobody on Tuesday afternoon (480 person-minutes short); week 2: JDV, away 15:10-16:00 (50)."""
    plan, timetable = _rotation()
    rows = views.staffing_rows(plan, timetable)
    assert [(r.week, r.present, r.short_person_minutes) for r in rows] == [(1, 0, 480), (2, 0, 50)]
    assert rows[1].short_at == ((1440 + 910, 1440 + 960),)  # minutes of the week: tue 15:10-16:00
    report = validate(plan, timetable)
    assert sorted((v.entities["week"], v.amount) for v in report.hard("staffing_demand")) == [(1, 480), (2, 50)]
    text = views.staffing_markdown(plan, timetable)
    assert "## In week 1 van de horizon / in week 1 of the horizon\n" in text  # one table a week, every employer
    assert "Vensters gedekt / windows met: 0/2" in text


def test_the_html_report_has_a_week_selector_without_script():
    plan, timetable = _rotation()
    page = views.html_report(plan, timetable)
    assert "<script" not in page
    for part in ('id="week-all" checked', 'id="week-1"', 'id="week-2"', '<label for="week-2">week 2</label>',
                 'class="wk wk-1"', 'class="wk wk-2"', "#week-2:checked ~ section .wk-2 { display: block; }"):
        assert part in page, part
    # the hto'er's week 2, the employer's roster and staffing with who fills it, and the staffing of week 2
    assert page.count('class="wk wk-2"') == 4


def test_a_plan_of_one_week_has_no_week_selector():
    plan = make_cycle_plan(lessons=[lesson("L1", "JDV", ["G1"])],
                           employers=[employer("E", SHIFTS, [rotating_staff("jdv", [("early", "mon", 1)])])],
                           htos=[hto("JDV", "JDV", "jdv", qualification="qualified")], teachers=["JDV"])
    timetable = make_timetable([place("L1", "tue", 8, "JDV")], weeks_rosters(plan, 1))
    page = views.html_report(plan, timetable)
    assert "week-all" not in page and 'class="wk' not in page
    (week,) = views.hto_weeks(plan, timetable)
    assert (week.week, week.week_label) == (1, "")


def test_ab_weeks_show_each_lesson_in_the_weeks_it_is_taught():
    """A lesson on tue2 (school week B) is on the Tuesday of horizon week 2 only."""
    days = [*WEEKDAYS, *(f"{d}2" for d in WEEKDAYS)]
    plan = make_cycle_plan(lessons=[lesson("L1", "JDV", ["G1"])],
                           employers=[employer("E", SHIFTS, [rotating_staff("jdv", [("early", "mon", 1)])])],
                           htos=[hto("JDV", "JDV", "jdv", qualification="qualified")], teachers=["JDV"], days=days)
    timetable = make_timetable([place("L1", "tue2", 8, "JDV")], weeks_rosters(plan, 2))
    first, second = views.hto_weeks(plan, timetable)
    assert [i.kind for i in first.days["tue"]] == [] and [i.kind for i in second.days["tue"]] == ["lesson"]
    assert (first.teaching_minutes, second.teaching_minutes) == (0, 50)
    assert "(schoolweek B) / in week 2 of the horizon (school week B)" in second.week_label
    assert '<label for="week-2">week 2 (B)</label>' in views.html_report(plan, timetable)
