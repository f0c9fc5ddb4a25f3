"""`hybrooster replan` and `hybrooster why`: exit codes, the diff in the output, files, and bad change files.

The plans are tiny and solved for real; every timetable the commands write is certified by the validator.
"""

from __future__ import annotations

import json

import pytest

from api import cli, commands
from solver.domain import load_plan, load_timetable, parse_plan, plan_fingerprint
from solver.params import SolveParams
from solver.pipeline import PlanOutcome
from solver.replan import Diff, ReplanOutcome
from solver.result import Result
from solver.validate import validate
from solver.replan.whatif import apply_change, parse_change

PERIODS = [{"day": d, "start": s, "end": e} for d in ("mon", "tue")
           for s, e in (("08:30", "09:20"), ("09:20", "10:10"), ("10:10", "11:00"))]
PLAN = {
    "name": "cli-replan",
    "schools": [{"id": "S1", "periods": PERIODS, "groups": [{"id": "1a"}, {"id": "1b"}],
                 "rooms": [{"id": "101"}, {"id": "102"}]}],
    "teachers": [{"id": "T1"}, {"id": "T2"}],
    "lessons": [
        {"id": "L1", "subject": "wi", "groups": ["1a"], "teacher": "T1"},
        {"id": "L2", "subject": "ne", "groups": ["1b"], "teacher": "T2"},
        {"id": "L3", "subject": "en", "groups": ["1a"], "teacher": "T2"},
    ],
}


@pytest.fixture
def files(tmp_path, monkeypatch):
    """plan.json and its solved, certified timetable current.json in a temporary folder."""
    monkeypatch.chdir(tmp_path)
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(PLAN), encoding="utf-8")
    run = commands.solve_to_file(plan=load_plan(plan_path), out_path=tmp_path / "current.json",
                                 params=SolveParams(time_limit=10, workers=1, seed=1))
    assert run.report.ok
    return plan_path, tmp_path / "current.json"


def _change_file(tmp_path, change: dict, name: str = "change.json"):
    path = tmp_path / name
    path.write_text(json.dumps(change), encoding="utf-8")
    return path


def _l1(current_path):
    return next(p for p in load_timetable(current_path).placements if p.lesson == "L1")


def test_replan_without_change_still_holds(files, capsys):
    """With no change the current timetable still holds: exit 0, said in EN and NL."""
    plan_path, current_path = files
    assert cli.main(["replan", str(plan_path), "--current", str(current_path)]) == 0
    out = capsys.readouterr().out
    assert "still holds" in out and "blijft geldig" in out


def test_replan_moves_the_lesson_and_writes_a_certified_timetable(files, capsys):
    """A teacher made unavailable at their lesson: exit 0, the output names the moved lesson from -> to, and -o holds a valid timetable."""
    plan_path, current_path = files
    l1 = _l1(current_path)
    change = {"type": "teacher_unavailable", "teacher": "T1", "day": l1.day, "start": l1.start, "end": l1.end}
    change_path = _change_file(plan_path.parent, change)
    new_path = plan_path.parent / "out" / "new.json"
    code = cli.main(["replan", str(plan_path), "--current", str(current_path), "--change", str(change_path),
                     "-o", str(new_path), "--workers", "1"])
    assert code == 0
    out = capsys.readouterr().out
    assert f"L1: {l1.day} {l1.period} -> " in out
    assert "teacher_unavailable" in out and "proven minimal" in out
    changed = apply_change(load_plan(plan_path), parse_change(change))
    new = load_timetable(new_path)
    assert validate(changed, new).ok
    assert next(p for p in new.placements if p.lesson == "L1").day + str(
        next(p for p in new.placements if p.lesson == "L1").period) != l1.day + str(l1.period)
    # written atomically, no temp file left; the changed plan next to it, named, and the pair validates
    assert sorted(p.name for p in new_path.parent.iterdir()) == ["new.json", "new.plan.json"]
    changed_path = new_path.parent / "new.plan.json"
    assert f"Changed plan written to / gewijzigd plan geschreven naar: {changed_path}" in out
    assert load_plan(changed_path) == changed
    assert new.plan_fingerprint == plan_fingerprint(changed)
    assert cli.main(["validate", str(changed_path), str(new_path)]) == 0
    assert cli.main(["validate", str(plan_path), str(new_path)]) == 1  # not the plan it was made for
    assert "another plan" in capsys.readouterr().err


