"""The workbook renderer: views.xlsx with a sheet per kind of view (placements, groups, teachers, rooms, htos,
employers, soft cost, totals), for those who read their timetable in Excel.

Every text cell goes through render_csv.neutralise, as the CSV does: a cell that starts with `=`, `+`, `-` or `@`
gets a `'` in front, so an id or a name cannot become a formula (formula injection). Characters that a
workbook cannot hold (control characters) are left out.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from solver.domain import Plan, Timetable
from solver.io.views.costs import cost_summary
from solver.io.views.employers import EmployerView, employer_views
from solver.io.views.grids import Grid, GridEntry, group_grids, hto_grids, room_grids, teacher_grids
from solver.io.views.render_csv import neutralise, placements_frame
from solver.io.views.staffing import staffing_rows, staffing_status
from solver.io.views.times import day_label, span
from solver.io.views.totals import all_totals
from solver.validate import validate
from solver.validation.report import ValidationReport

SHEETS = ("placements", "groups", "teachers", "rooms", "htos", "employers", "soft cost", "totals")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def cell_value(value: object) -> object:
    """A value as the workbook gets it: text neutralised (as in the CSV) and without illegal characters."""
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _put(ws: Worksheet, values: list, bold: bool = False) -> None:
    ws.append([cell_value(v) for v in values])
    if bold:
        for cell in ws[ws.max_row]:
            cell.font = _BOLD


def _entry(entry: GridEntry) -> str:
    parts = [entry.subject, entry.detail, entry.room, entry.time, entry.lesson, "hto" if entry.hto else ""]
    return " · ".join(p for p in parts if p)


def _grids(ws: Worksheet, grids: list[Grid]) -> None:
    if not grids:
        _put(ws, ["—"])
    for grid in grids:
        _put(ws, [grid.title, grid.subtitle], bold=True)
        _put(ws, ["lesuur / period", *(day_label(d) for d in grid.days)], bold=True)
        for row in grid.rows:
            cells = ["·" if row.cells[d] is None else "\n".join(_entry(e) for e in row.cells[d]) for d in grid.days]
            _put(ws, [f"{row.number} ({row.time})", *cells])
            for cell in ws[ws.max_row]:
                cell.alignment = _WRAP
        _put(ws, [])
    ws.column_dimensions["A"].width = 16
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 30


def _employers(ws: Worksheet, views: list[EmployerView]) -> None:
    if not views:
        _put(ws, ["Geen werkgevers / no employers"])
    for v in views:
        _put(ws, [v.name, v.id], bold=True)
        _put(ws, ["rooster / roster"], bold=True)
        for week in v.weeks:
            _put(ws, ["week", "medewerker / staff", *(day_label(d) for d in week.days)], bold=True)
            for person in week.people:
                _put(ws, [week.week, person.title, *("\n".join(person.days.get(d, [])) for d in week.days)])
        _put(ws, ["wijzigingen / roster changes"], bold=True)
        _put(ws, ["week", "medewerker / staff", "was: dag / day", "was: dienst / shift", "wordt: dag / day",
                  "wordt: dienst / shift"], bold=True)
        for c in v.changes:
            _put(ws, [c.week, c.staff, day_label(c.before_day) if c.before_day else "—", c.before or "—",
                      day_label(c.after_day) if c.after_day else "—", c.after or "—"])
        _put(ws, ["blokkades / unavailable marks"], bold=True)
        _put(ws, ["medewerker / staff", "dag / day", "van / from", "tot / to", "soort / level", "reden / reason"], bold=True)
        for m in v.marks:
            _put(ws, [m.staff, day_label(m.day), m.start, m.end, m.level, m.reason])
        _put(ws, ["bezetting / staffing"], bold=True)
        _put(ws, ["week", "venster / window", "dag / day", "tijd / time", "vaardigheid / skill", "nodig / required",
                  "ingevuld door / filled by", "status"], bold=True)
        for w in v.windows:
            r = w.row
            _put(ws, [r.week, r.window, day_label(r.day), span(r.start, r.end), r.skill, r.required,
                      "\n".join(f.text for f in w.fills) or "niemand / nobody", staffing_status(r, "tekort / short:")])
        _put(ws, [])
    for letter, width in zip("ABCDEFGH", (10, 34, 22, 22, 22, 22, 40, 40)):
        ws.column_dimensions[letter].width = width


def workbook_bytes(plan: Plan, timetable: Timetable, report: ValidationReport | None = None) -> bytes:
    """views.xlsx as bytes (`report`: the validation, made if not given)."""
    report = report if report is not None else validate(plan, timetable)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS[0]
    frame = placements_frame(plan, timetable)
    _put(ws, list(frame.columns), bold=True)
    for values in frame.itertuples(index=False):
        _put(ws, [v.item() if hasattr(v, "item") else v for v in values])
    ws.freeze_panes = "A2"
    for name, grids in (("groups", group_grids), ("teachers", teacher_grids), ("rooms", room_grids),
                        ("htos", hto_grids)):
        _grids(wb.create_sheet(name), grids(plan, timetable))
    _employers(wb.create_sheet("employers"), employer_views(plan, timetable, report))
    ws = wb.create_sheet("soft cost")
    summary = cost_summary(plan, timetable, report)
    _put(ws, ["regel / rule", "uitleg", "meaning", "aantal / count", "eenheid / unit", "kosten / cost",
              "aantal × gewicht / count × weight"], bold=True)
    for line in summary.lines:
        _put(ws, [line.rule, line.nl, line.en, line.count, line.unit, line.cost, line.arithmetic])
    _put(ws, ["totaal / total", "", "", "", "", summary.total, summary.arithmetic], bold=True)
    _put(ws, ["doelwaarde / objective", "", "", "", "", summary.objective])
    ws = wb.create_sheet("totals")
    _put(ws, ["soort / kind", "wat / what", "waarde / value", "van / of", "som / sum"], bold=True)
    for title, totals in all_totals(plan, timetable, staffing_rows(plan, timetable, report)):
        for t in totals:
            _put(ws, [title, t.label, t.value, t.of, t.arithmetic])
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
