"""Untis GPU files (issue 22, docs/untis.md): import untis -> solve -> export untis -> import untis keeps every
lesson, coupling and -3 block; bad files name the file, line and field and write nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from api import cli, commands
from solver.domain import load_plan, load_timetable
from solver.domain.base import Window
from solver.io.untis import UntisError, read_untis
from solver.io.untis.write import _hto_blocks
from solver.validate import validate

SCHOOL = Path(__file__).parents[1] / "data" / "untis" / "school"


def _shape(plan) -> dict:
    """Each lesson as data: classes, teachers, subject, rooms, count and duration."""
    return {x.id: (tuple(x.groups), x.teacher, tuple(x.co_teachers), x.subject, tuple(x.rooms or ()), x.count,
                   x.duration) for x in plan.lessons}


def _blocks(plan) -> set:
    """Every unavailable window: (kind, owner, day, start, end, level, weight)."""
    out = {("L", t.id, w.day, w.start, w.end, w.level, w.weight) for t in plan.teachers for w in t.unavailable}
    school = plan.schools[0]
    out |= {("K", g.id, w.day, w.start, w.end, w.level, w.weight) for g in school.groups for w in g.unavailable}
    out |= {("R", r.id, w.day, w.start, w.end, "hard", None) for r in school.rooms for w in r.unavailable}
    return out


def test_the_hand_written_files_read_as_documented():
    plan = read_untis(SCHOOL)
    lessons = {x.id: x for x in plan.lessons}
    assert _shape(plan)["U3"] == (("1A", "1B"), "PIE", ("JAN",), "LO", ("GYM",), 1, 1)  # the coupling
    assert (lessons["U2"].duration, lessons["U2"].count) == (2, 1)  # 2 hours, 1 double period
    assert [(p.day, p.period) for p in lessons["U1"].current] == [("mon", 2), ("tue", 1)]
    assert [(p.day, p.period) for p in lessons["U2"].current] == [("mon", 3)]
    teachers = {t.id: t for t in plan.teachers}
    assert teachers["VOL"].max_periods_per_day == 4
    assert [(w.day, w.start, w.level) for w in teachers["VOL"].unavailable] == [("mon", "08:30", "hard"),
                                                                               ("mon", "11:20", "hard")]
    assert [(w.level, w.weight) for w in teachers["JAN"].unavailable] == [("preference", 10)]
    assert not teachers["PIE"].unavailable  # +2 is a wish for, not against


def test_round_trip_keeps_every_lesson_coupling_and_block(tmp_path):
    first, timetable = tmp_path / "plan.json", tmp_path / "tt.json"
    assert cli.main(["import", "untis", str(SCHOOL), "-o", str(first)]) == 0
    assert cli.main(["solve", str(first), "-o", str(timetable), "--workers", "1", "--time-limit", "10"]) == 0
    plan, tt = load_plan(first), load_timetable(timetable)
    report = validate(plan, tt)
    assert not report.hard_violations and not tt.unplaced
    assert cli.main(["export", "untis", str(first), str(timetable), "-o", str(tmp_path / "out")]) == 0
    assert cli.main(["import", "untis", str(tmp_path / "out"), "-o", str(tmp_path / "again.json")]) == 0
    again = load_plan(tmp_path / "again.json")
    assert _shape(again) == _shape(plan)
    assert _blocks(plan) <= _blocks(again) and any(b[5] == "hard" for b in _blocks(plan))
    placed = {(p.lesson, p.day, p.period) for p in tt.placements}
    assert {(x.id, c.day, c.period) for x in again.lessons for c in x.current} == placed


def test_export_writes_the_hto_company_blocks_as_minus_three():
    """An hto'er on an 08:00-12:00 shift with 10:30-11:20 released is blocked in the periods 1, 2 and 4."""
    plan = read_untis(SCHOOL)
    grid = {"mon": [(1, 510, 560), (2, 560, 610), (3, 630, 680), (4, 680, 730)]}
    hto = SimpleNamespace(teacher="JAN", employer="E1", staff="S1")
    shift = SimpleNamespace(employer="E1", staff="S1", week=1, day="mon", start="08:00", end="12:00",
                            released=[Window(day="mon", start="10:30", end="11:20")])
    blocks = _hto_blocks(SimpleNamespace(htos=[hto], schools=plan.schools), SimpleNamespace(rosters=[shift]), grid)
    assert blocks == {("JAN", "mon", 1), ("JAN", "mon", 2), ("JAN", "mon", 4)}


