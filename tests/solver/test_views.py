"""Readable views (solver/io/views/) on a tiny hand-made plan and timetable."""

from __future__ import annotations

import copy
import os

import pandas as pd
import pytest

from solver.domain import Timetable, parse_plan
from solver.io import views

WEEK = ["mon", "tue", "wed", "thu", "fri"]
LESUREN = [("08:30", "09:20", False), ("09:20", "10:10", False), ("10:30", "11:20", True)]

PLAN = {
    "name": "tiny",
    "schools": [{
        "id": "S1", "name": "Da Vinci",
        "periods": [{"day": d, "start": s, "end": e, "break_before": b} for d in WEEK for s, e, b in LESUREN],
        "groups": [{"id": "2a"}, {"id": "2b"}],
        "rooms": [{"id": "101"}],
    }],
    "teachers": [{"id": "JAN", "name": "Jan Smit"}, {"id": "PIET"}],
    "lessons": [
        {"id": "L1", "subject": "wiskunde", "groups": ["2a"], "teacher": "JAN"},
        {"id": "L2", "subject": "techniek", "groups": ["2b"], "teacher": "PIET", "duration": 2},
    ],
    "employers": [{
        "id": "E1", "name": "Metaal BV",
        "shifts": [{"id": "day", "name": "Dag", "start": "07:00", "end": "15:30"},
                   {"id": "night", "name": "Nacht", "start": "22:00", "end": "06:00", "crosses_midnight": True}],
        "demand": [{"skill": "cnc", "day": "mon", "start": "07:00", "end": "15:30", "min_staff": 1}],
        "staff": [{"id": "s1", "skills": ["cnc"], "roster": [{"shift": "day", "day": "mon"}]},
                  {"id": "s2", "skills": ["cnc"]}],
    }],
    "htos": [{"id": "h1", "name": "Jan", "teacher": "JAN", "employer": "E1", "staff": "s1",
              "travel_minutes": {"S1": 30}}],
}

TIMETABLE = {
    "plan": "tiny",
    "placements": [
        {"lesson": "L1", "school": "S1", "day": "mon", "period": 1, "room": "101", "teacher": "JAN"},
        {"lesson": "L2", "school": "S1", "day": "tue", "period": 1, "duration": 2, "room": "101",
         "teacher": "PIET"},
    ],
    "rosters": [{"employer": "E1", "staff": "s1", "shift": "day", "day": "mon",
                 "released": [{"day": "mon", "start": "08:00", "end": "09:50"}]}],
}


def make(plan_changes=None, timetable_changes=None):
    plan, timetable = copy.deepcopy(PLAN), copy.deepcopy(TIMETABLE)
    if plan_changes:
        plan_changes(plan)
    if timetable_changes:
        timetable_changes(timetable)
    return parse_plan(plan), Timetable.model_validate(timetable)


def grid_named(grids, title):
    return next(g for g in grids if g.title == title)


def test_group_grid_has_subject_at_monday_first_lesuur():
    """The 2a grid shows wiskunde with teacher JAN and room 101 in lesuur 1 on Monday, and nothing else."""
    plan, timetable = make()
    grid = grid_named(views.group_grids(plan, timetable), "2a")
    assert grid.days == WEEK
    assert [r.time for r in grid.rows] == ["08:30–09:20", "09:20–10:10", "10:30–11:20"]
    assert grid.rows[0].cells["mon"] == [views.GridEntry("wiskunde", "JAN", "101", lesson="L1", hto=True)]
    assert all(not cells for r in grid.rows for d, cells in r.cells.items() if (r.number, d) != (1, "mon"))
    assert "| 1 (08:30–09:20) | **wiskunde** JAN · 101 · _L1_ **hto** |" in views.groups_markdown(plan, timetable)


def test_blokuur_fills_both_lesuren():
    """A blokuur of two periods appears in both of its rows in the group grid."""
    plan, timetable = make()
    grid = grid_named(views.group_grids(plan, timetable), "2b")
    assert [bool(r.cells["tue"]) for r in grid.rows] == [True, True, False]


def test_teacher_grid_shows_groups_and_marks_hto():
    """The teacher grid of an hto'er is titled as such and lists the group and room in the cell."""
    plan, timetable = make()
    grids = views.teacher_grids(plan, timetable)
    grid = grid_named(grids, "JAN — Jan Smit (hto'er)")
    assert grid.rows[0].cells["mon"] == [views.GridEntry("wiskunde", "2a", "101", lesson="L1", hto=True)]
    assert [g.title for g in grids] == ["JAN — Jan Smit (hto'er)", "PIET"]


