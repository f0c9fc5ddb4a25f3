"""Availability at two levels on the command line: `solve` and `validate` list the preferences a timetable
uses (who, when, why, cost); `why` says which slot a block forbids and which a preference makes dearer."""

from __future__ import annotations

import json

from api import cli
from tests.solver.solve_helpers import lesson, locked, only, plan_dict

TWO = {"mon": ["08:30-09:20", "09:20-10:10"]}


def test_solve_validate_and_why_report_the_preference_used(tmp_path, monkeypatch, capsys):
    """L1's only free slot (T1's lesuur 2) is in T1's preference window: solved at its cost, and said so."""
    monkeypatch.chdir(tmp_path)
    teacher = {"id": "T1", "unavailable": [{"day": "mon", "start": "09:20", "end": "10:10", "level": "preference",
                                            "weight": 7, "reason": "ouderavond"}]}
    data = plan_dict(periods=TWO, teachers=[teacher], weights=only(teacher_unavailable_preference=1),
                     lessons=[locked("L0", "mon", 1, teacher="T1", groups=["1A"]), lesson("L1", "T1", ["1B"])])
    (tmp_path / "plan.json").write_text(json.dumps(data), encoding="utf-8")

    assert cli.main(["solve", "plan.json", "--workers", "1", "--time-limit", "10"]) == 0
    out = capsys.readouterr().out
    assert "teacher_unavailable_preference: 7" in out
    assert "Preferences used / voorkeuren gebruikt: 1, cost / kosten 7" in out
    assert ("Teacher T1 would rather not teach mon 09:20-10:10 (ouderavond) but teaches L1 (mon lesuur 2): "
            "a preference, weight 7 x 1 lesuur, cost 7  [teacher_unavailable_preference]") in out
    assert "Docent T1 geeft liever geen les ma 09:20-10:10 (ouderavond)" in out

    assert cli.main(["validate", "plan.json", "timetable.json"]) == 0
    out = capsys.readouterr().out
    assert "teacher_unavailable_preference (soft, 1)" in out and "kosten 7" in out



def test_why_says_block_or_preference(tmp_path, monkeypatch, capsys):
    """T1 is blocked at lesuur 2 and would rather not teach at lesuur 3: why says which is which."""
    monkeypatch.chdir(tmp_path)
    teacher = {"id": "T1", "unavailable": [
        {"day": "mon", "start": "09:20", "end": "10:10", "reason": "parttime"},
        {"day": "mon", "start": "10:10", "end": "11:00", "level": "preference", "weight": 7}]}
    data = plan_dict(periods={"mon": ["08:30-09:20", "09:20-10:10", "10:10-11:00"]}, teachers=[teacher],
                     weights=only(teacher_unavailable_preference=1), lessons=[lesson("L1", "T1", ["1A"])])
    (tmp_path / "plan.json").write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["solve", "plan.json", "--workers", "1", "--time-limit", "10"]) == 0
    assert "Preferences used" not in capsys.readouterr().out  # lesuur 1 is free of both
    assert cli.main(["why", "plan.json", "timetable.json", "L1"]) == 0
    out = capsys.readouterr().out
    assert "mon lesuur 2, teacher T1, room R1: forbidden, breaks teacher_unavailable (a hard block)." in out
    assert ("mon lesuur 3, teacher T1, room R1: allowed but 7 dearer (+7 teacher_unavailable_preference). "
            "A preference, not a block: Teacher T1 would rather not teach mon 10:10-11:00") in out
    assert "ma 3e uur, docent T1, lokaal R1: toegestaan maar 7 duurder" in out
