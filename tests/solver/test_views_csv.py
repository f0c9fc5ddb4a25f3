"""timetable.csv for Dutch Excel (issue 22): `;`-separated, a UTF-8 BOM, formula-like cells neutralised."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from solver.io import views
from solver.io.views.render_csv import csv_text, neutralise
from tests.solver.test_views import make


def test_csv_has_bom_and_semicolons(tmp_path):
    plan, timetable = make()
    views.write_views(plan, timetable, tmp_path)
    raw = (tmp_path / "timetable.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].decode("utf-8").splitlines()[0]
    assert header.split(";") == views.CSV_COLUMNS
    assert "," not in header
    rows = list(csv.reader(raw[3:].decode("utf-8").splitlines(), delimiter=";"))
    assert len(rows) == 1 + len(timetable.placements)


@pytest.mark.parametrize("value, safe", [("=SUM(A1)", "'=SUM(A1)"), ("+31 6", "'+31 6"), ("-x", "'-x"),
                                         ("@cmd", "'@cmd"), ("4A", "4A"), ("", ""), (3, 3), ("a=b", "a=b")])
def test_formula_like_cells_are_neutralised(value, safe):
    assert neutralise(value) == safe


def test_injected_ids_are_neutralised_in_the_file():
    """A subject or room that begins like a formula is written with a `'` in front, the rest unchanged."""
    frame = pd.DataFrame([{"subject": "=HYPERLINK(\"x\")", "room": "@R1", "groups": "4A", "teaching_minutes": 50}])
    text = csv_text(frame)
    read = pd.read_csv(__import__("io").StringIO(text.lstrip("\ufeff")), sep=";", dtype=str)
    assert read.iloc[0].tolist() == ["'=HYPERLINK(\"x\")", "'@R1", "4A", "50"]
