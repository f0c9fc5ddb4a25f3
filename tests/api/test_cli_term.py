"""`hybrooster check-term`, `roster-check` and `schema --calendar/--roster`: exit codes, text and JSON, and bad
input named by file and field. The plan is tiny and solved for real (certified by the validator)."""

from __future__ import annotations

import json

import pytest

from api import cli, commands
from solver.domain import load_plan
from solver.params import SolveParams
from tests.solver.solve_helpers import demand, employer, hto, lesson, only, plan_dict, shift, staff

DAYS = ("mon", "tue", "wed", "thu", "fri")


def _plan() -> dict:
    """H (hto'er, early shift) teaches L on Tuesday 12:40-14:20; C (early, re-rosterable) and D (late)."""
    return plan_dict(
        periods={d: ["08:30-09:20", "09:20-10:10", ("10:30-11:20", True), "11:20-12:10", ("12:40-13:30", True),
                     "13:30-14:20"] for d in ("tue", "wed")},
        lessons=[lesson("L", teacher="H", duration=2, lock={"slot": True},
                        current=[{"copy": 0, "day": "tue", "period": 5}])],
        employers=[employer(
            shifts=[shift("vroeg", "06:00", "14:00"), shift("laat", "14:00", "22:00")],
            staff=[staff("H", [("vroeg", d) for d in DAYS]), staff("C", [("vroeg", d) for d in DAYS], may_reroster=True),
                   staff("D", [("laat", d) for d in DAYS])],
            demand=[demand(d, "06:00", "14:00") for d in DAYS] + [demand(d, "14:00", "22:00") for d in DAYS],
        )],
        htos=[hto("H", release={"allowed_days": ["tue", "wed"]}, travel_minutes={"S": 10})],
        weights=only(roster_change=10),  # the solve keeps the rosters
    )


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(_plan()), encoding="utf-8")
    run = commands.solve_to_file(plan=load_plan(plan_path), out_path=tmp_path / "tt.json",
                                 params=SolveParams(time_limit=10, workers=1, seed=1))
    assert run.report.ok
    return plan_path, tmp_path / "tt.json"


def _write(tmp_path, name: str, data: dict):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_check_term_exit_0_when_every_week_holds(files, capsys):
    plan, tt = files
    assert cli.main(["check-term", str(plan), str(tt), "--from", "2026-03-02", "--to", "2026-03-16"]) == 0
    out = capsys.readouterr().out
    assert "3 weeks" in out and "Every week holds / elke week klopt." in out


