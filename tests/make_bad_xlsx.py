"""Writes the bad-spreadsheet corpus, tests/data/bad_xlsx/ (issue 22): `python -m tests.make_bad_xlsx`.

Each file is a small good workbook (SMALL_PLAN, written by the exporter) with one thing wrong, or a
file that is not a workbook at all; cases.json gives the messages each must give, sheet and cell exact.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import openpyxl

from solver.domain import parse_plan
from solver.io.workbook.write import workbook_bytes

OUT = Path(__file__).parent / "data" / "bad_xlsx"

SMALL_PLAN = {
    "name": "klein",
    "schools": [{"id": "S", "periods": [
        {"day": d, "start": s, "end": e} for d in ("mon", "tue") for s, e in (("08:30", "09:20"), ("09:20", "10:10"))],
        "groups": [{"id": "4A"}, {"id": "4C"}], "rooms": [{"id": "R1"}]}],
    "teachers": [{"id": "T1", "subjects": ["wi"]}, {"id": "T2"}],
    "lessons": [{"id": "L1", "subject": "wi", "groups": ["4A"], "teacher": "T1", "count": 2},
                {"id": "L2", "subject": "ne", "groups": ["4C"], "teacher": "T2"}],
    "employers": [{"id": "E", "shifts": [{"id": "vroeg", "start": "06:00", "end": "14:00",
                                          "pauses": [{"start": "10:00", "end": "10:30"}]}],
                   "demand": [{"skill": "cnc", "day": d, "start": "06:00", "end": "14:00", "min_staff": 1}
                              for d in ("mon", "tue")],
                   "staff": [{"id": "P1", "skills": ["cnc"], "roster": [{"shift": "vroeg", "day": "mon"}]},
                             {"id": "P2", "skills": ["cnc"], "roster": [{"shift": "vroeg", "day": "tue"}]}]}],
    "htos": [{"id": "H1", "teacher": "T2", "employer": "E", "staff": "P2"}],
    "unavailable_marks": [{"staff": "P1", "day": "tue", "start": "08:00", "end": "12:00"}],
}


def small_book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(parse_plan(SMALL_PLAN))))


def _set(**cells):
    """A change: {'Lessen!D2': '4B'} as keyword arguments sheet__cell, e.g. Lessen__D2='4B'."""
    def change(book):
        for key, value in cells.items():
            sheet, cell = key.split("__")
            book[sheet][cell] = value
    return change


def _delete_sheet(name):
    return lambda book: book.remove(book[name])


def _merge(sheet, cells):
    def change(book):
        ws = book[sheet]
        ws.merge_cells(cells)
    return change


def _empty_book():
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """A tiny zip whose directory says its sheet unpacks to about 4 GB: refused before anything is unpacked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 1000)
    data = bytearray(buffer.getvalue())
    at = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)  # the second entry's central directory record
    struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)  # its uncompressed size
    return bytes(data)


