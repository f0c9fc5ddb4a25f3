"""Issue 20 beside the corpus: the size estimate, the plan fingerprint, output paths, a closed pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from api import cli, commands
from solver.domain import PlanError, load_plan, load_timetable, parse_plan, plan_fingerprint
from solver.io.files import OutputPathError, check_writable
from solver.params import SolveParams
from solver.pipeline import check_size, estimate_size

ROOT = Path(__file__).resolve().parents[2]
OK = ROOT / "tests" / "data" / "bad" / "ok"


def test_estimate_counts_starts_times_teachers_times_count():
    """Per lesson: count x starts that fit in a day x teachers (candidates), summed; shifts per staff and day."""
    data = json.loads((OK / "plan.json").read_text(encoding="utf-8"))
    data["teachers"].append({"id": "T2"})
    data["lessons"].append({"id": "B", "subject": "wi", "groups": ["1a"], "candidates": ["T1", "T2"],
                            "duration": 2, "count": 2})
    size = estimate_size(parse_plan(data))
    # L1, L2: 4 starts each; B: 1 start a day on 2 days, 2 teachers, 2 copies
    assert size.lesson_options == 4 + 4 + 2 * 2 * 2 and size.shift_instances == 0
    assert size.biggest[0] == ("B", 8)
    with pytest.raises(PlanError, match="about 16 lesson options.*the limit is 15"):
        check_size(parse_plan(data), 15)
    assert check_size(parse_plan(data), None).total == 16


def test_fingerprint_ignores_layout_but_not_content(tmp_path):
    plan = load_plan(OK / "plan.json")
    squeezed = tmp_path / "plan.json"
    squeezed.write_text(json.dumps(json.loads((OK / "plan.json").read_text(encoding="utf-8"))), encoding="utf-8")
    assert plan_fingerprint(load_plan(squeezed)) == plan_fingerprint(plan)
    data = plan.model_dump(mode="json")  # every default spelled out: the same plan
    assert plan_fingerprint(parse_plan(data)) == plan_fingerprint(plan)
    data["teachers"][0]["name"] = "Jansen"
    assert plan_fingerprint(parse_plan(data)) != plan_fingerprint(plan)
    data["teachers"][0]["name"] = plan.teachers[0].name
    data["policy"]["max_week_minutes"] = plan.policy.max_week_minutes - 1  # a default changed is content
    assert plan_fingerprint(parse_plan(data)) != plan_fingerprint(plan)


def test_solve_stamps_the_fingerprint_and_validate_checks_it(tmp_path, monkeypatch, capsys):
    """A solved timetable carries its plan's fingerprint; validate refuses it with an edited plan unless
    --edited-plan; a timetable without one (older files) is accepted."""
    monkeypatch.chdir(tmp_path)
    plan_path = tmp_path / "plan.json"
    plan_path.write_text((OK / "plan.json").read_text(encoding="utf-8"), encoding="utf-8")
    run = commands.solve_to_file(plan=load_plan(plan_path), out_path=tmp_path / "tt.json",
                                 params=SolveParams(time_limit=10, workers=1), plan_path=plan_path)
    stamped = load_timetable(run.timetable_path)
    assert stamped.plan_fingerprint == plan_fingerprint(load_plan(plan_path))
    assert cli.main(["validate", str(plan_path), str(run.timetable_path)]) == 0
    data = json.loads(plan_path.read_text(encoding="utf-8"))
    data["teachers"][0]["name"] = "Jansen"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["validate", str(edited), str(run.timetable_path)]) == 1
    assert "plan_fingerprint: this timetable was made for another plan" in capsys.readouterr().err
    assert cli.main(["validate", str(edited), str(run.timetable_path), "--edited-plan"]) == 0
    assert cli.main(["validate", str(edited), str(OK / "timetable.json")]) == 0  # no fingerprint: accepted


def test_output_path_is_checked_before_the_solve(tmp_path, monkeypatch, capsys):
    """A bad -o is refused before anything is solved, in words, naming the path."""
    called = []
    monkeypatch.setattr(commands, "_solve_plan", lambda plan, params: called.append(plan))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert cli.main(["solve", str(OK / "plan.json"), "-o", str(tmp_path / "file" / "tt.json")]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {tmp_path / 'file' / 'tt.json'}" in err and "is a file, not a folder" in err
    assert "Errno" not in err and ".tmp" not in err and not called


def test_check_writable_in_words(tmp_path):
    with pytest.raises(OutputPathError, match="it is a folder"):
        check_writable(tmp_path)
    with pytest.raises(OutputPathError, match="names a folder"):
        check_writable(f"{tmp_path}/new/")
    with pytest.raises(OutputPathError, match="it is the input file"):
        check_writable(tmp_path / "a.json", inputs=(tmp_path / "." / "a.json",))
    assert check_writable(tmp_path / "x" / "y" / "a.json") == (tmp_path / "x" / "y" / "a.json").resolve()
    assert list(tmp_path.iterdir()) == []  # nothing made, no probe left


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e300", "0", "-1"])
def test_time_limit_must_be_finite_and_positive(value, capsys):
    assert cli.main(["solve", "p.json", "--time-limit", value]) == 1
    assert "--time-limit" in capsys.readouterr().err


def test_a_closed_pipe_is_quiet():
    """`hybrooster schema | head -0`: no traceback, no 'Exception ignored', the command's own exit code."""
    read, write = os.pipe()
    os.close(read)  # every write now meets a closed pipe
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, "-m", "api.cli", "schema"], stdout=write, stderr=subprocess.PIPE,
                              text=True, env=env, cwd=ROOT, timeout=60)
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr and "Broken" not in done.stderr
