"""`hybrooster views` and `solve --views` (issue 22): the views of any plan, a timetable of another plan refused
before anything is written, the output folder checked first. The plan is tiny and solved for real (certified)."""

from __future__ import annotations

import json

from api import cli
from solver.domain import load_plan, load_timetable
from solver.io.views import VIEW_FILES
from tests.api.test_cli_term import _plan, files  # noqa: F401  (the fixture)


def test_views_writes_every_file(files, tmp_path, capsys):  # noqa: F811
    plan, tt = files
    assert cli.main(["views", str(plan), str(tt), "--out", "v"]) == 0
    written = sorted(p.name for p in (tmp_path / "v").iterdir())
    assert written == sorted(VIEW_FILES)
    out = capsys.readouterr().out
    assert str((tmp_path / "v" / "index.html").resolve()) in out
    lessons = {p.lesson for p in load_timetable(tt).placements}
    assert all(lesson in (tmp_path / "v" / "timetable.csv").read_text(encoding="utf-8-sig") for lesson in lessons)
    assert "views.xlsx" in written and str((tmp_path / "v" / "views.xlsx").resolve()) in out
    from openpyxl import load_workbook

    from solver.io.views import SHEETS

    workbook = load_workbook(tmp_path / "v" / "views.xlsx")
    assert workbook.sheetnames == list(SHEETS)
    placed = [row[1] for row in workbook["placements"].iter_rows(min_row=2, values_only=True)]
    assert sorted(placed) == sorted(p.lesson for p in load_timetable(tt).placements)


def test_views_refuses_a_timetable_of_another_plan_and_writes_nothing(files, tmp_path, capsys):  # noqa: F811
    plan, tt = files
    other = _plan()
    other["name"] = "another plan"
    other_path = tmp_path / "other.json"
    other_path.write_text(json.dumps(other), encoding="utf-8")
    assert cli.main(["views", str(other_path), str(tt), "--out", "v"]) == 1
    err = capsys.readouterr().err
    assert "plan_fingerprint" in err and "--edited-plan" in err
    assert not (tmp_path / "v").exists()
    assert cli.main(["views", str(other_path), str(tt), "--out", "v", "--edited-plan"]) == 0
    assert (tmp_path / "v" / "index.html").is_file()


def test_views_checks_the_folder_before_any_work(files, tmp_path, capsys):  # noqa: F811
    plan, tt = files
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert cli.main(["views", str(plan), str(tt), "--out", "afile"]) == 1
    assert "it is a file, not a folder" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert cli.main(["views", str(plan), str(broken), "--out", "v2"]) == 1
    assert not (tmp_path / "v2").exists()


def test_solve_with_views_writes_the_timetable_and_its_views(files, tmp_path, capsys):  # noqa: F811
    plan, _ = files
    code = cli.main(["solve", str(plan), "-o", "new.json", "--views", "sv", "--time-limit", "10", "--workers", "1"])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "sv").iterdir()) == sorted(VIEW_FILES)
    from solver.validate import validate

    assert validate(load_plan(plan), load_timetable(tmp_path / "new.json")).ok


def test_solve_with_views_into_a_file_fails_before_the_solve(files, tmp_path, capsys):  # noqa: F811
    plan, _ = files
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert cli.main(["solve", str(plan), "-o", "new.json", "--views", "afile"]) == 1
    assert not (tmp_path / "new.json").exists()


def test_replan_with_views_writes_the_views_of_the_new_timetable(files, tmp_path, capsys):  # noqa: F811
    plan, tt = files
    code = cli.main(["replan", str(plan), "--current", str(tt), "-o", "new.json", "--views", "rv",
                     "--time-limit", "10", "--workers", "1"])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "rv").iterdir()) == sorted(VIEW_FILES)
    from solver.validate import validate

    assert validate(load_plan(plan), load_timetable(tmp_path / "new.json")).ok
    assert cli.main(["replan", str(plan), "--current", str(tt), "--views", "rv2"]) == 1
    assert "--views needs -o" in capsys.readouterr().err and not (tmp_path / "rv2").exists()
