"""The workbook's layout as a folder of CSV files (issue 22): export csv, import csv."""

from __future__ import annotations

from api import cli
from scenarios.demo import DEMO_PLAN_PATH
from solver.domain import load_plan
from solver.io.workbook.sheets import SHEETS


def test_demo_round_trips_through_the_csv_folder(tmp_path):
    """demo plan -> export csv -> import csv gives the same plan; the files are ';' with a BOM (Dutch Excel)."""
    assert cli.main(["export", "csv", str(DEMO_PLAN_PATH), "-o", str(tmp_path / "csv")]) == 0
    assert {p.name for p in (tmp_path / "csv").iterdir()} == {f"{s.name}.csv" for s in SHEETS}
    lessons = (tmp_path / "csv" / "Lessen.csv").read_bytes()
    assert lessons.startswith("\ufeffid;school;vak;".encode())
    assert cli.main(["import", "csv", str(tmp_path / "csv"), "-o", str(tmp_path / "plan.json")]) == 0
    assert load_plan(tmp_path / "plan.json").model_dump() == load_plan(DEMO_PLAN_PATH).model_dump()


def test_comma_separated_without_bom_reads_the_same(tmp_path):
    """A folder saved with ',' and no BOM (LibreOffice's default) is the same plan."""
    import csv
    import io

    assert cli.main(["export", "csv", str(DEMO_PLAN_PATH), "-o", str(tmp_path / "csv")]) == 0
    for path in (tmp_path / "csv").iterdir():
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
        out = io.StringIO()
        csv.writer(out, delimiter=",", lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    assert cli.main(["import", "csv", str(tmp_path / "csv"), "-o", str(tmp_path / "plan.json")]) == 0
    assert load_plan(tmp_path / "plan.json").model_dump() == load_plan(DEMO_PLAN_PATH).model_dump()


def test_a_csv_problem_names_file_line_and_column(tmp_path, capsys):
    assert cli.main(["export", "csv", str(DEMO_PLAN_PATH), "-o", str(tmp_path / "csv")]) == 0
    path = tmp_path / "csv" / "Lesuren.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace(";di;", ";zaterdagg;", 1).replace(";ma;", ";zaterdagg;", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["import", "csv", str(tmp_path / "csv"), "-o", str(tmp_path / "plan.json")]) == 1
    assert "Lesuren.csv line 3, column B: 'zaterdagg' is not a day" in capsys.readouterr().err
    assert not (tmp_path / "plan.json").exists()


def test_a_folder_without_plan_files_says_so(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hallo", encoding="utf-8")
    assert cli.main(["import", "csv", str(tmp_path), "-o", str(tmp_path / "plan.json")]) == 1
    assert "none of the CSV files of a plan" in capsys.readouterr().err
