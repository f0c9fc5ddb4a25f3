"""Downloads of a stored timetable, each cut to what the caller's role may see (api/services/visibility.py):

- a coordinator and an admin get the full views (solver/io/views), as `hybrooster views` writes them;
- a roosteraar the school's part: the placements and the grids per group, teacher, room and hto'er, and when
  each hto'er is busy at their company; none of the views' per-employer sections;
- a planner their own employer's section (roster, changes, marks, staffing) and when their hto'ers teach;
- an hto'er their own lessons and shifts.

The CSV and XLSX cells go through the views' neutralise (formula injection); the HTML escapes every text."""

from __future__ import annotations

import html
import io
import zipfile

import pandas as pd

from api.deps import Caller
from api.services.visibility import employer_timetable, hto_busy, hto_timetable
from solver.domain import Plan, Timetable

FULL = ("admin", "coordinator")
BUSY_COLUMNS = ["hto", "teacher", "week", "day", "start", "end"]
ROSTER_COLUMNS = ["staff", "shift", "week", "day", "start", "end", "released", "change"]
TEACHING_COLUMNS = ["hto", "staff", "school", "day", "start", "end"]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _busy_rows(plan: Plan, timetable: Timetable) -> list[dict]:
    return [{"hto": h["hto"], "teacher": h["teacher"], **w} for h in hto_busy(plan, timetable) for w in h["busy"]]


def _roster_rows(rosters: list[dict]) -> list[dict]:
    return [{**{k: r[k] for k in ROSTER_COLUMNS if k != "released"},
             "released": ", ".join(f"{w['day']} {w['start']}-{w['end']}" for w in r["released"])} for r in rosters]


def _csv(rows: list[dict], columns: list[str]) -> str:
    from solver.io.views import csv_text

    return csv_text(pd.DataFrame(rows, columns=columns))


def _only(plan: Plan, teacher: str | None) -> Plan:
    """The plan with one hto'er (or none): the views then show that person's week only."""
    return plan.model_copy(update={"htos": [h for h in plan.htos if h.teacher == teacher]})


def own_hto(plan: Plan, caller: Caller):
    return next((h for h in plan.htos if h.employer == caller.org.code and h.staff == caller.user.staff_code), None)


def _my_placements(plan: Plan, timetable: Timetable, teacher: str | None) -> Timetable:
    return timetable.model_copy(update={"placements": [p for p in timetable.placements if teacher and p.teacher == teacher]})


# --- CSV (a zip of CSV files) ---------------------------------------------------------------------------

def csv_files(caller: Caller, plan: Plan, timetable: Timetable) -> dict[str, str]:
    from solver.io.views import csv_text, placements_frame

    if caller.role in FULL or caller.role == "roosteraar":
        return {"timetable.csv": csv_text(placements_frame(plan, timetable)),
                "hto_busy.csv": _csv(_busy_rows(plan, timetable), BUSY_COLUMNS)}
    if caller.role == "planner":
        view = employer_timetable(plan, timetable, caller.org.code)
        return {"roster.csv": _csv(_roster_rows(view["rosters"]), ROSTER_COLUMNS),
                "teaching.csv": _csv(view["teaching"], TEACHING_COLUMNS)}
    hto = own_hto(plan, caller)
    view = hto_timetable(plan, timetable, caller.user.staff_code, caller.org.code)
    teacher = hto.teacher if hto is not None else None
    return {"lessons.csv": csv_text(placements_frame(plan, _my_placements(plan, timetable, teacher))),
            "shifts.csv": _csv(_roster_rows(view["rosters"]), ROSTER_COLUMNS)}


def csv_zip(caller: Caller, plan: Plan, timetable: Timetable) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_files(caller, plan, timetable).items():
            archive.writestr(name, text)
    return buffer.getvalue()


# --- XLSX --------------------------------------------------------------------------------------------------

def _sheet(wb, title: str, columns: list[str], rows: list[dict]) -> None:
    from solver.io.views.render_xlsx import _put

    ws = wb.create_sheet(title)
    _put(ws, columns, bold=True)
    for row in rows:
        _put(ws, [row.get(c) for c in columns])


def _frame_sheet(wb, title: str, frame: pd.DataFrame) -> None:
    rows = [{c: (v.item() if hasattr(v, "item") else v) for c, v in zip(frame.columns, values)}
            for values in frame.itertuples(index=False)]
    _sheet(wb, title, list(frame.columns), rows)


