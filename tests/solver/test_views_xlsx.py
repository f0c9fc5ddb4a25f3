"""views.xlsx (issue 22): a sheet per kind of view, every text cell neutralised as the CSV neutralises it."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from solver.io import views
from solver.io.views.render_csv import neutralise
from solver.io.views.render_xlsx import cell_value
from tests.solver.test_views import make

FORMULA_STARTS = ("=", "+", "-", "@")


def _evil(plan):
    plan["lessons"][0]["subject"] = "=1+1"
    plan["teachers"][1]["name"] = "@PIET"
    plan["lessons"][1]["subject"] = "@cmd"
    plan["htos"][0]["name"] = "-Jan"
    plan["employers"][0]["staff"][1]["name"] = "+31 6 1234"


def _texts(wb) -> list[str]:
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_workbook_has_a_sheet_per_kind_with_the_views():
    plan, timetable = make()
    wb = load_workbook(BytesIO(views.workbook_bytes(plan, timetable)))
    assert wb.sheetnames == ["placements", "groups", "teachers", "rooms", "htos", "employers", "soft cost", "totals"]
    placements = list(wb["placements"].iter_rows(values_only=True))
    assert list(placements[0]) == views.CSV_COLUMNS and [r[1] for r in placements[1:]] == ["L1", "L2"]
    texts = _texts(wb)
    assert "wiskunde · JAN · 101 · L1 · hto" in texts  # the 2a grid's Monday lesuur 1
    assert "s1 als / as cnc: 07:00–08:00, 09:50–15:30" in texts  # alone, and released 08:00-09:50
    soft = list(wb["soft cost"].iter_rows(values_only=True))
    total = next(r for r in soft if r[0] == "totaal / total")
    assert total[5] == sum(r[5] for r in soft[1:] if r[0] not in ("totaal / total", "doelwaarde / objective"))


def test_a_cell_that_starts_like_a_formula_is_neutralised_as_in_the_csv():
    plan, timetable = make(_evil)
    wb = load_workbook(BytesIO(views.workbook_bytes(plan, timetable)))
    placement = list(wb["placements"].iter_rows(values_only=True))[1]
    assert placement[3] == "'=1+1" == neutralise("=1+1")
    assert "'@cmd · PIET · 101 · L2" in _texts(wb)  # a grid cell that begins with the subject
    cell = next(c for row in wb["placements"].iter_rows() for c in row if c.value == "'=1+1")
    assert cell.data_type == "s"  # text, not a formula
    texts = _texts(wb)
    assert not [t for t in texts if t.startswith(FORMULA_STARTS)]
    assert "PIET — @PIET" in texts  # the teacher grid's title: begins with the id, so nothing to neutralise
    assert any(t.startswith("'-Jan — lessen op school") for t in texts)  # the hto'er's grid title
    assert any(t.startswith("'+31 6 1234") for t in texts)  # the staff member's name on the employers sheet


def test_cell_value_neutralises_text_only_and_drops_control_characters():
    assert cell_value("=1+1") == "'=1+1" and cell_value(-3) == -3 and cell_value(None) is None
    assert cell_value("a\x00b\x07c") == "abc"


def test_write_views_writes_the_workbook(tmp_path):
    plan, timetable = make()
    views.write_views(plan, timetable, tmp_path)
    wb = load_workbook(tmp_path / "views.xlsx")
    assert wb.sheetnames == list(views.SHEETS)
