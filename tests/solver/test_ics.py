"""`hybrooster ics` (issue 22): a person's dated weeks as events that parse back with icalendar, at the right
local times across the change to summer time, holidays without lessons. The plan is tiny and solved for real
(certified by the validator)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import icalendar
import pytest

from api import cli
from solver.domain import load_plan, load_timetable
from solver.io.ics import ZONE, person_calendar
from solver.term import parse_calendar
from solver.timeline import parse_hhmm
from tests.api.test_cli_term import files  # noqa: F401  (the fixture)

DST_SUNDAY = date(2026, 3, 29)  # last Sunday of March 2026: 02:00 -> 03:00


def _events(path) -> list:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return [c for c in cal.walk("VEVENT")]


def _lesson_times(plan, timetable, teacher: str) -> list[tuple[str, str, str]]:
    """(day, start, end) of the teacher's placements, from the school's lesuren."""
    out = []
    for p in timetable.placements:
        if p.teacher != teacher:
            continue
        periods = sorted((x for x in plan.schools[0].periods if x.day == p.day), key=lambda x: x.start)
        used = periods[p.period - 1: p.period - 1 + p.duration]
        out.append((p.day, used[0].start, used[-1].end))
    return out


def _at(monday: date, day: str, hhmm: str) -> datetime:
    index = ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(day)
    minutes = parse_hhmm(hhmm)
    return datetime.combine(monday + timedelta(days=index), datetime.min.time()).replace(
        tzinfo=ZONE) + timedelta(minutes=minutes)


def test_ics_parses_back_with_the_hto_ers_shifts_lessons_and_travel_across_dst(files, tmp_path, capsys):  # noqa: F811
    plan_path, tt_path = files
    plan, timetable = load_plan(plan_path), load_timetable(tt_path)
    before, after = DST_SUNDAY - timedelta(days=6), DST_SUNDAY + timedelta(days=1)
    assert cli.main(["ics", str(plan_path), str(tt_path), "--person", "H", "--from", before.isoformat(),
                     "--to", (after + timedelta(days=6)).isoformat(), "-o", "h.ics"]) == 0
    events = _events(tmp_path / "h.ics")
    lessons = [e for e in events if "lesson" in e.get("categories").cats]
    expected = _lesson_times(plan, timetable, "H")
    assert expected and len(lessons) == 2 * len(expected)
    hto = plan.htos[0]
    travel = hto.travel_minutes["S"]
    for monday in (before, after):
        for day, start, end in expected:
            want_start, want_end = _at(monday, day, start), _at(monday, day, end)
            match = [e for e in lessons if e.decoded("dtstart") == want_start]
            assert len(match) == 1 and match[0].decoded("dtend") == want_end
            got = match[0].decoded("dtstart")
            assert (got.hour, got.minute) == (int(start[:2]), int(start[3:]))  # the local wall-clock time
            assert str(got.tzinfo) == "Europe/Amsterdam"
            trips = [e for e in events if "travel" in e.get("categories").cats
                     and e.decoded("dtstart").date() == want_start.date()]
            assert sorted((e.decoded("dtstart"), e.decoded("dtend")) for e in trips) == [
                (want_start - timedelta(minutes=travel), want_start), (want_end, want_end + timedelta(minutes=travel))]
    offsets = {lesson.decoded("dtstart").utcoffset() for lesson in lessons}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}  # winter time, then summer time
    shifts = [e for e in events if "shift" in e.get("categories").cats]
    rostered = [r for r in timetable.rosters if r.staff == "H"]
    assert len({(e.decoded("dtstart").date()) for e in shifts}) == 2 * len({r.day for r in rostered})
    for e in shifts:  # company work never overlaps a lesson or its travel
        for busy in lessons + trips:
            assert not (e.decoded("dtstart") < busy.decoded("dtend") and busy.decoded("dtstart") < e.decoded("dtend"))
    out = capsys.readouterr().out
    assert "hours a year" in out and "2 weeks" in out


def test_holidays_have_no_lessons_and_leave_no_shifts(files, tmp_path):  # noqa: F811
    plan_path, tt_path = files
    plan, timetable = load_plan(plan_path), load_timetable(tt_path)
    monday = date(2026, 10, 19)
    calendar = parse_calendar({
        "schools": [{"school": "S", "holidays": [{"first_day": monday.isoformat(),
                                                  "last_day": (monday + timedelta(days=4)).isoformat(),
                                                  "name": "herfstvakantie"}]}],
        "employers": [{"employer": plan.employers[0].id,
                       "leave": [{"staff": "H", "first_day": (monday + timedelta(days=9)).isoformat()}]}],
    }, plan)
    result = person_calendar(plan, timetable, "H", monday, monday + timedelta(days=13), calendar)
    lessons = [e for e in result.events if e.kind == "lesson"]
    assert lessons and all(e.start.date() >= monday + timedelta(days=7) for e in lessons)
    assert not [e for e in result.events if e.kind == "travel" and e.start.date() < monday + timedelta(days=7)]
    leave_day = monday + timedelta(days=9)
    assert not [e for e in result.events if e.kind != "absence" and e.start.date() == leave_day]
    assert [e for e in result.events if e.kind == "shift" and e.start.date() == leave_day - timedelta(days=1)]
    absences = [e for e in result.events if e.kind == "absence"]
    assert {e.summary.split(":")[0] for e in absences} == {"vakantie / holiday", "afwezig / away"}
    assert result.weeks_without_lessons == 1
    from solver.io.views import placed_lessons

    one_week = sum(p.teaching_minutes for p in placed_lessons(plan, timetable) if p.teacher == "H")
    assert one_week > 0 and result.teaching_minutes == one_week  # two weeks, the first a holiday


def test_a_staff_member_gets_shifts_only_and_an_unknown_person_is_an_error(files, tmp_path, capsys):  # noqa: F811
    plan_path, tt_path = files
    plan, timetable = load_plan(plan_path), load_timetable(tt_path)
    result = person_calendar(plan, timetable, "D", date(2026, 3, 2), date(2026, 3, 8))
    assert {e.kind for e in result.events} == {"shift"}
    assert len(result.events) == sum(r.staff == "D" for r in timetable.rosters)
    assert all((e.start.hour, e.end.hour) == (14, 22) for e in result.events)
    assert cli.main(["ics", str(plan_path), str(tt_path), "--person", "nobody", "--from", "2026-03-02",
                     "--to", "2026-03-08", "-o", "x.ics"]) == 1
    assert "unknown person 'nobody'" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize("first, last", [("2026-03-09", "2026-03-02"), ("2026-03-02", "2029-03-02")])
def test_a_wrong_range_is_refused(files, first, last, capsys):  # noqa: F811
    plan_path, tt_path = files
    assert cli.main(["ics", str(plan_path), str(tt_path), "--person", "H", "--from", first, "--to", last,
                     "-o", "x.ics"]) == 1
    assert "--to" in capsys.readouterr().err


def test_the_demo_example_calendar_fits_the_demo_and_says_it_is_an_example():
    from scenarios.demo import DEMO_PLAN_PATH
    from solver.term import load_calendar

    path = DEMO_PLAN_PATH.with_name("calendar-example.json")
    calendar = load_calendar(path, load_plan(DEMO_PLAN_PATH))
    regions = [calendar.regions.noord, calendar.regions.midden, calendar.regions.zuid]
    assert all(regions) and len({tuple((h.first_day, h.last) for h in r) for r in regions}) == 3  # three regions
    days = [h for s in calendar.schools for h in s.holidays] + [h for r in regions for h in r]
    names = [h.name for h in days] + \
        [x.reason for e in calendar.employers for x in (*e.shutdown_weeks, *e.leave, *e.peak_weeks)]
    assert names and all("not official dates" in name and "voorbeeld" in name for name in names)
    assert min(h.first_day for h in days) >= date(2026, 8, 31) and max(h.last for h in days) <= date(2027, 8, 31)
    (school,) = calendar.schools
    assert school.region and len(calendar.holidays_of(school.school)) == len(school.holidays) + len(
        getattr(calendar.regions, school.region))


def test_a_rotating_roster_follows_its_cycle_week_by_week():
    """H works early in the rotation's week 1 and late in week 2 (from its start date): over four dated weeks
    the shifts alternate, and the Tuesday lesson is there every week at its lesuur."""
    from solver.term import project_week
    from solver.validate import validate
    from tests.solver.test_term_week import MONDAY, _rotating_plan, _rotating_timetable

    plan, timetable = _rotating_plan(), _rotating_timetable()
    for k in range(4):
        week = project_week(plan, timetable, MONDAY + timedelta(weeks=k))
        assert validate(week.plan, week.timetable).hard_violations == 0
    result = person_calendar(plan, timetable, "H", MONDAY, MONDAY + timedelta(weeks=4, days=-1))
    for k in range(4):
        monday = MONDAY + timedelta(weeks=k)
        wednesday = [e for e in result.events if e.kind == "shift" and e.start.date() == monday + timedelta(days=2)]
        assert [(e.start.hour, e.end.hour) for e in wednesday] == ([(6, 14)] if k % 2 == 0 else [(14, 22)])
        lessons = [e for e in result.events if e.kind == "lesson" and monday <= e.start.date() < monday + timedelta(7)]
        assert [(e.start.date(), e.start.strftime("%H:%M")) for e in lessons] == [(monday + timedelta(days=1), "12:40")]


def test_a_school_in_zuid_has_its_region_s_holidays_and_not_noord_s(files, tmp_path):  # noqa: F811
    """School S is in region zuid: no lessons in the week of zuid's holiday, lessons as usual in the week of a
    holiday of noord only; the .ics written by the command says the same."""
    plan_path, tt_path = files
    plan, timetable = load_plan(plan_path), load_timetable(tt_path)
    noord_week, zuid_week = date(2026, 10, 12), date(2026, 10, 19)
    data = {"regions": {"noord": [{"first_day": noord_week.isoformat(), "last_day": "2026-10-16",
                                   "name": "herfstvakantie noord"}],
                        "zuid": [{"first_day": zuid_week.isoformat(), "last_day": "2026-10-23",
                                  "name": "herfstvakantie zuid"}]},
            "schools": [{"school": "S", "region": "zuid"}]}
    calendar = parse_calendar(data, plan)
    result = person_calendar(plan, timetable, "H", noord_week, zuid_week + timedelta(days=6), calendar)
    lesson_days = {e.start.date() for e in result.events if e.kind == "lesson"}
    taught = {noord_week + timedelta(days=("mon", "tue", "wed", "thu", "fri").index(p.day))
              for p in timetable.placements if p.teacher == "H"}
    assert taught and lesson_days == taught  # the noord holiday week: every lesson as usual
    assert result.weeks_without_lessons == 1
    holidays = [e.summary for e in result.events if e.kind == "absence"]
    assert holidays == ["vakantie / holiday: herfstvakantie zuid (S)"]
    cal_path = tmp_path / "cal.json"
    cal_path.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["ics", str(plan_path), str(tt_path), "--person", "H", "--from", noord_week.isoformat(),
                     "--to", (zuid_week + timedelta(days=6)).isoformat(), "--calendar", str(cal_path),
                     "-o", "h.ics"]) == 0
    starts = {e.decoded("dtstart") for e in _events(tmp_path / "h.ics") if "lesson" in e.get("categories").cats}
    assert {s.date() for s in starts} == taught