def test_check_term_with_a_calendar_exits_1_and_says_what_fails(files, tmp_path, capsys):
    plan, tt = files
    calendar = _write(tmp_path, "cal.json", {
        "employers": [{"employer": "E", "leave": [{"staff": "H", "first_day": "2026-03-10", "reason": "verlof"}],
                       "peak_weeks": [{"week": "2026-03-16", "reason": "jaarafsluiting"}]}],
        "schools": [{"school": "S", "holidays": [{"first_day": "2026-03-23", "last_day": "2026-03-27",
                                                   "name": "meivakantie"}]}]})
    args = ["check-term", str(plan), str(tt), "--from", "2026-03-02", "--to", "2026-03-23", "--calendar", str(calendar)]
    assert cli.main(args) == 1
    out = capsys.readouterr().out
    assert "L on Tue 10 Mar 2026 12:40-14:20 cannot be taught: its teacher H (H at E) is on leave (verlof)" in out
    assert "L op di 17 mrt 2026 12:40-14:20 kan niet doorgaan" in out and "piekweek" in out
    assert "holiday, skipped / vakantie, overgeslagen" in out
    assert "2 problems in 2 weeks" in out
    assert cli.main([*args, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["failures"] == 2
    assert [w["week"] for w in data["weeks"]] == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"]
    assert [u["reason"] for w in data["weeks"] for u in w["untaught"]] == ["leave", "peak"]
    assert data["weeks"][3]["holiday"] is True


def _proposal(**extra) -> dict:
    items = [{"staff": "H", "shift": "laat", "day": d} for d in DAYS] + \
        [{"staff": s, "shift": "vroeg", "day": d} for s in ("C", "D") for d in DAYS]
    return {"employer": "E", "items": items, **extra}


def test_roster_check_prints_the_breaks_and_the_repair(files, tmp_path, capsys):
    plan, tt = files
    roster = _write(tmp_path, "roster.json", _proposal())
    args = ["roster-check", str(plan), str(tt), "--week", "2026-03-09", str(roster), "--time-limit", "20",
            "--workers", "1"]
    assert cli.main(args) == 1
    out = capsys.readouterr().out
    assert "What it breaks / wat het breekt:" in out
    assert "Tue 10 Mar 2026" in out and "Hto'er H works at the company" in out
    assert "Repair: shift changes among colleagues; every lesson stays" in out
    assert "E: C (op) works shift laat instead of shift vroeg on Tue 10 Mar 2026" in out
    assert "certified by the validator" in out
    assert cli.main([*args, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["repair"]["kind"] == "swap" and data["repair"]["certified"] is True
    assert data["repair"]["changes"] == [{"employer": "E", "staff": "C", "date": "2026-03-10", "before": "vroeg",
                                          "after": "laat", "skills": ["op"]}]
    assert data["repair"]["school_approves"] == {"en": [], "nl": []}


def test_roster_check_of_the_timetables_own_roster_exits_0(files, tmp_path, capsys):
    plan, tt = files
    items = [{"staff": s, "shift": sh, "day": d} for s, sh in (("H", "vroeg"), ("C", "vroeg"), ("D", "laat"))
             for d in DAYS]
    roster = _write(tmp_path, "roster.json", {"employer": "E", "week": "2026-03-09", "items": items})
    assert cli.main(["roster-check", str(plan), str(tt), "--week", "2026-03-09", str(roster)]) == 0
    assert "It breaks nothing / het breekt niets." in capsys.readouterr().out


@pytest.mark.parametrize(("roster", "fragments"), [
    ({"employer": "E", "items": [{"staff": "X", "shift": "laat", "day": "mon"}]}, ["items[0].staff", "unknown staff member 'X'"]),
    ({"employer": "E", "week": "2026-03-02", "items": []}, ["week", "2026-03-02, but --week is 2026-03-09"]),
    ({"employer": "E", "items": [], "extra": 1}, ["extra", "unknown field"]),
])
def test_roster_check_names_the_file_and_the_field(files, tmp_path, capsys, roster, fragments):
    plan, tt = files
    path = _write(tmp_path, "roster.json", roster)
    assert cli.main(["roster-check", str(plan), str(tt), "--week", "2026-03-09", str(path)]) == 1
    err = capsys.readouterr().err
    assert "roster.json" in err and all(f in err for f in fragments), err


@pytest.mark.parametrize(("args", "fragment"), [
    (["--week", "2026-03-10"], "is a Tuesday; a week is named by its Monday (2026-03-09)"),
    (["--week", "10-03-2026"], "is not a date: write it as YYYY-MM-DD"),
])
def test_roster_check_refuses_a_week_that_is_not_a_monday(files, tmp_path, capsys, args, fragment):
    plan, tt = files
    path = _write(tmp_path, "roster.json", _proposal())
    assert cli.main(["roster-check", str(plan), str(tt), str(path), *args]) == 1
    assert fragment in capsys.readouterr().err


def test_check_term_refuses_another_plans_timetable(files, tmp_path, capsys):
    plan, tt = files
    other = _plan()
    other["name"] = "another"
    other_path = _write(tmp_path, "other.json", other)
    assert cli.main(["check-term", str(other_path), str(tt), "--from", "2026-03-02", "--to", "2026-03-02"]) == 1
    assert "made for another plan" in capsys.readouterr().err


def test_schema_of_the_calendar_and_the_roster(capsys):
    assert cli.main(["schema", "--calendar"]) == 0
    calendar = json.loads(capsys.readouterr().out)
    assert set(calendar["properties"]) == {"employers", "schools", "regions"}
    assert cli.main(["schema", "--roster"]) == 0
    roster = json.loads(capsys.readouterr().out)
    assert set(roster["properties"]) == {"employer", "week", "items", "willing"}
    assert cli.main(["schema"]) == 0
    assert "schools" in json.loads(capsys.readouterr().out)["properties"]
