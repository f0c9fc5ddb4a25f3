"""Readable views of a timetable: grids per group and teacher, each hto'er's merged week, staffing.

Pure functions from a Plan and a Timetable to strings (HTML, markdown) and one pandas frame (CSV);
`write_views` writes them all into a folder. The view models (the data the views show) are in
placed, grids, weeks and staffing; the renderers in render_md, render_html (with its CSS) and
render_csv; times holds the time labels they share. Times follow docs/rules.md: the
week is a line of minutes, lessons occupy lesuren, an hto'er's busy window is a lesson with travel
on both sides, and company work is the roster's shift instances minus their released windows. A plan
with cycles (a horizon of several weeks) gets the merged weeks and the staffing per horizon week, and
the HTML page a week selector in CSS alone.
"""

from __future__ import annotations

from pathlib import Path

from solver.domain import Plan, Timetable
from solver.io.files import write_atomic
from solver.io.views.grids import Grid, GridEntry, GridRow, group_grids, teacher_grids
from solver.io.views.placed import Placed, placed_lessons
from solver.io.views.preferences import has_preferences, preferences_used
from solver.io.views.render_csv import CSV_COLUMNS, csv_text, placements_frame
from solver.io.views.render_html import html_report
from solver.io.views.render_md import groups_markdown, htos_markdown, staffing_markdown, teachers_markdown
from solver.io.views.staffing import StaffingRow, staffing_rows
from solver.io.views.teaching import ReleaseRow, VacancyRow, release_rows, vacancy_rows
from solver.io.views.times import DAY_EN, DAY_NL, day_label, hours_minutes, span
from solver.io.views.weeks import HtoWeek, WeekItem, company_work, hto_weeks
from solver.validation.intervals import Interval

__all__ = [
    "CSV_COLUMNS", "DAY_EN", "DAY_NL", "Grid", "GridEntry", "GridRow", "HtoWeek", "Interval", "Placed",
    "ReleaseRow", "StaffingRow", "VacancyRow", "WeekItem", "company_work", "day_label", "group_grids",
    "groups_markdown", "has_preferences", "hours_minutes", "html_report", "hto_weeks", "htos_markdown",
    "placed_lessons", "placements_frame", "preferences_used", "release_rows", "span", "staffing_markdown",
    "staffing_rows", "teacher_grids", "teachers_markdown", "vacancy_rows", "write_views", "VIEW_FILES", "csv_text",
]

_span, _hm = span, hours_minutes  # the names the tests know them by


def _write_text(path: Path, text: str) -> None:
    write_atomic(path, text)


VIEW_FILES = ("index.html", "groups.md", "teachers.md", "htos.md", "staffing.md", "timetable.csv")


def write_views(plan: Plan, timetable: Timetable, out_dir: str | Path) -> list[Path]:
    """Write index.html, groups.md, teachers.md, htos.md, staffing.md and timetable.csv into out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "index.html": html_report(plan, timetable),
        "groups.md": groups_markdown(plan, timetable),
        "teachers.md": teachers_markdown(plan, timetable),
        "htos.md": htos_markdown(plan, timetable),
        "staffing.md": staffing_markdown(plan, timetable),
        "timetable.csv": csv_text(placements_frame(plan, timetable)),
    }
    written = []
    for name, text in files.items():
        _write_text(out / name, text)
        written.append(out / name)
    return written
