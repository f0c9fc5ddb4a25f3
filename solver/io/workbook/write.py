"""Plan -> workbook: one sheet per part of the plan (sheets.py), every value written so reading it back
gives the same plan."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import Workbook
from pydantic_core import to_jsonable_python
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from solver.domain import Plan, Policy, Weights
from solver.io.files import write_atomic
from solver.io.workbook.sheets import demand_order, DAY_NAMES, KEY_VALUE_HEADERS, NONE_TEXT, SHEET, SHEETS, Sheet

_BOLD = Font(bold=True)
_FORMULA_START = ("=", "+", "-", "@")


def _get(obj, dotted: str):
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def _default_is_none(obj, dotted: str) -> bool:
    *parents, last = dotted.split(".")
    for part in parents:
        obj = getattr(obj, part)
    info = type(obj).model_fields.get(last)
    return info is None or (info.default is None and info.default_factory is None)


def cell_value(kind: str, value, default_none: bool = True):
    """A plan value as a cell: None is an empty cell, or 'geen' where the field's default is not None."""
    if value is None:
        return None if default_none else NONE_TEXT
    if kind == "json":
        return json.dumps(to_jsonable_python(value), ensure_ascii=False)
    if kind in ("list", "ints", "days"):
        if not value and default_none:
            return "[]"  # an empty list where the default is None (Lesson.rooms)
        items = [DAY_NAMES[v] for v in value] if kind == "days" else [str(v) for v in value]
        return ", ".join(items)
    if kind == "bool":
        return "ja" if value else "nee"
    if kind == "day":
        return DAY_NAMES[value]
    if kind == "pauses":
        return ", ".join(f"{p.start}-{p.end}" for p in value)
    if kind == "date":
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START) and kind == "str":
        return "'" + value  # never a formula: Excel would compute it (formula injection)
    return value


def _row(sheet: Sheet, obj, extra: dict) -> list:
    row = []
    for col in sheet.columns:
        if col.field in extra:
            row.append(extra[col.field])
        else:
            value = _get(obj, col.field)
            row.append(cell_value(col.kind, value, _default_is_none(obj, col.field)))
    return row


def _demand_rows(sheet: Sheet, employer) -> list[list]:
    """Windows that differ only in the day become one row with several days, when reading the rows back
    gives the same order (read.py lists the windows of such rows day by day); else one row per window."""
    groups: dict[str, list] = {}
    for demand in employer.demand:
        groups.setdefault(json.dumps(demand.model_dump(mode="json", exclude={"day"}), sort_keys=True),
                          []).append(demand)
    grouped = list(groups.values())
    if any(len(g) > 1 for g in grouped) and demand_order([[d.day for d in g] for g in grouped]) == [
            (i, d.day) for d in employer.demand for i, g in enumerate(grouped) if d in g]:
        return [_row(sheet, g[0], {"employer": employer.id, "day": ", ".join(DAY_NAMES[d.day] for d in g)})
                for g in grouped]
    return [_row(sheet, d, {"employer": employer.id, "day": DAY_NAMES[d.day]}) for d in employer.demand]


def _index(sheet: Sheet, field: str) -> int:
    return next(i for i, c in enumerate(sheet.columns) if c.field == field)


def plan_rows(plan: Plan) -> dict[str, list[list]]:
    """Every sheet's data rows (without the header)."""
    rows: dict[str, list[list]] = {s.name: [] for s in SHEETS}
    rows["Plan"] = [["name", plan.name], ["source", cell_value("json", plan.source)]]
    for school in plan.schools:
        rows["Scholen"].append(_row(SHEET["Scholen"], school, {}))
        ext = {"school": school.id}
        rows["Lesuren"] += [_row(SHEET["Lesuren"], p, ext) for p in school.periods]
        rows["Deelgroepen"] += [_row(SHEET["Deelgroepen"], s, ext) for s in school.student_sets]
        rows["Klassen"] += [_row(SHEET["Klassen"], g, ext) for g in school.groups]
        rows["Lokalen"] += [_row(SHEET["Lokalen"], r, ext) for r in school.rooms]
    rows["Docenten"] = [_row(SHEET["Docenten"], t, {}) for t in plan.teachers]
    rows["Lessen"] = [_row(SHEET["Lessen"], lesson, {}) for lesson in plan.lessons]
    for employer in plan.employers:
        rows["Werkgevers"].append(_row(SHEET["Werkgevers"], employer, {}))
        ext = {"employer": employer.id}
        rows["Diensten"] += [_row(SHEET["Diensten"], s, ext) for s in employer.shifts]
        rows["Bezetting"] += _demand_rows(SHEET["Bezetting"], employer)
        for staff in employer.staff:
            rows["Personeel"].append(_row(SHEET["Personeel"], staff, ext))
            rows["Rooster"] += [_row(SHEET["Rooster"], r, {**ext, "staff": staff.id}) for r in staff.roster]
    rows["Hto"] = [_row(SHEET["Hto"], h, {}) for h in plan.htos]
    rows["Blokkades"] = [_row(SHEET["Blokkades"], m, {}) for m in plan.unavailable_marks]
    rows["Voorwaarden"] = [[cell_value("json", c)] for c in plan.constraints]
    rows["Beleid"] = _settings(plan.policy, Policy)
    rows["Gewichten"] = _settings(plan.weights, Weights)
    return rows