def _truncated() -> bytes:
    whole = workbook_bytes(parse_plan(SMALL_PLAN))
    return whole[: len(whole) // 2]


# file name -> (change of the small workbook, or the bytes of the file; the messages it must give)
CASES = {
    "missing_sheet": (_delete_sheet("Lessen"), ["Lessen: sheet missing"]),
    "missing_column": (_set(Lessen__C1=None), ["Lessen!1:1: missing column 'vak'"]),
    "unknown_column": (_set(Lessen__C1="vakk"), ["Lessen!C1: unknown column 'vakk'"]),
    "unknown_group": (_set(Lessen__D2="4B"), ["Lessen!D2: unknown group '4B' (known: 4A, 4C)"]),
    "unknown_employer": (_set(Diensten__A2="X"), ["Diensten!A2: unknown employer 'X' (known: E)"]),
    "unknown_shift": (_set(Rooster__C2="nacht"), ["Rooster!C2: unknown shift 'nacht' (known: vroeg)"]),
    "duplicate_id": (_set(Docenten__A3="T1"), ["Docenten!A3: duplicate id 'T1' (also Docenten!A2)"]),
    "time_as_text": (_set(Lesuren__C2="half negen"), ["Lesuren!C2: 'half negen' is not a time (hh:mm)"]),
    "time_as_number": (_set(Lesuren__C2=8.5), ["Lesuren!C2: '8.5' is not a time"]),
    "end_before_start": (_set(Lesuren__D2="08:00"), ["Lesuren!D2: end 08:00 is not after start 08:30"]),
    "negative_count": (_set(Lessen__F2=-2), ["Lessen!F2: ", "lessons[0].count"]),
    "not_a_day": (_set(Lesuren__B2="maandagg"), ["Lesuren!B2: 'maandagg' is not a day"]),
    "not_a_number": (_set(Lokalen__E2="dertig"), ["Lokalen!E2: 'dertig' is not a whole number"]),
    "not_yes_or_no": (_set(Lesuren__F2="misschien"), ["Lesuren!F2: 'misschien' is not ja or nee"]),
    "bad_pause": (_set(Diensten__I2="10:00"), ["Diensten!I2: '10:00' is not a pause (hh:mm-hh:mm)"]),
    "unknown_setting": (_set(Beleid__A2="max_dienst_minuten"), ["Beleid!A2: unknown setting 'max_dienst_minuten'"]),
    "bad_setting": (_set(Beleid__B2="veel"), ["Beleid!B2: 'veel' is not a whole number"]),
    "bad_json": (_set(Docenten__D2="[{day: tue"), ["Docenten!D2: '[{day: tue' is not JSON"]),
    "empty_required_cell": (_set(Lessen__C3=None), ["Lessen!C3: empty, but Lessen needs it"]),
    "merged_cells": (_merge("Docenten", "A2:A3"), ["Docenten!A3: duplicate id 'T1' (also Docenten!A2)"]),
    "formula_without_value": (_set(Lessen__C2="=LOWER(\"WI\")"),
                              ["Lessen!C2: a formula (=LOWER(\"WI\")) with no saved value"]),
    "two_problems": (_set(Lessen__D2="4B", Lesuren__B3="zaterdagg"),
                     ["Lessen!D2: unknown group '4B'", "Lesuren!B3: 'zaterdagg' is not a day"]),
    "empty_workbook": (_empty_book(), ["the workbook has none of the sheets of a plan"]),
    "renamed_text": (b"id;naam\nT1;Jansen\n", ["not an .xlsx workbook"]),
    "renamed_csv_latin1": ("id;naam\nT1;Müller\n".encode("latin-1"), ["not an .xlsx workbook"]),
    "zip_bomb": (_zip_bomb(), ["refused: it unpacks to 4,294,967,291 bytes"]),
    "truncated": (_truncated(), ["not an .xlsx workbook"]),
}


def _csv_latin1(folder: Path) -> None:
    """The small plan as CSV files, but Docenten.csv saved in latin-1 (Excel's "CSV" on Windows)."""
    from solver.io.workbook.csvdir import csv_files

    folder.mkdir(parents=True, exist_ok=True)
    plan = dict(SMALL_PLAN, teachers=[{"id": "T1", "name": "Jansen"}, {"id": "T2", "name": "Müller"}])
    for name, text in csv_files(parse_plan(plan)).items():
        data = text.encode("utf-8")
        if name == "Docenten.csv":
            data = text.lstrip("\ufeff").encode("latin-1")
        (folder / name).write_bytes(data)


# folder name (import csv) -> the messages it must give
CSV_CASES = {"csv_latin1": (_csv_latin1, ["Docenten.csv line 3: not UTF-8 (byte 0xfc"])}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (make, messages) in CSV_CASES.items():
        make(OUT / name)
    expected = {}
    for name, (change, messages) in CASES.items():
        if isinstance(change, bytes):
            data = change
        else:
            book = small_book()
            change(book)
            buffer = io.BytesIO()
            book.save(buffer)
            data = buffer.getvalue()
        (OUT / f"{name}.xlsx").write_bytes(data)
        expected[f"{name}.xlsx"] = messages
    for name, (_, messages) in CSV_CASES.items():
        expected[name] = messages
    (OUT / "cases.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
