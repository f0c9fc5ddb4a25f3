"""`hybrooster explain` and the explanation `hybrooster solve` prints when no timetable exists."""

from __future__ import annotations

import json

import pytest

from api import cli
from tests.solver.solve_helpers import lesson, locked, plan_dict

WEEK = {d: ["08:30-09:20", "09:20-10:10"] for d in ("mon", "tue", "wed", "thu", "fri")}


def _write(tmp_path, data) -> str:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def infeasible(tmp_path):
    """Wiskunde locked on Monday lesuur 1, when Els Smit is unavailable."""
    teacher = {"id": "T1", "name": "Els Smit", "unavailable": [{"day": "mon", "start": "08:00", "end": "12:00"}]}
    data = plan_dict(periods=WEEK, teachers=[teacher],
                     lessons=[locked("wi", "mon", 1, teacher="T1", groups=["2A"], subject="Wiskunde")])
    return _write(tmp_path, data)


def test_explain_infeasible_exits_2_and_lists_items_in_both_languages(infeasible, capsys):
    """An infeasible plan exits 2 and lists each item in Dutch and in English, with the rule names."""
    assert cli.main(["explain", infeasible, "--workers", "1"]) == 2
    out = capsys.readouterr().out
    assert "Wiskunde 2A (1 lesuur, Els Smit) past nergens:" in out
    assert "Els Smit is niet beschikbaar (een harde blokkade): ma 08:00–12:00.  [teacher_unavailable]" in out
    assert "Wiskunde 2A is locked to Monday period 1.  [lesson_locked]" in out
    assert "Minimal / minimaal" in out


def test_explain_json_has_items_minimal_and_seconds(infeasible, capsys):
    """--json prints the items (rule, key, entities, messages), minimal and seconds."""
    assert cli.main(["explain", infeasible, "--json", "--workers", "1"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "infeasible" and data["minimal"] is True and isinstance(data["seconds"], float)
    assert {i["rule"] for i in data["items"]} == {"lesson_placed", "teacher_unavailable", "lesson_locked"}
    assert all(i["message_nl"] and i["message_en"] and i["entities"] for i in data["items"])


def test_explain_feasible_exits_0(tmp_path, capsys):
    """A plan with a timetable exits 0 and says there is nothing to explain."""
    path = _write(tmp_path, plan_dict(periods=WEEK, lessons=[lesson("wi", "T1", ["2A"])]))
    assert cli.main(["explain", path, "--workers", "1"]) == 0
    assert "nothing to explain" in capsys.readouterr().out


def test_solve_infeasible_prints_the_explanation(infeasible, tmp_path, capsys):
    """`solve` on an infeasible plan exits 2 and prints the explanation after the verdict."""
    assert cli.main(["solve", infeasible, "-o", str(tmp_path / "tt.json"), "--workers", "1",
                     "--time-limit", "10"]) == 2
    out = capsys.readouterr().out
    assert "No timetable exists for this plan" in out
    assert "Els Smit is niet beschikbaar" in out and "[lesson_locked]" in out
    assert not (tmp_path / "tt.json").exists()


def test_explain_wrong_plan_file_exits_1(tmp_path, capsys):
    """A plan file with an error exits 1 with the field path, as every command does."""
    path = _write(tmp_path, {"schools": []})
    assert cli.main(["explain", path]) == 1
    assert "schools" in capsys.readouterr().err
