"""Untis GPU files, the leftovers of issue 22 (docs/untis.md): teachers' min/max periods a day and max gaps
(GPU004 8-11), free days as 'unspecified' requests (GPU016 without day and period), minute mode (GPU001 8),
dates (GPU002 15-16), multi-week lessons refused (GPU002 12), and an hto'er's company blocks over every week
of a rotating roster. Each round trip: hand-written files -> import -> solve (certified) -> export -> import."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from api import cli
from solver.domain import load_plan, load_timetable
from solver.io.untis import UntisError, read_untis
from solver.timeline import parse_hhmm
from solver.validate import validate

LIMITS = Path(__file__).parents[1] / "data" / "untis" / "limits"
AUTUMN = "2026-09-07"  # the first half year: lesson 9 (from February) is left out


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def _limits(plan) -> dict:
    """Per teacher: their day fields and the (type, number, weight) of each constraint that lists them."""
    out = {}
    for t in plan.teachers:
        own = sorted((c.type, getattr(c, "min_periods", None) or getattr(c, "max_periods", None)
                      or getattr(c, "max_gaps", None) or getattr(c, "max_days", None), c.weight)
                     for c in plan.constraints if t.id in getattr(c, "teachers", ()))
        out[t.id] = (t.max_periods_per_day, t.max_days_per_week, own)
    return out


def _shape(plan) -> dict:
    return {x.id: (tuple(x.groups), x.teacher, tuple(x.co_teachers), x.subject, tuple(x.rooms or ()), x.count,
                   x.duration) for x in plan.lessons}


def _solve(tmp_path, plan_path: Path) -> tuple:
    timetable = tmp_path / "tt.json"
    assert cli.main(["solve", str(plan_path), "-o", str(timetable), "--workers", "1", "--time-limit", "10"]) == 0
    plan, tt = load_plan(plan_path), load_timetable(timetable)
    assert validate(plan, tt).hard_violations == 0 and not tt.unplaced  # certified
    return plan, tt, timetable


def test_the_limits_free_days_minute_mode_and_dates_read_as_documented():
    plan = read_untis(LIMITS, on=date.fromisoformat(AUTUMN))
    assert _limits(plan) == {
        "VOL": (3, 2, [("max_gaps_per_week", 1, None), ("min_periods_per_day", 2, None)]),  # one free day of -3
        "JAN": (None, None, [("max_gaps_per_week", 2, None)]),
        "PIE": (None, None, []),
    }
    (free_day,) = [c for c in plan.constraints if c.groups]
    assert (free_day.type, free_day.groups, free_day.first_period, free_day.end_period, free_day.max_days,
            free_day.weight) == ("interval_max_days_per_week", ["1B"], 1, 5, 2, 10)  # one free day of -2
    lessons = {x.id: x for x in plan.lessons}
    assert "U9" not in lessons  # from February only
    assert [(c.day, c.period) for c in lessons["U2"].current] == [("mon", 3)]  # 01:40 in minute mode = 2 lesuren
    assert lessons["U2"].duration == 2
    spring = read_untis(LIMITS, on=date(2027, 3, 1))
    assert [(c.day, c.period) for x in spring.lessons if x.id == "U9" for c in x.current] == [("wed", 1)]


def test_round_trip_keeps_the_limits_and_free_days(tmp_path):
    first = tmp_path / "plan.json"
    assert cli.main(["import", "untis", str(LIMITS), "-o", str(first), "--on", AUTUMN]) == 0
    plan, tt, timetable = _solve(tmp_path, first)
    vol = [p for p in tt.placements if p.teacher == "VOL"]
    per_day = {d: sum(p.duration for p in vol if p.day == d) for d in {p.day for p in vol}}
    assert len(per_day) <= 2 and all(2 <= n <= 3 for n in per_day.values())  # what the validator certified
    out = tmp_path / "out"
    assert cli.main(["export", "untis", str(first), str(timetable), "-o", str(out)]) == 0
    gpu004 = {row[0]: row[7:11] for row in _rows(out / "GPU004.TXT")}
    assert gpu004["VOL"] == ["2", "3", "", "1"] and gpu004["JAN"] == ["", "", "", "2"]
    unspecified = [row for row in _rows(out / "GPU016.TXT") if row[2:4] == ["", ""]]
    assert sorted(unspecified) == [["K", "1B", "", "", "-2"], ["L", "VOL", "", "", "-3"]]
    assert cli.main(["import", "untis", str(out), "-o", str(tmp_path / "again.json")]) == 0
    again = load_plan(tmp_path / "again.json")
    assert _limits(again) == _limits(plan) and _shape(again) == _shape(plan)
    assert [c.model_dump() for c in again.constraints if c.groups] == [c.model_dump() for c in plan.constraints
                                                                       if c.groups]
    placed = {(p.lesson, p.day, p.period) for p in tt.placements}
    assert {(x.id, c.day, c.period) for x in again.lessons for c in x.current} == placed


def test_with_a_limit_weight_the_limits_are_weighted_and_come_back_so(tmp_path):
    first = tmp_path / "plan.json"
    assert cli.main(["import", "untis", str(LIMITS), "-o", str(first), "--on", AUTUMN, "--limit-weight", "7"]) == 0
    plan, tt, timetable = _solve(tmp_path, first)
    assert _limits(plan)["VOL"] == (None, 2, [("max_gaps_per_week", 1, 7), ("max_periods_per_day", 3, 7),
                                              ("min_periods_per_day", 2, 7)])  # the free day of -3 stays hard
    assert cli.main(["export", "untis", str(first), str(timetable), "-o", str(tmp_path / "out")]) == 0
    assert cli.main(["import", "untis", str(tmp_path / "out"), "-o", str(tmp_path / "again.json"),
                     "--limit-weight", "7"]) == 0
    assert _limits(load_plan(tmp_path / "again.json")) == _limits(plan)


def _edited(tmp_path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(LIMITS, folder)
    text = (folder / name).read_text(encoding="utf-8")
    assert old in text
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize("name, old, new, expected", [
    ("GPU002.TXT", '"E","102",,,,,', '"E","102",,,,"A",',
     "GPU002.TXT line 2 field 12 (Gruppe, multi-week model): lesson 2 is only in week(s) 'A'"),
    ("GPU001.TXT", "1,2,00:50", "1,2,00:45",
     "GPU001.TXT line 2 field 8 (Stundenlänge, minute mode): 00:45 is not a whole number of lesuren"),
    ("GPU001.TXT", "1,2,00:50", "1,2,50",
     "GPU001.TXT line 2 field 8 (Stundenlänge): '50' is not a length hh:mm"),
    ("GPU002.TXT", "20260817,20270716", "20261317,20270716", "GPU002.TXT line 1 field 15: '20261317' is not a date"),
    ("GPU002.TXT", "20260817,20270716", "20270817,20270716",
     "GPU002.TXT line 1 field 16: the lesson ends (2027-07-16) before it starts (2027-08-17, field 15)"),
    ("GPU004.TXT", '"JAN","Jansen",,,,,,,,0,2', '"JAN","Jansen",,,,,,,,1,2',
     "GPU004.TXT line 2 field 10 (min Hohlstd.): at least 1 free period(s) is not a rule here"),
    ("GPU004.TXT", '"VOL","Volkers",,,,,,2,3', '"VOL","Volkers",,,,,,4,3',
     "GPU004.TXT line 1 field 8: min 4 periods a day is above the max 3 (field 9)"),
    ("GPU016.TXT", '"L","VOL",,,-3', '"R","GYM",,,-3', "GPU016.TXT line 1 field 3: an unspecified request (no day, "
                                                      "no period) for a room has no rule here"),
    ("GPU016.TXT", '"L","VOL",,,-3', '"L","VOL",,2,-3', "GPU016.TXT line 1 field 3: a request with a period but "
                                                       "no day (a free half day?) has no rule here"),
    ("GPU016.TXT", '"L","VOL",,,-3', '"L","VOL",,,-3\n"L","VOL",0,0,-3\n"L","VOL",,,-2',
     "GPU016.TXT line 1 field 3: 3 free day(s) asked for teacher 'VOL', but the grid has only 3 day(s)"),
])
def test_what_does_not_map_is_refused_per_line_naming_the_field(tmp_path, capsys, name, old, new, expected):
    out = tmp_path / "plan.json"
    assert cli.main(["import", "untis", str(_edited(tmp_path, name, old, new)), "-o", str(out), "--on", AUTUMN]) == 1
    err = capsys.readouterr().err
    assert expected in " ".join(err.split()) and "Traceback" not in err
    assert not out.exists()


def test_without_on_a_lesson_of_other_dates_is_refused_naming_fields_15_and_16():
    with pytest.raises(UntisError) as caught:
        read_untis(LIMITS)
    assert caught.value.problems == [
        "GPU002.TXT line 7 fields 15-16 (Datum von/bis): lesson 9 runs 2027-02-01 … 2027-07-16, most lessons "
        "2026-08-17 … 2027-07-16; the plan is one week: give --on DATE to read the lessons of that day"]


# --- an hto'er on a rotating roster -----------------------------------------------------------------------

def _with_rotating_hto(plan_path: Path) -> None:
    """PIE is an hto'er of E, whose cycle is two weeks: early (06:00-10:00) Monday to Wednesday in week 1;
    late (14:00-22:00) Monday and Tuesday and early on Wednesday in week 2."""
    data = json.loads(plan_path.read_text(encoding="utf-8"))
    week1 = [{"shift": "vroeg", "day": d, "week": 1} for d in ("mon", "tue", "wed")]
    week2 = [{"shift": "laat", "day": d, "week": 2} for d in ("mon", "tue")] + [
        {"shift": "vroeg", "day": "wed", "week": 2}]
    data["employers"] = [{"id": "E", "cycle": {"weeks": 2}, "shifts": [
        {"id": "vroeg", "start": "06:00", "end": "10:00", "days": ["mon", "tue", "wed"]},
        {"id": "laat", "start": "14:00", "end": "22:00", "days": ["mon", "tue"],
         "pauses": [{"start": "18:00", "end": "18:30"}]}],
        "staff": [{"id": "P", "skills": ["op"], "roster": week1 + week2}]}]
    data["htos"] = [{"id": "hto-pie", "teacher": "PIE", "employer": "E", "staff": "P"}]
    plan_path.write_text(json.dumps(data), encoding="utf-8")


def test_company_blocks_of_every_week_of_a_rotation(tmp_path):
    """A lesuur the hto'er works in both weeks is -3; one they work in one week only is -2; the import reads
    the -3 back as hard blocks and the -2 as preferences."""
    first = tmp_path / "plan.json"
    assert cli.main(["import", "untis", str(LIMITS), "-o", str(first), "--on", AUTUMN]) == 0
    _with_rotating_hto(first)
    plan, tt, timetable = _solve(tmp_path, first)
    grid = {(p.day, n + 1): p for day in ("mon", "tue", "wed")
            for n, p in enumerate(sorted((x for x in plan.schools[0].periods if x.day == day), key=lambda x: x.start))}
    shifts = {s.id: s for s in plan.employers[0].shifts}
    blocked = []
    for week in (1, 2):  # from the roster of the plan, less what the timetable released
        items = [i for i in plan.employers[0].staff[0].roster if i.week == week]
        released = [(w.day, parse_hhmm(w.start), parse_hhmm(w.end)) for r in tt.rosters if r.week == week
                    for w in r.released]
        blocked.append({key for key, p in grid.items() for i in items if i.day == key[0]
                        and parse_hhmm(p.start) < parse_hhmm(shifts[i.shift].end)
                        and parse_hhmm(shifts[i.shift].start) < parse_hhmm(p.end)
                        and not any(d == key[0] and a <= parse_hhmm(p.start) and parse_hhmm(p.end) <= b
                                    for d, a, b in released)})
    assert blocked[0] and blocked[0] != blocked[1]
    out = tmp_path / "out"
    assert cli.main(["export", "untis", str(first), str(timetable), "-o", str(out)]) == 0
    days = ("mon", "tue", "wed")
    pie = {(days[int(row[2]) - 1], int(row[3])): int(row[4]) for row in _rows(out / "GPU016.TXT")
           if row[:2] == ["L", "PIE"] and row[2]}
    assert pie == {**{k: -2 for k in blocked[0] ^ blocked[1]}, **{k: -3 for k in blocked[0] & blocked[1]}}
    assert -3 in pie.values() and -2 in pie.values()
    assert cli.main(["import", "untis", str(out), "-o", str(tmp_path / "again.json")]) == 0
    (teacher,) = [t for t in load_plan(tmp_path / "again.json").teachers if t.id == "PIE"]
    back = {(w.day, w.start): (w.level, w.weight) for w in teacher.unavailable}
    assert back == {(d, grid[(d, n)].start): ("hard", None) if v == -3 else ("preference", 10)
                    for (d, n), v in pie.items()}


def test_export_refuses_a_school_of_several_weeks(tmp_path, capsys):
    first = tmp_path / "plan.json"
    assert cli.main(["import", "untis", str(LIMITS), "-o", str(first), "--on", AUTUMN]) == 0
    data = json.loads(first.read_text(encoding="utf-8"))
    data["schools"][0]["periods"] += [{**p, "day": p["day"] + "2"} for p in data["schools"][0]["periods"]]
    first.write_text(json.dumps(data), encoding="utf-8")
    tt = tmp_path / "tt.json"
    tt.write_text(json.dumps({"plan": data["name"]}), encoding="utf-8")
    assert cli.main(["export", "untis", str(first), str(tt), "-o", str(tmp_path / "out")]) == 1
    assert "a cycle of several weeks (lesuren on mon2" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
