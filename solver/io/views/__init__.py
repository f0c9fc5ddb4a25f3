"""Readable views of a timetable: grids per group, teacher, room and hto'er (each cell with its lesson id,
hto'ers' lessons marked), each hto'er's merged week, a section per employer (roster, changes, marks, who
fills each staffing window), the soft cost by rule and totals with their arithmetic (docs/views.md).

Pure functions from a Plan and a Timetable to strings (HTML, markdown), one pandas frame (CSV) and a
workbook (XLSX); `write_views` writes them all into a folder. The view models (the data the views show) are
in placed, grids, weeks, staffing, employers, costs and totals; the renderers in render_md and
render_md_company, render_html and render_html_company (with their CSS), render_csv and render_xlsx; times
holds the time labels they share. The numbers of staffing, employers and soft cost are the independent
validator's (solver.validate), computed once per write. Times follow docs/rules.md: the
week is a line of minutes, lessons occupy lesuren, an hto'er's busy window is a lesson with travel
on both sides, and company work is the roster's shift instances minus their released windows. A plan
with cycles (a horizon of several weeks) gets the merged weeks and the staffing per horizon week, and
the HTML page a week selector in CSS alone.
"""

from __future__ import annotations

from pathlib import Path

from solver.domain import Plan, Timetable
from solver.io.files import write_atomic
from solver.io.views.costs import CostLine, CostSummary, cost_summary
from solver.io.views.employers import EmployerView, employer_views
from solver.io.views.grids import Grid, GridEntry, GridRow, group_grids, hto_grids, room_grids, teacher_grids
from solver.io.views.placed import Placed, placed_lessons
from solver.io.views.preferences import has_preferences, preferences_used
from solver.io.views.render_csv import CSV_COLUMNS, csv_text, placements_frame
from solver.io.views.render_html import html_report
from solver.io.views.render_md import (
    groups_markdown, htos_markdown, rooms_markdown, staffing_markdown, teachers_markdown,
)
from solver.io.views.render_md_company import costs_markdown, employers_markdown
from solver.io.views.staffing import StaffingRow, staffing_rows
from solver.io.views.teaching import ReleaseRow, VacancyRow, release_rows, vacancy_rows
from solver.io.views.totals import Total, all_totals
from solver.io.views.times import DAY_EN, DAY_NL, day_label, hours_minutes, span
from solver.io.views.weeks import HtoWeek, WeekItem, company_work, hto_weeks
from solver.validate import validate
from solver.validation.intervals import Interval

def _xlsx():
    """render_xlsx, imported when a workbook is written: openpyxl costs ~0.1 s at start, and `solve` only
    needs the views' staffing figures."""
    from solver.io.views import render_xlsx

    return render_xlsx


def __getattr__(name: str):
    if name in ("SHEETS", "workbook_bytes"):
        return getattr(_xlsx(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CSV_COLUMNS", "DAY_EN", "DAY_NL", "CostLine", "CostSummary", "EmployerView", "Grid", "GridEntry", "GridRow",
    "HtoWeek", "Interval", "Placed", "ReleaseRow", "SHEETS", "StaffingRow", "Total", "VacancyRow", "WeekItem",
    "all_totals", "company_work", "cost_summary", "costs_markdown", "day_label", "employer_views",
    "employers_markdown", "group_grids", "groups_markdown", "has_preferences", "hours_minutes", "html_report",
    "hto_grids", "hto_weeks", "htos_markdown", "placed_lessons", "placements_frame", "preferences_used",
    "release_rows", "room_grids", "rooms_markdown", "span", "staffing_markdown", "staffing_rows", "teacher_grids",
    "teachers_markdown", "vacancy_rows", "workbook_bytes", "write_views", "VIEW_FILES", "csv_text",
]

_span, _hm = span, hours_minutes  # the names the tests know them by


def _write_text(path: Path, text: str | bytes) -> None:
    write_atomic(path, text)


VIEW_FILES = ("index.html", "groups.md", "teachers.md", "rooms.md", "htos.md", "employers.md", "staffing.md",
              "costs.md", "timetable.csv", "views.xlsx")


def write_views(plan: Plan, timetable: Timetable, out_dir: str | Path) -> list[Path]:
    """Write the files of VIEW_FILES into out_dir: the HTML page, the markdown files, the CSV and the workbook."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = validate(plan, timetable)  # once for every file
    files = {
        "index.html": html_report(plan, timetable, report),
        "groups.md": groups_markdown(plan, timetable),
        "teachers.md": teachers_markdown(plan, timetable),
        "rooms.md": rooms_markdown(plan, timetable),
        "htos.md": htos_markdown(plan, timetable),
        "employers.md": employers_markdown(plan, timetable, report),
        "staffing.md": staffing_markdown(plan, timetable, report),
        "costs.md": costs_markdown(plan, timetable, report),
        "timetable.csv": csv_text(placements_frame(plan, timetable)),
        "views.xlsx": _xlsx().workbook_bytes(plan, timetable, report),
    }
    written = []
    for name, text in files.items():
        _write_text(out / name, text)
        written.append(out / name)
    return written
