"""Workbook -> Plan. Every problem names the sheet, the cell and the value ("Lessen!C7: 'maandag' is not
a day"), all of a file at once; a file that is not a workbook, or too big, is refused before it is read."""

from __future__ import annotations

import zipfile
from pathlib import Path

from solver.domain import Plan
from solver.domain.base import PlanError
from solver.domain.plan import check_counts, parse_plan
from solver.io.workbook.assemble import assemble
from solver.io.workbook.cells import CellProblem, read_cell
from solver.io.workbook.sheets import KEY_VALUE_HEADERS, REQUIRED, REQUIRED_SHEETS, SHEETS, Sheet, header_index, norm

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a school's workbook is a few MB; more is a zip bomb or a mistake
_EMPTY = "empty, but"
HEADER_ROWS = 5  # the header is the first of these rows with a known column (a title row may come before)


class WorkbookError(ValueError):
    """Every problem of a workbook, each naming sheet and cell."""

    def __init__(self, problems: list[str], source: str | None = None):
        self.problems = problems
        self.source = source
        head = f"{source}: " if source else ""
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{head}{len(problems)} problem(s) in the workbook:\n{lines}")


def _preflight(path: Path) -> None:
    """Refuse what openpyxl should not open: no file, not a zip (a renamed file), too big unpacked."""
    if not path.is_file():
        raise WorkbookError([f"no such file: {path}"])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise WorkbookError([f"the file is {path.stat().st_size:,} bytes, more than {MAX_FILE_BYTES:,}"])
    if not zipfile.is_zipfile(path):
        raise WorkbookError(["not an .xlsx workbook (an .xlsx file is a zip archive; save it as "
                             "'Excel-werkmap (.xlsx)')"])
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise WorkbookError([f"not a readable .xlsx workbook ({error})"]) from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError([f"refused: it unpacks to {unpacked:,} bytes, more than {MAX_UNPACKED_BYTES:,} "
                             "(a zip bomb, or not a plan)"])
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise WorkbookError(["not an .xlsx workbook (no xl/workbook.xml inside the zip archive)"])


def _open(path: Path, data_only: bool = True):
    import openpyxl

    try:
        return openpyxl.load_workbook(path, data_only=data_only)  # a formula's cached value, never the formula
    except Exception as error:  # openpyxl raises many kinds for a broken file: all mean "cannot read"
        raise WorkbookError([f"not a readable .xlsx workbook ({type(error).__name__}: {error})"]) from None


