"""`hybrooster import fet` and `hybrooster export fet` on a hand-made FET file."""

from __future__ import annotations

import json

from api import cli
from solver.domain import Timetable
from tests.solver.test_fet_import import constraint, fet_file


def test_import_fails_with_the_list_then_imports_with_ignore(tmp_path, capsys):
    """Unsupported constraints: exit 1 listing type and count, nothing written; --ignore-unsupported imports."""
    path = fet_file(tmp_path, time=constraint("ConstraintTwoActivitiesOrdered", First_Activity_Id=1,
                                              Second_Activity_Id=2))
    out = tmp_path / "plan.json"
    assert cli.main(["import", "fet", path, "-o", str(out)]) == 1
    assert "ConstraintTwoActivitiesOrdered x1" in capsys.readouterr().err
    assert not out.exists()
    assert cli.main(["import", "fet", path, "-o", str(out), "--ignore-unsupported"]) == 0
    printed = capsys.readouterr().out
    assert "Left out" in printed and "ConstraintTwoActivitiesOrdered x1" in printed
    assert json.loads(out.read_text())["lessons"]
    mapping = json.loads((tmp_path / "plan.fetmap.json").read_text())
    assert mapping["days"] == ["Mo", "Tu"] and mapping["unsupported"][0]["count"] == 1


def test_export_locks_every_placement(tmp_path, capsys):
    """export fet: the original file plus a 100% permanently locked start (and room) per placed activity."""
    space = constraint("ConstraintActivityPreferredRoom", Activity_Id=3, Room="Lab", Permanently_Locked="false")
    path = fet_file(tmp_path, space=space)
    plan = tmp_path / "plan.json"
    assert cli.main(["import", "fet", path, "-o", str(plan)]) == 0
    timetable = Timetable(placements=[
        {"lesson": "1", "school": "school", "day": "mon", "period": 1, "teacher": "T1"},
        {"lesson": "3", "school": "school", "day": "tue", "period": 3, "duration": 2, "room": "Lab", "teacher": "T1"},
    ])
    tt = tmp_path / "timetable.json"
    tt.write_text(timetable.model_dump_json())
    out = tmp_path / "out.fet"
    assert cli.main(["export", "fet", str(plan), str(tt), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Locked / vastgezet: 2 activity times, 0 rooms" in captured.out  # the room lock was in the original
    assert "2 activities have no placement" in captured.err
    text = out.read_text(encoding="utf-8")
    assert text.count("<Comments>Hybrooster timetable</Comments>") == 2
    assert "<Preferred_Day>Tu</Preferred_Day>" in text and "<Preferred_Hour>h3</Preferred_Hour>" in text


def test_export_leaves_out_the_no_room_pseudo_room(tmp_path, capsys):
    """A lesson placed in its "(no room)" pseudo-room gets a time lock but no room lock."""
    space = constraint("ConstraintActivityTagPreferredRoom", 90, Activity_Tag="lab", Room="Lab")
    plan = tmp_path / "plan.json"
    assert cli.main(["import", "fet", fet_file(tmp_path, space=space), "-o", str(plan)]) == 0
    timetable = Timetable(placements=[{"lesson": "3", "school": "school", "day": "mon", "period": 1,
                                       "duration": 2, "room": "(no room) 3", "teacher": "T1"}])
    tt = tmp_path / "timetable.json"
    tt.write_text(timetable.model_dump_json())
    assert cli.main(["export", "fet", str(plan), str(tt), "-o", str(tmp_path / "out.fet")]) == 0
    assert "1 activity times, 0 rooms" in capsys.readouterr().out


def test_export_hard_only_switches_soft_constraints_off(tmp_path, capsys):
    """export fet --hard-only: the original's soft constraints get <Active>false</Active>; hard ones stay."""
    time = constraint("ConstraintMinDaysBetweenActivities", 95, Consecutive_If_Same_Day="false",
                      Number_of_Activities=2, Activity_Id=["1", "2"], MinDays=1)
    plan = tmp_path / "plan.json"
    assert cli.main(["import", "fet", fet_file(tmp_path, time=time), "-o", str(plan)]) == 0
    tt = tmp_path / "timetable.json"
    tt.write_text(Timetable().model_dump_json())
    out = tmp_path / "out.fet"
    assert cli.main(["export", "fet", str(plan), str(tt), "-o", str(out), "--hard-only"]) == 0
    assert "switched off / zachte eisen uitgezet: 1" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    min_days = text[text.index("<ConstraintMinDaysBetweenActivities>"):text.index("</ConstraintMinDaysBetweenActivities>")]
    assert "<Active>false</Active>" in min_days
    assert text.count("<Active>false</Active>") == 2  # that one and the inactive activity 5
