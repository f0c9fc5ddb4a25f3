"""The bad-spreadsheet corpus (issue 22, tests/data/bad_xlsx, written by tests/make_bad_xlsx.py): each file
gives its exact sheet and cell (a CSV folder: file and line) in the message, no traceback, and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api import cli
from solver.domain import parse_plan
from solver.io.workbook import read_workbook
from tests.make_bad_xlsx import CASES, CSV_CASES, OUT, SMALL_PLAN, small_book

EXPECTED = json.loads((OUT / "cases.json").read_text(encoding="utf-8"))


def test_the_corpus_has_twenty_files_and_matches_its_script():
    assert len(EXPECTED) >= 20
    assert set(EXPECTED) == {f"{name}.xlsx" for name in CASES} | set(CSV_CASES)
    assert {p.name for p in OUT.glob("*.xlsx")} | {p.name for p in OUT.iterdir() if p.is_dir()} == set(EXPECTED)
    assert EXPECTED == {**{f"{name}.xlsx": messages for name, (_, messages) in CASES.items()},
                        **{name: messages for name, (_, messages) in CSV_CASES.items()}}


def test_the_unbroken_small_workbook_reads(tmp_path):
    """The corpus starts from a good workbook: its problems come from the one change each file makes."""
    path = tmp_path / "small.xlsx"
    small_book().save(path)
    assert read_workbook(path).model_dump() == parse_plan(SMALL_PLAN).model_dump()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_workbook_names_sheet_and_cell(name: str, tmp_path: Path, capsys):
    out = tmp_path / "plan.json"
    kind = "xlsx" if name.endswith(".xlsx") else "csv"
    assert cli.main(["import", kind, str(OUT / name), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    for message in EXPECTED[name]:
        assert message in captured.err, captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no partial or temporary file either


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    """The size is read from the zip's directory: openpyxl is never asked to unpack the bomb."""
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(ValueError, match="refused: it unpacks to"):
        read_workbook(OUT / "zip_bomb.xlsx")