def _grid(ws) -> list[list]:
    """The sheet's values, with each merged range filled with its top-left value (a werkgever merged
    over several rows counts for each)."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        value = ws.cell(row=merged.min_row, column=merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                    rows[r - 1][c - 1] = value
    return rows


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def xlsx_namer(sheet: str):
    """Names a cell as Excel does (Lessen!C7), a whole row as Lessen!1:1."""
    from openpyxl.utils import get_column_letter

    return lambda row, col=None: f"{sheet}!{row}:{row}" if col is None else f"{sheet}!{get_column_letter(col)}{row}"


def _table(sheet: Sheet, grid: list[list], problems: list[str], cell_name) -> list[tuple[int, dict, dict]]:
    """The rows of a table sheet as (row number, {field: value}, {field: cell name})."""
    index = header_index(sheet)
    header_row = next((i for i, row in enumerate(grid[:HEADER_ROWS])
                       if any(not _empty(v) and norm(v) in index for v in row)), None)
    if header_row is None:
        if any(not _empty(v) for row in grid for v in row):
            problems.append(f"{cell_name(1, 1)}: no header row (expected columns: "
                            f"{', '.join(c.header for c in sheet.columns)})")
        return []
    columns: dict[int, object] = {}
    seen: dict[str, str] = {}
    for c, value in enumerate(grid[header_row], start=1):
        if _empty(value):
            continue
        col = index.get(norm(value))
        name = cell_name(header_row + 1, c)
        if col is None:
            problems.append(f"{name}: unknown column '{value}' (known: {', '.join(x.header for x in sheet.columns)})")
        elif col.field in seen:
            if seen[col.field] != "merged":
                problems.append(f"{name}: column '{value}' is there twice (also {seen[col.field]})")
        else:
            columns[c] = col
            seen[col.field] = name
    for field in REQUIRED.get(sheet.name, ()):
        if field not in seen:
            header = next(c.header for c in sheet.columns if c.field == field)
            problems.append(f"{cell_name(header_row + 1)}: missing column '{header}'")
    out = []
    for r, row in enumerate(grid[header_row + 1:], start=header_row + 2):
        if all(_empty(v) for v in row):
            continue  # empty rows (Excel keeps formatted empty rows at the end)
        values, cells, bad = {}, {}, set()
        for c, col in columns.items():
            value = row[c - 1] if c - 1 < len(row) else None
            name = cell_name(r, c)
            cells[col.field] = name
            if _empty(value):
                continue
            try:
                values[col.field] = read_cell(col.kind, value)
            except CellProblem as problem:
                problems.append(f"{name}: {problem}")
                bad.add(col.field)
        for field in REQUIRED.get(sheet.name, ()):
            if field in seen and field not in values and field in cells and field not in bad:
                problems.append(f"{cells[field]}: {_EMPTY} {sheet.name} needs it")
        out.append((r, values, cells))
    return out


def _settings(grid: list[list], cell_name) -> list[tuple[str, str, object, str]]:
    """A key/value sheet as (name's cell, name, value, value's cell); an empty value is left out (the default)."""
    out = []
    start = 1 if grid and grid[0] and norm(grid[0][0] or "") == KEY_VALUE_HEADERS[0] else 0
    for r, row in enumerate(grid[start:], start=start + 1):
        if not row or _empty(row[0]):
            continue
        value = row[1] if len(row) > 1 else None
        if _empty(value):
            continue
        out.append((cell_name(r, 1), str(row[0]).strip(), value, cell_name(r, 2)))
    return out


def read_workbook(path: str | Path) -> Plan:
    """The plan in an .xlsx workbook; a WorkbookError naming every problem's sheet and cell."""
    path = Path(path)
    _preflight(path)
    book = _open(path)
    names = {norm(n): n for n in book.sheetnames}
    if not any(norm(s.name) in names for s in SHEETS):
        raise WorkbookError([f"the workbook has none of the sheets of a plan ({', '.join(s.name for s in SHEETS)}); "
                             "start from `hybrooster template`"], str(path))
    grids = {s.name: _grid(book[names[norm(s.name)]]) for s in SHEETS if norm(s.name) in names}
    missing = f"sheet missing (the workbook has: {', '.join(book.sheetnames)})"
    problems: list[str] = []
    data, where = read_grids(grids, xlsx_namer, lambda name: f"{name}: {missing}", problems)
    if problems:
        raise WorkbookError(_formulas(path, problems), str(path))
    return checked_plan(data, where, str(path))


def read_grids(grids: dict[str, list[list]], namer, missing, problems: list[str]) -> tuple[dict, dict]:
    """The plan's data from the sheets' values (a workbook's or a CSV folder's) and where each path came from;
    `namer(sheet)` names its cells, `missing(sheet)` says a required sheet is not there."""
    tables, settings = {}, {}
    for sheet in SHEETS:
        if sheet.name not in grids:
            if sheet.name in REQUIRED_SHEETS:
                problems.append(missing(sheet.name))
            continue
        if sheet.key_value:
            settings[sheet.name] = _settings(grids[sheet.name], namer(sheet.name))
        else:
            tables[sheet.name] = _table(sheet, grids[sheet.name], problems, namer(sheet.name))
    return assemble(tables, settings, problems)


def checked_plan(data: dict, where: dict[str, str], source: str) -> Plan:
    """The plan, or a WorkbookError with each issue of the plan at the cell it came from."""
    try:
        plan = parse_plan(data)
        issues = check_counts(plan)
        if issues:
            raise PlanError(issues)
    except PlanError as error:
        raise WorkbookError([_locate(issue.path, issue.message, where) for issue in error.issues], source) from None
    return plan


def _formulas(path: Path, problems: list[str]) -> list[str]:
    """An empty cell that holds a formula was saved without its value (by a program that does not
    calculate, like openpyxl): say so, rather than "empty"."""
    empty = [p for p in problems if _EMPTY in p]
    if not empty:
        return problems
    book = _open(path, data_only=False)
    out = []
    for problem in problems:
        name = problem.split(": ", 1)[0]
        sheet, _, cell = name.rpartition("!")
        formula = book[sheet][cell].value if _EMPTY in problem and sheet in book.sheetnames else None
        if isinstance(formula, str) and formula.startswith("="):
            problem = (f"{name}: a formula ({formula}) with no saved value; open the file in Excel or "
                       "LibreOffice and save it, so its value is stored")
        out.append(problem)
    return out


def _locate(path: str, message: str, where: dict[str, str]) -> str:
    """A plan field path as the cell it came from: the longest known prefix."""
    probe = path
    while probe:
        if probe in where:
            return f"{where[probe]}: {message} ({path})"
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return f"{path}: {message}"