def _broken(tmp_path, name: str, text: str) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SCHOOL, folder)
    if text:
        (folder / name).write_text(text, encoding="utf-8")
    else:
        (folder / name).unlink()
    return folder


@pytest.mark.parametrize("name, text, expected", [
    ("GPU004.TXT", "", "GPU004.TXT: missing"),
    ("GPU001.TXT", '1,"1A","VOL","D"\n', "GPU001.TXT line 1: 4 field(s), at least 7"),
    ("GPU002.TXT", '1,2,,,"1A","XYZ","D","101"\n', "GPU002.TXT line 1 field 6: unknown teacher 'XYZ'"),
    ("time.txt", "1,1,0830,0920\n1,2,0975,1010\n", "time.txt line 2 field 3: '0975' is not a time"),
    ("time.txt", "1,1,0930,0920\n", "time.txt line 1: the period ends (09:20) before it starts (09:30)"),
    ("GPU016.TXT", '"L","VOL",9,1,-3\n', "GPU016.TXT line 1 field 3: day 9"),
])
def test_bad_files_name_file_line_and_field_and_write_nothing(tmp_path, capsys, name, text, expected):
    out = tmp_path / "plan.json"
    assert cli.main(["import", "untis", str(_broken(tmp_path, name, text)), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert expected in " ".join(err.split()) and "Traceback" not in err
    assert not out.exists()


def test_all_problems_of_a_folder_are_reported_at_once(tmp_path):
    folder = _broken(tmp_path, "GPU002.TXT", '1,2,,,"9Z","XYZ","D","101"\n')
    with pytest.raises(UntisError) as caught:
        read_untis(folder)
    assert len(caught.value.problems) >= 2


def test_separator_quote_and_encoding_are_configurable(tmp_path):
    folder = tmp_path / "semi"
    folder.mkdir()
    for path in SCHOOL.iterdir():
        text = path.read_text(encoding="utf-8").replace(",", ";").replace('"', "'")
        (folder / path.name).write_text(text.replace("Volkers", "Völkers"), encoding="cp1252")
    out = tmp_path / "plan.json"
    assert cli.main(["import", "untis", str(folder), "-o", str(out), "--sep", ";", "--quote", "'",
                     "--encoding", "cp1252"]) == 0
    assert _shape(load_plan(out)) == _shape(read_untis(SCHOOL))
    assert any(t.name == "Völkers" for t in load_plan(out).teachers)


def test_the_grid_can_come_from_the_command_line(tmp_path):
    folder = _broken(tmp_path, "time.txt", "")
    shutil.copy(SCHOOL / "time.txt", tmp_path / "grid.txt")
    out = tmp_path / "plan.json"
    assert cli.main(["import", "untis", str(folder), "-o", str(out), "--grid", str(tmp_path / "grid.txt")]) == 0
    assert len(load_plan(out).schools[0].periods) == 8


def test_export_untis_refuses_a_timetable_of_another_plan(tmp_path, capsys):
    """A timetable stamped for another plan is refused before anything is written, as validate does."""
    plan_path = tmp_path / "plan.json"
    demo = json.loads(commands.demo_plan_path().read_text(encoding="utf-8"))
    plan_path.write_text(json.dumps(demo), encoding="utf-8")
    timetable_path = tmp_path / "tt.json"
    timetable_path.write_text(json.dumps({"plan": "x", "plan_fingerprint": "0" * 64}), encoding="utf-8")
    out = tmp_path / "untis"
    assert cli.main(["export", "untis", str(plan_path), str(timetable_path), "-o", str(out)]) == 1
    assert "plan_fingerprint" in capsys.readouterr().err and not out.exists()