def _settings(values, model) -> list[list]:
    out = []
    for name, info in model.model_fields.items():
        value = getattr(values, name)
        out.append([name, value, info.default, info.description or ""])
    return out


def _uitleg(book: Workbook) -> None:
    ws = book.create_sheet("Uitleg", 0)
    ws.append(["blad", "kolom", "veld (Engelse alias)", "uitleg"])
    for cell in ws[1]:
        cell.font = _BOLD
    ws.append(["", "", "", "Elk blad is één deel van het plan. Kolomkoppen mogen Nederlands of Engels (het veld) zijn. "
               "Tijden als uu:mm. Een lege cel is de standaardwaarde; 'geen' is: niets. Lijsten gescheiden door komma's. "
               "Waar de cel JSON is, is het de waarde zoals in het JSON-plan."])
    for sheet in SHEETS:
        ws.append([sheet.name, "", "", sheet.text])
        if sheet.key_value and not sheet.columns:
            ws.append([sheet.name, "naam / waarde / standaard", "", "Eén instelling per rij; lege waarde: de standaard."])
        for col in sheet.columns:
            ws.append([sheet.name, col.header, col.field, col.text])
    for letter, width in zip("ABCD", (14, 26, 36, 100)):
        ws.column_dimensions[letter].width = width


def _validation(ws, sheet: Sheet, last_row: int) -> None:
    """Drop-downs (Excel and LibreOffice show them) for days, ja/nee and a single id of another sheet.
    Other text only gets a warning: the reader accepts more spellings (maandag, mon) than the list shows."""
    rows = max(last_row, 2) + 200
    for i, col in enumerate(sheet.columns, start=1):
        options = {"day": f'"{",".join(DAY_NAMES.values())}"', "bool": '"ja,nee"'}.get(col.kind)
        if options is None and col.ref and col.kind == "str":
            target = SHEET[col.ref]
            letter = get_column_letter(next(j for j, c in enumerate(target.columns, start=1) if c.field == "id"))
            options = f"{target.name}!${letter}$2:${letter}${rows + 800}"
        if options is None:
            continue
        letter = get_column_letter(i)
        dv = DataValidation(type="list", formula1=options, allow_blank=True, errorStyle="warning")
        dv.add(f"{letter}2:{letter}{rows}")
        ws.add_data_validation(dv)


def sheet_headers(sheet: Sheet) -> list[str]:
    if sheet.key_value:
        return list(KEY_VALUE_HEADERS) if not sheet.columns else ["naam", "waarde"]
    return [c.header for c in sheet.columns]


def build_workbook(plan: Plan | None) -> Workbook:
    """The workbook of a plan; None: the empty template (headers and Uitleg only)."""
    book = Workbook()
    book.remove(book.active)
    _uitleg(book)
    rows = plan_rows(plan) if plan is not None else {  # the empty template still shows every setting's default
        "Beleid": [[n, None, d, t] for n, _, d, t in _settings(Policy(), Policy)],
        "Gewichten": [[n, None, d, t] for n, _, d, t in _settings(Weights(), Weights)]}
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.name)
        headers = sheet_headers(sheet)
        ws.append(headers)
        for cell in ws[1]:
            cell.font = _BOLD
        for row in rows.get(sheet.name, []):
            ws.append(row)
        if not sheet.key_value:
            _validation(ws, sheet, ws.max_row)
        for i, header in enumerate(headers, start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(12, len(header) + 2)
    return book


def workbook_bytes(plan: Plan | None) -> bytes:
    """The .xlsx file of the plan (or of the empty template), as bytes."""
    buffer = io.BytesIO()
    build_workbook(plan).save(buffer)
    return buffer.getvalue()


def write_workbook(plan: Plan | None, path: str | Path) -> Path:
    """Write the plan (or the empty template) as an .xlsx file, atomically (no half file on a failure)."""
    return write_atomic(path, workbook_bytes(plan))