def test_cluster_lesson_shows_in_each_klas_sharing_a_student_set():
    """A lesson of a cluster group appears in the grid of every klas whose student set is in the cluster."""
    def cluster(plan):
        school = plan["schools"][0]
        school["student_sets"] = [{"id": "2a", "size": 20}, {"id": "2b", "size": 20}]
        school["groups"] = [{"id": "2a", "student_sets": ["2a"]}, {"id": "2b", "student_sets": ["2b"]},
                            {"id": "2ab", "student_sets": ["2a", "2b"]}]
        plan["lessons"].append({"id": "L3", "subject": "lo", "groups": ["2ab"], "teacher": "PIET"})

    def place(timetable):
        timetable["placements"].append(
            {"lesson": "L3", "school": "S1", "day": "wed", "period": 3, "room": "101", "teacher": "PIET"})

    plan, timetable = make(cluster, place)
    grids = views.group_grids(plan, timetable)
    for klas in ("2a", "2b", "2ab"):
        assert [e.subject for e in grid_named(grids, klas).rows[2].cells["wed"]] == ["lo"]
    assert grid_named(grids, "2a").rows[2].cells["wed"][0].detail == "PIET · 2ab"


def test_lesuur_with_other_times_on_a_day_shows_its_time():
    """When a day's lesuur differs from the usual times, the cell carries its own times and a missing lesuur is None."""
    def friday_short(plan):
        periods = plan["schools"][0]["periods"]
        plan["schools"][0]["periods"] = [p for p in periods if p["day"] != "fri"] + [
            {"day": "fri", "start": "08:15", "end": "09:00"}]

    def on_friday(timetable):
        timetable["placements"][0]["day"] = "fri"

    plan, timetable = make(friday_short, on_friday)
    grid = grid_named(views.group_grids(plan, timetable), "2a")
    assert grid.rows[0].cells["fri"][0].time == "08:15–09:00"
    assert grid.rows[1].cells["fri"] is None


def test_hto_week_lists_shift_release_lesson_and_travel():
    """The hto'er's merged week lists the shift with its released part, the travel and the lesson, in time order."""
    plan, timetable = make()
    (week,) = views.hto_weeks(plan, timetable)
    monday = [(views._span(i.start, i.end), i.kind) for i in week.days["mon"]]
    assert monday == [("07:00–15:30", "shift"), ("08:00–08:30", "travel"), ("08:30–09:20", "lesson"),
                      ("09:20–09:50", "travel")]
    assert week.days["mon"][0].notes == ["vrijgesteld / released 08:00–09:50"]
    assert (week.teaching_minutes, week.company_minutes, week.travel_minutes) == (50, 510 - 110, 60)
    text = views.htos_markdown(plan, timetable)
    assert "- 08:30–09:20 les / lesson wiskunde · 2a, lokaal / room 101 @ Da Vinci" in text
    assert "  - vrijgesteld / released 08:00–09:50" in text
    assert "lesgeven / teaching: 50 min" in text


def test_staffing_shows_shortfall_when_hto_is_released_and_nobody_covers():
    """With the only cnc worker released 08:00–09:50 the window is short by 110 person-minutes."""
    plan, timetable = make()
    (row,) = views.staffing_rows(plan, timetable)
    assert (row.required, row.present, row.ok, row.short_person_minutes) == (1, 0, False, 110)
    assert row.short_at == ((8 * 60, 9 * 60 + 50),)
    assert "TEKORT / SHORT 110 person-min at 08:00–09:50" in views.staffing_markdown(plan, timetable)


def test_staffing_ok_when_a_colleague_covers():
    """A colleague with the skill on the same shift keeps the window staffed during the release."""
    def colleague(timetable):
        timetable["rosters"].append({"employer": "E1", "staff": "s2", "shift": "day", "day": "mon",
                                     "change": "added"})

    plan, timetable = make(timetable_changes=colleague)
    (row,) = views.staffing_rows(plan, timetable)
    assert (row.present, row.ok, row.short_person_minutes) == (1, True, 0)
    assert "Vensters gedekt / windows met: 1/1" in views.staffing_markdown(plan, timetable)


def test_staffing_night_window_across_midnight():
    """A night demand window is covered by a night shift that crosses midnight, minute for minute."""
    def night_demand(plan):
        plan["employers"][0]["demand"] = [{"skill": "cnc", "day": "tue", "start": "22:00", "end": "06:00",
                                           "crosses_midnight": True, "min_staff": 1}]

    def night_shift(timetable):
        timetable["rosters"].append({"employer": "E1", "staff": "s2", "shift": "night", "day": "tue",
                                     "released": [{"day": "wed", "start": "05:00", "end": "06:00"}]})

    plan, timetable = make(night_demand, night_shift)
    (row,) = views.staffing_rows(plan, timetable)
    assert (row.present, row.short_person_minutes) == (0, 60)
    assert views._span(*row.short_at[0]) == "05:00–06:00"


