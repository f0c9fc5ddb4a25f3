"""Reading a plan workbook as Excel leaves it (issue 22): times as text or as fractions of a day, numbers
stored as text, empty trailing rows, a merged title above the headers, formulas with their saved value,
English headers."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from solver.domain import parse_plan
from solver.io.workbook import WorkbookError, read_workbook
from solver.io.workbook.cells import CellProblem, read_cell, to_time
from solver.io.workbook.sheets import SHEET
from tests.make_bad_xlsx import SMALL_PLAN, small_book

EXPECTED = parse_plan(SMALL_PLAN).model_dump()


def _read(book, tmp_path):
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return read_workbook(path).model_dump()


@pytest.mark.parametrize("value", ["08:30", "8:30", "8.30", "08:30:00", 0.3541666667, dt.time(8, 30),
                                   dt.datetime(1899, 12, 30, 8, 30), dt.timedelta(hours=8, minutes=30)])
def test_a_time_in_every_form_excel_gives(value):
    assert to_time(value) == "08:30"


@pytest.mark.parametrize("value", ["25:00", "8:75", "half negen", 8.5, -0.1])
def test_what_is_not_a_time_says_so(value):
    with pytest.raises(CellProblem, match="is not a time"):
        to_time(value)


@pytest.mark.parametrize("kind, value, expected", [
    ("int", "2", 2), ("int", " 30 ", 30), ("int", 2.0, 2), ("float", "36,5", 36.5), ("bool", "Ja", True),
    ("bool", "nee", False), ("day", "maandag", "mon"), ("day", "Di", "tue"), ("days", "ma, wo", ["mon", "wed"]),
    ("list", "4A; 4C", ["4A", "4C"]), ("str", 12.0, "12"), ("str", "geen", None),
])
def test_cells_as_excel_stores_them(kind, value, expected):
    assert read_cell(kind, value) == expected


def test_times_and_numbers_as_excel_types_read_the_same(tmp_path):
    book = small_book()
    book["Lesuren"]["C2"] = dt.time(8, 30)  # an Excel time cell
    book["Lesuren"]["D2"] = 0.3888888889  # 09:20 as a fraction of a day
    book["Lessen"]["F2"] = "2"  # a number stored as text
    book["Lokalen"]["E2"] = "30"
    assert _read(book, tmp_path) == EXPECTED


def test_empty_trailing_rows_are_skipped(tmp_path):
    book = small_book()
    for sheet in ("Lessen", "Docenten", "Lesuren"):
        ws = book[sheet]
        for row in range(ws.max_row + 1, ws.max_row + 40):
            ws.cell(row=row, column=1, value="  " if row % 2 else None)
    assert _read(book, tmp_path) == EXPECTED


def test_a_merged_title_row_above_the_headers(tmp_path):
    book = small_book()
    ws = book["Lessen"]
    ws.insert_rows(1)
    ws["A1"] = "Lessen schooljaar 2026-2027"
    ws.merge_cells("A1:F1")
    assert _read(book, tmp_path) == EXPECTED


def test_a_merged_cell_counts_for_every_row_it_covers(tmp_path):
    """The werkgever merged over both Personeel rows is the employer of each."""
    book = small_book()
    book["Personeel"]["A3"] = None
    book["Personeel"].merge_cells("A2:A3")
    assert _read(book, tmp_path) == EXPECTED


def test_english_headers_are_accepted(tmp_path):
    book = small_book()
    ws = book["Lessen"]
    for cell in ws[1]:
        col = next(c for c in SHEET["Lessen"].columns if c.header == cell.value)
        cell.value = col.field.upper()
    assert _read(book, tmp_path) == EXPECTED


def test_a_formula_reads_as_its_saved_value(tmp_path):
    """A formula saved by Excel has its value cached beside it: that value is read, not the formula."""
    buffer = io.BytesIO()
    small_book().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    path = tmp_path / "formula.xlsx"
    changed = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                text = data.decode()
                if '<c r="S1"' in text and '<c r="F2" t="n"><v>2</v></c>' in text:  # Lessen: 19 columns
                    text = text.replace('<c r="F2" t="n"><v>2</v></c>', '<c r="F2"><f>1+1</f><v>2</v></c>')
                    changed += 1
                data = text.encode()
            target.writestr(info, data)
    assert changed == 1
    assert read_workbook(path).model_dump() == EXPECTED


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    book = small_book()
    book["Lessen"]["D2"] = "4B"
    book["Lesuren"]["B3"] = "zaterdagg"
    book["Lokalen"]["E2"] = "dertig"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    cells = [re.match(r"(\w+![A-Z]+\d+):", p)[1] for p in caught.value.problems]
    assert sorted(cells) == ["Lessen!D2", "Lesuren!B3", "Lokalen!E2"]
