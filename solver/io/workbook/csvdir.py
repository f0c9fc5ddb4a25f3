"""The workbook's layout as a folder of CSV files, one per sheet (Lessen.csv, ...): `;` or `,`, UTF-8 with
or without BOM. Written with `;` and a BOM, so Excel with Dutch settings opens it in columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl.utils import get_column_letter

from solver.domain import Plan
from solver.io.files import write_atomic
from solver.io.workbook.read import MAX_FILE_BYTES, WorkbookError, checked_plan, read_grids
from solver.io.workbook.sheets import SHEETS, norm
from solver.io.workbook.write import plan_rows, sheet_headers

BOM = "\ufeff"


def _namer(sheet: str):
    return lambda row, col=None: (f"{sheet}.csv line {row}" if col is None
                                  else f"{sheet}.csv line {row}, column {get_column_letter(col)}")


def _grid(path: Path, problems: list[str]) -> list[list]:
    data = path.read_bytes()
    if data.startswith(BOM.encode()):
        data = data[len(BOM.encode()):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        problems.append(f"{path.name} line {line}: not UTF-8 (byte 0x{data[error.start]:02x}; in Excel save it as "
                        "'CSV UTF-8', in LibreOffice choose the character set Unicode (UTF-8))")
        return []
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return [[cell if cell.strip() else None for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def read_csv_folder(folder: str | Path) -> Plan:
    """The plan in a folder of CSV files; a WorkbookError naming every problem's file, line and column."""
    folder = Path(folder)
    if not folder.is_dir():
        raise WorkbookError([f"{folder}: not a folder (import csv reads a folder of CSV files, one per sheet)"])
    files = {norm(p.stem): p for p in sorted(folder.iterdir()) if p.suffix.lower() == ".csv" and p.is_file()}
    present = [s for s in SHEETS if norm(s.name) in files]
    if not present:
        raise WorkbookError([f"the folder has none of the CSV files of a plan "
                             f"({', '.join(s.name + '.csv' for s in SHEETS)}); see docs/workbook.md"], str(folder))
    problems: list[str] = []
    grids = {}
    for sheet in present:
        path = files[norm(sheet.name)]
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(f"{path.name}: {path.stat().st_size:,} bytes, more than {MAX_FILE_BYTES:,}")
            grids[sheet.name] = []
            continue
        grids[sheet.name] = _grid(path, problems)
    if problems:  # a file that cannot be read at all: its rows' references would only add noise
        raise WorkbookError(problems, str(folder))
    data, where = read_grids(grids, _namer, lambda name: f"{name}.csv: file missing", problems)
    if problems:
        raise WorkbookError(problems, str(folder))
    return checked_plan(data, where, str(folder))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def csv_files(plan: Plan) -> dict[str, str]:
    """File name -> text of every sheet (not Uitleg: docs/workbook.md explains the columns)."""
    rows = plan_rows(plan)
    files = {}
    for sheet in SHEETS:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(sheet_headers(sheet))
        writer.writerows([_text(v) for v in row] for row in rows.get(sheet.name, []))
        files[f"{sheet.name}.csv"] = BOM + buffer.getvalue()
    return files


def write_csv_folder(plan: Plan, folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_atomic(folder / name, text) for name, text in csv_files(plan).items()]