def test_html_escapes_user_text_and_has_bilingual_headings():
    """User text is HTML-escaped and the headings carry Dutch and English with Dutch day names."""
    def evil(plan):
        plan["name"] = "<script>alert(1)</script>"
        plan["lessons"][0]["subject"] = "wis & <b>kunde</b>"

    plan, timetable = make(evil)
    page = views.html_report(plan, timetable)
    assert "<script>" not in page and "<b>kunde" not in page
    assert "&lt;script&gt;" in page and "wis &amp; &lt;b&gt;kunde&lt;/b&gt;" in page
    for heading in ("Rooster per klas / Timetable per group", "Rooster per docent / Timetable per teacher",
                    "Per hto&#x27;er: lessen en week / Per hto&#x27;er: lessons and merged week",
                    "Rooster per lokaal / Timetable per room", "Per werkgever / Per employer",
                    "Zachte kosten per regel / Soft cost by rule",
                    "Bezetting per werkgever / Staffing per employer", "ma / Mon", "vr / Fri"):
        assert heading in page


def test_write_views_writes_all_files_and_one_csv_row_per_placement(tmp_path):
    """write_views writes the HTML, seven markdown files, a CSV with one row per lesson placement and a workbook."""
    plan, timetable = make()
    written = views.write_views(plan, timetable, tmp_path / "out")
    names = sorted(p.name for p in written)
    assert names == ["costs.md", "employers.md", "groups.md", "htos.md", "index.html", "rooms.md", "staffing.md",
                     "teachers.md", "timetable.csv", "views.xlsx"]
    assert names == sorted(views.VIEW_FILES)
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "out" / "index.html").stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600
    frame = pd.read_csv(tmp_path / "out" / "timetable.csv", dtype=str, sep=";", encoding="utf-8-sig")
    assert list(frame["lesson"]) == ["L1", "L2"]
    assert frame.iloc[1][["day", "dag", "start", "end", "teaching_minutes"]].tolist() == [
        "tue", "di", "08:30", "10:10", "100"]


def test_empty_timetable_views_do_not_fail(tmp_path):
    """A timetable without placements or rosters still gives every view (empty grids, a short window)."""
    plan, _ = make()
    timetable = Timetable()
    views.write_views(plan, timetable, tmp_path)
    assert pd.read_csv(tmp_path / "timetable.csv", sep=";", encoding="utf-8-sig").empty
    assert views.staffing_rows(plan, timetable)[0].present == 0


@pytest.mark.parametrize("minutes, text", [(0, "0 min (0:00 h)"), (125, "125 min (2:05 h)")])
def test_minutes_are_shown_with_hours(minutes, text):
    """Totals read as minutes and hours:minutes."""
    assert views._hm(minutes) == text


def test_staffing_shows_windows_short_together_when_one_person_has_both_skills():
    """Issue 20's counterexample in the view: s2 (cnc and lassen) is the only one at work on Tuesday,
    and a cnc window and a lassen window run at the same time. Each window alone sees one person with
    its skill, but s2 fills one place at a time, so the two windows are 510 person-minutes short
    together (07:00-15:30), as the validator's matching says."""
    def both_skills(plan):
        employer = plan["employers"][0]
        employer["staff"][1].update(skills=["cnc", "lassen"], roster=[{"shift": "day", "day": "tue"}])
        employer["demand"] += [{"skill": skill, "day": "tue", "start": "07:00", "end": "15:30", "min_staff": 1}
                               for skill in ("cnc", "lassen")]

    plan, timetable = make(plan_changes=both_skills)
    timetable = timetable.model_copy(update={"rosters": [*timetable.rosters, timetable.rosters[0].model_copy(
        update={"staff": "s2", "day": "tue", "released": []})]})
    rows = views.staffing_rows(plan, timetable)
    tuesday = [r for r in rows if r.day == "tue"]
    assert [(r.skill, r.present, r.ok) for r in tuesday] == [("cnc", 1, False), ("lassen", 1, False)]
    assert [r.shared_short_person_minutes for r in tuesday] == [510, 510]
    assert tuesday[0].shared_with == ("lassen di 07:00–15:30",) and tuesday[0].shared_at == ((1440 + 420, 1440 + 930),)
    text = views.staffing_markdown(plan, timetable)
    assert "together with lassen di 07:00–15:30: 510 person-min at" in text
    assert "Vensters gedekt / windows met: 0/3" in text  # Monday's window is short too (s1 released)