def xlsx_bytes(caller: Caller, plan: Plan, timetable: Timetable) -> bytes:
    from openpyxl import Workbook

    from solver.io.views import employer_views, group_grids, hto_grids, placements_frame, room_grids, teacher_grids
    from solver.io.views import workbook_bytes
    from solver.io.views.render_xlsx import _employers, _grids

    if caller.role in FULL:
        return workbook_bytes(plan, timetable)
    wb = Workbook()
    wb.remove(wb.active)
    if caller.role == "roosteraar":
        _frame_sheet(wb, "placements", placements_frame(plan, timetable))
        for name, grids in (("groups", group_grids), ("teachers", teacher_grids), ("rooms", room_grids),
                            ("htos", hto_grids)):
            _grids(wb.create_sheet(name), grids(plan, timetable))
        _sheet(wb, "hto busy", BUSY_COLUMNS, _busy_rows(plan, timetable))
    elif caller.role == "planner":
        view = employer_timetable(plan, timetable, caller.org.code)
        _employers(wb.create_sheet("employer"), [v for v in employer_views(plan, timetable) if v.id == caller.org.code])
        _sheet(wb, "roster", ROSTER_COLUMNS, _roster_rows(view["rosters"]))
        _sheet(wb, "teaching", TEACHING_COLUMNS, view["teaching"])
    else:
        hto = own_hto(plan, caller)
        mine = _my_placements(plan, timetable, hto.teacher if hto is not None else None)
        _frame_sheet(wb, "lessons", placements_frame(plan, mine))
        view = hto_timetable(plan, timetable, caller.user.staff_code, caller.org.code)
        _sheet(wb, "shifts", ROSTER_COLUMNS, _roster_rows(view["rosters"]))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- HTML --------------------------------------------------------------------------------------------------

def _page(title: str, sections: list[tuple[str, str]]) -> str:
    from solver.io.views.render_html import _CSS
    from solver.io.views.render_html_company import CSS as COMPANY_CSS

    body = "".join(f"<section><h2>{_e(heading)}</h2>{content}</section>" for heading, content in sections)
    return (f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Hybrooster — {_e(title)}</title><style>{_CSS}{COMPANY_CSS}</style></head>"
            f"<body><h1>Hybrooster — {_e(title)}</h1>{body}</body></html>\n")


def _table(columns: list[str], rows: list[dict]) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_e('' if r.get(c) is None else r.get(c))}</td>" for c in columns) + "</tr>"
                   for r in rows)
    return f'<div class="scroll"><table><tr>{head}</tr>{body}</table></div>' if rows else "<p>Geen / none.</p>"


def views_html(caller: Caller, plan: Plan, timetable: Timetable) -> str:
    from solver.io.views import employer_views, group_grids, html_report, hto_grids, hto_weeks, room_grids
    from solver.io.views import staffing_rows, teacher_grids
    from solver.io.views.render_html import _html_grid, _html_weeks
    from solver.io.views.render_html_company import html_employers
    from solver.io.views.totals import staffing_totals

    if caller.role in FULL:
        return html_report(plan, timetable)
    if caller.role == "roosteraar":
        grids = lambda make: "".join(_html_grid(g) for g in make(plan, timetable)) or "<p>Geen / none.</p>"  # noqa: E731
        return _page(plan.name, [
            ("Rooster per klas / Timetable per group", grids(group_grids)),
            ("Rooster per docent / Timetable per teacher", grids(teacher_grids)),
            ("Rooster per lokaal / Timetable per room", grids(room_grids)),
            ("Lessen van de hto'ers / Lessons of the hto'ers", grids(hto_grids)),
            ("Wanneer hto'ers bezet zijn / When hto'ers are busy",
             _table(BUSY_COLUMNS, _busy_rows(plan, timetable)))])
    if caller.role == "planner":
        code = caller.org.code
        views = [v for v in employer_views(plan, timetable) if v.id == code]
        totals = [t for t in staffing_totals(plan, staffing_rows(plan, timetable)) if views and t.label == views[0].name]
        teaching = employer_timetable(plan, timetable, code)["teaching"]
        return _page(caller.org.name, [("Uw bedrijf / Your company", html_employers(views, totals)),
                                       ("Wanneer uw hto'ers lesgeven / When your hto'ers teach",
                                        _table(TEACHING_COLUMNS, teaching))])
    hto = own_hto(plan, caller)
    weeks = hto_weeks(_only(plan, hto.teacher if hto is not None else None), timetable)
    return _page(caller.user.name or caller.user.username, [("Uw week / Your week", _html_weeks(weeks))])