def test_replan_json_has_the_promised_keys(files, capsys):
    """--json prints still_holds, diff, status and hint_status; the diff lists the moved lesson."""
    plan_path, current_path = files
    l1 = _l1(current_path)
    change_path = _change_file(plan_path.parent, {"type": "teacher_unavailable", "teacher": "T1", "day": l1.day,
                                                  "start": l1.start, "end": l1.end})
    assert cli.main(["replan", str(plan_path), "--current", str(current_path), "--change", str(change_path),
                     "--json", "--workers", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"still_holds", "diff", "status", "hint_status"} <= set(data)
    assert data["still_holds"] is False and data["status"] == "OPTIMAL"
    assert [m["lesson"] for m in data["diff"]["moved"]] == ["L1"]


def test_replan_infeasible_change_exits_2(files, capsys):
    """A teacher unavailable all week leaves their lesson nowhere to go: exit 2 and a plain 'no timetable'."""
    plan_path, current_path = files
    plan = load_plan(plan_path)
    data = plan.model_dump(mode="json")
    data["teachers"][0]["unavailable"] = [{"day": "mon", "start": "00:00", "end": "24:00"}]
    parse_plan(data)
    plan_path.write_text(json.dumps(data), encoding="utf-8")
    change_path = _change_file(plan_path.parent, {"type": "teacher_unavailable", "teacher": "T1", "day": "tue",
                                                  "start": "00:00", "end": "24:00"})
    new_path = plan_path.parent / "new.json"
    code = cli.main(["replan", str(plan_path), "--current", str(current_path), "--change", str(change_path),
                     "-o", str(new_path), "--workers", "1", "--edited-plan"])
    assert code == 2
    out = capsys.readouterr().out
    assert "No timetable exists for the changed plan" in out and "bestaat geen rooster" in out
    assert not new_path.exists()


def test_replan_none_found_in_time_exits_3(files, monkeypatch, capsys):
    """When no new timetable is found within the time limit the command exits 3 and suggests more time."""
    plan_path, current_path = files
    l1 = _l1(current_path)
    change_path = _change_file(plan_path.parent, {"type": "teacher_unavailable", "teacher": "T1", "day": l1.day,
                                                  "start": l1.start, "end": l1.end})

    def unknown(plan, current, params, **kw):
        return ReplanOutcome(still_holds=False, timetable=None, diff=Diff(),
                             outcome=PlanOutcome(result=Result(status="UNKNOWN"), timetable=None, data=None))

    monkeypatch.setattr(commands, "_replan", unknown)
    assert cli.main(["replan", str(plan_path), "--current", str(current_path), "--change", str(change_path),
                     "--time-limit", "2"]) == 3
    assert "--time-limit" in capsys.readouterr().out


@pytest.mark.parametrize("change, expected", [
    ({"type": "teacher_unavailable", "teacher": "T1", "day": "monday", "start": "08:00", "end": "09:00"}, "day:"),
    ({"type": "teacher_unavailable", "teacher": "T1", "day": "mon", "start": "08:00", "end": "09:00",
      "colour": "red"}, "colour: unknown field"),
    ({"type": "teacher_unavailable", "teacher": "T9", "day": "mon", "start": "08:00", "end": "09:00"},
     "teacher: unknown teacher 'T9'"),
    ({"type": "add_lesson", "lesson": {"id": "L9", "subject": "wi", "groups": ["9z"], "teacher": "T1"}},
     "lesson.groups[0]: unknown group '9z'"),
    ({"type": "holiday"}, "type: must be one of"),
])
def test_bad_change_file_names_the_field_path_and_exits_1(files, capsys, change, expected):
    """A change file with a wrong field, value or reference exits 1 naming the field path, without a traceback."""
    plan_path, current_path = files
    change_path = _change_file(plan_path.parent, change)
    assert cli.main(["replan", str(plan_path), "--current", str(current_path), "--change", str(change_path)]) == 1
    captured = capsys.readouterr()
    assert expected in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_change_file_that_is_not_json_exits_1(files, capsys):
    """A change file that is not JSON names the line and column and exits 1."""
    plan_path, current_path = files
    path = plan_path.parent / "broken.json"
    path.write_text("{\"type\": ", encoding="utf-8")
    assert cli.main(["replan", str(plan_path), "--current", str(current_path), "--change", str(path)]) == 1
    assert "not valid JSON at line 1" in capsys.readouterr().err


def test_why_prints_summaries_and_alternatives(files, capsys):
    """`why` prints the NL and EN summary and groups the other slots; exit 0."""
    plan_path, current_path = files
    assert cli.main(["why", str(plan_path), str(current_path), "L1"]) == 0
    out = capsys.readouterr().out
    assert "Lesson L1 is on" in out and "Les L1 staat op" in out
    assert "Forbidden / niet toegestaan" in out and "group_no_clash" in out


def test_why_json(files, capsys):
    """`why --json` prints the placement and one entry per other slot with a verdict."""
    plan_path, current_path = files
    assert cli.main(["why", str(plan_path), str(current_path), "L1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lesson"] == "L1" and len(data["alternatives"]) == 5
    assert {a["verdict"] for a in data["alternatives"]} <= {"cheaper", "equal", "costlier", "forbidden"}


def test_why_unknown_lesson_exits_1_without_traceback(files, capsys):
    """Asking about a lesson that is not in the plan exits 1 with a plain message."""
    plan_path, current_path = files
    assert cli.main(["why", str(plan_path), str(current_path), "L9"]) == 1
    captured = capsys.readouterr()
    assert "lesson 'L9' is not in the plan" in captured.err and "Traceback" not in captured.err
    assert cli.main(["why", str(plan_path), str(current_path), "L1", "--copy", "3"]) == 1
    assert "no copy 3" in capsys.readouterr().err
