"""The plan workbook (issue 22) from the command line: export xlsx, import xlsx and template."""

from __future__ import annotations

import json

import openpyxl
import pytest

from api import cli
from scenarios.demo import DEMO_PLAN_PATH
from solver.domain import load_plan, load_timetable
from solver.io.workbook.sheets import SHEETS

SHEET_NAMES = ["Uitleg", "Lesuren", "Klassen", "Lokalen", "Docenten", "Lessen", "Hto", "Werkgevers", "Diensten",
               "Bezetting", "Personeel", "Rooster", "Blokkades", "Beleid", "Gewichten"]


def test_demo_round_trips_through_the_workbook(tmp_path):
    """demo plan -> export xlsx -> import xlsx gives the same plan, compared as data."""
    assert cli.main(["export", "xlsx", str(DEMO_PLAN_PATH), "-o", str(tmp_path / "plan.xlsx")]) == 0
    assert cli.main(["import", "xlsx", str(tmp_path / "plan.xlsx"), "-o", str(tmp_path / "plan.json")]) == 0
    assert load_plan(tmp_path / "plan.json").model_dump() == load_plan(DEMO_PLAN_PATH).model_dump()


def test_workbook_has_the_sheets_of_the_issue_and_explains_every_column(tmp_path):
    """Every sheet the issue names is there, Uitleg first, and Uitleg has a line for every column."""
    assert cli.main(["template", "-o", str(tmp_path / "t.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames[0] == "Uitleg"
    assert set(SHEET_NAMES) <= set(book.sheetnames)
    explained = {(r[0], r[1]) for r in book["Uitleg"].iter_rows(min_row=2, values_only=True)}
    for sheet in SHEETS:
        for col in sheet.columns:
            assert (sheet.name, col.header) in explained
        if not sheet.key_value:
            assert [c.value for c in book[sheet.name][1]] == [c.header for c in sheet.columns]


def test_bezetting_writes_a_window_once_for_several_days(tmp_path):
    """The demo's demand has fewer Bezetting rows than demand windows: the days column groups them."""
    plan = load_plan(DEMO_PLAN_PATH)
    assert cli.main(["template", "--example", "-o", str(tmp_path / "t.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["Bezetting"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]
    windows = sum(len(e.demand) for e in plan.employers)
    assert 0 < len(rows) < windows
    assert any("," in r[3] for r in rows)


def test_the_empty_template_names_the_missing_school(tmp_path, capsys):
    """The empty template imports with one clear message (a plan needs a school), and writes nothing."""
    assert cli.main(["template", "-o", str(tmp_path / "t.xlsx")]) == 0
    assert cli.main(["import", "xlsx", str(tmp_path / "t.xlsx"), "-o", str(tmp_path / "p.json")]) == 1
    assert "Scholen!A2" in capsys.readouterr().err
    assert not (tmp_path / "p.json").exists()


@pytest.mark.slow
def test_template_example_imports_and_solves_like_the_demo(tmp_path, capsys):
    """template --example, import xlsx, solve: every lesson placed, and the validator finds no hard violation."""
    from tests.solver.test_solve_cycles import certify, validator_reads_weeks

    assert cli.main(["template", "--example", "-o", str(tmp_path / "t.xlsx")]) == 0
    assert cli.main(["import", "xlsx", str(tmp_path / "t.xlsx"), "-o", str(tmp_path / "p.json")]) == 0
    assert cli.main(["solve", str(tmp_path / "p.json"), "-o", str(tmp_path / "tt.json"), "--time-limit", "30"]) == 0
    plan, timetable = load_plan(tmp_path / "p.json"), load_timetable(tmp_path / "tt.json")
    assert not timetable.unplaced
    placed = {p.lesson for p in timetable.placements}
    assert placed == {lesson.id for lesson in plan.lessons}
    if validator_reads_weeks():
        certify(plan, timetable)
    assert json.loads((tmp_path / "p.json").read_text())["name"] == load_plan(DEMO_PLAN_PATH).name


def test_every_field_of_the_plan_has_a_column():
    """A field added to the plan without a column would be lost on the way through the workbook."""
    from solver.domain import Demand, Employer, Group, Hto, Lesson, Period, Room, RosterItem, School, ShiftDef
    from solver.domain import Staff, StudentSet, Teacher, UnavailableMark
    from solver.domain.hto import Release
    from solver.io.workbook.sheets import SHEET

    nested = {"School": {"periods", "student_sets", "groups", "rooms"}, "Employer": {"shifts", "demand", "staff"},
              "Staff": {"roster"}, "Hto": {"release"}}
    models = {"Scholen": School, "Lesuren": Period, "Deelgroepen": StudentSet, "Klassen": Group, "Lokalen": Room,
              "Docenten": Teacher, "Lessen": Lesson, "Werkgevers": Employer, "Diensten": ShiftDef,
              "Bezetting": Demand, "Personeel": Staff, "Rooster": RosterItem, "Hto": Hto,
              "Blokkades": UnavailableMark}
    for name, model in models.items():
        fields = {c.field for c in SHEET[name].columns}
        assert set(model.model_fields) - nested.get(model.__name__, set()) <= fields, name
    assert {f"release.{f}" for f in Release.model_fields} <= {c.field for c in SHEET["Hto"].columns}
    from solver.domain import Plan

    covered = {"name", "source", "schools", "teachers", "lessons", "employers", "htos", "unavailable_marks",
               "constraints", "policy", "weights"}
    assert set(Plan.model_fields) == covered


def test_docs_name_every_sheet_and_column():
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "workbook.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        assert f"### {sheet.name}\n" in text
        for col in sheet.columns:
            assert f"| `{col.header}` | `{col.field}` |" in text


def test_drop_downs_for_days_yes_no_and_ids(tmp_path):
    """Lesuren's dag offers the days; Lessen's docent offers the ids of Docenten; a yes/no column ja/nee."""
    assert cli.main(["template", "--example", "-o", str(tmp_path / "t.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")

    def lists(sheet):
        return {str(d.sqref).split(":")[0]: d.formula1 for d in book[sheet].data_validations.dataValidation}

    assert lists("Lesuren")["B2"] == '"ma,di,wo,do,vr,za,zo"'
    assert lists("Lesuren")["F2"] == '"ja,nee"'
    assert lists("Lessen")["J2"].startswith("Docenten!$A$2:$A$")
    assert lists("Rooster")["C2"].startswith("Diensten!$B$2:$B$")


def test_the_empty_template_lists_every_setting_with_its_default(tmp_path):
    from solver.domain import Policy

    assert cli.main(["template", "-o", str(tmp_path / "t.xlsx")]) == 0
    rows = list(openpyxl.load_workbook(tmp_path / "t.xlsx")["Beleid"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(Policy.model_fields)
    assert all(r[1] is None for r in rows)
    assert rows[0][2] == Policy.model_fields[rows[0][0]].default


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    """A name starting with = + - @ is written as text (no formula injection) and reads back unchanged."""
    from solver.io.workbook import read_workbook, write_workbook

    plan = load_plan(DEMO_PLAN_PATH)
    plan.teachers[0].name = "=HYPERLINK(\"http://x\")"
    plan.schools[0].groups[0].name = "-Jansen"
    write_workbook(plan, tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx")["Docenten"]
    assert ws["B2"].data_type == "s" and not str(ws["B2"].value).startswith("=")
    assert read_workbook(tmp_path / "p.xlsx").model_dump() == plan.model_dump()


def test_extra_rooms_go_through_the_workbook(tmp_path):
    """A lesson's extra rooms (a fixed room, a kind) come back from the workbook as they went in."""
    from pathlib import Path

    from api.commands import demo_plan_path
    from solver.domain.plan import parse_plan
    from solver.io.workbook import read_workbook, write_workbook

    data = json.loads(Path(demo_plan_path()).read_text())
    school = data["schools"][0]
    data["lessons"][0]["extra_rooms"] = [{"rooms": [school["rooms"][1]["id"]]},
                                         {"room_kind": school["rooms"][0].get("kind", "classroom")}]
    plan = parse_plan(data)
    write_workbook(plan, tmp_path / "plan.xlsx")
    back = read_workbook(tmp_path / "plan.xlsx")
    assert back.lessons[0].extra_rooms == plan.lessons[0].extra_rooms
    assert back.model_dump(mode="json") == plan.model_dump(mode="json")
