"""Teaching by hto'ers on the command line and in the views: open vacancies, each hto'er's teaching
minutes and what each employer releases (real solver, tiny plan)."""

from __future__ import annotations

import json

import pytest

from api import cli
from solver.domain import load_plan, load_timetable
from solver.io.views import write_views

PLAN = {
    "name": "cli-teaching",
    "schools": [{
        "id": "S1", "name": "Da Vinci",
        "periods": [{"day": d, "start": s, "end": e} for d in ("mon", "tue")
                    for s, e in (("08:30", "09:20"), ("09:20", "10:10"))],
        "groups": [{"id": "1a"}, {"id": "1b"}],
        "rooms": [{"id": "101"}, {"id": "102"}],
    }],
    "teachers": [{"id": "H"}, {"id": "T"}],
    "lessons": [
        {"id": "L1", "subject": "cnc", "groups": ["1a"], "candidates": ["H", "T"], "preferred_teachers": ["H"]},
        # a vacancy only H can teach, on monday, when H must stay at the company
        {"id": "V1", "subject": "cnc", "groups": ["1b"], "teacher": "H", "optional": True, "duration": 2},
    ],
    "employers": [{
        "id": "E1", "name": "Metaal BV",
        "shifts": [{"id": "day", "start": "07:00", "end": "15:00", "days": ["mon", "tue"],
                    "pauses": [{"start": "12:00", "end": "12:30"}]}],  # 8 h: the Atw asks for a break
        "demand": [{"skill": "cnc", "day": "mon", "start": "07:00", "end": "15:00", "min_staff": 1}],
        "staff": [{"id": "h", "skills": ["cnc"], "roster": [{"shift": "day", "day": "mon"}, {"shift": "day", "day": "tue"}]},
                  {"id": "x", "skills": ["cnc"], "roster": [{"shift": "day", "day": "tue"}]}],
    }],
    "htos": [{"id": "hto-h", "teacher": "H", "employer": "E1", "staff": "h", "travel_minutes": {"S1": 10},
              "release": {"allowed_days": ["mon"], "min_teaching_minutes": 0, "target_teaching_minutes": 50}}],
}


@pytest.fixture()
def plan_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PLAN), encoding="utf-8")
    return path


def test_solve_summary_and_views_report_teaching_and_vacancies(plan_file, capsys):
    """H may teach only on monday, where the window needs them all day: L1 goes to T (at the preference's
    cost) and the vacancy stays open; the summary, the timetable and the views say so."""
    assert cli.main(["solve", str(plan_file), "--time-limit", "10", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "Lessons placed / lessen ingeroosterd: 1/1" in out
    assert "Optional lessons (vacancies) placed / optionele lessen (vacatures) ingeroosterd: 0/1; open: 1 " \
           "(100 lesson-minutes / lesminuten)" in out
    assert "  V1 #0 @ S1: 100 min" in out
    assert "  hto-h: 0 (min 0, target/doel 50)" in out
    assert "vrijgesteld voor lesgeven (person-minutes / persoonsminuten): E1 0" in out
    assert "Hard violations / harde overtredingen: 0" in out
    timetable = load_timetable("timetable.json")
    assert [(v.lesson, v.minutes) for v in timetable.open_vacancies] == [("V1", 100)]
    write_views(load_plan(plan_file), timetable, plan_file.parent / "views")
    groups = (plan_file.parent / "views" / "groups.md").read_text(encoding="utf-8")
    assert "## Open vacatures / open vacancies" in groups and "Da Vinci: 1 open, 100 min (1:40 h)" in groups
    assert "V1 #0 cnc · 1b: 100 min" in groups
    htos = (plan_file.parent / "views" / "htos.md").read_text(encoding="utf-8")
    assert "lesgeven / teaching: 0 min (0:00 h) (min 0, doel / target 50 min)" in htos
    staffing = (plan_file.parent / "views" / "staffing.md").read_text(encoding="utf-8")
    assert "- Metaal BV: 0 min (0:00 h)" in staffing
    page = (plan_file.parent / "views" / "index.html").read_text(encoding="utf-8")
    assert "open vacatures / open vacancies: 1" in page and "<li>Metaal BV: 0 min (0:00 h)</li>" in page
